"""Printing, checked for real: Chromium prints to PDF and the PDF's text is read back."""

from __future__ import annotations

import json
from typing import Any

import pytest

from guide.content.loading import load_content
from support import ROOT, pdf_pages, squash

pytestmark = pytest.mark.browser

CONTENT = load_content(ROOT / "content")
GUIDE = CONTENT.guide
KEY = "second-chance:checklist"


def test_all_checklists_print_with_ticked_and_empty_squares_and_no_chrome(page: Any) -> None:
    first, second = GUIDE.phases[0].checklist[0], GUIDE.phases[0].checklist[1]
    page.goto("checklists/")
    page.evaluate(
        f"() => localStorage.setItem('{KEY}', JSON.stringify({{version: 2, done: {json.dumps([first.id])}}}))"
    )
    page.reload()
    pages = pdf_pages(page)
    text = squash(" ".join(pages))
    assert f"☑ {first.text}" in text
    assert f"☐ {second.text}" in text
    for phase in GUIDE.phases:
        assert phase.title in text
    for chrome in (
        "Exit this page",
        "Get help",
        "Print all checklists",
        "Save progress to a file",
        "Clear all saved progress",
        "Table of contents",
    ):
        assert chrome not in text, chrome


def test_printed_checklists_carry_the_stop_rule_above_the_first_checklist(page: Any) -> None:
    assert GUIDE.stop is not None
    page.goto("checklists/")
    text = squash(" ".join(pdf_pages(page)))
    assert f"When to stop: {GUIDE.stop.summary}" in text
    assert text.index(GUIDE.stop.summary) < text.index(GUIDE.phases[0].checklist[0].text)


def test_no_phase_checklist_is_split_across_printed_pages(page: Any) -> None:
    page.goto("checklists/")
    pages = [squash(p) for p in pdf_pages(page)]
    for phase in GUIDE.phases:
        holding = {i for i, text in enumerate(pages) for item in phase.checklist if item.text in text}
        assert len(holding) == 1, f"{phase.id} is split over printed pages {sorted(holding)}"


def test_print_this_checklist_prints_only_the_title_and_that_checklist(page: Any) -> None:
    phase = GUIDE.phases[1]
    page.goto(f"phases/{phase.id}/")
    page.evaluate("""() => {
        window.__printed = [];
        window.print = () => window.__printed.push(document.documentElement.className);
    }""")
    page.locator("[data-sc-checklist-file-action=print]").click()
    classes = page.evaluate("() => window.__printed")
    assert len(classes) == 1 and "sc-checklist-file-print-one" in classes[0]
    assert "sc-checklist-file-print-one" not in page.evaluate("() => document.documentElement.className")
    # What that print looks like on paper:
    page.evaluate(
        "() => { document.documentElement.classList.add('sc-checklist-file-print-one'); document.querySelector('.sc-checklist').classList.add('sc-checklist-file-printing'); }"
    )
    text = squash(" ".join(pdf_pages(page)))
    assert phase.title in text and phase.checklist[0].text in text
    assert phase.steps[0].title not in text and "Why this matters" not in text


def test_safety_page_prints_link_targets_and_no_exit_button(page: Any) -> None:
    page.goto("safety/")
    text = squash(" ".join(pdf_pages(page)))
    assert "Exit this page" not in text
    line = next(h for h in CONTENT.safety.safety.helplines if h.phone)
    # A call link prints as its number (its text), not as "(tel:...)"; web links keep their address.
    assert line.phone and line.phone in text and line.name in text and "(tel:" not in text
    assert "(https://" in text


def test_the_whole_guide_prints_every_phase_in_order_without_site_chrome(page: Any) -> None:
    page.goto("whole-guide/")
    text = squash(" ".join(pdf_pages(page)))
    positions = [text.find(f"{n}. {phase.title}") for n, phase in enumerate(GUIDE.phases, start=1)]
    assert -1 not in positions and positions == sorted(positions)
    for phase in GUIDE.phases:
        assert phase.steps[0].title in text
    for chrome in ("Exit this page", "Print the whole guide", "Search"):
        assert chrome not in text
