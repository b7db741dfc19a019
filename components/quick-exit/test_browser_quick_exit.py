"""The quick exit (quick-exit.js, partials/safety-controls.html, .sc-quick-exit) in Chromium: the link, Shift three times, and where the control sits."""

from __future__ import annotations

from typing import Any

import pytest

from guide.content.loading import load_content
from support import EXIT_GLOB, EXIT_URL, NEUTRAL, ROOT, nav_link, neutral_exit

pytestmark = pytest.mark.browser

CONTENT = load_content(ROOT / "content")
FIRST = CONTENT.guide.phases[0]
HELP = ".sc-controls a.sc-controls__help"


CLOCK_START = 1_764_000_000_000  # any fixed moment, in ms since 1970


@pytest.fixture
def neutral(page: Any) -> list[str]:
    """Answer the exit's target inside the test: no request reaches the real network."""
    hits: list[str] = []

    def fulfil(route: Any) -> None:
        hits.append(route.request.url)
        route.fulfill(status=200, content_type="text/html", body=NEUTRAL)

    page.route(EXIT_URL.rstrip("/") + "**", fulfil)
    return hits


def test_clicking_exit_leaves_and_back_does_not_return(page: Any, neutral: list[str]) -> None:
    page.goto("safety/")
    page.locator(".sc-controls a[data-sc-quick-exit]").click()
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


def test_another_key_between_presses_starts_the_count_again(page: Any, neutral: list[str]) -> None:
    page.goto("")
    page.keyboard.press("Shift")
    page.keyboard.press("Shift")
    page.keyboard.press("a")
    page.keyboard.press("Shift")
    page.keyboard.press("Shift")
    assert countdown(page) == "Shift, press 1 more time to exit."
    assert neutral == [] and page.url.endswith("/")


def countdown(page: Any) -> str:
    return str(page.evaluate("() => document.querySelector('[data-sc-quick-exit-live]')?.textContent ?? ''"))


# The page's clock is Playwright's, paused: time moves only when the test moves it, so "just
# under" and "just over" the 5 seconds are exactly that, however slow the machine.
@pytest.mark.parametrize(("gap_ms", "leaves"), [(4_999, True), (5_000, False), (12_000, False)])
def test_three_presses_count_only_within_5_seconds_of_each_other(
    page: Any, neutral: list[str], gap_ms: int, leaves: bool
) -> None:
    page.clock.install(time=CLOCK_START)
    page.goto("")
    page.clock.pause_at(CLOCK_START + 60_000)
    page.keyboard.press("Shift")
    page.clock.run_for(1_000)
    page.keyboard.press("Shift")
    assert countdown(page) == "Shift, press 1 more time to exit."
    page.clock.run_for(gap_ms)  # counted from the last press
    if not leaves:
        assert countdown(page) == ""  # the count ran out, and its words went with it
    page.keyboard.press("Shift")
    if leaves:
        page.wait_for_url(EXIT_GLOB)
        assert neutral
    else:
        assert countdown(page) == "Shift, press 2 more times to exit."
        assert neutral == [] and page.url.endswith("/")


def test_shift_while_typing_in_search_does_not_exit(page: Any, neutral: list[str]) -> None:
    page.goto("")
    page.keyboard.press("/")  # opens search, its field focused
    assert page.evaluate("() => document.activeElement.matches('input.sc-search__input')")
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
        document.querySelector('.sc-controls a[data-sc-quick-exit]').click();
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
        page.locator(".sc-controls a[data-sc-quick-exit]").click()
        page.wait_for_url(EXIT_URL.rstrip("/") + "**")
        assert page.title() == "Weather"
    finally:
        context.close()


def test_exit_control_stays_in_view_while_scrolling_and_does_not_cover_focus(page: Any) -> None:
    page.set_viewport_size({"width": 375, "height": 700})
    page.goto("safety/")
    page.mouse.wheel(0, 3000)
    page.wait_for_timeout(200)
    box = page.locator(".sc-controls a[data-sc-quick-exit]").bounding_box()
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


def topmost_is(page: Any, selector: str) -> bool:
    return bool(
        page.evaluate(
            """(sel) => { const el = document.querySelector(sel); const r = el.getBoundingClientRect();
                 const hit = document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2);
                 return el === hit || el.contains(hit); }""",
            selector,
        )
    )


def test_exit_is_on_top_with_the_menu_drawer_open(phone: Any) -> None:
    phone.goto(f"phases/{FIRST.id}/")
    phone.locator("label.md-header__button[for=__drawer]").click()
    phone.wait_for_timeout(400)
    assert phone.locator(".md-sidebar--primary").is_visible()
    assert topmost_is(phone, EXIT) and topmost_is(phone, HELP)


def test_exit_is_on_top_with_search_showing_results(phone: Any) -> None:
    phone.goto("")
    phone.locator("header button.sc-search-button").click()
    phone.locator("input.sc-search__input").press_sequentially("space")
    phone.locator(".sc-search__item").first.wait_for()
    assert topmost_is(phone, EXIT)


def test_exit_and_safety_link_are_big_enough_to_tap_and_always_in_view(phone: Any) -> None:
    phone.goto(f"phases/{FIRST.id}/")
    for fraction in (0, 0.5, 1):
        phone.evaluate(f"() => window.scrollTo(0, document.body.scrollHeight * {fraction})")
        phone.wait_for_timeout(150)
        for selector in (EXIT, HELP):
            box = phone.locator(selector).bounding_box()
            assert box and box["width"] >= 44 and box["height"] >= 44, (selector, box)
            assert box["y"] >= 0 and box["y"] + box["height"] <= 844, (selector, box)
            assert topmost_is(phone, selector)


@pytest.mark.parametrize(
    ("path", "focus"),
    [
        (f"phases/{FIRST.id}/", "input[data-sc-checklist-item]"),
        ("triage/", "input[type=radio]"),
        ("", "a.md-footer__link"),
    ],
)
def test_shift_three_times_exits_whatever_has_focus(phone: Any, path: str, focus: str) -> None:
    neutral_exit(phone)
    phone.goto(path)
    phone.locator(focus).first.focus()
    for _ in range(3):
        phone.keyboard.press("Shift")
    phone.wait_for_url(EXIT_GLOB)


def test_shift_in_a_text_field_does_not_exit(phone: Any) -> None:
    hits: list[str] = []

    def refuse(route: Any) -> None:
        hits.append(route.request.url)
        route.abort()

    phone.route(EXIT_GLOB, refuse)
    phone.goto("")
    phone.evaluate(
        "() => { const t = document.createElement('textarea'); t.id = 't'; document.querySelector('article').append(t); }"
    )
    phone.locator("header button.sc-search-button").click()  # opens search, its field focused
    for field in ("input.sc-search__input", "#t"):
        phone.locator(field).focus()
        for _ in range(3):
            phone.keyboard.press("Shift")
    phone.wait_for_timeout(300)
    assert hits == []


EXIT = ".sc-controls a[data-sc-quick-exit]"
