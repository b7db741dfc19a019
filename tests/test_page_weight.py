"""Every built page, in every language, weighs at most 80 KiB gzipped before any search or tool
is used: its HTML and every stylesheet, script and icon it links, as a reader's first visit
fetches them. Search (`search.js`, its index) and the message check's rules load only on use,
so they are not in it. `make bench` measures the same in a browser (bench/results.md)."""

import gzip
import re
from pathlib import Path
from urllib.parse import urljoin, urlparse

from sitetools import BuiltSite

BUDGET = 80 * 1024
LINKED = re.compile(r'<(?:link[^>]*\brel="(?:stylesheet|icon)"[^>]*\bhref|script[^>]*\bsrc)="([^"]+)"')


def served_bytes(path: Path) -> int:
    data = path.read_bytes()
    return len(data) if path.suffix == ".png" else len(gzip.compress(data, 6))


def first_visit(site: BuiltSite, page: Path) -> dict[str, int]:
    """Each file the page makes a first-time reader fetch (its own address first), with its size
    as served gzipped; the files of other origins would be a failure of their own (test_privacy)."""
    address = "/" + page.relative_to(site.root).as_posix()
    files = {address: served_bytes(page)}
    for link in LINKED.findall(page.read_text(encoding="utf-8")):
        target = urlparse(urljoin(address, link)).path
        files.setdefault(target, served_bytes(site.root / target.lstrip("/")))
    return files


def test_first_visit_reads_the_files_a_page_links(languages_site: BuiltSite) -> None:
    files = first_visit(languages_site, languages_site.root / "fr" / "whole-guide" / "index.html")
    assert any(name.startswith("/fr/assets/stylesheets/main.") for name in files), files
    assert "/fr/assets/js/exit.js" in files and "/fr/assets/js/site.js" in files, files
    assert not any("search" in name or "message-rules" in name for name in files), files


def test_every_page_in_every_language_is_within_80_kib_before_any_search_or_tool(languages_site: BuiltSite) -> None:
    pages = [page for page in languages_site.html_files() if page.name == "index.html" or page.name == "404.html"]
    assert len(pages) > 40, "every language's pages should be here"
    over = {}
    for page in pages:
        weight = sum(first_visit(languages_site, page).values())
        if weight > BUDGET:
            over[page.relative_to(languages_site.root).as_posix()] = f"{weight / 1024:.1f} KiB"
    assert not over, f"over the 80 KiB budget, gzipped: {over}"
