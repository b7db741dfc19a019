"""Each language's safety page on a phone (Chromium), English included: with the numbers issue
28 added (France's 15 beside the 17, Switzerland's 144 beside the 117), every emergency number
and a crisis line for each region fit on the first screen, between the header and the bottom
bar, each a thumb's target (44 px)."""

from __future__ import annotations

from typing import Any

import pytest

from guide.content.loading import load_content
from guide.translations.languages import TRANSLATED
from support import ROOT, phone_page

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("code", ["en", *(language.code for language in TRANSLATED)])
def test_the_first_phone_screen_holds_every_emergency_number_and_a_crisis_line_per_region(
    browser: Any, languages_url: str, code: str
) -> None:
    safety = load_content(ROOT / "content", language=code).safety.safety
    with phone_page(browser, languages_url, []) as tab:
        tab.goto("safety/" if code == "en" else f"{code}/safety/")
        header = tab.locator(".md-header").bounding_box()
        bar = tab.locator(".sc-controls").bounding_box()
        assert header and bar
        top, bottom = header["y"] + header["height"], bar["y"]

        def on_first_screen(selector: str) -> list[str]:
            links = tab.locator(selector)
            found = []
            for i in range(links.count()):
                box = links.nth(i).bounding_box()
                if box and box["y"] >= top and box["y"] + box["height"] <= bottom and box["height"] >= 44:
                    found.append(links.nth(i).get_attribute("href"))
            return found

        emergency = on_first_screen(".sc-emergency a.sc-call")
        assert emergency == ["tel:" + place.number.replace(" ", "") for place in safety.emergency]
        crisis = on_first_screen(".sc-crisis-calls a.sc-call")
        regions = {line.region for line in safety.crisis.helplines if line.phone}
        shown = {
            line.region
            for line in safety.crisis.helplines
            if line.phone and f"tel:{''.join(c for c in line.phone if c.isdigit())}" in crisis
        }
        assert shown == regions
