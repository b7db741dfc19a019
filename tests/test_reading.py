"""The reading experience, as a reader meets it on a phone (390x844, touch) and on a desktop
(1366x900): the first screen, where am I in the steps, checklists, reading and paper."""

from __future__ import annotations

import io
import json
import re
from typing import Any

import pytest
from accessibility import assert_no_axe_violations
from pypdf import PdfReader

from guide.content.loading import load_content
from sitetools import BuiltSite
from support import ENGINES, ROOT, guarded_context

CONTENT = load_content(ROOT / "content")
GUIDE = CONTENT.guide
FIRST = GUIDE.phases[0]
DESKTOP = {"viewport": {"width": 1366, "height": 900}}


@pytest.fixture
def desktop(browser: Any, site_url: str, offsite_requests: list[str]) -> Any:
    ctx = guarded_context(browser, site_url, offsite_requests, **DESKTOP)
    yield ctx.new_page()
    ctx.close()
    assert offsite_requests == []


def box(locator: Any) -> dict[str, float]:
    found = locator.bounding_box()
    assert found, "not laid out"
    return dict(found)


# --- 1. home on a phone -------------------------------------------------------------------------


@pytest.mark.browser
def test_home_first_screen_has_purpose_start_and_safety_route(phone: Any) -> None:
    phone.goto("")
    assert phone.title() == "Second Chance"  # the page's name alone
    bar = box(phone.locator(".sc-controls"))
    start = phone.locator("article a.sc-start")
    assert start.get_attribute("href", timeout=1000) is not None and "triage/" in (start.get_attribute("href") or "")
    start_box = box(start)
    assert start_box["height"] >= 44 and start_box["y"] + start_box["height"] <= bar["y"]
    safety = phone.locator("article a[href*='safety/']").first
    assert box(safety)["y"] + box(safety)["height"] <= bar["y"]
    purpose = phone.locator("article h1 + p")
    assert "step-by-step guide" in purpose.inner_text() and box(purpose)["y"] < bar["y"]
    # Chrome above the title: the header only, at most 64 px.
    title = box(phone.locator("article h1"))
    header = box(phone.locator("header.md-header"))
    assert header["y"] + header["height"] <= 64 and not phone.locator(".md-banner").is_visible()
    assert title["y"] >= header["y"] + header["height"]


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_titles_and_examples_are_at_full_text_contrast(phone: Any, scheme: str) -> None:
    phone.emulate_media(color_scheme=scheme)
    phase = next(p for p in GUIDE.phases if p.examples)
    phone.goto(f"phases/{phase.id}/")
    colour = "e => getComputedStyle(e).color"
    body = phone.locator("article h1 + p").evaluate(colour)
    assert phone.locator("article h1").evaluate(colour) == body
    assert phone.locator("article blockquote").first.evaluate(colour) == body
    assert phone.locator("article h1").evaluate("e => getComputedStyle(e).opacity") == "1"


# --- 2. step-by-step navigation -----------------------------------------------------------------


@pytest.mark.browser
def test_the_drawer_numbers_the_phases_marks_this_one_and_shows_progress(phone: Any) -> None:
    phone.goto(f"phases/{FIRST.id}/")
    items = phone.locator("article input[data-sc-checklist-item]")
    items.nth(0).check()
    items.nth(1).check()
    phone.locator("label.md-header__button[for=__drawer]").click()
    links = phone.locator(".md-sidebar--primary a.md-nav__link[href*='phases/']")
    texts = [" ".join(t.split()) for t in links.all_inner_texts()]
    for number, phase in enumerate(GUIDE.phases, start=1):
        assert any(t.startswith(f"{number}. {phase.title}") for t in texts), (number, texts)
    current = phone.locator(".md-sidebar--primary a[aria-current=page]")
    assert current.count() == 1 and FIRST.title in current.inner_text()
    assert f"2 of {len(FIRST.checklist)} done" in current.inner_text()
    # Esc closes the drawer.
    phone.keyboard.press("Escape")
    assert not phone.evaluate("() => document.getElementById('__drawer').checked")


