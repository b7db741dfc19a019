"""The whole site, built for real with `mkdocs build --strict`, parsed and checked."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from urllib.parse import urlparse

import pytest

from guide.rendering.site import MARKERS
from sitetools import BuiltSite, parse_html
from support import ROOT, copy_project, run_mkdocs, site_content

GUIDE = site_content().guide
CONFIG_TEXT = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
EDIT_URI = re.search(r"^edit_uri: (\S+)", CONFIG_TEXT, re.M).group(1)  # type: ignore[union-attr]
# Tags that make the browser fetch something; none may point at another origin.
RESOURCE_ATTRS = {
    "script": "src",
    "img": "src",
    "iframe": "src",
    "source": "src",
    "audio": "src",
    "video": "src",
    "embed": "src",
    "object": "data",
    "link": "href",
    "form": "action",
}


def test_build_is_strict_clean_and_quiet(built_site: BuiltSite) -> None:
    log = built_site.build_log
    assert "WARNING" not in log
    assert "MkDocs 2.0" not in log and "NO_MKDOCS_2_WARNING" not in log


def test_the_serve_error_page_never_reaches_a_built_site(built_site: BuiltSite) -> None:
    """serve_errors.py writes it into `mkdocs serve`'s own temporary folder only: no built file carries it."""
    files = [p for p in built_site.root.rglob("*") if p.is_file() and p.suffix in (".html", ".js", ".json", ".xml")]
    assert files
    assert not [p for p in files if "sc-build-problems" in p.read_text(encoding="utf-8", errors="replace")]


def test_every_phase_page_exists_with_title_and_meta_description(built_site: BuiltSite) -> None:
    for phase in GUIDE.phases:
        page = built_site.page(f"phases/{phase.id}/")
        assert page.find("h1")[0].text.strip().startswith(phase.title)
        assert page.meta("description") == phase.summary
        assert page.title.startswith(phase.title)


def test_nav_lists_the_phases_in_model_order(built_site: BuiltSite) -> None:
    home = built_site.page("")
    hrefs = [a.attrs["href"] for a in home.find("a") if "md-nav__link" in a.attrs.get("class", "")]
    phase_links = [h for h in hrefs if h.startswith("phases/")]
    ordered = list(dict.fromkeys(phase_links))
    assert ordered == [f"phases/{p.id}/" for p in GUIDE.phases]


def test_home_shows_every_phase_at_a_glance_in_order(built_site: BuiltSite) -> None:
    home = built_site.page("")
    article = home.find("article")[0]
    html = (built_site.root / "index.html").read_text(encoding="utf-8")
    assert not [marker for marker in MARKERS if marker in html], "a marker was left unfilled"
    glance = article.text[article.text.index("The phases at a glance") :]
    positions = [glance.find(p.title) for p in GUIDE.phases]
    assert all(pos >= 0 for pos in positions) and positions == sorted(positions)
    assert home.meta("description")


def test_home_counts_the_phases_and_links_the_first_and_last_from_the_model(built_site: BuiltSite) -> None:
    home = (built_site.root / "index.html").read_text(encoding="utf-8")
    words = ["no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"]
    count = len(GUIDE.phases)
    first, last = GUIDE.phases[0], GUIDE.phases[-1]
    assert f"It goes in {words[count] if count < len(words) else count} phases, from " in home
    assert f'<a href="phases/{first.id}/">{first.title}</a> to <a href="phases/{last.id}/">' in home
    assert f'<strong>Then:</strong> <a href="phases/{first.id}/">{first.title}</a>.' in home


def test_generated_pages_edit_link_opens_the_yaml_source(built_site: BuiltSite) -> None:
    page = built_site.page(f"phases/{GUIDE.phases[0].id}/")
    edits = [a.attrs["href"] for a in page.find("a") if a.attrs.get("title", "").startswith("Edit")]
    assert edits and all(href.endswith("/edit/main/content/guide.yml") for href in edits)
    home_edits = [a.attrs["href"] for a in built_site.page("").find("a") if a.attrs.get("title", "").startswith("Edit")]
    assert home_edits and home_edits[0].endswith("/edit/main/docs/index.md")


