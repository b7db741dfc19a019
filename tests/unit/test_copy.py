"""Our own words: no run of ten words in a row from the source article appears in the content,
the hand-written pages, the templates or the scripts. The article lives outside the repository
(`../shared/source/article.txt`, beside the clone, as on every developer machine and in CI)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from support import ROOT

ARTICLE = ROOT.parent / "shared" / "source" / "article.txt"
RUN = 10


def words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9']+", text.lower().replace("\u2019", "'"))


def ours() -> list[Path]:
    parts = [ROOT / "content", ROOT / "docs", ROOT / "hooks" / "guide" / "rendering" / "templates", ROOT / "overrides"]
    return sorted(p for part in parts for p in part.rglob("*") if p.suffix in {".yml", ".md", ".j2", ".html", ".js"})


def test_no_ten_words_in_a_row_come_from_the_source_article() -> None:
    if not ARTICLE.exists():
        pytest.skip(f"{ARTICLE} is not beside this clone")
    source = words(ARTICLE.read_text(encoding="utf-8"))
    runs = {tuple(source[i : i + RUN]) for i in range(len(source) - RUN + 1)}
    assert len(runs) > 1000  # the article was read
    copied = []
    for path in ours():
        text = words(path.read_text(encoding="utf-8"))  # across line breaks, not line by line
        copied += [
            f"{path.relative_to(ROOT)}: {' '.join(text[i : i + RUN])}"
            for i in range(len(text) - RUN + 1)
            if tuple(text[i : i + RUN]) in runs
        ]
    assert copied == []
