"""Section 2: bytes and requests per page, ours and the theme's, measured in Chromium."""

from __future__ import annotations

import functools
import gzip
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from shared import (
    CHROME_FLAGS,
    CHROMIUM,
    OUR_DIRS,
    Plan,
    build,
    free_port,
    keep_response,
    kib,
    log,
    response_body,
    serve_directory,
    table,
)

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


def measure_weight(snapshot: Path, work: Path, plan: Plan) -> list[PageWeight]:
    from playwright.sync_api import Response, sync_playwright

    port = free_port()
    site = work / "site-weight"
    build(snapshot, site, site_url=f"http://127.0.0.1:{port}/")
    weights = []
    with serve_directory(site, port) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=list(CHROME_FLAGS))
        try:
            for name, path in plan.pages.items():
                log(f"page weight /{path}")
                context = browser.new_context()  # a fresh, empty cache for every page
                responses: list[Response] = []
                context.on("response", functools.partial(keep_response, responses))
                page = context.new_page()
                page.goto(base + path, wait_until="networkidle")
                page.wait_for_timeout(1000)  # late requests: search index, sitemap for instant nav
                resources = []
                for response in responses:
                    body = response_body(response)
                    url_path = urlsplit(response.url).path
                    ours = response.url == base + path or url_path.startswith(OUR_DIRS)
                    resources.append(Resource(url_path, len(body), len(gzip.compress(body, 9, mtime=0)), ours))
                weights.append(PageWeight(name, len(responses), resources))
                context.close()
        finally:
            browser.close()
    return weights


def weight_section(weights: list[PageWeight]) -> list[str]:
    rows = [
        [
            w.page,
            str(w.requests),
            kib(w.total(ours=True)),
            kib(w.total(ours=False)),
            kib(w.total()),
            kib(w.total(gzipped=False)),
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
