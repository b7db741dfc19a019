"""The test suite measured as CI runs it: the pyramid (how many tests each layer holds), then
`CI=true make test` N times in a row, each run's result and wall time. With --record, both are
appended to bench/test-runs.md (tracked), the dated log the README points to, so the README
quotes no figure that can drift.

  .venv/bin/python bench/test_runs.py --pyramid          the layers' counts only (seconds)
  .venv/bin/python bench/test_runs.py --runs 10 --record  ten full runs, logged (`make test-repeat`)

Wall time on a shared machine measures the neighbours too: compare runs made in one sitting."""

from __future__ import annotations

import argparse
import contextlib
import io
import os
import re
import subprocess
import sys
import time
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from shared import ROOT, command_output, table

LOG = ROOT / "bench" / "test-runs.md"
LAYERS = (
    ("unit", "pure: no build, browser or Java (tests/unit, `make test-unit`)"),
    ("files", "the built site read as files, changed copies built, `mkdocs serve`"),
    ("chromium", "in Chromium, for what needs a browser"),
    ("engines", "in WebKit and Firefox (tests/engines)"),
)
SUMMARY = re.compile(r"=+ (.*\b(?:passed|failed)\b.*) in ([\d.]+)s")


def layer(item: Any) -> str:
    if item.get_closest_marker("engines"):
        return "engines"
    if item.get_closest_marker("browser"):
        return "chromium"
    return "unit" if Path(str(item.path)).is_relative_to(ROOT / "tests" / "unit") else "files"


class _Count:
    def __init__(self) -> None:
        self.layers: Counter[str] = Counter()
        self.zensical = 0

    def pytest_collection_modifyitems(self, items: list[Any]) -> None:
        for item in items:
            self.layers[layer(item)] += 1
            self.zensical += "zensical" in item.nodeid


def pyramid() -> tuple[Counter[str], int]:
    """Each layer's test count, and how many of them run on the Zensical build, from one
    collection (`pytest --collect-only`, no test run)."""
    count = _Count()
    os.chdir(ROOT)
    listing = io.StringIO()
    with contextlib.redirect_stdout(listing):  # the list of tests; shown only if collection fails
        code = pytest.main(["--collect-only", "-q", "-n", "0", "-p", "no:cacheprovider"], plugins=[count])
    if code != 0:
        raise SystemExit(f"{listing.getvalue()}\ncollection failed ({code})")
    return count.layers, count.zensical


def run_once() -> tuple[int, str, float, list[str]]:
    """One `CI=true make test`: exit code, pytest's summary, wall seconds, failed test ids."""
    start = time.monotonic()
    done = subprocess.run(
        ["make", "test"], cwd=ROOT, env={**os.environ, "CI": "true"}, capture_output=True, text=True, check=False
    )
    wall = time.monotonic() - start
    found = SUMMARY.findall(done.stdout)
    tail = (done.stdout + done.stderr).strip().splitlines()
    summary = found[-1][0] if found else (tail[-1] if tail else f"exit {done.returncode}, no output")
    failed = [line.split()[1] for line in done.stdout.splitlines() if line.startswith(("FAILED ", "ERROR "))]
    return done.returncode, summary, wall, failed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=0, help="full `CI=true make test` runs, one after another")
    parser.add_argument("--pyramid", action="store_true", help="only count the layers")
    parser.add_argument("--record", action="store_true", help="append the results to bench/test-runs.md")
    args = parser.parse_args()
    layers, zensical = pyramid()
    stamp = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    commit = command_output("git", "-C", str(ROOT), "describe", "--always", "--dirty")
    rows = [[f"{name}: {what}", f"{layers[name]:,}"] for name, what in LAYERS]
    rows.append([f"all (of them on the Zensical build: {zensical})", f"{sum(layers.values()):,}"])
    lines = [f"\n## {stamp}, commit {commit}, {os.cpu_count()} cores\n", *table(["layer", "tests"], rows, "lr")]
    print("\n".join(lines), flush=True)
    if args.runs and not args.pyramid:
        lines += ["", *table(["run", "result", "wall time", "failed"], [], "rlrl")]
        green = 0
        for n in range(1, args.runs + 1):
            code, summary, wall, failed = run_once()
            green += code == 0
            minutes, seconds = divmod(round(wall), 60)  # rounded first: never "6 min 60 s"
            row = f"| {n} | {summary} | {minutes} min {seconds} s | {', '.join(failed) or '-'} |"
            print(row, flush=True)
            lines.append(row)
        lines.append(f"\n{green} of {args.runs} runs green.")
        print(lines[-1])
    if args.record:
        if not LOG.exists():
            LOG.write_text(
                "# Test-suite runs\n\nDated results of `bench/test_runs.py` (`make test-pyramid`, "
                "`make test-repeat`): the pyramid's layers and full `CI=true make test` runs in a row. "
                "Appended by `--record`; newest last.\n",
                encoding="utf-8",
            )
        with LOG.open("a", encoding="utf-8") as log:
            log.write("\n".join(lines) + "\n")
    sys.exit(0)


if __name__ == "__main__":
    main()
