"""Figures the docs quote are the real ones: a byte count in the README is checked against the
file as readers get it, so a change to a script that moves its size fails here, not silently."""

from __future__ import annotations

import gzip
import re

import pytest

from guide.assets.minify import minified
from guide.components import served
from support import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")
# "`components/quick-exit/quick-exit.js`, 1,767 bytes gzipped" or "`checklist-file.js` (1,434 bytes gzipped"
QUOTED = re.compile(r"`(?:components/[\w-]+/)?([\w-]+\.js)`[,\s(]+(?:\*\*)?([\d,]+) bytes\s+gzipped")
FIGURES = [(name, int(count.replace(",", ""))) for name, count in QUOTED.findall(README)]


def served_gzipped(name: str) -> int:
    """Bytes of `name` as readers download it: minified by the build, gzipped at level 9."""
    source = served()[f"assets/js/{name}"].read_text(encoding="utf-8")
    return len(gzip.compress(minified(source, "application/javascript").encode(), compresslevel=9, mtime=0))


def test_the_readme_quotes_the_scripts_it_describes() -> None:
    assert {name for name, _ in FIGURES} >= {"checklist.js", "checklist-file.js", "quick-exit.js", "one-entry.js"}


@pytest.mark.parametrize(("name", "quoted"), FIGURES, ids=[name for name, _ in FIGURES])
def test_each_script_size_the_readme_quotes_is_its_size_as_served(name: str, quoted: int) -> None:
    assert quoted == served_gzipped(name), f"README says {quoted:,} bytes for {name}; it is {served_gzipped(name):,}"
