"""Safety as a reader on a phone meets it (390x844, touch): no traces on the device beyond what
the reader chose, and the safety page's numbers in reach. The exit, one-entry, triage and
checklist parts are in their components' modules (tests/test_browser_*.py)."""

from __future__ import annotations

from typing import Any

import pytest
from accessibility import assert_no_axe_violations

from guide.content.loading import load_content
from support import COUNT_STORAGE, ROOT

pytestmark = pytest.mark.browser

CONTENT = load_content(ROOT / "content")
FIRST = CONTENT.guide.phases[0]
KEY = "second-chance:checklist"


HELP = ".sc-controls a.sc-controls__help"


# --- 1. no traces beyond what the reader chose -------------------------------------------------


def test_search_words_never_reach_the_address_or_history(phone: Any) -> None:
    phone.goto("")
    phone.locator("header button.sc-search-button").click()
    phone.locator("input.sc-search__input").press_sequentially("blocked")
    result = phone.locator(".sc-search__item a").first
    assert "blocked" not in (result.get_attribute("href") or "")
    result.click()
    phone.wait_for_load_state("load")
    phone.wait_for_timeout(300)
    assert "blocked" not in phone.url and "?" not in phone.url


def test_triage_and_safety_pages_call_no_storage_method_at_all(phone: Any) -> None:
    # Whatever is stored: a record, a backup and a newer version's record.
    phone.goto("about/")
    phone.evaluate(
        f"() => {{ localStorage.setItem('{KEY}', JSON.stringify({{version: 2, done: ['{FIRST.checklist[0].id}']}})); localStorage.setItem('{KEY}:backup', 'x'); }}"
    )
    phone.context.add_init_script(COUNT_STORAGE)
    for path in ("triage/", "safety/"):
        phone.goto(path)
        if path == "triage/":
            phone.locator("input[type=radio][value=yes]").first.check()
        phone.wait_for_timeout(300)
        assert phone.evaluate("() => window.__storageCalls") == [], path
    # Arriving by instant navigation from a page with a checklist: still nothing on arrival.
    phone.goto(f"phases/{FIRST.id}/")
    phone.evaluate("() => { window.__storageCalls.length = 0 }")
    phone.locator(HELP).click()
    phone.wait_for_url("**/safety/")
    phone.wait_for_timeout(300)
    assert phone.evaluate("() => window.__storageCalls") == []


# --- 2. the safety page on a phone --------------------------------------------------------------


def test_emergency_numbers_are_big_call_links_on_the_first_screen(phone: Any) -> None:
    phone.goto("safety/")
    bar = phone.locator(".sc-controls").bounding_box()
    assert bar
    calls = phone.locator(".sc-emergency a.sc-call")
    assert calls.count() == len(CONTENT.safety.safety.emergency)
    for index, place in enumerate(CONTENT.safety.safety.emergency):
        link = calls.nth(index)
        assert link.get_attribute("href") == "tel:" + place.number
        box = link.bounding_box()
        assert box and box["height"] >= 44 and box["width"] >= 44
        assert box["y"] + box["height"] <= bar["y"], f"{place.number} is below the first screen"


def test_text_services_are_sms_links_with_their_keyword(phone: Any) -> None:
    phone.goto("safety/")
    texted = [line for line in CONTENT.safety.safety.helplines if line.text]
    assert texted
    for line in texted:
        assert line.text
        number = "".join(ch for ch in line.text.number if ch.isdigit())
        href = f"sms:{number}" + (f"?&body={line.text.keyword}" if line.text.keyword else "")
        link = phone.locator(f"a[href='{href}']")
        assert link.count() == 1, href
        link.scroll_into_view_if_needed()
        box = link.bounding_box()
        assert box and box["height"] >= 44


def test_when_to_stop_is_a_heading_with_body_size_text(phone: Any) -> None:
    phase = next(p for p in CONTENT.guide.phases if p.limit)
    phone.goto(f"phases/{phase.id}/")
    heading = phone.locator("article h2", has_text="When to stop")
    assert heading.count() == 1
    note = phone.locator(".sc-stop p").first
    body = phone.locator("article > p").first
    size = "e => getComputedStyle(e).fontSize"
    assert note.evaluate(size) == body.evaluate(size)


@pytest.mark.parametrize("path", ["", "triage/", "safety/", f"phases/{FIRST.id}/", "checklists/"])
def test_no_axe_violations_on_a_phone(phone: Any, path: str) -> None:
    phone.goto(path)
    if path == "triage/":
        phone.locator("input[type=radio][value=yes]").first.check()
    if path.startswith("phases/"):
        phone.locator("input[data-sc-checklist-item]").first.check()  # the question about keeping ticks shows
    assert_no_axe_violations(phone)
