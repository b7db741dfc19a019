"""Measure the site and write bench/results.md. Nothing is asserted: it only measures.

Run with `make bench` (or `.venv/bin/python bench/run.py` once `npm ci` has run in bench/).
Sections, each of which can be skipped with `--skip NAME`:

  lighthouse  Lighthouse scores and failing audits on four pages, ours and a plain-Material baseline
  weight      bytes and requests per page, split into our files and the theme's, from Playwright
  search      weight before and after a first search, time to the first result, three options
              (bench/weight_search.py)
  build       `mkdocs build` time of the real site, and hooks vs plain Markdown at 10/100/1000 phases
  serve       `mkdocs serve`: time from a content/guide.yml edit to the served page showing it

Everything runs on a snapshot of the project in a temporary folder, so edits made to the working
tree while the benchmark runs cannot change what it measures, and nothing is written outside
bench/.
"""

from __future__ import annotations

import argparse
import copy
import functools
import gzip
import importlib.metadata
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml
from mkdocs.utils.yaml import yaml_load

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path.insert(0, str(ROOT / "tests"))
import weight_search  # noqa: E402 - bench/ is on the path when run as a script (issue 20's search options)

from sitetools import CHROMIUM_FLAGS, free_port, mkdocs_env, serve_directory  # noqa: E402 - after the path it needs

RESULTS = BENCH / "results.md"
REPORTS = BENCH / "out"  # raw Lighthouse JSON, gitignored
LIGHTHOUSE = BENCH / "node_modules" / ".bin" / "lighthouse"
CHROMIUM = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))
PROJECT_PARTS = ("mkdocs.yml", "docs", "hooks", "overrides", "content")

