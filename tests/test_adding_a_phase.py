"""Adding a phase as CONTRIBUTING.md says takes one edit to content/guide.yml, and its entries
in each language's content/xx/guide.yml (step 6): the project's own content checks and fast
tests then pass on the copy, and every page that counts or lists the phases follows. Here the
translations' texts are the English, standing in for a translator's work: the point is that
the entries `translations todo` names are all the build asks for."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import yaml

from guide.content.loading import english_fields
from guide.translations.fields import english_hash
from guide.translations.languages import TRANSLATED
from support import ROOT, copy_project, site_content

# The fast tests that check the guide's shape, its pages and the nav: they read the copy's
# content, so a list of phases written by hand anywhere would fail here.
FAST_TESTS = (
    "tests/unit/test_content_model.py",
    "tests/test_stop_rule.py",
    "tests/test_readability.py",
    "tests/test_build.py",
)


def _add_phase(model: Path, like: str, new_id: str) -> str:
    """CONTRIBUTING's steps 1-4: copy the block of phase `like`, give it a new id, title,
    summary and checklist ids, and paste it after the original."""
    text = model.read_text(encoding="utf-8")
    start = text.index(f"\n  - id: {like}\n") + 1
    end = text.index("\n  - id: ", start + 1) + 1
    block = text[start:end]
    title = next(line for line in block.splitlines() if line.startswith("    title: "))
    summary = next(line for line in block.splitlines() if line.startswith("    summary: "))
    copy = (
        block.replace(f"  - id: {like}\n", f"  - id: {new_id}\n", 1)
        .replace(title, "    title: Keep the change going", 1)
        .replace(summary, "    summary: Keep up the change you started, one ordinary day at a time.", 1)
        .replace(f"      - id: {like}-", f"      - id: {new_id}-")
    )
    model.write_text(text[:end] + copy + text[end:], encoding="utf-8")
    return copy


def _translate_new_fields(content: Path, code: str) -> None:
    """Step 6: every entry `python -m guide translations todo CODE guide.yml` prints, written in."""
    target = content / code / "guide.yml"
    data = yaml.safe_load(target.read_text(encoding="utf-8"))
    missing = {
        path: field for path, field in english_fields(content, "guide.yml").items() if path not in data["fields"]
    }
    assert missing and all(path.startswith("phases.keep-going.") for path in missing), sorted(missing)[:5]
    entries = {path: {"from": english_hash(field.text), "text": field.text} for path, field in missing.items()}
    block = yaml.safe_dump(entries, allow_unicode=True, sort_keys=False, width=10**6)
    target.write_text(target.read_text(encoding="utf-8") + "".join(f"  {line}\n" for line in block.splitlines()))


def test_a_phase_added_as_contributing_says_passes_the_fast_checks(tmp_path: Path) -> None:
    phases = site_content().guide.phases
    # A phase in the middle with no tools or examples of its own (it may check in, as every
    # phase with contact does).
    like = next(p for p in phases[1:-1] if not (p.examples or p.message_rules or p.space_days))
    project = copy_project(tmp_path)
    for part in ("tests", "conftest.py", "pyproject.toml"):  # the fixtures are at the project's root
        source = ROOT / part
        if source.is_dir():
            subprocess.run(["cp", "-r", str(source), str(project / part)], check=True)
        else:
            (project / part).write_bytes(source.read_bytes())
    _add_phase(project / "content" / "guide.yml", like.id, "keep-going")
    for language in TRANSLATED:
        _translate_new_fields(project / "content", language.code)

    env = {**os.environ, "PYTHONPATH": "hooks", "NO_MKDOCS_2_WARNING": "1"}
    check = subprocess.run(
        [sys.executable, "-m", "guide", "content"], cwd=project, env=env, capture_output=True, text=True
    )
    assert check.returncode == 0, check.stdout + check.stderr

    exported = subprocess.run(
        [sys.executable, "-m", "guide", "pages", "out"], cwd=project, env=env, capture_output=True, text=True
    )
    assert exported.returncode == 0, exported.stdout + exported.stderr
    home = (project / "out" / "docs" / "index.md").read_text(encoding="utf-8")
    count = len(phases) + 1
    words = ["no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"]
    assert f"It goes in {words[count] if count < len(words) else count} phases" in home
    assert "[Keep the change going](phases/keep-going.md)" in home
    assert (project / "out" / "docs" / "phases" / "keep-going.md").exists()

    tests = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-m", "not browser", *FAST_TESTS],
        cwd=project,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert tests.returncode == 0, tests.stdout[-4000:] + tests.stderr[-2000:]
