"""The message check's detection, measured on labelled drafts in English, Spanish and French.

Each language has two halves (tests/data/drafts/): `tune.xx.yml`, which the rules and the
learned backstop are written and trained against, and `heldout.xx.yml`, written blind before
this round's rule work by writers who had seen neither the rules nor the other half, and then
frozen (its hash is pinned below). Rule work never reads the held-out half, and this module
never prints its drafts, only its figures: printing its misses would invite tuning to them.
How a draft is counted: tests/message_corpus.py. Run with -s to see the figures; the README
quotes them. Detection is a backstop: the tool's safety does not rest on it (the stop question
comes first, and nothing is ever approved: tests/test_browser_message_check.py).
"""

from __future__ import annotations

import hashlib

import pytest

from message_corpus import CLASSES, DATA, GROUPS, LANGUAGES, Figures, drafts, measure

# Each held-out file as it was frozen on 2026-12-07 (the third set of that day, 400 drafts each). A new held-out set is a new hash, with
# its blind figures in the commit that adds it; an edit to this one is never a fix.
FROZEN = {
    "en": "63a9a85f163b95f26c777ca799cd62728282714b03bc819d57cffbba3affef0d",
    "es": "2cfe74f25e36c2c6c00f6ff69b530cab747c6b6f4f1ec0ef80bef95502c02f88",
    "fr": "3458d2c238b8b887e7cedfbae1d8d622f7340afee441cc73f0cfa40d25e7a1ad",
}

# The issue's targets on drafts never seen (at least, per group; false alarms at most).
TARGET = {"pushing": 0.9, "watching": 0.9, "threat": 0.9, "self-harm": 0.9, "guilt": 0.75}
TARGET_FALSE_ALARMS = 0.03

# What the held-out halves measured when this round's work was done (README), each rounded down
# to a multiple of 5% (false alarms: up to 0.5%): a floor that catches a change making things
# worse, not a target. Most figures are below TARGET; raise a floor only when a change, made
# without reading the held-out half, lifts it. With 45 to 90 drafts a group, one draft moves a
# figure by 1.1 to 2.2 points, and one false alarm by 0.8.
HELD_OUT_FLOOR: dict[str, dict[str, float]] = {
    "en": {"pushing": 0.85, "watching": 0.75, "threat": 0.8, "self-harm": 0.75, "guilt": 0.85, "false_alarms": 0.01},
    "es": {"pushing": 0.9, "watching": 0.8, "threat": 0.85, "self-harm": 0.85, "guilt": 0.85, "false_alarms": 0.02},
    "fr": {"pushing": 0.95, "watching": 0.8, "threat": 0.8, "self-harm": 0.8, "guilt": 0.95, "false_alarms": 0.04},
}
# Self-harm drafts whose first verdict is the crisis lines, as measured (the target is all of them).
HELD_OUT_CRISIS_FIRST = {"en": 33, "es": 35, "fr": 37}
# On the tuning half, as measured (rounded down to 5%). The model is trained on all of it, but
# the rules were written before most of its drafts (each round of blind writers since the
# first), so these sit well below a fit.
TUNED_FLOOR: dict[str, dict[str, float]] = {
    "en": {"pushing": 0.85, "watching": 0.75, "threat": 0.8, "self-harm": 0.75, "guilt": 0.8, "false_alarms": 0.015},
    "es": {"pushing": 0.9, "watching": 0.85, "threat": 0.85, "self-harm": 0.85, "guilt": 0.85, "false_alarms": 0.02},
    "fr": {"pushing": 0.9, "watching": 0.85, "threat": 0.8, "self-harm": 0.85, "guilt": 0.85, "false_alarms": 0.02},
}


def assert_floor(figures: Figures, floor: dict[str, float], report: str) -> None:
    for group in GROUPS:
        assert figures.recall(group) >= floor[group], (group, report)
    assert figures.false_alarm_rate() <= floor["false_alarms"], report


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_held_out_half_is_the_frozen_one(language: str) -> None:
    assert hashlib.sha256((DATA / f"heldout.{language}.yml").read_bytes()).hexdigest() == FROZEN[language]


@pytest.mark.parametrize("language", LANGUAGES)
def test_each_language_has_400_drafts_of_every_class_in_two_halves_that_share_none(language: str) -> None:
    tune, held = drafts(f"tune.{language}.yml"), drafts(f"heldout.{language}.yml")
    assert len(tune) >= 200 and len(held) >= 200 and len(tune) + len(held) >= 400
    for half in (tune, held):
        assert {d.label for d in half} == set(CLASSES)
    shared = {d.text.casefold() for d in tune} & {d.text.casefold() for d in held}
    assert not shared, f"{len(shared)} drafts are in both halves: take them out of the tuning half"  # never shown


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_rules_catch_the_half_they_were_written_against(language: str, record_property: object) -> None:
    figures = measure(language, drafts(f"tune.{language}.yml"))
    report = figures.report(f"message check ({language}), tuning half")
    print("\n" + report)
    assert_floor(figures, TUNED_FLOOR[language], report)


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_held_out_half_s_figures(language: str) -> None:
    figures = measure(language, drafts(f"heldout.{language}.yml"), with_misses=False)
    report = figures.report(f"message check ({language}), held-out half")
    below = [group for group in GROUPS if figures.recall(group) < TARGET[group]]
    if figures.false_alarm_rate() > TARGET_FALSE_ALARMS:
        below.append("false alarms")
    print("\n" + report + (f"\n  below the issue's targets: {', '.join(below)}" if below else "\n  every target met"))
    assert_floor(figures, HELD_OUT_FLOOR[language], report)
    assert figures.crisis_first >= HELD_OUT_CRISIS_FIRST[language], report
