"""The message check's danger rules, measured on labelled English drafts in the built page.

Every draft of tests/data/message_drafts.yml (the set the rules were written against) and
tests/data/message_drafts_heldout.yml (written after the rules, never used to tune them) goes
through the page's own script, `window.scMessageCheck.check`, on a built phase page in Chromium
(how it is counted: tests/message_corpus.py). Run with -s to see the figures; README.md quotes
them. Spanish and French: tests/test_message_corpus_languages.py.
"""

from __future__ import annotations

from typing import Any

import pytest

from message_corpus import DANGER_IDS, TUNED, Floors, check_corpus, drafts
from support import site_content

pytestmark = pytest.mark.browser

GUIDE = site_content().guide
PAGE = next(phase.id for phase in GUIDE.phases if phase.message_rules)

# On the held-out set, the blind figures measured when it was written, rounded down: a floor
# that catches a rule change making things worse, not a target (README.md quotes the figures).
HELD_OUT = Floors(
    recall={"self-harm": 0.9, "threat": 0.45, "stop-pressure": 0.6, "around-block": 0.9, "wont-give-up": 0.9},
    right_rule=0.9,
    false_alarms=0.05,
)


def test_the_danger_classes_are_the_guide_s_danger_rules() -> None:
    # Each class of the corpus is one rule of `message_danger`, so each has its safety section.
    assert [rule.id for rule in GUIDE.message_danger] == DANGER_IDS
    crisis = next(rule for rule in GUIDE.message_danger if rule.id == "self-harm")
    assert crisis.section == "crisis"


def test_the_rules_catch_the_drafts_they_were_written_against(page: Any, record_property: Any) -> None:
    check_corpus(
        page,
        f"phases/{PAGE}/",
        "message_drafts.yml",
        at_least=500,
        floor=TUNED,
        title="message check, tuned set",
        record=lambda figures: record_property("tuned", figures.report("tuned")),
    )


def test_the_rules_generalise_to_drafts_written_after_them(page: Any, record_property: Any) -> None:
    check_corpus(
        page,
        f"phases/{PAGE}/",
        "message_drafts_heldout.yml",
        at_least=90,
        floor=HELD_OUT,
        title="message check, held-out set",
        record=lambda figures: record_property("held_out", figures.report("held-out")),
    )


def test_no_draft_is_in_both_sets() -> None:
    tuned = {d.text.casefold() for d in drafts("message_drafts.yml")}
    held = {d.text.casefold() for d in drafts("message_drafts_heldout.yml")}
    assert not tuned & held