def test_guide_links_resolve_to_built_pages(built_site: BuiltSite) -> None:
    for html in built_site.html_files():
        text = html.read_text(encoding="utf-8")
        assert "guide:" not in re.sub(r"<!--.*?-->", "", text, flags=re.S).replace("guide:phases", ""), html


def test_no_page_loads_anything_from_another_origin(built_site: BuiltSite) -> None:
    for html in built_site.html_files():
        page = parse_html(html.read_text(encoding="utf-8"))
        for element in page.elements:
            attr = RESOURCE_ATTRS.get(element.tag)
            value = element.attrs.get(attr or "", "")
            if element.tag == "link" and element.attrs.get("rel") in ("canonical", "alternate"):
                continue  # an address, not a fetch
            assert not urlparse(value).netloc and not value.startswith("//"), f"{html}: {element.tag} {value}"
        assert 'rel="preconnect"' not in html.read_text(encoding="utf-8")


def test_outbound_links_go_only_where_we_mean_them_to(built_site: BuiltSite) -> None:
    allowed = {urlparse(EDIT_URI).netloc, urlparse(built_site.url).netloc}
    allowed |= set(_content_hosts())
    for html in built_site.html_files():
        for a in parse_html(html.read_text(encoding="utf-8")).find("a"):
            host = urlparse(a.attrs.get("href", "")).netloc
            assert not host or host in allowed, f"{html.relative_to(built_site.root)}: {a.attrs['href']}"


def _content_hosts() -> list[str]:
    text = "\n".join(p.read_text(encoding="utf-8") for p in (ROOT / "content").glob("*.yml"))
    return [urlparse(url).netloc for url in re.findall(r"https://[^\s'\"]+", text)]


def test_search_index_covers_the_phases(built_site: BuiltSite) -> None:
    index = json.loads((built_site.root / "search" / "index.json").read_text(encoding="utf-8"))
    titles = {doc["title"] for doc in index["docs"]}
    assert all(p.title in titles for p in GUIDE.phases)


def test_theme_fonts_are_off_and_palette_has_light_and_dark(built_site: BuiltSite) -> None:
    html = (built_site.root / "index.html").read_text(encoding="utf-8")
    assert "fonts.googleapis" not in html and "fonts.gstatic" not in html
    # The palette's two choices, each following the reader's own system setting.
    options = {
        e.attrs.get("data-md-color-scheme"): e.attrs.get("data-md-color-media")
        for e in parse_html(html).find("input", name="__palette")
    }
    assert options == {"default": "(prefers-color-scheme: light)", "slate": "(prefers-color-scheme: dark)"}


def test_sitemap_lists_every_phase(built_site: BuiltSite) -> None:
    sitemap = (built_site.root / "sitemap.xml").read_text(encoding="utf-8")
    for phase in GUIDE.phases:
        assert f"{built_site.url}phases/{phase.id}/" in sitemap


# --- broken content fails the build cleanly ---------------------------------------------------


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return copy_project(tmp_path)


def test_broken_content_fails_the_build_with_file_and_line_and_no_traceback(project: Path, fixtures: Path) -> None:
    shutil.copy(fixtures / "content" / "bad" / "missing-text.yml", project / "content" / "guide.yml")
    result = run_mkdocs(project, "build", "--strict")
    output = result.stdout + result.stderr
    assert result.returncode == 1
    assert "content/guide.yml:19: phase 'only' > checklist[2]: missing 'text'" in output
    assert "Traceback" not in output
    assert not (project / "site" / "index.html").exists()


def test_script_in_a_title_never_reaches_a_page(project: Path) -> None:
    model = project / "content" / "guide.yml"
    first_title = GUIDE.phases[0].title
    model.write_text(
        model.read_text(encoding="utf-8").replace(f"title: {first_title}", "title: Hello <script>alert(1)</script>", 1),
        encoding="utf-8",
    )
    result = run_mkdocs(project, "build", "--strict")
    output = result.stdout + result.stderr
    assert result.returncode == 1
    assert "raw HTML is not allowed" in output and "Traceback" not in output
