"""Search, measured three ways: page weight before and after a first search, and time to the
first result, in Debian's Chromium through Playwright. Called from bench/run.py (`search`).

The three options of issue 20, each built from the same snapshot of the project:

  ours      the site as it is: our own search (assets/js/search.js), index fetched on first open
  material  Material's own search, as the site had it: partials/search.html and search.js taken
            out, so Material's worker and index load with every page. Deferring them behind an
            override would move the same bytes to the first open; the figures say how many.
  pagefind  Pagefind's index of the same built pages (whole-guide page left out, as in ours),
            searched through its JavaScript API (pagefind.js and its WebAssembly); the policy
            gains 'wasm-unsafe-eval', which Pagefind needs. Only measured when the `pagefind`
            command is found (PAGEFIND, or `pip install 'pagefind[bin]==1.5.2'` into .venv-pagefind):
            it is not a dependency of the site.

Each page is loaded in a fresh profile (empty cache) and left until the network is idle plus a
second; that is "before". Then the search opens with "/", QUERY is typed at once, and the clock
runs until the first result shows; once the network is idle again, "after" counts every response
so far. Sizes are response bodies compressed with gzip level 9, as in bench/run.py's page weight.
"""

from __future__ import annotations

import functools
import gzip
import os
import re
import shutil
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from shared import (
    CHROMIUM,
    CHROMIUM_FLAGS,
    ROOT,
    build,
    copy_project,
    free_port,
    keep_response,
    response_body,
    serve_directory,
)

PAGES = {"home": "", "phase": "phases/understand/", "checklists": "checklists/", "safety": "safety/"}
QUERY = "apolog"  # a word start, as readers type it: "apologise", "apology"
BUDGET_KIB = 80  # issue 20: at most this much, gzipped, before any search
SEARCH_PATHS = re.compile(r"/search/|/pagefind/|/workers/|/assets/js/search")
# PAGEFIND, or the binary that `pip install 'pagefind[bin]==1.5.2'` puts into a .venv-pagefind.
PAGEFIND_CANDIDATES = (
    os.environ.get("PAGEFIND", ""),
    *(str(p) for p in sorted(ROOT.glob(".venv-pagefind/lib/python3*/site-packages/pagefind_bin/pagefind"))),
)
# Pagefind's search, as a page of ours would run it: its API, the first five results' text.
PAGEFIND_SEARCH = """async ([query, site]) => {
  const pagefind = await import(new URL("pagefind/pagefind.js", site).href);
  await pagefind.init();
  const found = await pagefind.search(query);
  const shown = await Promise.all(found.results.slice(0, 5).map((r) => r.data()));
  return shown.length;
}"""


@dataclass
class SearchRun:
    option: str
    page: str
    before: int  # gzipped bytes of everything loaded before the search opens
    before_search_assets: int  # of which search's own (index, worker, search scripts)
    after: int  # gzipped bytes of everything loaded once the first results show
    requests_before: int
    requests_after: int
    first_result_ms: float
    results: int
    error: str = ""


def _gz(body: bytes) -> int:
    return len(gzip.compress(body, 9, mtime=0))


def _bodies(responses: list[Any]) -> list[tuple[str, int]]:
    return [(urlsplit(response.url).path, _gz(response_body(response))) for response in responses]


def pagefind_command() -> str | None:
    for candidate in PAGEFIND_CANDIDATES:
        if candidate and Path(candidate).is_file():
            return candidate
    return shutil.which("pagefind")


def material_variant(snapshot: Path, target: Path) -> Path:
    """The project with Material's own search back: our search partial and scripts removed."""
    shutil.copytree(snapshot, target, ignore=shutil.ignore_patterns("__pycache__"))
    (target / "overrides" / "partials" / "search.html").unlink()
    config = target / "mkdocs.yml"
    lines = config.read_text(encoding="utf-8").splitlines(keepends=True)
    config.write_text("".join(line for line in lines if "assets/js/search" not in line), encoding="utf-8")
    return target


