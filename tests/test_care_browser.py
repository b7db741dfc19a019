"""A stop is a stop (issue 17), in a real browser on a phone and a desktop: the triage results,
the menu after a Yes, and the safety page's first screen."""

from __future__ import annotations

import itertools
from typing import Any

import pytest

from support import guarded_context, site_content

pytestmark = pytest.mark.browser

CONTENT = site_content()
QUESTIONS = CONTENT.safety.triage.questions
PLAN = ("/phases/", "/checklists/", "/whole-guide/")


def answer_all(page: Any, value: str) -> None:
    for question in QUESTIONS:
        page.locator(f"input[name=sc-triage-{question.id}][value={value}]").check()


def test_with_every_answer_no_the_guide_does_not_apply_box_is_not_shown(phone: Any) -> None:
    """Neither result before the reader answers; "the guide may fit" only once every answer is
    No; "this guide does not apply" only after a Yes."""
    phone.goto("triage/")
    yes, no = phone.locator(".sc-triage__result--yes"), phone.locator(".sc-triage__result--no")
    assert not yes.is_visible() and not no.is_visible()
    for question in QUESTIONS[:-1]:
        phone.locator(f"input[name=sc-triage-{question.id}][value=no]").check()
    assert not yes.is_visible() and not no.is_visible()
    answer_all(phone, "no")
    assert not yes.is_visible() and no.is_visible()
    phone.locator(f"input[name=sc-triage-{QUESTIONS[-1].id}][value=yes]").check()
    assert yes.is_visible() and not no.is_visible()


def test_without_css_both_results_show_under_their_own_headings(browser: Any, site_url: str) -> None:
    ctx = browser.new_context(base_url=site_url)
    page = ctx.new_page()
    page.route("**/*.css", lambda route: route.abort())
    page.goto("triage/")
    for result, heading in (
        ("yes", "If you answered yes to any question"),
        ("no", "If you answered no to every question"),
    ):
        box = page.locator(f".sc-triage__result--{result}")
        assert box.is_visible() and heading in box.inner_text()
    ctx.close()


def visible_nav(page: Any) -> dict[str, Any]:
    """What the main menu shows: its visible links' paths, and any section with no visible link."""
    return dict(
        page.evaluate(
            """() => {
              const nav = document.querySelector(".md-sidebar--primary .md-nav--primary");
              const shown = (el) => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== "hidden";
              const links = [...nav.querySelectorAll("a[href]")].filter(shown).map((a) => new URL(a.href).pathname);
              const empty = [...nav.querySelectorAll(".md-nav__item--nested")].filter(shown)
                .filter((item) => ![...item.querySelectorAll(".md-nav__item a[href]")].some(shown))
                .map((item) => item.textContent.trim().split("\\n")[0]);
              return {links, empty};
            }"""
        )
    )


@pytest.mark.parametrize("device", ["phone", "desktop"])
def test_after_a_yes_the_menu_keeps_what_fits_and_no_empty_phases_section(
    browser: Any, site_url: str, offsite_requests: list[str], device: str
) -> None:
    options: dict[str, Any] = (
        {"viewport": {"width": 390, "height": 844}, "has_touch": True, "is_mobile": True}
        if device == "phone"
        else {"viewport": {"width": 1280, "height": 800}}
    )
    ctx = guarded_context(browser, site_url, offsite_requests, **options)
    page = ctx.new_page()
    page.goto("triage/")
    before = visible_nav(page) if device == "desktop" else None
    page.locator(f"input[name=sc-triage-{QUESTIONS[0].id}][value=yes]").check()
    if device == "phone":
        page.locator("label.md-header__button[for=__drawer]").click()
        page.locator(".md-sidebar--primary").wait_for(state="visible")
    after = visible_nav(page)
    assert after["empty"] == [], "a menu section is left with nothing in it"
    assert not [path for path in after["links"] if path.endswith(PLAN) or any(p in path for p in PLAN)]
    assert any(path.endswith("/safety/") for path in after["links"])
    assert any(path.endswith("/triage/") for path in after["links"])
    if before is not None:
        assert any("/phases/" in path for path in before["links"]), "the plan was in the menu before the Yes"
    if device == "desktop":  # answering No again brings the plan back into the menu
        page.locator(f"input[name=sc-triage-{QUESTIONS[0].id}][value=no]").check()
        assert any("/phases/" in path for path in visible_nav(page)["links"])
    ctx.close()
    assert offsite_requests == []


# The first phone screen's emergency numbers and crisis lines, in every language:
# tests/test_local_help_browser.py.


def test_call_tiles_are_even_apart_and_flush_with_the_text(phone: Any) -> None:
    phone.goto("safety/")
    text_left = phone.locator("article h2").first.bounding_box()
    for selector in (".sc-emergency", ".sc-crisis-calls"):
        tiles = phone.locator(f"{selector} a.sc-call")
        boxes = [tiles.nth(i).bounding_box() for i in range(tiles.count())]
        assert all(boxes) and text_left
        assert len({round(b["width"]) for b in boxes}) == 1, (selector, boxes)  # even
        rows: dict[int, list[dict[str, float]]] = {}
        for b in boxes:
            rows.setdefault(round(b["y"]), []).append(b)
        for row in rows.values():
            assert abs(row[0]["x"] - text_left["x"]) < 1, "the first tile of a row is not indented"
            for left, right in itertools.pairwise(row):
                assert right["x"] - (left["x"] + left["width"]) >= 6, "tiles touch"
        ys = sorted(rows)
        for upper, lower in itertools.pairwise(ys):
            assert lower - (upper + max(b["height"] for b in rows[upper])) >= 6, "rows touch"


def test_the_check_in_box_is_not_green_and_no_back_to_top_pill_covers_text(phone: Any) -> None:
    phase = next(p for p in CONTENT.guide.phases if p.check_in)
    phone.goto(f"phases/{phase.id}/")
    colour = phone.locator(".sc-checkin").evaluate("el => getComputedStyle(el).borderLeftColor")
    red, green, _blue = (int(part) for part in colour[colour.index("(") + 1 : colour.index(")")].split(",")[:3])
    assert red > green, colour
    phone.evaluate("() => window.scrollTo(0, document.body.scrollHeight)")
    phone.mouse.wheel(0, -600)
    phone.wait_for_timeout(300)
    assert phone.locator(".md-top").count() == 0 or not phone.locator(".md-top").is_visible()
