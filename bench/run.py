"""Measure the site and write bench-results/results.md. Nothing is asserted: it only measures.

Run with `make bench` (or `.venv/bin/python bench/run.py` once `npm ci` has run in bench/);
`make bench-quick` (`--quick`) measures less, in under two minutes on a quiet machine;
`make bench-record` (`--record`) also writes the tracked bench/results.md, the figures the
README quotes. Sections, each of which can be skipped with `--skip NAME`:

  lighthouse  Lighthouse scores and failing audits on four pages, ours and a plain-Material baseline
  weight      bytes and requests per page, split into our files and the theme's, from Playwright
  search      on a phone, ours and Pagefind in every language: first-use bytes, time to the first
              result, every page's weight before search, the policy Pagefind needs (bench/weight_search.py)
  build       `mkdocs build` time of the real site, and hooks vs plain Markdown at 10/100/1000 phases
  serve       `mkdocs serve`: time from a content/guide.yml edit to the served page showing it

Each measurement lives in its own module (lighthouse_scores, page_weight, build_time,
serve_time) with a `measure_*(snapshot, work, plan)` and a `*_section(...)` that writes its
Markdown; shared.py holds what they share. A new measurement is a module like them and one
line in `steps` below.

Everything runs on a snapshot of the project in a temporary folder, so edits made to the working
tree while the benchmark runs cannot change what it measures. Results go to the ignored
bench-results/ folder, and to bench/results.md only with --record.
"""

from __future__ import annotations

import argparse
import dataclasses
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import weight_search

from build_time import build_section, measure_build
from lighthouse_scores import lighthouse_section, measure_lighthouse
from page_weight import measure_weight, weight_section
from serve_time import measure_serve, serve_section
from shared import (
    FULL,
    OUTPUT,
    QUICK,
    RECORDED,
    RESULTS,
    ROOT,
    copy_project,
    log,
    machine,
    table,
)


def write_results(sections: list[list[str]], seconds: float, *, quick: bool, record: bool) -> list[Path]:
    mode = "`make bench-quick` (fewer pages, sizes and repeats)" if quick else "`make bench`"
    out = [
        "# Benchmark results",
        "",
        f"Written by {mode} (`bench/run.py`); overwritten on every run. Measurements only, nothing is asserted.",
        "",
        *table(["", ""], [[k, v] for k, v in machine()]),
        "",
    ]
    for section in sections:
        out += section
    out += [f"Whole benchmark: {seconds:.0f} s.", ""]
    OUTPUT.mkdir(exist_ok=True)
    targets = [RESULTS, RECORDED] if record else [RESULTS]
    for target in targets:
        target.write_text("\n".join(out), encoding="utf-8")
    return targets


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument(
        "--skip", action="append", default=[], choices=["lighthouse", "weight", "search", "build", "serve"]
    )
    parser.add_argument("--sizes", type=int, nargs="+", help="synthetic phase counts (default: the plan's)")
    parser.add_argument(
        "--quick", action="store_true", help="one page, Lighthouse on ours only, 10 and 100 phases, fewer repeats"
    )
    parser.add_argument("--record", action="store_true", help=f"also write {RECORDED.relative_to(ROOT)} (tracked)")
    args = parser.parse_args()
    plan = QUICK if args.quick else FULL
    if args.sizes:
        plan = dataclasses.replace(plan, sizes=tuple(args.sizes))
    started = time.perf_counter()
    sections: list[list[str]] = []
    with tempfile.TemporaryDirectory(prefix="second-chance-bench-") as temp:
        work = Path(temp)
        snapshot = copy_project(work / "project")
        steps: list[tuple[str, Callable[[], list[str]]]] = [
            ("lighthouse", lambda: lighthouse_section(measure_lighthouse(snapshot, work, plan))),
            ("weight", lambda: weight_section(measure_weight(snapshot, work, plan))),
            ("search", lambda: weight_search.section(weight_search.measure(snapshot, work))),
            ("build", lambda: build_section(*measure_build(snapshot, work, plan))),
            ("serve", lambda: serve_section(measure_serve(snapshot, work, plan))),
        ]
        for name, step in steps:
            if name in args.skip:
                continue
            try:
                sections.append(step())
            except Exception as error:  # one broken measurement should not lose the others
                log(f"{name} failed: {error}")
                sections.append([f"## {name}", "", "Failed:", "", "```text", str(error).strip(), "```", ""])
    written = write_results(sections, time.perf_counter() - started, quick=args.quick, record=args.record)
    log(f"wrote {', '.join(str(p.relative_to(ROOT)) for p in written)} in {time.perf_counter() - started:.0f} s")


if __name__ == "__main__":
    main()
