"""The navigation drawer (drawer.js) in Chromium: Esc closes it and gives focus back to its button."""

from __future__ import annotations

from typing import Any

import pytest

pytestmark = pytest.mark.browser


def test_esc_closes_the_drawer_and_focus_returns_to_its_button(phone: Any) -> None:
    phone.goto("safety/")
    button = phone.locator("label.md-header__button[for=__drawer]")
    button.click()
    assert phone.evaluate("() => document.getElementById('__drawer').checked")
    phone.keyboard.press("Escape")
    assert not phone.evaluate("() => document.getElementById('__drawer').checked")
    assert button.evaluate("(label) => document.activeElement === label")


def test_esc_with_the_drawer_closed_changes_nothing(phone: Any) -> None:
    phone.goto("safety/")
    phone.locator("a.sc-controls__help").focus()
    phone.keyboard.press("Escape")
    assert not phone.evaluate("() => document.getElementById('__drawer').checked")
    assert phone.evaluate("() => document.activeElement.matches('a.sc-controls__help')")
