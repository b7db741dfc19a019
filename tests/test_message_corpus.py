"""The message check's danger rules, measured on labelled drafts in the built page.

Every draft of tests/data/message_drafts.yml (the set the rules were written against) and
tests/data/message_drafts_heldout.yml (written after the rules, never used to tune them) goes
through the page's own script, `window.scMessageCheck.check`, on a built phase page in Chromium.
Recall is counted per danger class: a draft counts as caught when it gets "Do not send this",
and as sent to the right place when the rule of its own class is among those that fired (for
self-harm that is what shows the crisis lines). The false-alarm rate is the share of harmless
drafts that get "Do not send this". Run with -s to see the figures; README.md quotes them.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml

from guide.content import load_content
from support import ROOT

pytestmark = pytest.mark.browser

DATA = Path(__file__).parent / "data"
GUIDE = load_content(ROOT / "content").guide
DANGER_IDS = [rule.id for rule in GUIDE.message_danger]
CLASSES = [*DANGER_IDS, "harmless"]
PAGE = next(phase.id for phase in GUIDE.phases if phase.message_rules)


@dataclass(frozen=True)
class Floors:
    recall: dict[str, float]  # per danger class: the share that must get "Do not send this"
    right_rule: float  # of the drafts caught, the share shown the section of their own class
    false_alarms: float  # the largest share of harmless drafts that may get "Do not send this"


# The least the rules must reach, per danger class (recall) and for harmless drafts (the most
# false alarms). On the tuned set the rules were written against, nearly everything. On the
# held-out set, the blind figures measured when it was written, rounded down: a floor that
# catches a rule change making things worse, not a target (README.md quotes the figures).
TUNED = Floors(recall=dict.fromkeys(DANGER_IDS, 0.97), right_rule=0.95, false_alarms=0.02)
HELD_OUT = Floors(
    recall={"self-harm": 0.9, "threat": 0.45, "stop-pressure": 0.6, "around-block": 0.9, "wont-give-up": 0.9},
    right_rule=0.9,
    false_alarms=0.05,
)


@dataclass(frozen=True)
class Draft:
    text: str
    label: str


def drafts(name: str) -> list[Draft]:
    data = yaml.safe_load((DATA / name).read_text(encoding="utf-8"))
    found = [Draft(str(item["text"]), str(item["class"])) for item in data["drafts"]]
    unknown = {d.label for d in found} - set(CLASSES)
    assert not unknown, f"{name}: unknown classes {unknown}; use one of {CLASSES}"
    return found


@dataclass(frozen=True)
class Figures:
    counts: dict[str, int]
    caught: dict[str, int]  # drafts of a danger class that got "Do not send this"
    right_rule: dict[str, int]  # ... and the rule of their own class among those that fired
    false_alarms: int
    misses: list[str]

    def recall(self, label: str) -> float:
        return self.caught.get(label, 0) / self.counts[label]

    def right(self, label: str) -> float:
        return self.right_rule.get(label, 0) / self.counts[label]

    def false_alarm_rate(self) -> float:
        return self.false_alarms / self.counts["harmless"]

    def report(self, title: str) -> str:
        lines = [f"{title}: {sum(self.counts.values())} drafts"]
        for label in DANGER_IDS:
            lines.append(
                f"  {label:14} {self.counts[label]:3} drafts  recall {self.recall(label):6.1%}"
                f"  right section {self.right(label):6.1%}"
            )
        danger = sum(self.counts[label] for label in DANGER_IDS)
        caught = sum(self.caught.get(label, 0) for label in DANGER_IDS)
        lines.append(f"  {'all danger':14} {danger:3} drafts  recall {caught / danger:6.1%}")
        lines.append(
            f"  {'harmless':14} {self.counts['harmless']:3} drafts  false alarms {self.false_alarms}"
            f" ({self.false_alarm_rate():.1%})"
        )
        return "\n".join([*lines, *(f"    {miss}" for miss in self.misses)])


def measure(page: Any, corpus: list[Draft]) -> Figures:
    page.goto(f"phases/{PAGE}/")
    results = page.evaluate(
        "(texts) => texts.map((t) => window.scMessageCheck.check(t, document.querySelector('[data-sc-msg]')).danger)",
        [d.text for d in corpus],
    )
    counts = Counter(d.label for d in corpus)
    caught: Counter[str] = Counter()
    right: Counter[str] = Counter()
    misses = []
    alarms = 0
    for draft, fired in zip(corpus, results, strict=True):
        if draft.label == "harmless":
            if fired:
                alarms += 1
                misses.append(f"false alarm ({', '.join(fired)}): {draft.text}")
            continue
        caught[draft.label] += bool(fired)
        right[draft.label] += draft.label in fired
        if not fired:
            misses.append(f"missed {draft.label}: {draft.text}")
        elif draft.label not in fired:
            misses.append(f"{draft.label} shown as {', '.join(fired)}: {draft.text}")
    return Figures(dict(counts), dict(caught), dict(right), alarms, misses)


def assert_meets(figures: Figures, floor: Floors) -> None:
    report = figures.report("figures")
    assert all(figures.counts.get(label, 0) >= 10 for label in CLASSES), figures.counts
    for label in DANGER_IDS:
        assert figures.recall(label) >= floor.recall[label], (label, report)
    caught = sum(figures.caught.values())
    assert sum(figures.right_rule.values()) / caught >= floor.right_rule, report
    assert figures.false_alarm_rate() <= floor.false_alarms, report


def test_the_danger_classes_are_the_guide_s_danger_rules() -> None:
    # Each class of the corpus is one rule of `message_danger`, so each has its safety section.
    assert DANGER_IDS == ["self-harm", "threat", "stop-pressure", "around-block", "wont-give-up"]
    crisis = next(rule for rule in GUIDE.message_danger if rule.id == "self-harm")
    assert crisis.section == "crisis"


def test_the_rules_catch_the_drafts_they_were_written_against(page: Any, record_property: Any) -> None:
    corpus = drafts("message_drafts.yml")
    assert len(corpus) >= 500
    figures = measure(page, corpus)
    print("\n" + figures.report("message check, tuned set"))
    record_property("tuned", figures.report("tuned"))
    assert_meets(figures, TUNED)


def test_the_rules_generalise_to_drafts_written_after_them(page: Any, record_property: Any) -> None:
    corpus = drafts("message_drafts_heldout.yml")
    assert len(corpus) >= 90
    figures = measure(page, corpus)
    print("\n" + figures.report("message check, held-out set"))
    record_property("held_out", figures.report("held-out"))
    assert_meets(figures, HELD_OUT)


def test_no_draft_is_in_both_sets() -> None:
    tuned = {d.text.casefold() for d in drafts("message_drafts.yml")}
    held = {d.text.casefold() for d in drafts("message_drafts_heldout.yml")}
    assert not tuned & held
