"""Search on a phone, ours against Pagefind, in every language: what a first search costs, how
long it takes, what every page weighs before it, and what each does with accents, the address
and the history. Called from bench/run.py (`search`); on its own it prints its section.

  ours      the site as `make build` writes it: assets/js/search.js, fetched on the first open,
            reads search/index.json (guide/search_index.py, one per language)
  pagefind  Pagefind 1.5.2's index of the same built pages (`pagefind --site`: one bundle, split
            by each page's <html lang>), searched through its JavaScript API as our dialog would
            drive it; every page's policy gains 'wasm-unsafe-eval', which its WebAssembly needs.
            Measured only when the `pagefind` command is found (PAGEFIND, or
            `pip install 'pagefind[bin]==1.5.2'` into .venv-pagefind): not a dependency.

The phone: Debian's Chromium at 390x844, touch, a mobile user agent, the CPU slowed 4x through
the DevTools protocol (Emulation.setCPUThrottlingRate). Every run is a fresh profile (empty
cache): the phase page loads until the network is idle plus a second ("before"); then the icon
is tapped and the query typed at once, and the clock runs until the first result is on screen
(Pagefind: from calling its API to the first five results' data); once the network is idle
again, "after" counts every response. Sizes are bodies compressed with gzip level 9. Times are
medians of RUNS runs, compared as ratios within this run (the machine is shared).
"""

from __future__ import annotations

import functools
import gzip
import os
import re
import shutil
import statistics
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from shared import (
    CHROMIUM,
    CHROMIUM_FLAGS,
    FIRST_PHASE,
    ROOT,
    copy_project,
    free_port,
    keep_response,
    mkdocs_env,
    response_body,
    serve_directory,
)

BUDGET_KIB = 80  # issue 20: at most this much, gzipped, before any search
RUNS = int(os.environ.get("SEARCH_RUNS", "5"))  # fewer to try a change quickly
# Per language: its folder, a query typed without accents and the accented word it must find.
LANGUAGES = {
    "en": ("", "apolog", "apologise"),
    "es": ("es/", "telefono", "teléfono"),
    "fr": ("fr/", "securite", "sécurité"),
}
PAGE = f"phases/{FIRST_PHASE}/"
SEARCH_PATHS = re.compile(r"/search/|/pagefind/|/assets/js/search\.js")
PHONE_UA = "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36"
PAGEFIND_CANDIDATES = (
    os.environ.get("PAGEFIND", ""),
    *(str(p) for p in sorted(ROOT.glob(".venv-pagefind/lib/python3*/site-packages/pagefind_bin/pagefind"))),
)
# Pagefind as our dialog would run it: its API, then the first five results' data. Timed in the
# page's own clock, as ours is, so Playwright's round trips count for neither.
PAGEFIND_SEARCH = """async ([query, site]) => {
  const t0 = performance.now();
  const pagefind = await import(new URL("pagefind/pagefind.js", site).href);
  await pagefind.init();
  const found = await pagefind.search(query);
  const shown = await Promise.all(found.results.slice(0, 5).map((r) => r.data()));
  return { ms: performance.now() - t0, t0, results: shown.map((d) => [d.url, d.excerpt]) };
}"""
# Ours: the tap's time (a click listener, capturing) and the first result's (a mutation observer).
OURS_CLOCK = """() => {
  window.__t = {};
  document.addEventListener("click", () => { window.__t.t0 ??= performance.now(); }, true);
  new MutationObserver(() => {
    if (document.querySelector(".sc-search__item")) window.__t.t1 ??= performance.now();
  }).observe(document.querySelector(".sc-search__list"), { childList: true });
}"""
# When the last of search's files had arrived, in the page's clock.
LOADED_AT = """(pattern) => Math.max(0, ...performance.getEntriesByType("resource")
  .filter((e) => new RegExp(pattern).test(e.name)).map((e) => e.responseEnd))"""
RESULT = ".sc-search__item"