PAGES: dict[str, str] = {
    "home": "",
    "phase": "phases/understand/",
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
BUILD_REPEATS = 5
SERVE_REPEATS = 3
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


def copy_project(source: Path, target: Path) -> Path:
    target.mkdir(parents=True, exist_ok=True)
    for part in PROJECT_PARTS:
        if (source / part).is_dir():
            shutil.copytree(source / part, target / part, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source / part, target / part)
    return target


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


def kb(size: int) -> str:
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


# --- 1. Lighthouse ---------------------------------------------------------------------------


@dataclass
class LighthouseRun:
    variant: str
    page: str
    scores: dict[str, int | None] = field(default_factory=dict)
    failing: list[str] = field(default_factory=list)
    error: str = ""


def make_baseline(snapshot: Path, target: Path) -> Path:
    """Our content and hooks on default Material: no custom_dir, own CSS/JS or palette.

    Fonts stay off (`font: false`): this machine has no internet access, so Google Fonts would
    fail to load and skew the baseline with console errors instead of measuring the theme.
    """
    copy_project(snapshot, target)

    def change(config: dict[str, Any]) -> None:
        theme = config["theme"]
        for key in ("custom_dir", "palette"):
            theme.pop(key, None)
        theme["font"] = False
        config.pop("extra_css", None)
        config.pop("extra_javascript", None)

    edit_config(target, change)
    return target


def failing_audits(report: dict[str, Any]) -> list[str]:
    """Every scored audit below 1 (informative, manual and not-applicable audits left out)."""
    out = []
    for audit in report["audits"].values():
        score = audit.get("score")
        if audit.get("scoreDisplayMode") in ("informative", "manual", "notApplicable", "error"):
            continue
        if score is not None and score < 1:
            out.append(f"{audit['id']} ({score:g})")
    return sorted(out)


def lighthouse(url: str, output: Path) -> dict[str, Any]:
    done = subprocess.run(
        [
            str(LIGHTHOUSE),
            url,
            "--output=json",
            f"--output-path={output}",
            "--quiet",
            f"--chrome-flags={' '.join(CHROME_FLAGS)}",
        ],
        env={**os.environ, "CHROME_PATH": str(CHROMIUM)},
        capture_output=True,
        text=True,
        timeout=240,
    )
    if done.returncode != 0 or not output.exists():
        raise RuntimeError(f"lighthouse exited {done.returncode}: {done.stderr.strip()[-500:]}")
    report: dict[str, Any] = json.loads(output.read_text(encoding="utf-8"))
    return report


def measure_lighthouse(snapshot: Path, work: Path) -> list[LighthouseRun]:
    if not LIGHTHOUSE.exists():
        raise RuntimeError(f"{LIGHTHOUSE} missing: run `npm ci` in bench/ (make bench does)")
    REPORTS.mkdir(exist_ok=True)
    variants = {"ours": snapshot, "baseline": make_baseline(snapshot, work / "baseline")}
    runs = []
    for variant, project in variants.items():
        port = free_port()
        site = work / f"site-lighthouse-{variant}"
        build(project, site, site_url=f"http://127.0.0.1:{port}/")
        with serve_directory(site, port, like_a_host=True) as base:
            for name, path in PAGES.items():
                log(f"lighthouse {variant} /{path}")
                run = LighthouseRun(variant, name)
                try:
                    report = lighthouse(base + path, REPORTS / f"lighthouse-{variant}-{name}.json")
                    for category in CATEGORIES:
                        score = report["categories"].get(category, {}).get("score")
                        run.scores[category] = None if score is None else round(score * 100)
                    run.failing = failing_audits(report)
                    if report.get("runtimeError"):
                        run.error = str(report["runtimeError"].get("message", ""))
                except (RuntimeError, subprocess.TimeoutExpired) as error:
                    run.error = str(error)
                runs.append(run)
    return runs


# --- 2. Page weight --------------------------------------------------------------------------


@dataclass
class Resource:
    path: str
    raw: int
    gzipped: int
    ours: bool


@dataclass
class PageWeight:
    page: str
    requests: int
    resources: list[Resource]

    def total(self, *, ours: bool | None = None, gzipped: bool = True) -> int:
        return sum(r.gzipped if gzipped else r.raw for r in self.resources if ours is None or r.ours == ours)


def _keep(into: list[Any], response: Any) -> None:
    into.append(response)


def measure_weight(snapshot: Path, work: Path) -> list[PageWeight]:
    from playwright.sync_api import Response, sync_playwright

    port = free_port()
    site = work / "site-weight"
    build(snapshot, site, site_url=f"http://127.0.0.1:{port}/")
    weights = []
    with serve_directory(site, port) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=list(CHROME_FLAGS))
        try:
            for name, path in PAGES.items():
                log(f"page weight /{path}")
                context = browser.new_context()  # a fresh, empty cache for every page
                responses: list[Response] = []
                # A plain function: Playwright cannot take a bound builtin such as list.append.
                context.on("response", functools.partial(_keep, responses))
                page = context.new_page()
                page.goto(base + path, wait_until="networkidle")
                page.wait_for_timeout(1000)  # late requests: search index, sitemap for instant nav
                resources = []
                for response in responses:
                    try:
                        body = response.body()
                    except Exception:  # redirects and aborted requests have no body
                        body = b""
                    url_path = urlsplit(response.url).path
                    ours = response.url == base + path or url_path.startswith(OUR_DIRS)
                    resources.append(Resource(url_path, len(body), len(gzip.compress(body, 9, mtime=0)), ours))
                weights.append(PageWeight(name, len(responses), resources))
                context.close()
        finally:
            browser.close()
    return weights


# --- 3. Build time ---------------------------------------------------------------------------


@dataclass
class BuildComparison:
    phases: int
    hooks: list[Build]
    plain: list[Build]
    identical: str  # how many HTML pages the two builds render the same
    pipeline: Pipeline

    def built(self, variant: str) -> float:
        return median([b.reported for b in (self.hooks if variant == "hooks" else self.plain)])

    def wall(self, variant: str) -> float:
        return median([b.wall for b in (self.hooks if variant == "hooks" else self.plain)])


