"""bench/package.json and its lock stay in step, so `npm ci` (and with it `make bench`) works
from a fresh clone: in pure Python always, and through npm itself where npm is installed."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from support import ROOT

BENCH = ROOT / "bench"
PACKAGE: dict[str, Any] = json.loads((BENCH / "package.json").read_text(encoding="utf-8"))
LOCK: dict[str, Any] = json.loads((BENCH / "package-lock.json").read_text(encoding="utf-8"))
DEPENDENCY_KINDS = ("dependencies", "devDependencies", "optionalDependencies", "peerDependencies")
# A dist-tag ("latest", "next") rather than a version range: npm asks the registry what it
# means today, so a lock that records one goes stale on the next publish.
DIST_TAG = re.compile(r"[a-z][a-z0-9._-]*")


def locked_version(name: str) -> str | None:
    entry = LOCK["packages"].get(f"node_modules/{name}")
    return None if entry is None else str(entry["version"])


def test_the_lock_records_the_same_dependencies_as_package_json() -> None:
    root = LOCK["packages"][""]
    for kind in DEPENDENCY_KINDS:
        assert root.get(kind, {}) == PACKAGE.get(kind, {}), f"{kind} differ: run `npm install --package-lock-only`"


def test_every_dependency_on_a_dist_tag_is_pinned_by_an_override() -> None:
    overrides = PACKAGE.get("overrides", {})
    tagged = {
        name
        for entry in LOCK["packages"].values()
        for kind in DEPENDENCY_KINDS
        for name, spec in entry.get(kind, {}).items()
        if DIST_TAG.fullmatch(spec) and spec != "x"
    }
    assert tagged <= set(overrides), f"pin these in bench/package.json overrides: {sorted(tagged - set(overrides))}"


def test_overrides_pin_exactly_the_locked_versions() -> None:
    for name, version in PACKAGE.get("overrides", {}).items():
        assert locked_version(name) == version, f"override {name}@{version} is not what the lock installs"


@pytest.mark.skipif(
    shutil.which("npm") is None, reason="npm is not installed (make bench needs it, make test does not)"
)
def test_npm_ci_accepts_the_lock_offline_with_an_empty_cache(tmp_path: Path) -> None:
    # --offline with an empty cache: npm may not ask the registry anything, so this also fails
    # if any dependency still needs resolving (a dist-tag, a range the lock does not satisfy).
    for name in ("package.json", "package-lock.json"):
        shutil.copy2(BENCH / name, tmp_path / name)
    result = subprocess.run(
        ["npm", "ci", "--dry-run", "--offline", "--ignore-scripts", "--no-audit", "--no-fund"],
        cwd=tmp_path,
        env=os.environ | {"npm_config_cache": str(tmp_path / "cache"), "npm_config_update_notifier": "false"},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
