"""What the reader's three tools (message check, space on a calendar, helplines for your region)
share, in a real browser: each runs in the page only (nothing stored, requested, or put in the
address or the history), works after instant navigation, has no axe violation in use, and says
its rule in words without JavaScript. Each tool's own behaviour is in tests/test_browser_<tool>.py."""

from __future__ import annotations

import re
from typing import Any

import pytest
from accessibility import assert_no_axe_violations
from playwright.sync_api import expect

from guide.content.loading import load_content
from support import ASKS_FOR_FAVICON, COUNT_STORAGE, ROOT

pytestmark = pytest.mark.browser

CONTENT = load_content(ROOT / "content")
GUIDE = CONTENT.guide
PHASES = {phase.id: phase for phase in GUIDE.phases}
CHECKED = [phase for phase in GUIDE.phases if phase.message_rules]
RECONNECT = PHASES["reconnect"]
SPACE = next(phase for phase in GUIDE.phases if phase.space_days)
SAFETY = CONTENT.safety.safety
DRAFT = "[data-sc-message-check-draft]"


# --- for all three -----------------------------------------------------------------------------


def use_tool(page: Any, path: str) -> None:
    if path == f"phases/{RECONNECT.id}/":
        page.locator(f"#sc-message-check-stop-{RECONNECT.id}-no").check()
        page.locator(DRAFT).press_sequentially("How are you? I miss us. You can't just block me.")
        expect(page.locator("[data-sc-message-check-live]")).not_to_have_text("")  # it speaks once typing pauses
    elif path == f"phases/{SPACE.id}/":
        page.locator("[data-sc-space-calendar-date]").fill("2025-11-24")
        expect(page.locator("[data-sc-space-calendar-live]")).not_to_have_text("")
    else:
        page.locator("#sc-regions-choice").select_option(SAFETY.regions[0].id)


TOOLS = [f"phases/{RECONNECT.id}/", f"phases/{SPACE.id}/", "safety/"]


@pytest.mark.parametrize("path", TOOLS)
def test_using_a_tool_stores_nothing_requests_nothing_and_leaves_no_trace(phone: Any, path: str) -> None:
    phone.context.add_init_script(COUNT_STORAGE)
    # Every script run and the late fetches (the theme's sitemap and search index, the full
    # browser's favicon, asked for after load) done: "networkidle" alone can come while the
    # theme's bundle is still being run, before ours load.
    if ASKS_FOR_FAVICON:
        with phone.expect_request("**/favicon.svg"):  # theme.favicon in mkdocs.yml
            phone.goto(path, wait_until="load")
    else:
        phone.goto(path, wait_until="load")
    phone.wait_for_function("() => window.sc !== undefined")  # components.js has run
    phone.wait_for_load_state("networkidle")
    requests: list[str] = []
    phone.on("request", lambda request: requests.append(request.url))
    url, entries = phone.url, phone.evaluate("() => history.length")
    # The checklist on a phase page reads its own record on arrival; from here on, only the tool acts.
    phone.evaluate("() => { window.__storageCalls.length = 0 }")
    use_tool(phone, path)
    phone.wait_for_timeout(300)
    # The message check fetches its reading and its rules from this site on the first No
    # (static, the same for everyone: nothing of the reader's goes with them); nothing else.
    rules = [url for url in requests if re.search(r"/assets/js/message-(rules\.[0-9a-f]{8}\.json|match\.js)$", url)]
    assert len(rules) == 2 * (path == f"phases/{RECONNECT.id}/")
    assert [url for url in requests if url not in rules] == []
    assert phone.evaluate("() => window.__storageCalls") == []
    assert phone.url == url and phone.evaluate("() => history.length") == entries
    assert phone.evaluate("() => document.cookie") == ""