@dataclass
class Pipeline:
    """The pure content pipeline timed in this process, once, outside MkDocs."""

    load: float  # load_content: YAML, pydantic model, validation
    render: float  # site_pages + phases_at_a_glance: Jinja2 templates and link resolution


def synthetic_project(snapshot: Path, target: Path, count: int) -> Path:
    """The project with `count` phases, the real eight repeated with ids p1..pN.

    Titles and summaries get the phase number (summaries must be unique), checklist ids get the
    phase id as a prefix, and links to the real phase ids point at their first copy (p1..p8).
    """
    copy_project(snapshot, target)
    guide_file = target / "content" / "guide.yml"
    guide = yaml.safe_load(guide_file.read_text(encoding="utf-8"))
    originals: list[dict[str, Any]] = guide["phases"]
    first_copy = {phase["id"]: f"p{index}" for index, phase in enumerate(originals, start=1)}
    if count < len(originals):
        raise ValueError(f"need at least {len(originals)} phases, so every phase link has a target")
    phases = []
    for number in range(1, count + 1):
        phase = copy.deepcopy(originals[(number - 1) % len(originals)])
        phase["id"] = f"p{number}"
        phase["title"] = f"{phase['title']} ({number})"
        phase["summary"] = f"{phase['summary']} ({number})"
        for item in phase["checklist"]:
            item["id"] = f"p{number}-{item['id']}"
            item.pop("former_ids", None)
        phases.append(phase)
    guide["phases"] = phases
    link = re.compile(r"\(guide:(" + "|".join(map(re.escape, first_copy)) + r")([)#])")

    def relink(text: str) -> str:
        return link.sub(lambda m: f"(guide:{first_copy[m[1]]}{m[2]}", text)

    guide_file.write_text(
        relink(yaml.safe_dump(guide, sort_keys=False, allow_unicode=True, width=100)), encoding="utf-8"
    )
    safety_file = target / "content" / "safety.yml"
    safety_file.write_text(relink(safety_file.read_text(encoding="utf-8")), encoding="utf-8")
    page_link = re.compile(r"\]\(phases/(" + "|".join(map(re.escape, first_copy)) + r")\.md")
    for page in (target / "docs").rglob("*.md"):
        page.write_text(
            page_link.sub(lambda m: f"](phases/{first_copy[m[1]]}.md", page.read_text(encoding="utf-8")),
            encoding="utf-8",
        )
    return target


