"""One history entry for the whole site (one-entry.js): after the exit, Back never shows a page of this site."""

from __future__ import annotations

from typing import Any

import pytest

from guide.content.loading import load_content
from support import ENGINES, EXIT_GLOB, ROOT, neutral_exit

pytestmark = pytest.mark.browser

CONTENT = load_content(ROOT / "content")
FIRST = CONTENT.guide.phases[0]


@pytest.mark.parametrize("site_url", ENGINES, indirect=True)  # on the hooks' build and on Zensical's
@pytest.mark.parametrize("how", ["click", "shift"])
def test_after_the_exit_back_never_shows_a_page_of_this_site(phone: Any, site_url: str, how: str) -> None:
    neutral_exit(phone)
    walk_to_safety(phone, site_url)
    assert phone.evaluate("() => history.length") <= 2  # the blank tab, then one entry for the site
    if how == "click":
        phone.locator(".sc-controls a[data-sc-quick-exit]").click()
    else:
        phone.locator("article").click(position={"x": 5, "y": 5})
        for _ in range(3):
            phone.keyboard.press("Shift")
    assert_back_never_returns(phone, site_url)


def test_in_page_anchors_and_plain_links_add_no_history_entry(phone: Any, site_url: str) -> None:
    phone.goto(f"phases/{FIRST.id}/")
    before = phone.evaluate("() => history.length")
    phone.evaluate(
        "() => { const a = document.createElement('a'); a.href = '#checklist'; a.textContent = 'x'; document.querySelector('article').append(a); a.click(); }"
    )
    phone.wait_for_url("**#checklist")
    phone.locator("a.md-footer__link--next").click()
    phone.wait_for_url(f"**/phases/{CONTENT.guide.phases[1].id}/")
    assert phone.evaluate("() => history.length") == before


def in_site_link(page: Any, href_part: str) -> Any:
    return page.locator(f"article a[href*='{href_part}']").first


def walk_to_safety(page: Any, site_url: str) -> None:
    """home -> triage (answer Yes) -> home -> a phase -> safety, by clicking, as a reader would."""
    page.goto("")
    page.evaluate("() => { window.__sameDocument = true }")
    in_site_link(page, "triage/").click()
    page.wait_for_url("**/triage/")
    page.locator("input[type=radio][value=yes]").first.check()
    page.locator("a.md-footer__link--prev").click()  # back to Home, by the footer
    page.wait_for_url(site_url)
    in_site_link(page, f"phases/{FIRST.id}/").click()
    page.wait_for_url(f"**/phases/{FIRST.id}/")
    page.locator(".sc-controls__help").click()
    page.wait_for_url("**/safety/")
    assert page.evaluate("() => window.__sameDocument === true"), "expected Material's instant navigation"


def assert_back_never_returns(page: Any, site_url: str) -> None:
    page.wait_for_url(EXIT_GLOB)
    for _ in range(5):
        page.go_back()
        page.wait_for_timeout(150)
        assert not page.url.startswith(site_url), f"Back showed {page.url}"
