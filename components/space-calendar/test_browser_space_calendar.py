"""The space on a calendar (space-calendar.js, space-calendar.html.j2, .sc-space-calendar) in Chromium."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from playwright.sync_api import expect

from guide.content.loading import load_content
from support import ROOT, pdf_pages, squash

pytestmark = pytest.mark.browser

GUIDE = load_content(ROOT / "content").guide
SPACE = next(phase for phase in GUIDE.phases if phase.space_days)


# 12:00 UTC on Thursday 27 November 2025 is already Friday 28 November in Auckland, and still
# Thursday morning in Los Angeles: the day of the space follows the reader's own calendar.
NOON_UTC = "2025-11-27T12:00:00Z"


@contextmanager
def last_talk_on_the_24th(browser: Any, base_url: str, zone: str) -> Iterator[tuple[Any, str]]:
    """The calendar at NOON_UTC in `zone`, with 24 November 2025 as the last talk: (page, its result)."""
    context = browser.new_context(base_url=base_url, timezone_id=zone)
    try:
        page = context.new_page()
        page.clock.set_fixed_time(NOON_UTC)
        page.goto(f"phases/{SPACE.id}/")
        page.locator("[data-sc-space-calendar-date]").fill("2025-11-24")
        yield page, page.locator("[data-sc-space-calendar-result]").inner_text()
    finally:
        context.close()


@pytest.mark.parametrize(("zone", "day"), [("Pacific/Auckland", 4), ("America/Los_Angeles", 3), ("Europe/London", 3)])
def test_the_space_is_counted_in_the_reader_s_time_zone(browser: Any, site_url: str, zone: str, day: int) -> None:
    assert SPACE.space_days and (SPACE.space_days.shortest, SPACE.space_days.longest) == (5, 7)
    with last_talk_on_the_24th(browser, site_url, zone) as (page, result):
        assert f"Today is day {day} of your week of quiet." in result
        assert "It ends between Saturday 29 November and Monday 1 December." in result
        assert page.locator("[data-sc-space-calendar-date]").get_attribute("max") == (
            "2025-11-28" if day == 4 else "2025-11-27"
        )


def test_the_space_says_when_it_was_up_with_no_deadline_and_the_stop_rule_beside_it(page: Any) -> None:
    page.clock.set_fixed_time(NOON_UTC)
    page.goto(f"phases/{SPACE.id}/")
    page.locator("[data-sc-space-calendar-date]").fill("2025-11-01")
    result = page.locator("[data-sc-space-calendar-result]").inner_text()
    assert "was up between Thursday 6 November and Saturday 8 November" in result
    assert "Nothing is due now, and there is no deadline." in result  # "ended" is not "you're late"
    rule = page.locator(".sc-space-calendar__rule")
    assert rule.is_visible() and "you send nothing: not at the end of the week, and not after." in rule.inner_text()
    assert GUIDE.stop and GUIDE.stop.summary in rule.inner_text()
    live = page.locator("[data-sc-space-calendar-live]")
    assert live.inner_text() == ""
    expect(live).to_contain_text("was up between")  # once the input pauses
    page.evaluate("() => window.dispatchEvent(new PageTransitionEvent('pageshow', {persisted: true}))")
    assert page.locator("[data-sc-space-calendar-date]").input_value() == ""
    assert page.locator("[data-sc-space-calendar-result]").inner_text() == ""


def test_the_dates_print_when_filled_in_even_with_only_the_checklist(page: Any) -> None:
    page.clock.set_fixed_time(NOON_UTC)
    page.goto(f"phases/{SPACE.id}/")
    text = squash(" ".join(pdf_pages(page)))
    assert "It ends 5 to 7 days after your last conversation." in text
    page.emulate_media(media="screen")
    page.locator("[data-sc-space-calendar-date]").fill("2025-11-24")
    text = squash(" ".join(pdf_pages(page)))
    assert "Monday 1 December" in text and "Day of your last conversation" not in text
    # "Print this checklist" prints the title, the dates and that checklist.
    page.evaluate(
        "() => { document.documentElement.classList.add('sc-checklist-file-print-one'); document.querySelector('.sc-checklist').classList.add('sc-checklist-file-printing'); }"
    )
    text = squash(" ".join(pdf_pages(page)))
    assert "Monday 1 December" in text and SPACE.checklist[0].text in text
    assert "Why this matters" not in text


def test_in_french_the_first_of_a_month_is_1er(browser: Any, languages_url: str) -> None:
    with last_talk_on_the_24th(browser, f"{languages_url}fr/", "Europe/Paris") as (_, result):
        assert "entre le samedi 29 novembre et le lundi 1er décembre" in result.replace("\u00a0", " ")
        assert " 1 décembre" not in result