def plain_project(hooked: Path, target: Path) -> tuple[Path, Pipeline]:
    """The same site as plain Markdown files in docs/, built by MkDocs with no hooks.

    The project's own pure renderer (hooks/guide) writes every generated page, with `guide:`
    links already resolved, into docs/; the home page's glance marker is replaced by the
    rendered list; mkdocs.yml loses `hooks:`, gets the phase pages in its nav and the quick exit
    in `extra`, which is all that hooks/guide_pages.py adds to the config.
    """
    copy_project(hooked, target)
    hooks_dir = str(target / "hooks")
    sys.path.insert(0, hooks_dir)
    try:
        from guide import phases_at_a_glance
        from guide.content import load_content
        from guide.render import site_pages
        from guide.routes import phase_path

        start = time.perf_counter()
        content = load_content(target / "content")
        loaded = time.perf_counter()
        pages = site_pages(content)
        glance = phases_at_a_glance(content.guide, from_path="index.md")
        pipeline = Pipeline(load=loaded - start, render=time.perf_counter() - loaded)
        for page in pages:
            path = target / "docs" / page.src_uri
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(page.markdown, encoding="utf-8")
        # The hook fills the marker on any page; the glance's links are relative, so this copy
        # only handles a marker in a top-level page, which is where it is (docs/index.md).
        marker = "<!-- guide:phases-at-a-glance -->"
        for page_file in (target / "docs").rglob("*.md"):
            text = page_file.read_text(encoding="utf-8")
            if marker in text:
                src_uri = page_file.relative_to(target / "docs").as_posix()
                if src_uri != "index.md":
                    glance = phases_at_a_glance(content.guide, from_path=src_uri)
                page_file.write_text(text.replace(marker, glance), encoding="utf-8")
        phases = [{phase.title: phase_path(phase.id)} for phase in content.guide.phases]
        quick_exit = content.safety.quick_exit.model_dump(mode="json")
    finally:
        sys.path.remove(hooks_dir)
        for module in [m for m in sys.modules if m == "guide" or m.startswith("guide.")]:
            del sys.modules[module]  # the next call may load another copy's package

    def splice(nav: Any) -> Any:
        if isinstance(nav, list):
            return [splice(entry) for entry in nav]
        if isinstance(nav, dict):
            return {title: phases if value == "guide:phases" else splice(value) for title, value in nav.items()}
        return nav

    def change(config: dict[str, Any]) -> None:
        # Only the content hook goes; any other hook (say, one that post-processes the HTML)
        # stays in both variants, so the comparison isolates the content pipeline.
        config["hooks"] = [hook for hook in config.get("hooks", []) if Path(hook).name != CONTENT_HOOK]
        if not config["hooks"]:
            del config["hooks"]
        config["nav"] = splice(config["nav"])
        config.setdefault("extra", {})["quick_exit"] = quick_exit

    edit_config(target, change)
    return target, pipeline


EDIT_LINK = re.compile(r'<a href="[^"]*/edit/[^"]*"[^>]*>')


def same_html(one: Path, other: Path) -> str:
    """How many HTML pages match, edit buttons aside (generated pages edit the YAML they come from)."""
    pages = sorted(p.relative_to(one) for p in one.rglob("*.html"))
    same = sum(
        (other / page).exists()
        and EDIT_LINK.sub("", (one / page).read_text(encoding="utf-8"))
        == EDIT_LINK.sub("", (other / page).read_text(encoding="utf-8"))
        for page in pages
    )
    return f"{same}/{len(pages)}"


def measure_build(snapshot: Path, work: Path, sizes: tuple[int, ...]) -> tuple[list[Build], list[BuildComparison]]:
    log(f"build: real site x{BUILD_REPEATS}")
    real = [build(snapshot, work / "site-real") for _ in range(BUILD_REPEATS)]
    comparisons = []
    for count in sizes:
        hooked = synthetic_project(snapshot, work / f"hooks-{count}", count)
        plain, pipeline = plain_project(hooked, work / f"plain-{count}")
        repeats = BUILD_REPEATS
        hook_runs: list[Build] = []
        plain_runs: list[Build] = []
        for repeat in range(repeats):  # interleaved, so drift in the machine hits both alike
            log(f"build: {count} phases, run {repeat + 1}/{repeats}")
            hook_runs.append(build(hooked, work / f"site-hooks-{count}"))
            plain_runs.append(build(plain, work / f"site-plain-{count}"))
        identical = same_html(work / f"site-hooks-{count}", work / f"site-plain-{count}")
        comparisons.append(BuildComparison(count, hook_runs, plain_runs, identical, pipeline))
        for name in (f"site-hooks-{count}", f"site-plain-{count}", f"hooks-{count}", f"plain-{count}"):
            shutil.rmtree(work / name, ignore_errors=True)  # 1000 phases is a lot of disk
    return real, comparisons


# --- 4. Serve latency ------------------------------------------------------------------------


@dataclass
class ServeEdit:
    page_updated: float  # edit written -> served page shows the new title
    reloaded: float  # edit written -> MkDocs logs "Reloading browsers" (build finished)


