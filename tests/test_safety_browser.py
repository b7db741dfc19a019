"""The quick exit and the triage in a real browser (Debian's Chromium through Playwright)."""

from __future__ import annotations

from typing import Any

import pytest

from support import EXIT_URL, NEUTRAL, nav_link, settle

pytestmark = pytest.mark.browser


@pytest.fixture
def neutral(page: Any) -> list[str]:
    """Answer the exit's target inside the test: no request reaches the real network."""
    hits: list[str] = []

    def fulfil(route: Any) -> None:
        hits.append(route.request.url)
        route.fulfill(status=200, content_type="text/html", body=NEUTRAL)

    page.route(EXIT_URL.rstrip("/") + "**", fulfil)
    return hits


def storage_snapshot(page: Any) -> dict[str, Any]:
    return dict(
        page.evaluate("() => ({local: {...localStorage}, session: {...sessionStorage}, cookie: document.cookie})")
    )


def test_clicking_exit_leaves_and_back_does_not_return(page: Any, neutral: list[str]) -> None:
    page.goto("safety/")
    page.locator(".sc-controls a[data-quick-exit]").click()
    page.wait_for_url(EXIT_URL.rstrip("/") + "**")
    assert neutral and page.title() == "Weather"
    page.go_back()
    assert "/safety/" not in page.url


def test_shift_three_times_leaves_and_counts_down(page: Any, neutral: list[str]) -> None:
    page.goto("phases/understand/")
    page.locator("body").click(position={"x": 5, "y": 300})
    page.keyboard.press("Shift")
    live = page.locator("[aria-live=polite]", has_text="Shift, press 2 more times to exit.")
    live.wait_for(state="attached")
    page.keyboard.press("Shift")
    page.locator("[aria-live=polite]", has_text="press 1 more time").wait_for(state="attached")
    page.keyboard.press("Shift")
    page.wait_for_url(EXIT_URL.rstrip("/") + "**")
    page.go_back()
    assert "/phases/understand/" not in page.url


def test_other_keys_and_slow_presses_reset_the_count(page: Any, neutral: list[str]) -> None:
    page.goto("")
    page.keyboard.press("Shift")
    page.keyboard.press("Shift")
    page.keyboard.press("a")
    page.keyboard.press("Shift")
    page.keyboard.press("Shift")
    page.wait_for_timeout(300)
    assert neutral == [] and page.url.endswith("/")


def test_shift_while_typing_in_search_does_not_exit(page: Any, neutral: list[str]) -> None:
    page.goto("")
    page.locator("input.md-search__input").focus()
    for _ in range(3):
        page.keyboard.press("Shift")
    page.wait_for_timeout(300)
    assert neutral == []


def test_exit_works_after_instant_navigation(page: Any, neutral: list[str]) -> None:
    page.goto("")
    page.evaluate("() => { window.__sameDocument = true }")
    nav_link(page, "About").click()
    page.wait_for_url("**/about/")
    assert page.evaluate("() => window.__sameDocument === true"), "expected Material's instant navigation"
    page.keyboard.press("Shift")
    page.keyboard.press("Shift")
    page.keyboard.press("Shift")
    page.wait_for_url(EXIT_URL.rstrip("/") + "**")


def test_page_is_hidden_the_moment_exit_is_used(page: Any, neutral: list[str]) -> None:
    page.goto("safety/")
    # Click and look in the same task, before the browser has started to leave.
    hidden = page.evaluate("""() => {
        document.querySelector('.sc-controls a[data-quick-exit]').click();
        return getComputedStyle(document.body).visibility;
    }""")
    assert hidden == "hidden"
    page.wait_for_url(EXIT_URL.rstrip("/") + "**")


def test_without_javascript_the_exit_is_a_working_link(browser: Any, site_url: str) -> None:
    context = browser.new_context(base_url=site_url, java_script_enabled=False)
    try:
        page = context.new_page()
        page.route(
            EXIT_URL.rstrip("/") + "**", lambda route: route.fulfill(status=200, content_type="text/html", body=NEUTRAL)
        )
        page.goto("triage/")
        page.locator(".sc-controls a[data-quick-exit]").click()
        page.wait_for_url(EXIT_URL.rstrip("/") + "**")
        assert page.title() == "Weather"
    finally:
        context.close()


@pytest.mark.parametrize("path", ["safety/", "triage/", "", "phases/understand/"])
def test_visiting_and_answering_writes_nothing_to_storage_or_cookies(page: Any, path: str) -> None:
    page.goto(path)
    page.locator("[data-md-component=palette] label:not([hidden])").first.click()  # the theme's own preference
    if path == "triage/":
        for radio in page.locator("input[type=radio][value=yes]").all():
            radio.check()
    page.reload()
    page.wait_for_load_state("load")
    assert storage_snapshot(page) == {"local": {}, "session": {}, "cookie": ""}


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


def test_exit_control_stays_in_view_while_scrolling_and_does_not_cover_focus(page: Any) -> None:
    page.set_viewport_size({"width": 375, "height": 700})
    page.goto("safety/")
    page.mouse.wheel(0, 3000)
    page.wait_for_function("() => window.scrollY > 0")
    settle(page)
    box = page.locator(".sc-controls a[data-quick-exit]").bounding_box()
    assert box and box["y"] >= 0 and box["y"] + box["height"] <= 700 and box["x"] + box["width"] <= 375
    # Tab to a link far down the page: it must end up neither under the sticky header nor
    # under the bar of safety controls at the bottom of a phone's screen.
    last = page.locator("article a").last
    last.focus()
    header = page.locator("header.md-header").bounding_box()
    bar = page.locator(".sc-controls").bounding_box()
    target = last.bounding_box()
    assert header and bar and target
    assert target["y"] >= header["y"] + header["height"] and target["y"] + target["height"] <= bar["y"]
