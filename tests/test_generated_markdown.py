"""Golden files: the Markdown generated from the fixture model, compared byte for byte.

After an intended change to a template, review the diff and run
`.venv/bin/python -m pytest tests/test_generated_markdown.py --update-goldens`.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from guide import phases_at_a_glance
from guide.content import load_content
from guide.render import site_pages
from guide.routes import resolve_links
from support import GOLDEN


def generated(fixtures: Path) -> dict[str, str]:
    content = load_content(fixtures / "valid")
    pages = {page.src_uri: page.markdown for page in site_pages(content)}
    pages["at-a-glance.md"] = phases_at_a_glance(content.guide, from_path="index.md")
    return pages


def test_generated_pages_match_golden_files(fixtures: Path, update_goldens: bool) -> None:
    pages = generated(fixtures)
    if update_goldens:
        for name, text in pages.items():
            (GOLDEN / name).parent.mkdir(parents=True, exist_ok=True)
            (GOLDEN / name).write_text(text, encoding="utf-8")
    expected = {p.relative_to(GOLDEN).as_posix(): p.read_text(encoding="utf-8") for p in GOLDEN.rglob("*.md")}
    assert sorted(pages) == sorted(expected)
    for name, text in pages.items():
        assert text == expected[name], f"{name} differs from tests/golden/{name}"


def test_generation_is_deterministic(fixtures: Path) -> None:
    assert generated(fixtures) == generated(fixtures)


@pytest.mark.parametrize(
    ("markdown", "from_path", "result"),
    [
        ("[a](guide:b)", "phases/a.md", "[a](b.md)"),
        ("[s](guide:safety)", "phases/a.md", "[s](../safety.md)"),
        ("[s](guide:safety#helplines)", "index.md", "[s](safety.md#helplines)"),
        ("[x](guide:unknown)", "index.md", "[x](guide:unknown)"),
        ("[p](guide:b) and [q](guide:home)", "phases/b.md", "[p](b.md) and [q](../index.md)"),
    ],
)
def test_guide_links_become_relative_markdown_links(markdown: str, from_path: str, result: str) -> None:
    paths = {"b": "phases/b.md", "safety": "safety.md", "home": "index.md"}
    assert resolve_links(markdown, from_path=from_path, paths=paths) == result
