"""The browser tests run in Debian's chromium-headless-shell, and one (the back-forward cache)
in the full chromium: both must be one Chromium, or a pass in the shell says nothing about the
browser readers use. Debian builds both from one source package; an upgrade of one without the
other (an old package list) would split them."""

from __future__ import annotations

import re
import subprocess

import pytest

from support import CHROMIUM, FULL_CHROMIUM

pytestmark = pytest.mark.browser


def _version(binary: str) -> str:
    out = subprocess.run([binary, "--version"], capture_output=True, text=True, check=True, timeout=60).stdout
    found = re.search(r"\d+\.\d+\.\d+\.\d+", out)
    assert found, f"{binary} --version said {out!r}"
    return found.group()


def test_the_headless_shell_is_the_same_chromium_as_the_full_browser() -> None:
    assert _version(CHROMIUM) == _version(FULL_CHROMIUM), "run `apt-get update && make system-deps`"
