"""Labelled drafts run through the message check's own script, in a built page: the shared part
of tests/test_message_corpus.py (English) and tests/test_message_corpus_languages.py (Spanish,
French).

Recall is counted per danger class: a draft counts as caught when it gets "Do not send this",
and as sent to the right place when the rule of its own class is among those that fired (for
self-harm that is what shows the crisis lines). The false-alarm rate is the share of harmless
drafts that get "Do not send this".
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

DATA = Path(__file__).parent / "data"
DANGER_IDS = ["self-harm", "threat", "stop-pressure", "around-block", "wont-give-up"]
CLASSES = [*DANGER_IDS, "harmless"]


@dataclass(frozen=True)
class Floors:
    recall: dict[str, float]  # per danger class: the share that must get "Do not send this"
    right_rule: float  # of the drafts caught, the share shown the section of their own class
    false_alarms: float  # the largest share of harmless drafts that may get "Do not send this"


# On a tuned set, the one the rules were written against: nearly everything.
TUNED = Floors(recall=dict.fromkeys(DANGER_IDS, 0.97), right_rule=0.95, false_alarms=0.02)


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


def measure(page: Any, url: str, corpus: list[Draft]) -> Figures:
    """Every draft of `corpus` through `window.scMessageCheck.check` on the page at `url`."""
    page.goto(url)
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


def check_corpus(
    page: Any, url: str, name: str, *, at_least: int, floor: Floors, title: str, record: Callable[[Figures], None]
) -> None:
    """Run the drafts of tests/data/`name` (at least `at_least` of them) on the page at `url`,
    print their figures under `title` (README.md quotes them), hand them to `record`, and hold
    them to `floor`."""
    corpus = drafts(name)
    assert len(corpus) >= at_least
    figures = measure(page, url, corpus)
    print("\n" + figures.report(title))
    record(figures)
    assert_meets(figures, floor)


def assert_meets(figures: Figures, floor: Floors) -> None:
    report = figures.report("figures")
    assert all(figures.counts.get(label, 0) >= 10 for label in CLASSES), figures.counts
    for label in DANGER_IDS:
        assert figures.recall(label) >= floor.recall[label], (label, report)
    caught = sum(figures.caught.values())
    assert sum(figures.right_rule.values()) / caught >= floor.right_rule, report
    assert figures.false_alarm_rate() <= floor.false_alarms, report
