"""Printing in WebKit and Firefox: the all-checklists page keeps each phase's heading with its
checklist, prints no heading without its content, and none of the site's controls."""

from __future__ import annotations

import io
import os
import subprocess
import unicodedata
from pathlib import Path

import pytest
from pypdf import PdfReader

from engines.bidi import Firefox
from engines.conftest import CONTENT, EngineSite
from engines.webkit import Display

pytestmark = [pytest.mark.browser, pytest.mark.engines]

HELPER = Path(__file__).with_name("webkit_gtk.py")
GUIDE = CONTENT.guide


def squash(text: str) -> str:
    """Words as printed, with ligatures (WebKit's "ﬁ") read as their letters."""
    return " ".join(unicodedata.normalize("NFKC", text).split())


def pdf_text(data: bytes) -> list[str]:
    return [squash(page.extract_text() or "") for page in PdfReader(io.BytesIO(data)).pages]


def print_in_webkit(python: str, display: Display, url: str, out: Path) -> bytes:
    subprocess.run(
        [python, str(HELPER), "print", url, str(out)],
        env={**os.environ, "DISPLAY": display.name},
        check=True,
        timeout=120,
        capture_output=True,
    )
    return out.read_bytes()


@pytest.fixture(params=["webkit", "firefox"])
def printed_checklists(request: pytest.FixtureRequest, engine_site: EngineSite, tmp_path: Path) -> list[str]:
    """The all-checklists page printed to A4 PDF by the engine, as text per paper page."""
    url = engine_site.url + "checklists/"
    if request.param == "webkit":
        python = request.getfixturevalue("webkit_python")
        return pdf_text(print_in_webkit(python, request.getfixturevalue("display"), url, tmp_path / "out.pdf"))
    browser: Firefox = request.getfixturevalue("firefox")
    tab = browser.tab(1280, 900)
    try:
        tab.goto(url)
        return pdf_text(tab.pdf())
    finally:
        tab.close()


def test_each_phase_heading_prints_on_the_page_of_its_first_item(printed_checklists: list[str]) -> None:
    for number, phase in enumerate(GUIDE.phases, start=1):
        heading = f"{number}. {phase.title}"
        first, last = phase.checklist[0].text, phase.checklist[-1].text
        where = [i for i, text in enumerate(printed_checklists) if heading in text and first in text]
        assert where, f"{heading!r} is printed apart from its checklist"
        assert last in printed_checklists[where[0]], f"{phase.id}'s checklist is split over printed pages"


def test_no_control_or_empty_heading_is_printed(printed_checklists: list[str]) -> None:
    text = " ".join(printed_checklists)
    assert GUIDE.phases[-1].checklist[-1].text in text  # the whole page printed
    for absent in (
        "Your progress on this device",
        "Save progress to a file",
        "Print all checklists",
        CONTENT.safety.quick_exit.label,
        "Get help",
    ):
        assert absent not in text, absent


def test_a_kept_tick_prints_ticked_in_firefox(firefox: Firefox, engine_site: EngineSite) -> None:
    first, second = GUIDE.phases[0].checklist[:2]
    tab = firefox.tab(1280, 900)
    try:
        tab.goto(engine_site.url + "checklists/")
        tab.js(f"localStorage.setItem('second-chance:checklist', JSON.stringify({{version: 2, done: ['{first.id}']}}))")
        tab.reload()
        text = " ".join(pdf_text(tab.pdf()))
    finally:
        tab.close()
    assert f"☑ {first.text}" in text and f"☐ {second.text}" in text