def add_pagefind(site: Path, command: str) -> None:
    """Pagefind's index of the built pages, and 'wasm-unsafe-eval' in every page's policy."""
    shutil.rmtree(site / "whole-guide", ignore_errors=True)  # left out of our index too
    done = subprocess.run(
        [command, "--site", str(site), "--root-selector", "article.md-content__inner"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    if done.returncode != 0:
        raise RuntimeError(f"pagefind failed: {done.stdout}{done.stderr}")
    for page in site.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        page.write_text(text.replace("script-src 'self'", "script-src 'self' 'wasm-unsafe-eval'"), encoding="utf-8")


def _run_page(browser: Any, base: str, option: str, name: str, path: str) -> SearchRun:
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    responses: list[Any] = []
    context.on("response", functools.partial(keep_response, responses))
    page = context.new_page()
    try:
        page.goto(base + path, wait_until="networkidle")
        page.wait_for_timeout(1000)
        before = _bodies(responses)
        count_before = len(responses)
        start = time.perf_counter()
        if option == "pagefind":
            results = int(page.evaluate(PAGEFIND_SEARCH, [QUERY, base]))
        else:
            page.evaluate("() => document.activeElement && document.activeElement.blur()")
            page.keyboard.press("/")
            page.keyboard.type(QUERY)
            page.locator(".md-search-result__item").first.wait_for(state="visible", timeout=30_000)
            results = page.locator(".md-search-result__item").count()
        elapsed = (time.perf_counter() - start) * 1000
        page.wait_for_load_state("networkidle")
        page.wait_for_timeout(500)
        after = _bodies(responses)
        return SearchRun(
            option,
            name,
            before=sum(size for _, size in before),
            before_search_assets=sum(size for url, size in before if SEARCH_PATHS.search(url)),
            after=sum(size for _, size in after),
            requests_before=count_before,
            requests_after=len(responses),
            first_result_ms=elapsed,
            results=results,
        )
    except Exception as error:  # one failing option should not lose the others
        return SearchRun(option, name, 0, 0, 0, 0, 0, float("nan"), 0, error=str(error).splitlines()[0])
    finally:
        context.close()


def measure(snapshot: Path, work: Path) -> tuple[list[SearchRun], str]:
    """Every option on every page; and a note on what was not measured."""
    from playwright.sync_api import sync_playwright

    port = free_port()
    url = f"http://127.0.0.1:{port}/"
    sites: dict[str, Path] = {}
    sites["ours"] = work / "site-search-ours"
    build(snapshot, sites["ours"], site_url=url)
    sites["material"] = work / "site-search-material"
    build(material_variant(snapshot, work / "project-search-material"), sites["material"], site_url=url)
    note = ""
    command = pagefind_command()
    if command:
        sites["pagefind"] = work / "site-search-pagefind"
        shutil.copytree(sites["ours"], sites["pagefind"])
        add_pagefind(sites["pagefind"], command)
    else:
        note = "Pagefind not measured: no `pagefind` command (see the module's docstring)."
    runs = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=list(CHROMIUM_FLAGS))
        try:
            for option, site in sites.items():
                # One port for every option, so each build's absolute links hold.
                with serve_directory(site, port) as base:
                    for name, path in PAGES.items():
                        print(f"[bench] search {option} /{path}", flush=True)
                        runs.append(_run_page(browser, base, option, name, path))
        finally:
            browser.close()
    return runs, note


def _kib(size: int) -> str:
    return f"{size / 1024:,.1f}"


def section(measured: tuple[list[SearchRun], str]) -> list[str]:
    runs, note = measured
    rows = []
    for r in runs:
        if r.error:
            rows.append(f"| {r.option} | {r.page} | failed: {r.error} | | | | | |")
            continue
        deferred = r.before - r.before_search_assets
        rows.append(
            f"| {r.option} | {r.page} | {_kib(r.before)} ({r.requests_before}) | {_kib(r.before_search_assets)} "
            f"| {_kib(deferred)}{' ✓' if deferred <= BUDGET_KIB * 1024 else ''} "
            f"| {_kib(r.after)} ({r.requests_after}) | {r.first_result_ms:.0f} | {r.results} |"
        )
    return [
        "## Search: weight before and after a first search",
        "",
        f"Three options (`bench/weight_search.py`). Desktop window, empty cache per page; the query "
        f"`{QUERY}` typed at once after `/`. *before*: everything the page loads before any search, "
        "gzipped KiB (requests); *search part*: of that, search's own files (index, worker, search scripts); "
        "*without it*: what a page would load if those came only on first use (✓: within the "
        f"{BUDGET_KIB} KiB budget); *after*: everything loaded once the first results show; *first result*: ms from "
        "`/` to the first result on screen (for Pagefind: from calling its API to five results' text).",
        "",
        "| option | page | before KiB (req) | search part KiB | without it KiB | after KiB (req) | first result ms | results |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |",
        *rows,
        "",
        *([note, ""] if note else []),
    ]


if __name__ == "__main__":  # on its own: `.venv/bin/python bench/weight_search.py`, printed, not written
    import tempfile

    with tempfile.TemporaryDirectory(prefix="second-chance-search-") as temp:
        snapshot = copy_project(ROOT, Path(temp) / "project")
        print("\n".join(section(measure(snapshot, Path(temp)))))
