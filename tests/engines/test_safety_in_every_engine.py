"""The safety promises in WebKit and Firefox, as Chromium's tests check them: no page of the
site after the exit (by click or by Shift three times), ticks kept only by choice, triage
answers cleared on every show, the message-check draft emptied."""

from __future__ import annotations

import json
from typing import Any

import pytest

from engines.conftest import CONTENT, EngineSite
from engines.tabs import by_text, checkbox_for, reload_page, wait_for_load, wait_for_url, wait_until

# One worker runs every engine test: one build of the engines' site, one Xvfb, one Firefox.
pytestmark = [pytest.mark.browser, pytest.mark.engines, pytest.mark.xdist_group("engines")]

FIRST = CONTENT.guide.phases[0]
KEY = "second-chance:checklist"
EXIT = by_text("a", CONTENT.safety.quick_exit.label, ending=True)
# A phase page with the message check on it.
DRAFT_PHASE = next(p for p in CONTENT.guide.phases if p.message_rules)


def link_to(path: str) -> str:
    """The first link shown in the page's content that goes to `path`."""
    return f"[...document.querySelectorAll('article a[href]')].find(a => a.getClientRects().length && new URL(a.href).pathname.endsWith({json.dumps('/' + path)}))"


def click_through(tab: Any, site: EngineSite, *paths: str) -> None:
    """Follow links in the content from page to page, as a reader would. Material's instant
    navigation changes the address at the click and swaps the article in only when the new
    page has come, so wait for the new article, not only the address: an element found in
    between belongs to the old page and is gone a moment later."""
    for path in paths:
        tab.js("void (window.__scOldArticle = document.querySelector('article'))")
        tab.click(link_to(path))
        wait_for_url(tab, site.url + path)
        wait_for_load(tab)
        wait_until(
            lambda: tab.js("document.querySelector('article') !== (window.__scOldArticle || null)"),
            "the new page's article",
        )


def assert_back_never_returns(tab: Any, site: EngineSite) -> None:
    wait_for_url(tab, site.exit_url)
    for _ in range(3):
        tab.back()
        wait_for_load(tab)
        assert not tab.url().startswith(site.url), f"{tab.engine}: Back showed {tab.url()}"


@pytest.mark.parametrize("how", ["click", "shift"])
def test_after_the_exit_back_never_shows_a_page_of_the_site(tab: Any, engine_site: EngineSite, how: str) -> None:
    tab.goto(engine_site.start_url)
    tab.goto(engine_site.url)
    click_through(tab, engine_site, "triage/")
    tab.click("document.querySelector('input[type=radio][value=yes]')")
    click_through(tab, engine_site, "safety/")
    if how == "click":
        tab.click(EXIT)
    else:
        tab.click("document.querySelector('article h1')")  # the page has focus, no field does
        for _ in range(3):
            tab.press_shift()
    assert_back_never_returns(tab, engine_site)


def test_shift_three_times_leaves_from_a_phase_page(tab: Any, engine_site: EngineSite) -> None:
    tab.goto(engine_site.url + f"phases/{FIRST.id}/")
    tab.click("document.querySelector('article h1')")
    for _ in range(2):
        tab.press_shift()
    assert tab.url().startswith(engine_site.url), "left after two presses"
    tab.press_shift()
    wait_for_url(tab, engine_site.exit_url)


def saved(tab: Any) -> Any:
    return tab.js(f"JSON.parse(localStorage.getItem('{KEY}'))")


def test_ticks_are_kept_only_by_choice_and_cleared_on_request(tab: Any, engine_site: EngineSite) -> None:
    first, second = (item.text for item in FIRST.checklist[:2])
    tab.goto(engine_site.url + f"phases/{FIRST.id}/")
    tab.click(by_text("label", first))
    assert tab.js(f"{checkbox_for(first)}.checked") is True
    assert tab.js("localStorage.length") == 0, "a tick was stored before the reader chose"
    reload_page(tab)
    assert tab.js(f"{checkbox_for(first)}.checked") is False, "an unkept tick outlived the page"

    tab.click(by_text("label", first))
    tab.click(by_text("button", "Keep on this device"))
    tab.click(by_text("label", second))
    assert saved(tab) == {"version": 2, "done": [item.id for item in FIRST.checklist[:2]]}
    reload_page(tab)
    assert tab.js(f"[{checkbox_for(first)}.checked, {checkbox_for(second)}.checked]") == [True, True]

    # It asks first with confirm(). The answer is given here, in the page: Firefox can end the
    # click's action with an error while a native prompt opens, and report the prompt only
    # later. The prompt itself is tested in Chromium (tests/test_browser_checklist.py).
    tab.js("void (window.confirm = () => true)")
    tab.click(by_text("button", "Stop keeping them"))
    wait_until(lambda: tab.js("localStorage.length") == 0, "the saved ticks to be removed")
    reload_page(tab)
    assert tab.js(f"{checkbox_for(first)}.checked") is False


