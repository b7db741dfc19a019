"""Fixtures for the engine tests: the site built for its own address with the quick exit
pointed at a neutral page served here (no request reaches the real network), and a fresh tab
in WebKit or in Firefox.

A missing engine skips these tests on a contributor's machine, with the package to install;
in CI (CI=true) it fails them instead, so CI never passes without running them.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from engines.bidi import Firefox
from engines.webkit import DRIVER, MINIBROWSER, PHONE_SCREEN, Display, WebKitTab
from guide.content.loading import load_content
from sitetools import address_of, reserved_port, serve_directory
from support import ROOT, run_mkdocs

CONTENT = load_content(ROOT / "content")
EXIT_URL = CONTENT.safety.quick_exit.url
FIREFOX = os.environ.get("FIREFOX", "/usr/bin/firefox-esr")
CONSOLE_CHECK = "console check: this message is expected"
NEUTRAL_PAGE = "<!doctype html><html lang=en><meta charset=utf-8><title>{title}</title><p>A neutral page.</p>"


def require(path: str, package: str) -> None:
    if Path(path).exists():
        return
    message = f"{path} is missing: install Debian's {package} (`make system-deps` does)"
    if os.environ.get("CI") == "true":
        pytest.fail(message)
    pytest.skip(message)


@dataclass
class EngineSite:
    url: str  # the site, served on 127.0.0.1
    exit_url: str  # where the quick exit leads: a neutral page on another origin
    start_url: str  # a neutral page on that origin, to open before the site
    console_check_url: str  # a page on that origin that logs CONSOLE_CHECK


@pytest.fixture(scope="session")
def engine_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[EngineSite]:
    neutral = tmp_path_factory.mktemp("neutral")
    for name, title in (("weather", "Weather"), ("start", "Start")):
        (neutral / name).mkdir()
        (neutral / name / "index.html").write_text(NEUTRAL_PAGE.format(title=title), encoding="utf-8")
    # A page that logs one message: proof that a test reading an engine's console sees them.
    (neutral / "console-check").mkdir()
    (neutral / "console-check" / "index.html").write_text(
        NEUTRAL_PAGE.format(title="Console check") + f"<script>console.log({CONSOLE_CHECK!r})</script>",
        encoding="utf-8",
    )
    site = tmp_path_factory.mktemp("engine-site")
    held = reserved_port()
    result = run_mkdocs(ROOT, "build", "--strict", "--site-dir", str(site), site_url=address_of(held))
    assert result.returncode == 0, result.stdout + result.stderr
    with serve_directory(neutral) as neutral_url:
        exit_url = neutral_url + "weather/"
        # The exit's address is only in the links' href: no script hash changes with it.
        pointed = 0
        for page in site.rglob("*.html"):
            text = page.read_text(encoding="utf-8")
            pointed += text.count(f'href="{EXIT_URL}"')
            page.write_text(text.replace(f'href="{EXIT_URL}"', f'href="{exit_url}"'), encoding="utf-8")
            assert EXIT_URL not in page.read_text(encoding="utf-8"), f"{page}: the exit's address in another form"
        assert pointed, "no quick exit link found to point at the neutral page"
        with serve_directory(site, port=held) as url:
            yield EngineSite(
                url=url,
                exit_url=exit_url,
                start_url=neutral_url + "start/",
                console_check_url=neutral_url + "console-check/",
            )


@pytest.fixture(scope="session")
def display() -> Iterator[Display]:
    require(MINIBROWSER, "libwebkit2gtk-4.1-0")
    require(DRIVER, "webkit2gtk-driver")
    require("/usr/bin/Xvfb", "xvfb")
    screen = Display(*PHONE_SCREEN)
    yield screen
    screen.close()


@pytest.fixture(scope="session")
def firefox() -> Iterator[Firefox]:
    require(FIREFOX, "firefox-esr")
    browser = Firefox(FIREFOX)
    yield browser
    browser.close()


@pytest.fixture(params=["webkit", "firefox"])
def tab(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Any]:
    """A page in a fresh profile of WebKit or Firefox, on a phone-sized screen. In Firefox,
    which reports them, the test fails on any console message or error the site logged."""
    if request.param == "webkit":
        opened: Any = WebKitTab(request.getfixturevalue("display"), tmp_path / "webkit.log")
    else:
        opened = request.getfixturevalue("firefox").tab()
    yield opened
    messages = opened.console() if request.param == "firefox" else []
    opened.close()
    assert messages == [], f"console messages in {request.param}: {messages}"


@pytest.fixture(scope="session")
def webkit_python() -> str:
    """Debian's Python with the WebKitGTK bindings, for webkit_gtk.py."""
    require("/usr/lib/x86_64-linux-gnu/girepository-1.0/WebKit2-4.1.typelib", "gir1.2-webkit2-4.1")
    python = shutil.which("python3", path="/usr/bin")
    require(python or "/usr/bin/python3", "python3-gi")
    return python or "/usr/bin/python3"
