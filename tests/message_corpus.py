"""Labelled drafts run through the page's own reading of a draft (message-match.js, in Node),
with each language's real rules file (guide.rendering.markdown.message_rules): the shared part of
tests/unit/test_message_corpus.py. No build and no browser: the whole corpus takes about a second.

Recall is counted per class: a draft counts as caught when it gets "Do not send this". The
issue's classes group the rules: `pushing` is going on after a stop, going around a block and
not giving up. The false-alarm rate is the share of harmless drafts that get "Do not send this".
"""

from __future__ import annotations

import functools
import json
import subprocess
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import yaml

from guide.content.loading import load_content
from guide.message_check.model import SAFE_YAML
from guide.message_check.rules import rules_data

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).parent / "data" / "drafts"
JUDGE = Path(__file__).parent / "js" / "judge.cjs"
LANGUAGES = ("en", "es", "fr")
DANGER_IDS = ["self-harm", "threat", "watching", "stop-pressure", "around-block", "wont-give-up", "guilt"]
CLASSES = [*DANGER_IDS, "harmless"]
GROUPS = {  # the classes the figures are reported in: each rule id in one
    "pushing": ("stop-pressure", "around-block", "wont-give-up"),
    "watching": ("watching",),
    "threat": ("threat",),
    "self-harm": ("self-harm",),
    "guilt": ("guilt",),
}


@dataclass(frozen=True)
class Draft:
    text: str
    label: str


def drafts(name: str) -> list[Draft]:
    data = yaml.load(
        (DATA / name).read_text(encoding="utf-8"), Loader=SAFE_YAML
    )  # libyaml: many tests read these files
    found = [Draft(str(item["text"]), str(item["class"])) for item in data["drafts"]]
    unknown = {d.label for d in found} - set(CLASSES)
    assert not unknown, f"{name}: unknown classes {unknown}; use one of {CLASSES}"
    return found


@functools.cache
def rules(language: str) -> dict[str, object]:
    content = load_content(ROOT / "content", language=language)
    return rules_data(content.guide, language, content.message_model)


@functools.cache
def rules_alone(language: str) -> dict[str, object]:
    """The rules without the learned backstop, so every rule's hit counts (no gate)."""
    return rules_data(load_content(ROOT / "content", language=language).guide, language)


def judge(language: str, texts: list[str], phase: str = "reconnect") -> list[dict[str, list[str]]]:
    """Each text as the page reads it: {danger: [rule ids], found: [the phase's point ids]}."""
    return judge_with(rules(language), texts, phase)


def judge_with(data: Mapping[str, object], texts: list[str], phase: str = "reconnect") -> list[dict[str, list[str]]]:
    """Each text read by message-match.js with the rules `data` (the rules file's form)."""
    payload = json.dumps({"rules": data, "phase": phase, "drafts": texts})
    done = subprocess.run(["node", str(JUDGE)], input=payload, capture_output=True, text=True, check=True)
    return list(json.loads(done.stdout))


@dataclass(frozen=True)
class Figures:
    counts: dict[str, int]  # per group, and harmless
    caught: dict[str, int]
    crisis_first: int  # self-harm drafts whose first verdict is self-harm's
    false_alarms: int
    misses: list[str]

    def recall(self, group: str) -> float:
        return self.caught.get(group, 0) / self.counts[group]

    def false_alarm_rate(self) -> float:
        return self.false_alarms / self.counts["harmless"]

    def report(self, title: str) -> str:
        lines = [f"{title}: {sum(self.counts.values())} drafts"]
        for group in GROUPS:
            lines.append(f"  {group:10} {self.counts[group]:4} drafts  caught {self.recall(group):6.1%}")
        lines.append(
            f"  {'harmless':10} {self.counts['harmless']:4} drafts  false alarms {self.false_alarms}"
            f" ({self.false_alarm_rate():.1%})"
        )
        lines.append(
            f"  self-harm drafts that lead with the crisis lines: {self.crisis_first} of {self.counts['self-harm']}"
        )
        return "\n".join([*lines, *(f"    {miss}" for miss in self.misses)])


def measure(language: str, corpus: list[Draft], *, with_misses: bool = True) -> Figures:
    """`corpus`'s figures; without `with_misses` (a held-out half) no draft's text is kept, so
    no failure message or report can show one."""
    results = judge(language, [d.text for d in corpus])
    group_of = {rule: group for group, ids in GROUPS.items() for rule in ids}
    counts: Counter[str] = Counter()
    caught: Counter[str] = Counter()
    crisis_first = alarms = 0
    misses = []
    for draft, result in zip(corpus, results, strict=True):
        fired = result["danger"]
        group = group_of.get(draft.label, "harmless")
        counts[group] += 1
        if group == "harmless":
            alarms += bool(fired)
            if fired:
                misses.append(f"false alarm ({', '.join(fired)}): {draft.text}")
            continue
        caught[group] += bool(fired)
        if draft.label == "self-harm":
            crisis_first += bool(fired) and fired[0] == "self-harm"
        if not fired:
            misses.append(f"missed {draft.label}: {draft.text}")
    return Figures(dict(counts), dict(caught), crisis_first, alarms, misses if with_misses else [])