@pytest.mark.browser
def test_the_sidebar_numbers_the_phases_on_desktop_and_shows_where_i_am(desktop: Any) -> None:
    third = GUIDE.phases[2]
    desktop.goto(f"phases/{third.id}/")
    label = desktop.locator("article .sc-step-label")
    assert label.inner_text().lower() == f"phase 3 of {len(GUIDE.phases)}"
    assert label.evaluate("e => getComputedStyle(e).fontStyle") == "normal"
    current = desktop.locator(".md-sidebar--primary a[aria-current=page]")
    assert current.is_visible() and " ".join(current.inner_text().split()).startswith(f"3. {third.title}")


@pytest.mark.browser
@pytest.mark.parametrize("site_url", ENGINES, indirect=True)  # on the hooks' build and on Zensical's
def test_steps_are_headings_and_permalinks_are_quiet(desktop: Any) -> None:
    desktop.goto(f"phases/{FIRST.id}/")
    for number, step in enumerate(FIRST.steps, start=1):
        heading = desktop.get_by_role("heading", name=f"{number}. {step.title}", exact=True, level=3)
        assert heading.count() == 1, step.title
    assert desktop.get_by_role("heading", name="Checklist", exact=True).count() == 1  # no "¶" in the name
    links = desktop.locator("a.headerlink")
    assert links.count() > 0
    assert links.evaluate_all("ls => ls.every(a => a.tabIndex === -1 && a.getAttribute('aria-hidden') === 'true')")
    # From the top of the page, Tab never stops on a permalink on the way to the first checkbox.
    desktop.locator("body").press("Tab")
    for _ in range(60):
        if desktop.evaluate("() => document.activeElement.matches('input[data-sc-checklist-item]')"):
            break
        assert not desktop.evaluate("() => document.activeElement.matches('a.headerlink')")
        desktop.keyboard.press("Tab")
    else:
        pytest.fail("Tab never reached the first checkbox")


# --- 4. checklists ------------------------------------------------------------------------------


@pytest.mark.browser
def test_checklist_has_a_labelled_bar_marked_ticks_and_big_controls(phone: Any) -> None:
    phone.goto(f"phases/{FIRST.id}/")
    section = phone.locator(f".sc-checklist[data-sc-checklist-phase={FIRST.id}]")
    bar = section.locator("progress.sc-checklist__bar")
    assert bar.get_attribute("aria-label") == f"Progress: {FIRST.title}"
    assert bar.evaluate("e => [e.value, e.max]") == [0, len(FIRST.checklist)]
    rows = section.locator("li")
    plain = rows.nth(1).evaluate("e => getComputedStyle(e).backgroundColor")
    section.locator("input[data-sc-checklist-item]").first.check()
    assert bar.evaluate("e => e.value") == 1
    assert rows.nth(0).evaluate("e => getComputedStyle(e).backgroundColor") != plain
    for index in range(rows.count()):
        assert box(rows.nth(index))["height"] >= 44
    for control in section.locator("button:visible").all():
        assert box(control)["height"] >= 44, control.inner_text()
    # One "Untick all", quieter than Print.
    assert phone.locator("[data-sc-checklist-action=reset]").count() == 1
    print_bg = section.locator("[data-sc-checklist-file-action=print]").evaluate(
        "e => getComputedStyle(e).backgroundColor"
    )
    reset_bg = section.locator("[data-sc-checklist-action=reset]").evaluate("e => getComputedStyle(e).backgroundColor")
    assert reset_bg == "rgba(0, 0, 0, 0)" and print_bg != reset_bg


@pytest.mark.browser
def test_all_checklists_page_has_no_untick_per_phase(phone: Any) -> None:
    phone.goto("checklists/")
    assert phone.locator("[data-sc-checklist-action=reset]").count() == 0
    assert phone.locator(".sc-overall progress").get_attribute("aria-label") == "Progress across all checklists"


# --- 5. reading ---------------------------------------------------------------------------------


@pytest.mark.browser
def test_desktop_lines_are_at_most_75_characters(desktop: Any) -> None:
    desktop.goto(f"phases/{FIRST.id}/")
    chars = desktop.locator("article h1 + p").evaluate(
        """p => { const c = document.createElement('canvas').getContext('2d');
                  const s = getComputedStyle(p); c.font = `${s.fontSize} ${s.fontFamily}`;
                  const text = 'the quick brown fox jumps over a lazy dog and then rests, ';
                  return p.clientWidth / (c.measureText(text).width / text.length); }"""
    )
    assert chars <= 75, chars