@pytest.mark.parametrize("path", TOOLS)
def test_each_tool_works_after_instant_navigation(page: Any, path: str) -> None:
    page.goto("about/")
    page.evaluate("() => { window.__sameDocument = true }")
    page.locator(f".md-sidebar--primary a[href$='/{path}']").first.evaluate("a => a.click()")
    page.wait_for_url(f"**/{path}")
    assert page.evaluate("() => window.__sameDocument === true"), "expected Material's instant navigation"
    use_tool(page, path)
    if path == "safety/":
        assert page.locator("[data-sc-regions-result]").is_visible()
    elif path == f"phases/{SPACE.id}/":
        assert "Monday 1 December" in page.locator("[data-sc-space-calendar-result]").inner_text()
    else:
        assert page.locator("[data-sc-message-check-danger=stop-pressure]").is_visible()


def test_without_javascript_each_rule_shows_in_words(browser: Any, site_url: str) -> None:
    context = browser.new_context(base_url=site_url, java_script_enabled=False)
    try:
        page = context.new_page()
        for phase in CHECKED:
            page.goto(f"phases/{phase.id}/")
            assert not page.locator(DRAFT).is_visible()
            # The stop question, then the points to go through by hand; the questions for the reader.
            assert page.locator("[data-sc-message-check-gate] legend").is_visible()
            assert not page.locator("[data-sc-message-check-answer]").first.is_visible()  # radios that would do nothing
            labels = page.locator("[data-sc-message-check-rule] strong").all_inner_texts()
            assert labels == [f"{rule.label}." for rule in phase.message_rules if rule.kind != "include"]
            assert page.locator("[data-sc-message-check-points]").is_visible()
            assert page.locator("[data-sc-message-check-by-hand]").is_visible()
            assert page.locator("[data-sc-message-check-questions]").is_visible()
            for rule in GUIDE.message_danger:
                assert page.get_by_text(f"{rule.label}:", exact=False).first.is_visible()
        page.goto(f"phases/{SPACE.id}/")
        assert not page.locator("[data-sc-space-calendar-date]").is_visible()
        assert (
            page.locator(".sc-space-calendar__words").is_visible()
            and page.locator(".sc-space-calendar__rule").is_visible()
        )
        page.goto("safety/")
        assert not page.locator("#sc-regions-choice").is_visible()
        assert (
            page.locator("article [data-sc-regions-line]").count()
            == len(SAFETY.helplines) + len(SAFETY.crisis.helplines) + 1
        )
    finally:
        context.close()


AXE_CASES = [
    (f"phases/{RECONNECT.id}/", "How are you? I miss us."),
    (f"phases/{RECONNECT.id}/", "I want to die."),
    (f"phases/{RECONNECT.id}/", "yes"),  # the stop question answered Yes: the tool closed
    (f"phases/{SPACE.id}/", ""),
    ("safety/", ""),
]


def axe_clean(page: Any, path: str, draft: str) -> None:
    page.goto(path)
    if draft == "yes":
        page.locator(f"#sc-message-check-stop-{RECONNECT.id}-yes").check()
        expect(page.locator("[data-sc-message-check-closed]")).to_be_visible()
    elif draft:
        page.locator(f"#sc-message-check-stop-{RECONNECT.id}-no").check()
        page.locator(DRAFT).fill(draft)
    else:
        use_tool(page, path)
    assert_no_axe_violations(page)


@pytest.mark.parametrize(("path", "draft"), AXE_CASES)
def test_no_axe_violations_with_the_tool_in_use_on_a_phone(phone: Any, path: str, draft: str) -> None:
    axe_clean(phone, path, draft)


@pytest.mark.parametrize(("path", "draft"), AXE_CASES)
def test_no_axe_violations_with_the_tool_in_use_on_a_desktop(
    browser: Any, site_url: str, path: str, draft: str
) -> None:
    context = browser.new_context(base_url=site_url, viewport={"width": 1366, "height": 900})
    try:
        axe_clean(context.new_page(), path, draft)
    finally:
        context.close()
