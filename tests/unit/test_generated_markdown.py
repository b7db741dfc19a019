"""Golden files: the Markdown generated from the fixture model, compared byte for byte.

After an intended change to a template, review the diff and run
`.venv/bin/python -m pytest tests/unit/test_generated_markdown.py --update-goldens`.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from guide import phases_at_a_glance
from guide.content.loading import load_content
from guide.rendering.markdown import site_pages
from guide.rendering.routes import resolve_links
from support import GOLDEN, ROOT


def generated(fixtures: Path) -> dict[str, str]:
    content = load_content(fixtures / "valid")
    pages = {page.src_uri: page.markdown for page in site_pages(content)}
    pages["at-a-glance.md"] = phases_at_a_glance(content, from_path="index.md")
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


# Generates the fixture's pages in a fresh interpreter and prints them as JSON.
_GENERATE = """
import json, sys
sys.path[:0] = [sys.argv[1], sys.argv[2], sys.argv[2] + "/unit"]
from test_generated_markdown import generated
from pathlib import Path
print(json.dumps(generated(Path(sys.argv[3])), sort_keys=True))
"""


@pytest.mark.parametrize("seeds", [("0", "1"), ("1", "12345")])
def test_generation_is_the_same_in_separate_processes_with_different_hash_seeds(
    fixtures: Path, seeds: tuple[str, str]
) -> None:
    """Set and dict order that follows string hashing changes with PYTHONHASHSEED, from one
    run to the next: two runs in separate processes must still write the same bytes."""
    hooks, tests = ROOT / "hooks", ROOT / "tests"
    outputs = []
    for seed in seeds:
        run = subprocess.run(
            [sys.executable, "-c", _GENERATE, str(hooks), str(tests), str(fixtures)],
            env={**os.environ, "PYTHONHASHSEED": seed},
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        assert run.returncode == 0, run.stderr
        outputs.append(json.loads(run.stdout))
    assert outputs[0] == outputs[1] == generated(fixtures)


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