@dataclass
class Run:
    option: str
    lang: str
    before: int  # gzipped bytes before search opens
    requests_before: int
    after: int
    requests_after: int
    first_result_ms: float
    loaded_ms: float  # of which: until the last of search's files had arrived
    found_accented: bool  # the word, accented as in the text, is in the results shown
    own_language: bool  # every result is a page of this language
    address_kept: bool  # the address and history.length unchanged, the words in neither
    search_files: list[tuple[str, int]] = field(default_factory=list)  # (path, gzipped bytes)
    error: str = ""


def _gz(body: bytes) -> int:
    return len(gzip.compress(body, 9, mtime=0))


def _bodies(responses: list[Any]) -> list[tuple[str, int]]:
    return [(urlsplit(r.url).path, _gz(response_body(r))) for r in responses]


def pagefind_command() -> str | None:
    for candidate in PAGEFIND_CANDIDATES:
        if candidate and Path(candidate).is_file():
            return candidate
    return shutil.which("pagefind")


def build_languages(project: Path, site: Path, url: str) -> float:
    """Every language, as `make build` does; CPU seconds of the build."""
    env = {**mkdocs_env(url), "PYTHONPATH": str(project / "hooks")}
    start = os.times()
    done = subprocess.run(
        [sys.executable, "hooks/build_languages.py", str(site)],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
    )
    if done.returncode != 0:
        raise RuntimeError(f"build failed:\n{done.stdout}{done.stderr}")
    end = os.times()
    return end.children_user + end.children_system - start.children_user - start.children_system


def index_ours(project: Path, site: Path) -> float:
    """CPU seconds of `python -m guide search-index` on the whole tree (the build did it already)."""
    start = os.times()
    subprocess.run(
        [sys.executable, "-m", "guide", "search-index", str(site)],
        cwd=project,
        env={**os.environ, "PYTHONPATH": str(project / "hooks")},
        check=True,
        capture_output=True,
    )
    end = os.times()
    return end.children_user + end.children_system - start.children_user - start.children_system