def measure_serve(snapshot: Path, work: Path) -> list[ServeEdit]:
    project = copy_project(snapshot, work / "serve")
    port = free_port()
    lines: list[tuple[float, str]] = []
    process = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--strict", "--dev-addr", f"127.0.0.1:{port}"],
        cwd=project,
        env=mkdocs_env(f"http://127.0.0.1:{port}/"),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )

    def read() -> None:
        assert process.stdout
        for line in process.stdout:
            lines.append((time.perf_counter(), line))

    def wait_for(text: str, after: int, timeout: float = 120) -> float:
        deadline = time.perf_counter() + timeout
        while time.perf_counter() < deadline:
            for stamp, line in lines[after:]:
                if text in line:
                    return stamp
            if process.poll() is not None:
                break
            time.sleep(0.02)
        raise RuntimeError(f"mkdocs serve never printed {text!r}:\n{''.join(line for _, line in lines)}")

    def fetch(path: str) -> str:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/{path}", timeout=10) as response:
                return str(response.read().decode("utf-8"))
        except OSError:
            return ""

    threading.Thread(target=read, daemon=True).start()
    edits = []
    try:
        wait_for("Serving on", 0)
        model = project / "content" / "guide.yml"
        original = model.read_text(encoding="utf-8")
        title = original.split("\n    title: ", 1)[1].split("\n", 1)[0]
        for repeat in range(1, SERVE_REPEATS + 1):
            log(f"serve: edit {repeat}/{SERVE_REPEATS}")
            time.sleep(1)  # let the watcher settle after the previous build
            new_title = f"{title} edited {repeat}"
            mark = len(lines)
            model.write_text(
                original.replace(f"    title: {title}\n", f"    title: {new_title}\n", 1), encoding="utf-8"
            )
            start = time.perf_counter()
            deadline = start + 120
            while new_title not in fetch(PAGES["phase"]):
                if time.perf_counter() > deadline:
                    raise RuntimeError("the served page never showed the edited title")
                time.sleep(0.05)
            updated = time.perf_counter() - start
            reloaded = wait_for("Reloading browsers", mark) - start
            edits.append(ServeEdit(updated, reloaded))
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
    return edits


# --- results ---------------------------------------------------------------------------------


def lighthouse_section(runs: list[LighthouseRun]) -> list[str]:
    rows = []
    for run in runs:
        scores = [("–" if run.scores.get(c) is None else str(run.scores[c])) for c in CATEGORIES]
        rows.append([run.variant, f"{run.page} (`/{PAGES[run.page]}`)", *scores])
    out = [
        "## 1. Lighthouse",
        "",
        "Lighthouse's default mobile preset (simulated slow 4G and 4x CPU slowdown), scores x100. "
        "The site is built with `mkdocs build --strict` for `http://127.0.0.1:PORT/` and served as "
        "static hosts serve it (`tests/sitetools.py`, `like_a_host`): gzip, and `Cache-Control: "
        "max-age=600` as GitHub Pages sends. Short cache lifetimes still show as `uses-long-cache-ttl`.",
        "",
        f"*baseline*: the same content and hooks on default Material, i.e. without `custom_dir: overrides`, "
        f"`extra_css`, `extra_javascript` and the custom palette; features, plugins and hooks as ours. Fonts stay off, because this machine has no "
        f"internet access and Google Fonts would fail to load. The issue's reference figure for a default "
        f"Material site is {REFERENCE_BASELINE}.",
        "",
        *table(["site", "page", *CATEGORIES], rows, "llrrrr"),
        "",
        "Failing audits (score < 1; informative, manual and not-applicable audits left out), score in brackets:",
        "",
    ]
    for run in runs:
        failing = ", ".join(f"`{audit}`" for audit in run.failing) or "none"
        out.append(f"- **{run.variant} / {run.page}**: {failing}" + (f" — error: {run.error}" if run.error else ""))
    out += ["", "Raw reports: `bench/out/lighthouse-*.json` (not committed).", ""]
    return out


