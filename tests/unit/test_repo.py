"""Repository rules that a reviewer would otherwise have to remember."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from support import ROOT


def test_workflow_actions_are_pinned_to_full_commit_shas() -> None:
    uses = []
    for workflow in (ROOT / ".github" / "workflows").glob("*.yml"):
        uses += re.findall(r"uses:\s*(\S+)(.*)", workflow.read_text(encoding="utf-8"))
    assert uses
    for action, comment in uses:
        assert re.fullmatch(r"[\w.-]+/[\w.-]+@[0-9a-f]{40}", action), action
        assert re.search(r"#\s*v\d", comment), f"{action}: name the release in a comment"


def test_ci_runs_lint_and_the_readme_test_command() -> None:
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "make test" in readme and re.search(r"^make test$", ci, re.M)
    assert re.search(r"^make lint$", ci, re.M)


def test_version_is_in_the_changelog() -> None:
    version = re.search(r'^version = "([^"]+)"', (ROOT / "pyproject.toml").read_text(encoding="utf-8"), re.M)
    assert version
    assert f"## {version.group(1)} " in (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")


def test_contributing_s_example_phase_is_part_of_the_real_guide() -> None:
    """Every line of the example under "Here is part of a real phase" is in content/guide.yml,
    in the same order and within one phase, so the example cannot drift from the file."""
    guide = (ROOT / "content" / "guide.yml").read_text(encoding="utf-8").splitlines()
    contributing = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    block = contributing.split("Here is part of a real phase", 1)[1].split("```yaml\n", 1)[1].split("```", 1)[0]
    example = block.splitlines()
    assert example[0].startswith("  - id: ")
    at = guide.index(example[0])
    for line in example[1:]:
        found = guide.index(line, at + 1)  # ValueError names a line that is not in the file
        assert not any(g.startswith("  - id: ") for g in guide[at + 1 : found]), f"{line!r} is in another phase"
        at = found


def test_the_readme_layout_of_hooks_names_every_module_and_only_those() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    tree = readme[readme.index("\nhooks/\n") : readme.index("\noverrides/ ")]
    named = set()
    folders: list[str] = []  # the folder each depth of indentation is in
    for line in tree.splitlines()[2:]:
        entry = line.split()[0] if line.strip() else ""
        if not entry.endswith((".py", "/")) or entry.startswith("`"):
            continue  # a wrapped description
        depth = (len(line) - len(line.lstrip())) // 2
        path = "".join(folders[: depth - 1]) + entry
        folders[depth - 1 :] = [entry]
        named.add(path)
    guide = ROOT / "hooks" / "guide"
    modules = {p.relative_to(ROOT / "hooks").as_posix() for p in (ROOT / "hooks").glob("*.py")}
    modules |= {p.relative_to(ROOT / "hooks").as_posix() for p in guide.rglob("*.py")}
    modules |= {p.relative_to(ROOT / "hooks").as_posix() + "/" for p in guide.rglob("*/") if p.name != "__pycache__"}
    modules |= {"guide/"}
    assert named == modules


def test_make_test_s_dist_mode_sends_each_xdist_group_to_one_worker(tmp_path: Path) -> None:
    # The suite relies on it: each changed copy and the engines' site are built once, by one
    # worker, with one Firefox. pytest 9.2 with xdist 3.8 ran a group on every worker, silently.
    dist = re.search(r"^test:.*\n\t.*pytest (.*)$", (ROOT / "Makefile").read_text(encoding="utf-8"), re.M)
    assert dist and "--dist loadgroup" in dist.group(1)
    (tmp_path / "test_grouped.py").write_text(
        "import os, time, pytest\n"
        "@pytest.mark.xdist_group('one')\n"
        "@pytest.mark.parametrize('n', range(6))\n"
        "def test_member(n):\n"
        "    time.sleep(0.1)  # long enough that an idle second worker would take some\n"
        "    with open('workers.txt', 'a') as out:\n"
        "        out.write(os.environ['PYTEST_XDIST_WORKER'] + '\\n')\n",
        encoding="utf-8",
    )
    (tmp_path / "pytest.ini").write_text("[pytest]\n", encoding="utf-8")
    run = subprocess.run(
        [sys.executable, "-m", "pytest", "-n", "2", "--dist", "loadgroup", "-p", "no:cacheprovider"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    workers = (tmp_path / "workers.txt").read_text(encoding="utf-8").split()
    assert len(workers) == 6 and len(set(workers)) == 1, workers


def test_every_config_s_first_hook_sets_the_build_state() -> None:
    # build_state.serving is set once, by guide_pages.py's on_startup; the hooks after it read it.
    configs = [c for c in sorted(ROOT.glob("mkdocs*.yml")) if "\nhooks:\n" in c.read_text(encoding="utf-8")]
    assert len(configs) >= 2  # mkdocs.yml and mkdocs.fr.yml; mkdocs.es.yml inherits mkdocs.yml's
    for config in configs:
        hooks = re.findall(r"^  - (hooks/\S+\.py)", config.read_text(encoding="utf-8").split("\nhooks:\n", 1)[1], re.M)
        assert hooks[0] == "hooks/guide_pages.py", config.name
    assert "build_state.serving = command" in (ROOT / "hooks" / "guide_pages.py").read_text(encoding="utf-8")
    for path in (ROOT / "hooks").glob("*.py"):
        assert "_serving" not in path.read_text(encoding="utf-8"), f"{path.name}: read build_state.serving"


def test_the_pure_package_names_no_adapter() -> None:
    # guide/ knows nothing of MkDocs or of the hooks that adapt it: none is named, even in a comment.
    adapters = [p.stem for p in (ROOT / "hooks").glob("*.py")]
    assert "guide_pages" in adapters
    for path in (ROOT / "hooks" / "guide").rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        named = [
            a for a in adapters if re.search(rf"hooks/{a}\b|\b{a}\.py\b" if a != path.stem else rf"hooks/{a}\b", text)
        ]
        assert named == [], f"guide/{path.name} names {named}"
        assert not re.search(r"^\s*(from|import) mkdocs\b", text, re.M), path.name


def test_every_axe_check_goes_through_the_one_helper() -> None:
    # tests/accessibility.py waits for transitions to end first; axe run directly measured a
    # search result's colours half-way through a fade and failed a full run of make test.
    direct = [
        path.relative_to(ROOT).as_posix()
        for path in (ROOT / "tests").rglob("*.py")
        if path.name != "accessibility.py" and re.search(r"\bAxe\(\)", path.read_text(encoding="utf-8"))
    ]
    assert direct == []