def add_pagefind(site: Path, command: str) -> float:
    """Pagefind's index of every language's pages (whole-guide pages left out, as in ours), and
    'wasm-unsafe-eval' in every page's policy; CPU seconds of the indexing."""
    for whole in site.rglob("whole-guide"):
        shutil.rmtree(whole)
    start = os.times()
    done = subprocess.run(
        [command, "--site", str(site), "--root-selector", "article.md-content__inner"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    end = os.times()
    if done.returncode != 0:
        raise RuntimeError(f"pagefind failed: {done.stdout}{done.stderr}")
    for page in [*site.rglob("*.html"), site / "_headers"]:
        text = page.read_text(encoding="utf-8")
        page.write_text(text.replace("script-src 'self'", "script-src 'self' 'wasm-unsafe-eval'"), encoding="utf-8")
    return end.children_user + end.children_system - start.children_user - start.children_system


def _phone(browser: Any, responses: list[Any], *, throttle: bool) -> tuple[Any, Any]:
    context = browser.new_context(
        viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True, user_agent=PHONE_UA
    )
    context.on("response", functools.partial(keep_response, responses))
    page = context.new_page()
    if throttle:
        context.new_cdp_session(page).send("Emulation.setCPUThrottlingRate", {"rate": 4})
    return context, page


def _search_run(browser: Any, base: str, option: str, lang: str) -> Run:
    folder, query, word = LANGUAGES[lang]
    responses: list[Any] = []
    context, page = _phone(browser, responses, throttle=True)
    try:
        page.goto(base + folder + PAGE, wait_until="networkidle")
        page.wait_for_timeout(1000)
        before = _bodies(responses)
        count_before = len(responses)
        href, length = page.url, page.evaluate("() => history.length")
        if option == "pagefind":
            done = page.evaluate(PAGEFIND_SEARCH, [query, base])
            elapsed, t0 = done["ms"], done["t0"]
            urls = [url for url, _ in done["results"]]
            shown = " ".join(re.sub(r"<[^>]+>", "", excerpt) for _, excerpt in done["results"])
        else:
            page.evaluate(OURS_CLOCK)
            page.locator("header button.sc-search-button").tap()
            page.keyboard.insert_text(query)  # one input event: the whole query at once
            page.locator(RESULT).first.wait_for(state="visible", timeout=60_000)
            clock = page.evaluate("() => window.__t")
            elapsed, t0 = clock["t1"] - clock["t0"], clock["t0"]
            urls = page.locator(f"{RESULT} a").evaluate_all("(links) => links.map((a) => a.pathname)")
            shown = page.locator(".sc-search__list").inner_text()
        loaded = page.evaluate(LOADED_AT, SEARCH_PATHS.pattern) - t0
        page.wait_for_load_state("networkidle")
        page.wait_for_timeout(500)
        after = _bodies(responses)
        prefix = "/" + folder
        others = [f"/{code}/" for code, (other, _, _) in LANGUAGES.items() if other and other != folder]
        return Run(
            option,
            lang,
            before=sum(size for _, size in before),
            requests_before=count_before,
            after=sum(size for _, size in after),
            requests_after=len(responses),
            first_result_ms=elapsed,
            loaded_ms=loaded,
            found_accented=word in shown.lower(),
            own_language=bool(urls)
            and all(
                urlsplit(u).path.startswith(prefix) and not urlsplit(u).path.startswith(tuple(others)) for u in urls
            ),
            address_kept=page.url == href and query not in page.url and page.evaluate("() => history.length") == length,
            search_files=[(path, size) for path, size in after[count_before:]],
        )
    except Exception as error:  # one failing run should not lose the others
        nan = float("nan")
        return Run(option, lang, 0, 0, 0, 0, nan, nan, False, False, False, error=str(error).splitlines()[0])
    finally:
        context.close()


def _weights(browser: Any, base: str, site: Path) -> dict[str, list[tuple[str, int, int]]]:
    """Every page of every language before any search: (path, gzipped bytes, requests)."""
    out: dict[str, list[tuple[str, int, int]]] = {}
    for lang, (folder, _, _) in LANGUAGES.items():
        root = site / folder
        others = [site / f for f, _, _ in LANGUAGES.values() if f and f != folder]
        pages = sorted(
            p.relative_to(root).as_posix().removesuffix("index.html")
            for p in root.rglob("index.html")
            if "assets" not in p.relative_to(root).parts and not any(o in p.parents for o in others)
        )
        for path in pages:
            responses: list[Any] = []
            context, page = _phone(browser, responses, throttle=False)
            try:
                page.goto(base + folder + path, wait_until="networkidle")
                page.wait_for_timeout(800)
                out.setdefault(lang, []).append((path, sum(size for _, size in _bodies(responses)), len(responses)))
            finally:
                context.close()
    return out


def _csp_check(browser: Any, base: str, site: Path) -> str:
    """What Pagefind does when its files come with the policy as an HTTP header too, as a host
    sends `_headers` (a worker obeys its own response's policy, not the page's <meta>)."""
    policy = re.search(r"Content-Security-Policy: (.*)", (site / "_headers").read_text(encoding="utf-8"))
    assert policy, "no policy in _headers"

    def with_policy(route: Any) -> None:
        response = route.fetch()
        route.fulfill(response=response, headers={**response.headers, "content-security-policy": policy.group(1)})

    responses: list[Any] = []
    context, page = _phone(browser, responses, throttle=False)
    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    context.route("**/*", with_policy)
    try:
        page.goto(base + PAGE, wait_until="networkidle")
        done = page.evaluate(PAGEFIND_SEARCH, ["apolog", base])
        return f"{len(done['results'])} results" + (f"; console: {errors[0][:140]}" if errors else "")
    except Exception as error:
        return " ".join((str(error).splitlines()[0] + (f"; console: {errors[0]}" if errors else "")).split())[:240]
    finally:
        context.close()


@dataclass
class Measured:
    runs: list[Run]
    weights: dict[str, list[tuple[str, int, int]]]
    index_bytes: dict[str, dict[str, int]]  # option -> language or bundle -> bytes on disk
    index_cpu: dict[str, float]
    csp: dict[str, str]  # Pagefind with and without 'wasm-unsafe-eval', the policy sent as a header
    note: str = ""


def _disk(option: str, site: Path) -> dict[str, int]:
    if option == "ours":
        return {
            lang: (site / folder / "search" / "index.json").stat().st_size for lang, (folder, _, _) in LANGUAGES.items()
        }
    bundle = site / "pagefind"
    return {"bundle": sum(p.stat().st_size for p in bundle.rglob("*") if p.is_file())}


def measure(snapshot: Path, work: Path) -> Measured:
    from playwright.sync_api import sync_playwright

    port = free_port()
    url = f"http://127.0.0.1:{port}/"
    sites = {"ours": work / "site-search-ours"}
    build_languages(snapshot, sites["ours"], url)
    cpu = {"ours": index_ours(snapshot, sites["ours"])}
    command = pagefind_command()
    note = ""
    plain_policy = work / "site-search-pagefind-strict"
    if command:
        sites["pagefind"] = work / "site-search-pagefind"
        shutil.copytree(sites["ours"], sites["pagefind"])
        cpu["pagefind"] = add_pagefind(sites["pagefind"], command)
        shutil.copytree(sites["pagefind"], plain_policy)
        for html in [*plain_policy.rglob("*.html"), plain_policy / "_headers"]:
            text = html.read_text(encoding="utf-8").replace(" 'wasm-unsafe-eval'", "")
            html.write_text(text, encoding="utf-8")
    else:
        note = "Pagefind not measured: no `pagefind` command (see the module's docstring)."
    runs: list[Run] = []
    weights: dict[str, list[tuple[str, int, int]]] = {}
    csp: dict[str, str] = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=list(CHROMIUM_FLAGS))
        try:
            with serve_directory(sites["ours"], port) as base:
                print("[bench] search: every page's weight", flush=True)
                weights = _weights(browser, base, sites["ours"]) if os.environ.get("SEARCH_WEIGHTS") != "0" else {}
            for attempt in range(RUNS):  # options and languages interleaved, so load drifts hit all alike
                for option, site in sites.items():
                    with serve_directory(site, port) as base:
                        for lang in LANGUAGES:
                            print(f"[bench] search {option} {lang} run {attempt + 1}", flush=True)
                            runs.append(_search_run(browser, base, option, lang))
            if command:
                for label, site in (("with", sites["pagefind"]), ("without", plain_policy)):
                    with serve_directory(site, port) as base:
                        csp[label] = _csp_check(browser, base, site)
        finally:
            browser.close()
    return Measured(runs, weights, {o: _disk(o, s) for o, s in sites.items()}, cpu, csp, note)


def _kib(size: float) -> str:
    return f"{size / 1024:,.1f}"


def section(m: Measured) -> list[str]:
    lines = [
        "## Search on a phone: ours and Pagefind, in every language",
        "",
        "`bench/weight_search.py`: Chromium at 390x844, touch, a mobile user agent, CPU slowed 4x; a fresh "
        f"profile per run; the phase page; the query typed at once after a tap on the icon. {RUNS} runs per "
        "option and language, interleaved. *first use*: what the first search adds, gzipped KiB (requests). "
        "*first result*: median ms (min-max), in the page's clock, from the tap to the first result on screen, "
        "the whole query put in at once (Pagefind: from calling its API to five results' data, nothing drawn); "
        "*of which loading*: median ms until the last of search's files had arrived (\\*: the page's own requests; "
        "Pagefind's worker fetches its WebAssembly and index unseen by the page's timing); *ratio*: to ours in the "
        "same language. *accents*: the word, accented as in the text, is in the results of the query typed "
        "without accents; *language*: every result a page of the "
        "reader's language; *address*: the address and `history.length` unchanged.",
        "",
        "| option | lang | first use KiB (req) | files | first result ms | of which loading | ratio | accents | language | address |",
        "| --- | --- | ---: | --- | ---: | ---: | ---: | --- | --- | --- |",
    ]
    ours_median: dict[str, float] = {}
    for option in dict.fromkeys(r.option for r in m.runs):
        for lang in LANGUAGES:
            runs = [r for r in m.runs if r.option == option and r.lang == lang]
            good = [r for r in runs if not r.error]
            if not good:
                lines.append(f"| {option} | {lang} | failed: {runs[0].error if runs else 'no run'} | | | | | | | |")
                continue
            times = [r.first_result_ms for r in good]
            mid = statistics.median(times)
            if option == "ours":
                ours_median[lang] = mid
            first = good[0]
            added = first.after - first.before
            files = ", ".join(
                f"`{p.rsplit('/', 1)[-1]}` {_kib(s)}" for p, s in sorted(first.search_files, key=lambda f: -f[1])[:4]
            )
            more = len(first.search_files) - 4
            files += f", {more} more" if more > 0 else ""
            ratio = f"{mid / ours_median[lang]:.2f}" if lang in ours_median else ""
            failed = len(runs) - len(good)
            lines.append(
                f"| {option} | {lang} | {_kib(added)} ({first.requests_after - first.requests_before}) | {files} "
                f"| {mid:,.0f} ({min(times):,.0f}-{max(times):,.0f}){f', {failed} failed' if failed else ''} "
                f"| {statistics.median(r.loaded_ms for r in good):,.0f}{'' if option == 'ours' else ' *'} | {ratio} "
                f"| {'yes' if all(r.found_accented for r in good) else 'no'} "
                f"| {'yes' if all(r.own_language for r in good) else 'no'} "
                f"| {'kept' if all(r.address_kept for r in good) else 'CHANGED'} |"
            )
    lines += ["", "Index on disk and the CPU seconds to make it (all three languages):", ""]
    for option, sizes in m.index_bytes.items():
        parts = ", ".join(f"{k} {_kib(v)} KiB" for k, v in sizes.items())
        lines.append(f"- **{option}**: {parts}; {m.index_cpu.get(option, float('nan')):.1f} CPU s")
    for label, outcome in m.csp.items():
        lines += [
            "",
            f"Pagefind, the policy also sent as a header (as `_headers` makes hosts do), {label} `'wasm-unsafe-eval'`: {outcome}",
        ]
    lines += [
        "",
        f"Every page before any search (ours; Pagefind's pages are the same less nothing): gzipped KiB, "
        f"budget {BUDGET_KIB} KiB.",
        "",
        "| lang | pages | lightest | heaviest | over budget |",
        "| --- | ---: | --- | --- | --- |",
    ]
    for lang, pages in m.weights.items():
        light = min(pages, key=lambda p: p[1])
        heavy = max(pages, key=lambda p: p[1])
        over = [f"`{p}` {_kib(s)}" for p, s, _ in pages if s > BUDGET_KIB * 1024]
        lines.append(
            f"| {lang} | {len(pages)} | {_kib(light[1])} (`/{light[0]}`, {light[2]} req) "
            f"| {_kib(heavy[1])} (`/{heavy[0]}`, {heavy[2]} req) | {', '.join(over) or 'none'} |"
        )
    return [*lines, "", *([m.note, ""] if m.note else [])]


if __name__ == "__main__":  # on its own: `.venv/bin/python bench/weight_search.py`, printed, not written
    import tempfile

    with tempfile.TemporaryDirectory(prefix="second-chance-search-") as temp:
        snapshot = copy_project(Path(temp) / "project")
        print("\n".join(section(measure(snapshot, Path(temp)))))
