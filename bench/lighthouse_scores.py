"""Section 1: Lighthouse scores and failing audits, ours and a plain-Material baseline."""

from __future__ import annotations

import json
import os
import subprocess
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from shared import (
    CATEGORIES,
    CHROME_FLAGS,
    CHROMIUM,
    LIGHTHOUSE,
    PAGES,
    REFERENCE_BASELINE,
    REPORTS,
    Plan,
    build,
    copy_project,
    edit_config,
    free_port,
    log,
    serve_directory,
    table,
)

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
    The hooks that serve our own scripts (`bundle.py`, which refuses a site without the quick
    exit) and prune Material's stylesheets (`theme_css.py`) go with them, and our search index
    (`site_search.py`) gives way to Material's search plugin: the baseline is Material as it ships. One template of ours stays, the language switch
    (`partials/alternate.html`): the hooks give it data Material's own cannot read.
    """
    copy_project(target, source=snapshot)
    switch = target / "baseline-overrides" / "partials" / "alternate.html"
    switch.parent.mkdir(parents=True)
    switch.write_bytes((target / "overrides" / "partials" / "alternate.html").read_bytes())

    def change(config: dict[str, Any]) -> None:
        theme = config["theme"]
        theme.pop("palette", None)
        theme["custom_dir"] = "baseline-overrides"
        theme["font"] = False
        config.pop("extra_css", None)
        config.pop("extra_javascript", None)
        config["hooks"] = [
            hook for hook in config["hooks"] if Path(hook).name not in ("bundle.py", "theme_css.py", "site_search.py")
        ]
        config["plugins"] = ["search"]  # Material's own search, as it ships (ours has no plugin)

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


def measure_lighthouse(snapshot: Path, work: Path, plan: Plan) -> list[LighthouseRun]:
    if not LIGHTHOUSE.exists():
        raise RuntimeError(f"{LIGHTHOUSE} missing: run `npm ci` in bench/ (make bench does)")
    REPORTS.mkdir(parents=True, exist_ok=True)
    variants = {"ours": snapshot}
    if "baseline" in plan.lighthouse_variants:
        variants["baseline"] = make_baseline(snapshot, work / "baseline")
    runs = []
    for variant, project in variants.items():
        port = free_port()
        site = work / f"site-lighthouse-{variant}"
        build(project, site, site_url=f"http://127.0.0.1:{port}/")
        with serve_directory(site, port, like_a_host=True) as base:
            for name, path in plan.pages.items():
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
        f"*baseline*: the same content and hooks on default Material, i.e. without `overrides/` (but for the "
        f"language switch's template, which the hooks' data needs), `extra_css`, `extra_javascript`, the custom "
        f"palette and the two hooks for them (`bundle.py`, `theme_css.py`); features and plugins as ours. Fonts stay off, because this machine has no "
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
    out += ["", "Raw reports: `bench-results/lighthouse/lighthouse-*.json` (not committed).", ""]
    return out
