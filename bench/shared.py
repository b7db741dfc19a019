"""What every measurement of the benchmark uses: paths, the plan (full or quick), running a
build, Markdown tables, the machine's description."""

from __future__ import annotations

import importlib.metadata
import json
import os
import platform
import re
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import yaml
from mkdocs.utils.yaml import yaml_load

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path.insert(0, str(ROOT / "tests"))
# Re-exported for the measurements, which import them from here, after the path is set.
from sitetools import CHROMIUM_FLAGS as CHROMIUM_FLAGS  # noqa: E402 - after the path it needs
from sitetools import copy_project as copy_project  # noqa: E402
from sitetools import free_port as free_port  # noqa: E402
from sitetools import mkdocs_env as mkdocs_env  # noqa: E402
from sitetools import serve_directory as serve_directory  # noqa: E402

RECORDED = BENCH / "results.md"  # tracked: written only with --record
OUTPUT = ROOT / "bench-results"  # ignored by git: every run's results and raw reports
RESULTS = OUTPUT / "results.md"
REPORTS = OUTPUT / "lighthouse"  # raw Lighthouse JSON
LIGHTHOUSE = BENCH / "node_modules" / ".bin" / "lighthouse"
CHROMIUM = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))

# The first phase, whatever its id: nothing here lists the phases by hand.
FIRST_PHASE = yaml.safe_load((ROOT / "content" / "guide.yml").read_text(encoding="utf-8"))["phases"][0]["id"]
PAGES: dict[str, str] = {
    "home": "",
    "phase": f"phases/{FIRST_PHASE}/",
    "checklists": "checklists/",
    "safety": "safety/",
}
CHROME_FLAGS = ("--headless=new", *CHROMIUM_FLAGS)
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
# What counts as "ours" in the page weight: everything in overrides/assets' own folders (Material's
# are assets/stylesheets and assets/javascripts); the HTML document itself is ours too.
OUR_DIRS = ("/assets/css/", "/assets/js/")
SYNTHETIC_SIZES = (10, 100, 1000)
CONTENT_HOOK = "guide_pages.py"  # the hook that the plain-Markdown variant replaces


@dataclass(frozen=True)
class Plan:
    """How much to measure: the full run, or --quick (fewer pages, sizes and repeats)."""

    pages: dict[str, str]
    lighthouse_variants: tuple[str, ...]
    sizes: tuple[int, ...]
    build_repeats: int
    serve_repeats: int


FULL = Plan(dict(PAGES), ("ours", "baseline"), SYNTHETIC_SIZES, build_repeats=5, serve_repeats=3)
QUICK = Plan({"phase": PAGES["phase"]}, ("ours",), (10, 100), build_repeats=2, serve_repeats=2)
# Lighthouse's figures for a default Material site, from the issue this benchmark answers.
REFERENCE_BASELINE = "96 / 89 / 100 / 91"


# --- small helpers ---------------------------------------------------------------------------


def log(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", flush=True)


def command_output(*args: str) -> str:
    try:
        return subprocess.run(args, capture_output=True, text=True, timeout=30).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return "unknown"


def keep_response(into: list[Any], response: Any) -> None:
    """For `context.on("response", functools.partial(keep_response, into))`: Playwright cannot
    take a bound builtin such as list.append."""
    into.append(response)


def response_body(response: Any) -> bytes:
    """A response's body; redirects and aborted requests have none."""
    try:
        return bytes(response.body())
    except Exception:  # Playwright raises its own error types for both
        return b""


def edit_config(project: Path, change: Callable[[dict[str, Any]], None]) -> None:
    """Load mkdocs.yml as MkDocs does (resolving `!ENV`), change it, and write plain YAML back."""
    path = project / "mkdocs.yml"
    config = yaml_load(path.read_text(encoding="utf-8"))
    change(config)
    path.write_text(yaml.safe_dump(config, sort_keys=False, allow_unicode=True), encoding="utf-8")


def median(values: list[float]) -> float:
    return statistics.median(values)


@dataclass
class Build:
    wall: float  # seconds for the whole `mkdocs build` process, Python start-up included
    reported: float  # MkDocs' own "Documentation built in X seconds"


def build(project: Path, site_dir: Path, *, site_url: str | None = None, timeout: float = 900) -> Build:
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site_dir)],
        cwd=project,
        env=mkdocs_env(site_url),
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    wall = time.perf_counter() - start
    if done.returncode != 0:
        raise RuntimeError(f"mkdocs build failed in {project}:\n{done.stdout}{done.stderr}")
    found = re.search(r"Documentation built in ([\d.]+) seconds", done.stderr + done.stdout)
    return Build(wall=wall, reported=float(found.group(1)) if found else float("nan"))


def table(header: list[str], rows: list[list[str]], align: str = "") -> list[str]:
    """A Markdown table; `align` holds one 'l' or 'r' per column (default: left)."""
    marks = ["---:" if (align[i : i + 1] == "r") else "---" for i in range(len(header))]
    return [f"| {' | '.join(header)} |", f"| {' | '.join(marks)} |", *(f"| {' | '.join(row)} |" for row in rows)]


def kib(size: int) -> str:
    return f"{size / 1024:,.1f}"


# --- machine ---------------------------------------------------------------------------------


def machine() -> list[tuple[str, str]]:
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    lighthouse = "not installed"
    package = BENCH / "node_modules" / "lighthouse" / "package.json"
    if package.exists():
        lighthouse = json.loads(package.read_text(encoding="utf-8"))["version"]
    return [
        ("date", datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")),
        ("machine", command_output("uname", "-srm")),
        ("CPU", cpu),
        ("cores", str(os.cpu_count())),
        ("chromium", command_output(str(CHROMIUM), "--version")),
        ("python", platform.python_version()),
        ("mkdocs", importlib.metadata.version("mkdocs")),
        ("mkdocs-material", importlib.metadata.version("mkdocs-material")),
        ("playwright (python)", importlib.metadata.version("playwright")),
        ("node", command_output("node", "--version")),
        ("lighthouse", lighthouse),
        ("git commit", command_output("git", "-C", str(ROOT), "describe", "--always", "--dirty")),
        ("uncommitted paths", str(len(command_output("git", "-C", str(ROOT), "status", "--porcelain").splitlines()))),
    ]
