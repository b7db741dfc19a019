"""Is this guide for you? (triage.js, triage.md.j2, .sc-triage) in Chromium."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from guide.content.loading import load_content
from sitetools import CHROMIUM_FLAGS
from support import ENGINES, FULL_CHROMIUM, ROOT, guarded_context

pytestmark = pytest.mark.browser

CONTENT = load_content(ROOT / "content")
FIRST = CONTENT.guide.phases[0]


def test_any_yes_in_the_triage_points_to_the_safety_page(page: Any) -> None:
    page.goto("triage/")
    yes_box = page.locator(".sc-triage__result--yes")
    assert not yes_box.is_visible()
    page.locator("input[type=radio][value=yes]").first.check()
    assert yes_box.is_visible()
    # Every link in the "yes" result leads to the safety page: the crisis lines first, then
    # the section that fits the reader.
    hrefs = yes_box.get_by_role("link").evaluate_all("links => links.map(a => a.getAttribute('href'))")
    assert hrefs and all("/safety/" in href for href in hrefs if not href.startswith(("tel:", "sms:")))
    yes_box.get_by_role("link", name="if you were harmed").click()
    page.wait_for_url("**/safety/#if-you-were-harmed")


def test_a_yes_answers_beside_the_question_and_turns_the_page_to_safety(phone: Any) -> None:
    phone.goto("triage/")
    questions = phone.locator(".sc-triage__question")
    assert questions.count() == len(CONTENT.safety.triage.questions)
    second = questions.nth(1)
    assert not second.locator(".sc-triage__stop").is_visible()
    second.locator("input[value=yes]").check()
    note = second.locator(".sc-triage__stop")
    assert note.is_visible()
    radio, box = second.locator("input[value=yes]").bounding_box(), note.bounding_box()
    assert radio and box and box["y"] - radio["y"] < 844 / 2, "the answer shows within the same screen"
    live = phone.locator("[data-sc-triage-live]")
    assert "does not apply" in live.inner_text() and live.get_attribute("aria-live") == "polite"
    assert phone.locator(".md-footer__link--next").get_attribute("href").endswith("/safety/")
    assert "Safety" in phone.locator(".md-footer__link--next").inner_text()
    # No way to phase one is visible or reachable with the keyboard.
    first_phase = phone.locator(f"a[href*='phases/{FIRST.id}/']")
    for index in range(first_phase.count()):
        link = first_phase.nth(index)
        assert not link.is_visible()
        assert link.evaluate("a => { a.focus(); return document.activeElement !== a; }")
    # Answering No again gives the way back.
    second.locator("input[value=no]").check()
    assert phone.locator(".md-footer__link--next").get_attribute("href").endswith(f"/phases/{FIRST.id}/")


@pytest.mark.parametrize("site_url", ENGINES, indirect=True)  # on the hooks' build and on Zensical's
def test_triage_answers_are_never_restored(phone: Any) -> None:
    phone.goto("triage/")
    phone.locator("input[type=radio][value=yes]").first.check()
    phone.reload()
    phone.wait_for_load_state("load")
    assert phone.locator("input[type=radio]:checked").count() == 0
    # A page shown again from the back-forward cache is cleared too.
    phone.locator("input[type=radio][value=yes]").first.check()
    phone.evaluate("() => window.dispatchEvent(new PageTransitionEvent('pageshow', {persisted: true}))")
    assert phone.locator("input[type=radio]:checked").count() == 0


@pytest.fixture(scope="module")
def restoring_browser(browser: Any) -> Iterator[Any]:
    """Chromium with its back-forward cache on (Playwright turns it off by default), so Back
    restores a page as a reader's browser does, with its scripts' state as it was left. The
    full browser: the headless shell the other tests use never restores a page from it
    (notRestoredReasons: "masked")."""
    chromium = browser.browser_type.launch(
        executable_path=FULL_CHROMIUM, args=list(CHROMIUM_FLAGS), ignore_default_args=["--disable-back-forward-cache"]
    )
    yield chromium
    chromium.close()


@pytest.mark.parametrize("site_url", ENGINES, indirect=True)  # on the hooks' build and on Zensical's
def test_after_back_nothing_of_a_yes_is_left_to_see_or_hear(restoring_browser: Any, site_url: str) -> None:
    offsite: list[str] = []
    context = guarded_context(restoring_browser, site_url, offsite)
    try:
        page = context.new_page()
        page.add_init_script("addEventListener('pageshow', (e) => { window.__restored = e.persisted; })")
        page.goto("triage/")
        live = page.locator("[data-sc-triage-live]")
        page.locator("input[type=radio][value=yes]").first.check()
        assert "This guide is not for you" in str(live.text_content())
        # A request still open when the page is left keeps Chromium from keeping it for Back:
        # Material fetches the sitemap after load, and once, in five runs, it was still coming.
        page.wait_for_load_state("networkidle")
        page.goto(site_url + "about/")  # a full load, as a link from elsewhere would be
        page.go_back(wait_until="commit")  # a restored page has no load event
        page.wait_for_function("() => window.__restored !== undefined")
        why = page.evaluate("() => JSON.stringify(performance.getEntriesByType('navigation')[0]?.notRestoredReasons)")
        assert page.evaluate("() => window.__restored") is True, (
            f"expected a restore from the back-forward cache: {why}"
        )
        # The radios are cleared, the phase links back, and the live region says nothing.
        assert page.locator("input[type=radio]:checked").count() == 0
        assert live.text_content() == ""
        assert page.locator("[data-sc-triage-hidden]").count() == 0
    finally:
        context.close()
    assert offsite == []


@pytest.mark.parametrize("number", [0, 1, 2, 3])
def test_a_yes_keeps_the_question_its_answer_and_its_note_on_a_phone_s_screen(phone: Any, number: int) -> None:
    # Tapped low on the screen, as a thumb does: the note opens, and nothing of the question
    # slides under the header or behind the bar of controls at the bottom.
    phone.goto("triage/")
    question = phone.locator(".sc-triage__question").nth(number)
    yes = question.locator("input[value=yes]")
    yes.evaluate("(el) => el.scrollIntoView({block: 'end'})")
    phone.evaluate("() => window.scrollBy(0, 110)")  # the answer just above the bottom bar
    question.locator("label").first.tap()
    assert yes.is_checked()
    phone.wait_for_function("() => document.activeElement && document.activeElement.matches('input')")
    header = phone.locator(".md-header").bounding_box()
    bar = phone.locator(".sc-controls").bounding_box()
    assert header and bar
    top, bottom = header["y"] + header["height"] - 1, bar["y"] + 1
    # The answers and the note whole if they fit; if not, from the answers down, so the answer
    # given and the start of its note are both in view.
    answers, note = (
        question.locator(".sc-triage__answers").bounding_box(),
        question.locator(".sc-triage__stop").bounding_box(),
    )
    assert answers and note
    assert answers["y"] >= top and answers["y"] + answers["height"] <= bottom, (answers, top, bottom)
    assert note["y"] + min(note["height"], 24) <= bottom, (note, bottom)  # its first line at least
    if note["y"] + note["height"] - answers["y"] <= bottom - top:
        assert note["y"] + note["height"] <= bottom, (note, bottom)