def weight_section(weights: list[PageWeight]) -> list[str]:
    rows = [
        [
            w.page,
            str(w.requests),
            kb(w.total(ours=True)),
            kb(w.total(ours=False)),
            kb(w.total()),
            kb(w.total(gzipped=False)),
        ]
        for w in weights
    ]
    out = [
        "## 2. Page weight",
        "",
        "Each page loaded once in Playwright (Debian's Chromium, empty cache, network idle plus 1 s), "
        "every response body collected and compressed with gzip level 9 (`gzip.compress`, no file name "
        "in the header, so a few bytes less than `gzip -9c FILE`). *Ours* is the HTML document, "
        f"everything under {' and '.join(f'`{d}`' for d in OUR_DIRS)}; *theme* is everything else (Material's CSS and JS "
        "bundles, and what its JavaScript fetches: search index, sitemap for instant navigation).",
        "",
        *table(["page", "requests", "ours gz KiB", "theme gz KiB", "total gz KiB", "total raw KiB"], rows, "lrrrrr"),
        "",
        "Per resource, gzipped bytes:",
        "",
    ]
    for w in weights:
        listing = ", ".join(f"`{r.path}` {r.gzipped:,}{' (ours)' if r.ours else ''}" for r in w.resources)
        out.append(f"- **{w.page}**: {listing}")
    return [*out, ""]


def build_section(real: list[Build], comparisons: list[BuildComparison]) -> list[str]:
    def fmt(seconds: float) -> str:
        return f"{seconds:.2f}"

    out = [
        "## 3. Build time",
        "",
        "`mkdocs build --strict` in a subprocess. *wall*: the whole process, Python start-up and imports "
        'included; *built*: MkDocs\' own "Documentation built in X seconds", which covers the build '
        "from the `config` event on (so it includes our hooks) but not start-up.",
        "",
        f"Real site ({len(real)} runs): wall median {fmt(median([b.wall for b in real]))} s "
        f"({', '.join(fmt(b.wall) for b in real)}), built median {fmt(median([b.reported for b in real]))} s.",
        "",
        "Synthetic guides: the real eight phases repeated to N, ids `p1..pN`, unique titles, summaries and "
        "checklist ids. *hooks* is the project as it is (content in YAML, pages generated by "
        "`hooks/guide_pages.py`). *plain* is the same pages as Markdown files: the project's own pure "
        "renderer (`guide.render.site_pages`, `guide.phases_at_a_glance`) wrote them into `docs/` with "
        "`guide:` links resolved, and `mkdocs.yml` lost the `hooks/guide_pages.py` hook (other hooks stay) and got the phase nav and "
        "`extra.quick_exit` that the hook adds. Rendering the plain files is not timed. *same HTML* counts "
        "the pages both builds render identically once edit buttons are removed (generated pages edit the "
        "YAML). Runs are interleaved, median shown.",
        "",
    ]
    rows = []
    previous: BuildComparison | None = None
    for c in comparisons:
        hooks, plain = c.built("hooks"), c.built("plain")
        marginal = "–"
        if previous is not None:
            step = (hooks - previous.built("hooks")) / (c.phases - previous.phases) * 1000
            marginal = f"{step:.1f}"
        rows.append(
            [
                str(c.phases),
                fmt(c.wall("hooks")),
                fmt(c.wall("plain")),
                f"{c.wall('hooks') / c.wall('plain'):.2f}",
                fmt(hooks),
                fmt(plain),
                f"**{hooks / plain:.2f}**",
                f"{(hooks - plain) / c.phases * 1000:.1f}",
                f"{hooks / c.phases * 1000:.1f}",
                marginal,
                f"{c.pipeline.load * 1000:.0f}",
                f"{c.pipeline.render * 1000:.0f}",
                c.identical,
            ]
        )
        previous = c
    out += table(
        [
            "phases",
            "hooks wall s",
            "plain wall s",
            "wall ratio",
            "hooks built s",
            "plain built s",
            "built ratio",
            "overhead ms/phase",
            "hooks ms/phase",
            "marginal ms/phase",
            "load ms",
            "render ms",
            "same HTML",
        ],
        rows,
        "rrrrrrrrrrrrr",
    )
    out += [
        "",
        "- *ratio* = hooks / plain; 1.10 would be 10 % overhead. *overhead ms/phase* = (hooks - plain) "
        "built time / N: the content hook's cost per phase.",
        "- *hooks ms/phase* = hooks built time / N; *marginal ms/phase* = extra built time per extra phase "
        "since the previous N. Flat marginal cost means linear growth. Every page's navigation lists every "
        "phase, so the HTML MkDocs writes grows with N x N, in both variants alike.",
        "- *load ms* / *render ms*: `load_content` (YAML, pydantic, validation) and rendering every page "
        "(Jinja2, `guide:` links), timed once in this process for the same content: the bulk of the "
        "hook's work.",
        "",
    ]
    return out


