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
from engines.conftest import CONTENT, EngineSite, require
from engines.tabs import checkbox_for, reload_page, wait_until
from engines.webkit import Display

# One worker runs every engine test: one build of the engines' site, one Xvfb, one Firefox.
pytestmark = [pytest.mark.browser, pytest.mark.engines, pytest.mark.xdist_group("engines")]

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
        reload_page(tab)
        # Printed once the checklist has read the kept record, not merely once the page is
        # there: on a longer page Firefox sometimes printed before the script ticked the box.
        wait_until(lambda: tab.js(f"{checkbox_for(first.text)}?.checked === true"), "the kept tick on the page")
        text = " ".join(pdf_text(tab.pdf()))
    finally:
        tab.close()
    assert f"☑ {first.text}" in text and f"☐ {second.text}" in text


# --- printing from dark mode ----------------------------------------------------------------

BAND_MM = 5  # the outer strip of the sheet, inside any printer margin
DPI = 30


def paper_edges(pdf: bytes, tmp_path: Path) -> list[int]:
    """The grey levels (0 black, 255 white) of every pixel in the outer band of the first
    printed sheet, rendered by poppler's pdftoppm."""
    source = tmp_path / "sheet.pdf"
    source.write_bytes(pdf)
    subprocess.run(
        ["pdftoppm", "-f", "1", "-l", "1", "-r", str(DPI), "-gray", str(source), str(tmp_path / "sheet")],
        check=True,
        timeout=60,
    )
    image = next(tmp_path.glob("sheet*.pgm")).read_bytes()
    # Binary PGM: "P5", width, height, maximum value, one whitespace byte, then the pixels.
    magic, width, height, _maximum, pixels = image.split(maxsplit=4)
    assert magic == b"P5"
    w, h = int(width), int(height)
    band = round(BAND_MM / 25.4 * DPI)
    return [
        pixels[y * w + x] for y in range(h) for x in range(w) if x < band or x >= w - band or y < band or y >= h - band
    ]


@pytest.mark.parametrize("engine", ["chromium", "firefox"])
def test_printing_from_dark_mode_with_backgrounds_leaves_no_dark_frame(
    request: pytest.FixtureRequest, engine_site: EngineSite, tmp_path: Path, engine: str
) -> None:
    """A reader in dark mode prints with "Background graphics" on: the paper's edges are white."""
    require("/usr/bin/pdftoppm", "poppler-utils")
    url = engine_site.url + f"phases/{GUIDE.phases[0].id}/"
    if engine == "chromium":
        page = request.getfixturevalue("browser").new_page(color_scheme="dark")
        try:
            page.goto(url)
            scheme = page.evaluate("document.body.dataset.mdColorScheme")
            pdf = page.pdf(format="A4", print_background=True)
        finally:
            page.close()
    else:
        tab = request.getfixturevalue("firefox").tab(1280, 900)
        try:
            tab.goto(url)
            tab.click("document.querySelector('[data-md-component=palette] label:not([hidden])')")  # to dark
            scheme = tab.js("document.body.dataset.mdColorScheme")
            pdf = tab.pdf(background=True)
        finally:
            tab.close()
    assert scheme == "slate", "the page was not in dark mode"
    edges = paper_edges(pdf, tmp_path)
    assert min(edges) >= 245, f"{engine}: the paper's edge has dark pixels (darkest {min(edges)})"