@pytest.mark.browser
def test_no_edit_pencil_in_the_reading_flow_but_a_way_to_suggest_changes(desktop: Any) -> None:
    desktop.goto(f"phases/{FIRST.id}/")
    assert desktop.locator("article a.md-content__button").count() == 0
    assert desktop.locator("footer a", has_text="Suggest a change").count() == 1


# --- 6. search ----------------------------------------------------------------------------------


def test_the_whole_guide_page_is_left_out_of_the_search_index(built_site: BuiltSite) -> None:
    index = json.loads((built_site.root / "search" / "index.json").read_text(encoding="utf-8"))
    locations = {doc["location"].split("#")[0] for doc in index["docs"]}
    assert not any(loc.startswith("whole-guide") for loc in locations)
    assert any(loc.startswith(f"phases/{FIRST.id}") for loc in locations)


# --- 7. paper -----------------------------------------------------------------------------------


def pdf_runs(data: bytes) -> list[tuple[str, float]]:
    """Every text run in a PDF with its size in points (font size times the text matrix scale)."""
    runs: list[tuple[str, float]] = []
    for pdf_page in PdfReader(io.BytesIO(data)).pages:

        def visit(text: str, cm: Any, tm: Any, font: Any, size: float) -> None:
            if text.strip():
                runs.append((text, size * abs(tm[3]) * abs(cm[3])))

        pdf_page.extract_text(visitor_text=visit)
    return runs


@pytest.mark.browser
def test_one_printed_checklist_has_12pt_text_and_5mm_boxes(page: Any) -> None:
    page.goto(f"phases/{FIRST.id}/")
    page.evaluate(
        "() => { document.documentElement.classList.add('sc-checklist-file-print-one'); document.querySelector('.sc-checklist').classList.add('sc-checklist-file-printing'); }"
    )
    page.emulate_media(media="print")
    runs = pdf_runs(page.pdf(format="A4", print_background=False))
    item_sizes = [size for text, size in runs if any(item.text[:20] in text for item in FIRST.checklist)]
    box_sizes = [size for text, size in runs if "☐" in text]
    assert item_sizes and min(item_sizes) >= 11.9, item_sizes
    assert box_sizes and min(box_sizes) >= 14.2, box_sizes  # 5 mm is 14.2 pt


@pytest.mark.browser
def test_call_and_text_links_print_as_their_numbers(page: Any) -> None:
    page.goto("safety/")
    page.emulate_media(media="print")
    text = " ".join(p.extract_text() or "" for p in PdfReader(io.BytesIO(page.pdf(format="A4"))).pages)
    assert "tel:" not in text and "sms:" not in text
    assert "911" in text and re.search(r"\(https://", text)


@pytest.mark.browser
def test_printing_from_dark_mode_is_black_on_white(page: Any) -> None:
    page.emulate_media(media="print", color_scheme="dark")
    page.goto(f"phases/{FIRST.id}/")
    styles = page.evaluate(
        "() => [document.documentElement, document.body, document.querySelector('.md-main'), document.querySelector('article h1 + p'), document.querySelector('article .sc-step-label')].map(e => [getComputedStyle(e).backgroundColor, getComputedStyle(e).color])"
    )
    for background, colour in styles:
        assert background in ("rgb(255, 255, 255)", "rgba(0, 0, 0, 0)"), styles
        assert colour == "rgb(0, 0, 0)", styles
    assert styles[1][0] == "rgb(255, 255, 255)"


# --- 8. accessibility in both schemes, on a phone and a desktop ----------------------------------


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("path", ["", f"phases/{FIRST.id}/", "checklists/"])
def test_no_axe_violations_in_either_scheme_on_a_phone_or_a_desktop(
    phone: Any, desktop: Any, scheme: str, path: str
) -> None:
    for tab in (phone, desktop):
        tab.emulate_media(color_scheme=scheme)
        tab.goto(path)
        if path.startswith("phases/"):
            tab.locator("article input[data-sc-checklist-item]").first.check()
        assert_no_axe_violations(tab)
