"""The scripts' pure modules under Node's own test runner (`node --test components/`): the
checklist's record rules and the like, each tested in its component's folder (`*.test.cjs`), in
milliseconds, below the browser tests that use them."""

from __future__ import annotations

import shutil
import subprocess

from guide.components import FOLDER
from support import ROOT


def test_node_s_unit_tests_of_the_pure_modules_pass() -> None:
    node = shutil.which("node")
    assert node, "Node.js is missing: the build needs it too (hooks/bundle.py)"
    tests = sorted((ROOT / FOLDER).glob("*/*.test.cjs"))
    assert len(tests) >= 2, "no components/NAME/*.test.cjs"
    run = subprocess.run([node, "--test", *map(str, tests)], capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "# fail 0" in run.stdout and "# pass 0" not in run.stdout
