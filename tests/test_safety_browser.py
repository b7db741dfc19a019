"""Visiting and answering leave nothing in storage or cookies (Chromium). The quick exit and the
triage have their own modules: tests/test_browser_quick_exit.py, tests/test_browser_triage.py."""

from __future__ import annotations

from typing import Any

import pytest

pytestmark = pytest.mark.browser


def nav_link(page: Any, title: str) -> Any:
    """A link in the main navigation (Material makes their hrefs absolute, so find by name)."""
    return page.locator(".md-sidebar--primary").get_by_role("link", name=title, exact=True).first


def storage_snapshot(page: Any) -> dict[str, Any]:
    return dict(
        page.evaluate("() => ({local: {...localStorage}, session: {...sessionStorage}, cookie: document.cookie})")
    )


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
