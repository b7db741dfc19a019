"""No console message in any engine on the main pages: no CSP warning or block, no script
error, nothing logged. Chromium's side is tests/test_quality_browser.py. Each engine first
loads a page that logs one message, so a console that reads nothing fails the test."""

from __future__ import annotations

import os
import subprocess
import time
from pathlib import Path

import pytest

from engines.bidi import Firefox
from engines.conftest import CONSOLE_CHECK, CONTENT, EngineSite
from engines.webkit import Display

# One worker runs every engine test: one build of the engines' site, one Xvfb, one Firefox.
pytestmark = [pytest.mark.browser, pytest.mark.engines, pytest.mark.xdist_group("engines")]

HELPER = Path(__file__).with_name("webkit_gtk.py")
MAIN_PAGES = [
    "",
    "triage/",
    "safety/",
    *(f"phases/{phase.id}/" for phase in CONTENT.guide.phases),
    "checklists/",
    "whole-guide/",
    "about/",
    "404.html",
]


def webkit_console(python: str, display: Display, urls: list[str]) -> dict[str, list[str]]:
    """Each URL's console messages in WebKitGTK (webkit_gtk.py writes `PAGE url`, then them)."""
    result = subprocess.run(
        [python, str(HELPER), "console", *urls],
        env={**os.environ, "DISPLAY": display.name},
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )
    messages: dict[str, list[str]] = {}
    current = ""
    for line in result.stderr.splitlines():
        if line.startswith("PAGE "):
            current = line.removeprefix("PAGE ")
            messages[current] = []
        elif "CONSOLE " in line:
            messages.setdefault(current, []).append(line)
    return messages


def test_no_console_message_on_the_main_pages_in_webkit(
    webkit_python: str, display: Display, engine_site: EngineSite
) -> None:
    urls = [engine_site.console_check_url, *(engine_site.url + path for path in MAIN_PAGES)]
    messages = webkit_console(webkit_python, display, urls)
    assert list(messages) == urls, "WebKit did not load every page"
    check = messages.pop(engine_site.console_check_url)
    assert any(CONSOLE_CHECK in line for line in check), f"the console check page logged {check}"
    assert {url: found for url, found in messages.items() if found} == {}


def test_no_console_message_on_the_main_pages_in_firefox(firefox: Firefox, engine_site: EngineSite) -> None:
    tab = firefox.tab()
    try:
        tab.goto(engine_site.console_check_url)
        assert any(CONSOLE_CHECK in line for line in tab.console()), tab.console()
        seen = len(tab.console())
        found = {}
        for path in MAIN_PAGES:
            tab.goto(engine_site.url + path)
            time.sleep(0.5)  # scripts run after load, and the prefetch of the next page
            messages = tab.console()[seen:]
            seen += len(messages)
            if messages:
                found[path] = messages
    finally:
        tab.close()
    assert found == {}
