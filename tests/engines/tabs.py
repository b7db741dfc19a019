"""One small interface over two engines, so each safety scenario is written once and run in
WebKit and in Firefox: `Tab` is what a test drives.

- WebKit: Debian's WebKitWebDriver drives MiniBrowser (`--automation`), through Selenium;
- Firefox: Debian's firefox-esr, spoken to over WebDriver BiDi (the W3C protocol that
  puppeteer also uses for Firefox) by the small client in bidi.py.

Elements are found by a JavaScript expression that returns one (so tests can find them by
their text from the content model), and clicked with the engine's own pointer input, as a
reader's tap would be, not with `element.click()`. Results come back through JSON, so both
engines give the same Python values.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from typing import Any, Protocol


class Tab(Protocol):
    engine: str

    def goto(self, url: str) -> None: ...
    def js(self, expression: str) -> Any: ...
    def click(self, element: str) -> None: ...
    def press_shift(self) -> None: ...
    def type_into(self, element: str, text: str) -> None: ...
    def back(self) -> None: ...
    def reload(self) -> None: ...
    def url(self) -> str: ...


def as_json(expression: str) -> str:
    """`expression`'s value through JSON, so both engines return plain Python values."""
    return f"JSON.stringify((() => {{ const value = ({expression}); return value === undefined ? null : value; }})())"


def from_json(text: Any) -> Any:
    return json.loads(text) if isinstance(text, str) else None


def by_text(selector: str, text: str, *, ending: bool = False) -> str:
    """An expression for the first element matching `selector` that is shown and reads `text`
    (or, with `ending`, whose text ends with it: a label after visually hidden words)."""
    test = f".endsWith({json.dumps(text)})" if ending else f" === {json.dumps(text)}"
    return (
        f"[...document.querySelectorAll({json.dumps(selector)})]"
        f".find(e => e.getClientRects().length && e.textContent.trim(){test})"
    )


def checkbox_for(item_text: str) -> str:
    """The checkbox whose label reads `item_text`, or null while there is none (so a wait can
    poll it on a page still being parsed)."""
    return f"({by_text('label', item_text)}?.control ?? null)"


def wait_until(check: Callable[[], bool], what: str, timeout: float = 20) -> None:
    deadline = time.monotonic() + timeout
    while not check():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout:g} s waiting for {what}")
        time.sleep(0.05)


def wait_for_url(tab: Tab, prefix: str, timeout: float = 20) -> None:
    wait_until(lambda: tab.url().startswith(prefix), f"{prefix} (at {tab.url()})", timeout)


def wait_for_load(tab: Tab, timeout: float = 20) -> None:
    wait_until(lambda: tab.js("document.readyState") == "complete", "the page to load", timeout)


def reload_page(tab: Tab) -> None:
    """Reload, and wait for the new document: right after the reload, the old one may still
    answer "complete", and an element looked for then is not there yet (seen in Firefox)."""
    tab.js("void (window.__scBeforeReload = true)")
    tab.reload()
    wait_until(lambda: tab.js("!window.__scBeforeReload && document.readyState === 'complete'"), "the reloaded page")
