"""Helplines for your region (regions.js, regions.html.j2, .sc-regions) in Chromium."""

from __future__ import annotations

from typing import Any

import pytest

from guide.content.loading import load_content
from support import ROOT

pytestmark = pytest.mark.browser

SAFETY = load_content(ROOT / "content").safety.safety


def test_choosing_a_region_shows_its_numbers_first_and_keeps_the_others(phone: Any) -> None:
    phone.goto("safety/")
    choice = phone.locator("#sc-regions-choice")
    names = choice.locator("option").all_inner_texts()
    assert names[1:] == [region.name for region in SAFETY.regions] + [SAFETY.directory.region]
    before = phone.locator("a[href^='tel:']").count()
    uk = next(region for region in SAFETY.regions if region.id == "united-kingdom")
    choice.select_option(uk.id)
    result = phone.locator("[data-sc-regions-result]")
    assert result.is_visible() and result.inner_text().startswith(f"Numbers for {uk.name}")
    chooser, shown = choice.bounding_box(), result.bounding_box()
    assert chooser and shown and 0 <= shown["y"] - (chooser["y"] + chooser["height"]) < 40, "directly below"
    assert result.locator("a.sc-call").get_attribute("href") == f"tel:{uk.emergency}"
    lines = {line.id: line for line in (*SAFETY.crisis.helplines, *SAFETY.helplines, SAFETY.directory)}
    shown_names = phone.locator("[data-sc-regions-result] > ul:not(.sc-emergency) > li").evaluate_all(
        "items => items.map((li) => li.querySelector('strong').textContent)"
    )
    assert shown_names == [lines[i].name for i in uk.helplines]
    # Nothing was removed: the full lists are still there, below.
    assert phone.locator("article a[href^='tel:']").count() > before
    assert phone.locator("article [data-sc-regions-line]").count() == len(lines)
    assert "United Kingdom" in phone.locator("[data-sc-regions-live]").inner_text()
    assert phone.locator("[data-sc-regions-result] [id], [data-sc-regions-result] [data-sc-regions-line]").count() == 0
    # Everywhere else: the directory, and no emergency number the page cannot know.
    choice.select_option("everywhere-else")
    assert result.locator("a.sc-call").count() == 0
    assert SAFETY.directory.name in result.inner_text()
    choice.select_option("")
    assert not result.is_visible()


def test_the_region_chooser_works_from_the_keyboard(page: Any) -> None:
    page.goto("safety/")
    page.locator("#sc-regions-choice").focus()
    page.keyboard.press("ArrowDown")
    first = SAFETY.regions[0]
    assert page.locator("#sc-regions-choice").input_value() == first.id
    assert page.locator("[data-sc-regions-result]").inner_text().startswith(f"Numbers for {first.name}")


def test_the_region_chooser_comes_after_the_calls_of_the_first_phone_screen(phone: Any) -> None:
    """The emergency numbers and crisis lines fill the first screen (tests/test_care_browser.py);
    the chooser, for everything else, follows them and still works there."""
    phone.goto("safety/")
    chooser = phone.locator("#sc-regions-choice").bounding_box()
    last = phone.locator(".sc-crisis-calls a.sc-call").last.bounding_box()
    assert chooser and last and last["y"] + last["height"] <= chooser["y"]
    phone.locator("#sc-regions-choice").select_option(SAFETY.regions[0].id)
    assert phone.locator("[data-sc-regions-result]").is_visible()