def serve_section(edits: list[ServeEdit]) -> list[str]:
    rows = [[str(i), f"{e.page_updated:.2f}", f"{e.reloaded:.2f}"] for i, e in enumerate(edits, start=1)]
    rows.append(
        [
            "**median**",
            f"**{median([e.page_updated for e in edits]):.2f}**",
            f"**{median([e.reloaded for e in edits]):.2f}**",
        ]
    )
    return [
        "## 4. Serve latency",
        "",
        "`mkdocs serve --strict` on a copy of the project; the first phase's title in `content/guide.yml` "
        "is changed and `/phases/understand/` polled every 50 ms until it shows the new title. "
        '*reloaded*: until MkDocs logs "Reloading browsers" (whole rebuild done).',
        "",
        *table(["edit", "page updated s", "reloaded s"], rows, "lrr"),
        "",
    ]


def write_results(sections: list[list[str]], seconds: float) -> None:
    out = [
        "# Benchmark results",
        "",
        "Written by `make bench` (`bench/run.py`); overwritten on every run. Measurements only, nothing is asserted.",
        "",
        *table(["", ""], [[k, v] for k, v in machine()]),
        "",
    ]
    for section in sections:
        out += section
    out += [f"Whole benchmark: {seconds:.0f} s.", ""]
    RESULTS.write_text("\n".join(out), encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument(
        "--skip", action="append", default=[], choices=["lighthouse", "weight", "search", "build", "serve"]
    )
    parser.add_argument("--sizes", type=int, nargs="+", default=list(SYNTHETIC_SIZES), help="synthetic phase counts")
    args = parser.parse_args()
    started = time.perf_counter()
    sections: list[list[str]] = []
    with tempfile.TemporaryDirectory(prefix="second-chance-bench-") as temp:
        work = Path(temp)
        snapshot = copy_project(ROOT, work / "project")
        steps: list[tuple[str, Callable[[], list[str]]]] = [
            ("lighthouse", lambda: lighthouse_section(measure_lighthouse(snapshot, work))),
            ("weight", lambda: weight_section(measure_weight(snapshot, work))),
            ("search", lambda: weight_search.section(weight_search.measure(snapshot, work))),
            ("build", lambda: build_section(*measure_build(snapshot, work, tuple(args.sizes)))),
            ("serve", lambda: serve_section(measure_serve(snapshot, work))),
        ]
        for name, step in steps:
            if name in args.skip:
                continue
            try:
                sections.append(step())
            except Exception as error:  # one broken measurement should not lose the others
                log(f"{name} failed: {error}")
                sections.append([f"## {name}", "", "Failed:", "", "```text", str(error).strip(), "```", ""])
    write_results(sections, time.perf_counter() - started)
    log(f"wrote {RESULTS.relative_to(ROOT)} in {time.perf_counter() - started:.0f} s")


if __name__ == "__main__":
    main()