def test_triage_answers_are_cleared_on_every_show(tab: Any, engine_site: EngineSite) -> None:
    tab.goto(engine_site.url + "triage/")
    tab.click("document.querySelector('input[type=radio][value=yes]')")
    assert tab.js("document.querySelectorAll('input[type=radio]:checked').length") == 1
    reload_page(tab)  # browsers restore form fields on reload unless the page says no
    # triage.js clears them when the page shows (pageshow comes just after load).
    wait_until(
        lambda: tab.js("document.querySelectorAll('input[type=radio]:checked').length") == 0,
        "the answers to be cleared on show",
    )
    tab.click("document.querySelector('input[type=radio][value=yes]')")
    click_through(tab, engine_site, "safety/")
    tab.goto(engine_site.url + "triage/")
    assert tab.js("document.querySelectorAll('input[type=radio]:checked').length") == 0


def test_the_message_check_asks_the_stop_question_before_any_box(tab: Any, engine_site: EngineSite) -> None:
    box = "document.querySelector('article textarea')"
    closed = "document.querySelector('[data-sc-message-check-closed]')"
    tab.goto(engine_site.url + f"phases/{DRAFT_PHASE.id}/")
    wait_for_load(tab)
    assert tab.js(f"{box}.getClientRects().length") == 0, "a text box before the stop question was answered"
    tab.click(f"document.getElementById('sc-message-check-stop-{DRAFT_PHASE.id}-yes')")
    wait_until(lambda: tab.js(f"{closed}.getClientRects().length") > 0, "contact is over, after a Yes")
    assert tab.js(f"{box}.getClientRects().length") == 0, "a text box after a Yes"
    tab.click(f"document.getElementById('sc-message-check-stop-{DRAFT_PHASE.id}-no')")
    wait_until(lambda: tab.js(f"{box}.getClientRects().length") > 0, "the box, after a No")
    tab.type_into(box, "I know you said leave me alone, but I need to see you.")
    wait_until(
        lambda: (
            tab.js("document.querySelector('[data-sc-message-check-danger=stop-pressure]').getClientRects().length") > 0
        ),
        "do not send this (the rules fetched on the No)",
    )


def test_the_message_draft_is_emptied_on_reload_and_on_the_exit(tab: Any, engine_site: EngineSite) -> None:
    box = "document.querySelector('article textarea')"
    no = f"document.getElementById('sc-message-check-stop-{DRAFT_PHASE.id}-no')"
    tab.goto(engine_site.url + f"phases/{DRAFT_PHASE.id}/")
    wait_for_load(tab)
    tab.click(no)
    tab.type_into(box, "I miss us")
    assert tab.js(f"{box}.value") == "I miss us"
    reload_page(tab)
    assert tab.js(f"{box}.value") == "", "the draft came back after a reload"
    assert tab.js(f"{no}.checked") is False, "the answer came back after a reload"
    tab.click(no)
    tab.type_into(box, "I miss us")
    # Noted when the exit announces it is leaving (`sc:exit`, after the components' own
    # listeners), where the site's origin can read it back afterwards in this tab: the draft
    # must already be gone by then. No event at all leaves nothing noted, and fails too.
    tab.js(f"void document.addEventListener('sc:exit', () => sessionStorage.setItem('draft-at-exit', {box}.value))")
    tab.click(EXIT)
    wait_for_url(tab, engine_site.exit_url)
    tab.goto(engine_site.url + "about/")
    assert tab.js("sessionStorage.getItem('draft-at-exit')") == ""
