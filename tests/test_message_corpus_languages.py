"""The message check in Spanish and French, measured on each language's own labelled drafts.

The same page script as in English (message-check.js) runs each language's corpus with that
language's phrases and spellings (content/xx/phrases.yml) on a built phase page whose
`<html lang>` is the language. tests/data/message_drafts.xx.yml is the set the rules were
written against; message_drafts_heldout.xx.yml was written after them and never used to tune
them. How a draft is counted: tests/message_corpus.py. Run with -s to see the figures; README.md
quotes them.

The pages are the real ones of each language's build (site/es/, site/fr/), whose guide has the
language's phrases swapped in (hooks/guide/content.py, hooks/guide/phrases.py).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from message_corpus import DANGER_IDS, TUNED, Floors, check_corpus, drafts
from support import guarded_context, site_content

pytestmark = pytest.mark.browser

LANGUAGES = ("es", "fr")
GUIDE = site_content().guide
PAGE = next(phase.id for phase in GUIDE.phases if phase.message_rules)

# The blind figures of each language's current held-out set (the fourth: each of the three
# before it was measured blind, then folded into the tuned set), rounded down: a floor that
# catches a change making things worse, not a target. README.md quotes the figures.
HELD_OUT = {
    "es": Floors(
        recall={"self-harm": 0.5, "threat": 0.35, "stop-pressure": 0.35, "around-block": 0.55, "wont-give-up": 0.4},
        right_rule=0.9,
        false_alarms=0.05,
    ),
    "fr": Floors(
        recall={"self-harm": 0.35, "threat": 0.3, "stop-pressure": 0.45, "around-block": 0.4, "wont-give-up": 0.3},
        right_rule=0.9,
        false_alarms=0.05,
    ),
}


@pytest.fixture(scope="session", params=LANGUAGES)
def language_page(request: pytest.FixtureRequest, languages_url: str) -> tuple[str, str]:
    """(language, the address of a phase page with the message check, in the built site of
    that language: site/xx/, as `make build` writes it)."""
    language: str = request.param
    return language, f"{languages_url}{language}/phases/{PAGE}/"


@pytest.fixture
def tab(browser: Any, language_page: tuple[str, str]) -> Iterator[Any]:
    """A fresh profile on the language's site: no request to another origin, no script error."""
    offsite: list[str] = []
    context = guarded_context(browser, language_page[1].split(f"{language_page[0]}/phases/")[0], offsite)
    errors: list[str] = []
    page = context.new_page()
    page.on("pageerror", lambda error: errors.append(str(error)))
    yield page
    context.close()
    assert errors == [] and offsite == [], (errors, offsite)


def test_the_page_reads_drafts_in_its_own_language(tab: Any, language_page: tuple[str, str]) -> None:
    language, url = language_page
    tab.goto(url)
    assert tab.evaluate("document.documentElement.lang") == language
    spellings = tab.locator("[data-sc-msg]").get_attribute("data-sc-spellings") or ""
    assert {"es": "xq=porque", "fr": "j'=je"}[language] in spellings.split(",")


def test_each_language_s_rules_catch_the_drafts_they_were_written_against(
    tab: Any, language_page: tuple[str, str], record_property: Any
) -> None:
    language, url = language_page
    check_corpus(
        tab,
        url,
        f"message_drafts.{language}.yml",
        at_least=300,
        floor=TUNED,
        title=f"message check ({language}), tuned set",
        record=lambda figures: record_property(f"tuned_{language}", figures.report("tuned")),
    )


def test_each_language_s_rules_generalise_to_drafts_written_after_them(
    tab: Any, language_page: tuple[str, str], record_property: Any
) -> None:
    language, url = language_page
    check_corpus(
        tab,
        url,
        f"message_drafts_heldout.{language}.yml",
        at_least=90,
        floor=HELD_OUT[language],
        title=f"message check ({language}), held-out set",
        record=lambda figures: record_property(f"held_out_{language}", figures.report("held-out")),
    )


# A draft of each danger class as a reader types it into the box, and one to send.
TYPED = {
    "es": {"self-harm": "ya no quiero vivir", "threat": "Te vas a arrepentir.", "harmless": "¿Qué tal el trabajo?"},
    "fr": {"self-harm": "j'veux plus vivre", "threat": "Tu vas le regretter.", "harmless": "Ça va le boulot ?"},
}


def test_a_danger_draft_typed_in_the_box_gets_do_not_send_and_its_section(
    tab: Any, language_page: tuple[str, str]
) -> None:
    language, url = language_page
    tab.goto(url)
    box = tab.locator("[data-sc-msg-draft]")
    for label, text in TYPED[language].items():
        box.fill(text)
        shown = tab.locator("[data-sc-danger]:not([hidden])")
        if label == "harmless":
            assert shown.count() == 0
            assert tab.locator("[data-sc-msg-summary]").is_visible()
            continue
        assert [shown.nth(i).get_attribute("data-sc-danger") for i in range(shown.count())] == [label], text
        assert tab.locator("[data-sc-msg-rules]").is_hidden()  # no score for a draft not to send
        if label == "self-harm":
            assert shown.locator("a[href^='tel:']").count() >= 1  # the crisis lines, to call now


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_draft_is_in_both_sets(language: str) -> None:
    tuned = {d.text.casefold() for d in drafts(f"message_drafts.{language}.yml")}
    held = {d.text.casefold() for d in drafts(f"message_drafts_heldout.{language}.yml")}
    assert not tuned & held


@pytest.mark.parametrize("language", LANGUAGES)
def test_each_corpus_has_every_class(language: str) -> None:
    for name in (f"message_drafts.{language}.yml", f"message_drafts_heldout.{language}.yml"):
        labels = {d.label for d in drafts(name)}
        assert labels == {*DANGER_IDS, "harmless"}, name
