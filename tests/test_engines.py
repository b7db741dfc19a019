"""The site beyond MkDocs 1.6 with hooks: ProperDocs builds the same pages; the hook-free
export (`python -m guide pages`) is exactly what the hooks serve, in every language, and builds
into the same site; and Zensical (`make zensical`, which `make test` installs) builds every
language of it into the same pages at the same addresses, with the switch, hreflang and the
policy. Without Zensical those tests skip, and fail in CI (support.require_zensical)."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import tomllib
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit
from xml.etree import ElementTree

import pytest

from guide.export import config_name, write_export
from guide.policy.csp import apply_policy, inline_script_hashes
from guide.search_index import INDEX_PATH, write_indexes
from guide.translations.languages import ENGLISH, LANGUAGES, TRANSLATED
from sitetools import BuiltSite, mkdocs_env, parse_html
from support import ROOT, require_zensical, run_engine, run_mkdocs

CODES = [language.code for language in LANGUAGES]


def page_summaries(site: Path) -> dict[str, tuple[str, str, str | None]]:
    """Per HTML page: its title, the text of its main content, and its Content-Security-Policy."""
    out = {}
    for path in sorted(site.rglob("*.html")):
        page = parse_html(path.read_text(encoding="utf-8"))
        articles = [e for e in page.find("article") if "md-content__inner" in e.attrs.get("class", "").split()]
        text = " ".join(articles[0].text.split()) if articles else ""
        csp = [e.attrs["content"] for e in page.find("meta", http_equiv="Content-Security-Policy")]
        out[path.relative_to(site).as_posix()] = (page.title.strip(), text, csp[0] if csp else None)
    return out


def assert_same_pages(built: Path, expected: Path) -> None:
    got, want = page_summaries(built), page_summaries(expected)
    assert sorted(got) == sorted(want)
    for name in want:
        assert got[name] == want[name], f"{name} differs"


def served_by_hooks(language: str = ENGLISH.code) -> tuple[Any, dict[str, str]]:
    """MkDocs' config of `language`'s build after the hooks' on_config, and every page's
    Markdown as the hooks serve it (generated pages from File.generated, hand-written ones after
    on_page_markdown)."""
    from mkdocs.config import load_config
    from mkdocs.structure.files import get_files
    from mkdocs.structure.pages import Page

    config = load_config(str(ROOT / config_name(language)))
    config = config.plugins.on_config(config)
    files = get_files(config)
    files.add_files_from_theme(config.theme.get_env(), config)  # as `mkdocs build` does before on_files
    files = config.plugins.on_files(files, config=config)
    pages = {}
    for file in files.documentation_pages():
        page = Page(None, file, config)
        pages[file.src_uri] = config.plugins.on_page_markdown(
            file.content_string, page=page, config=config, files=files
        )
    return config, pages


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory, built_site: BuiltSite) -> Path:
    """Every language exported for the address the session's site was built for."""
    out = tmp_path_factory.mktemp("export") / "project"
    write_export(ROOT, out, site_url=built_site.url)
    return out


@pytest.fixture
def hooks_env(monkeypatch: pytest.MonkeyPatch, built_site: BuiltSite) -> Iterator[None]:
    """The environment of that build, for loading the hooked config in this process."""
    for name, value in mkdocs_env(built_site.url).items():
        monkeypatch.setenv(name, value)
    yield


def test_properdocs_builds_the_same_pages_with_the_same_content(built_site: BuiltSite, tmp_path: Path) -> None:
    result = run_engine(
        [sys.executable, "-m", "properdocs", "build", "--strict", "-f", "mkdocs.yml", "--site-dir", str(tmp_path)],
        ROOT,
        site_url=built_site.url,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "WARNING" not in result.stderr
    files = sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(built_site.root).as_posix() for p in built_site.root.rglob("*") if p.is_file())
    assert_same_pages(tmp_path, built_site.root)


@pytest.mark.parametrize("language", CODES)
def test_the_export_holds_exactly_what_the_hooks_serve(exported: Path, hooks_env: None, language: str) -> None:
    hooked, pages = served_by_hooks(language)
    docs = exported / Path(hooked.docs_dir).relative_to(ROOT)
    written = {p.relative_to(docs).as_posix(): p.read_text(encoding="utf-8") for p in docs.rglob("*.md")}
    assert sorted(written) == sorted(pages)
    for name, markdown in pages.items():
        assert written[name] == markdown, f"{docs}/{name} differs from what the hooks serve"


@pytest.mark.parametrize("language", CODES)
def test_the_exported_config_has_no_hooks_and_the_hooks_address_nav_and_extra(
    exported: Path, hooks_env: None, built_site: BuiltSite, language: str
) -> None:
    from mkdocs.config import load_config

    hooked, _ = served_by_hooks(language)
    plain = load_config(str(exported / config_name(language)))
    assert not plain.hooks and plain.site_url == hooked.site_url
    assert plain.site_url == built_site.url + ("" if language == ENGLISH.code else f"{language}/")
    assert (plain.site_name, plain.site_description) == (hooked.site_name, hooked.site_description)
    assert plain.nav == hooked.nav
    # The language switch, the translation note, and (in French) the scripts' spaced words.
    assert plain.extra == hooked.extra
    assert Path(plain.site_dir) == exported / Path(hooked.site_dir).relative_to(ROOT)


def test_the_export_builds_without_hooks_into_the_same_site(
    exported: Path, built_site: BuiltSite, tmp_path: Path
) -> None:
    result = run_mkdocs(exported, "build", "--strict", "--site-dir", str(tmp_path), site_url=built_site.url)
    assert result.returncode == 0, result.stdout + result.stderr
    assert not (tmp_path / "_headers").exists()  # no hooks ran: the policy is the next step
    assert apply_policy(tmp_path) == len(built_site.html_files())
    assert (tmp_path / "_headers").read_text(encoding="utf-8") == (built_site.root / "_headers").read_text(
        encoding="utf-8"
    )
    assert_same_pages(tmp_path, built_site.root)
    # Search's index is the other step after an engine without hooks: the same as the hook makes.
    assert not (tmp_path / INDEX_PATH).exists()
    write_indexes(tmp_path)
    assert (tmp_path / INDEX_PATH).read_bytes() == (built_site.root / INDEX_PATH).read_bytes()


# --- Zensical: every language, from the export ------------------------------------------------


def pinned_zensical() -> str:
    extra = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["optional-dependencies"]
    (requirement,) = [str(line) for line in extra["zensical"]]
    name, _, version = requirement.partition("==")
    assert name == "zensical" and version, f"pyproject.toml: Zensical must be pinned exactly, not {requirement!r}"
    return version


def test_the_installed_zensical_is_the_pinned_one() -> None:
    result = subprocess.run([require_zensical(), "--version"], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[-1] == pinned_zensical(), "run `make zensical-env` to install the pinned one"


def language_pages(site: Path, code: str) -> dict[str, tuple[str, str, str | None]]:
    """page_summaries of one language's pages: the English (the root, without the others'
    folders), or xx/."""
    others = {f"{lang.code}/" for lang in TRANSLATED}
    if code != ENGLISH.code:
        return page_summaries(site / code)
    return {name: summary for name, summary in page_summaries(site).items() if name[:3] not in others}


@pytest.mark.parametrize("code", CODES)
def test_zensical_writes_the_pages_of_the_hooks_build_with_the_same_content(
    zensical_site: BuiltSite, languages_site: BuiltSite, code: str
) -> None:
    got, want = language_pages(zensical_site.root, code), language_pages(languages_site.root, code)
    assert sorted(got) == sorted(want)
    # Title and main content match; the policy differs, as Zensical's inline scripts do.
    for name in want:
        assert got[name][:2] == want[name][:2], f"{code}: {name} differs"


def search_entries(site: Path, code: str) -> list[tuple[str, str, str]]:
    """One language's search index (search/index.json in its folder), as sorted entries."""
    index = json.loads((site / ("" if code == ENGLISH.code else code) / INDEX_PATH).read_text(encoding="utf-8"))
    return sorted((d["location"], d["title"], d["text"]) for d in index["docs"])


@pytest.mark.parametrize("code", CODES)
def test_zensical_s_search_index_is_the_hooks_build_s(
    zensical_site: BuiltSite, languages_site: BuiltSite, code: str
) -> None:
    # With the same index, search.js and dialog on both (test_search_browser.py runs the dialog
    # on both), the same words find the same pages: the switch plan's search parity.
    want = search_entries(languages_site.root, code)
    assert want and search_entries(zensical_site.root, code) == want


def script_src(policy: str) -> str:
    return next(part.strip() for part in policy.split(";") if part.strip().startswith("script-src "))


def test_every_zensical_page_allows_its_inline_scripts_by_hash_and_no_other(zensical_site: BuiltSite) -> None:
    headers = (zensical_site.root / "_headers").read_text(encoding="utf-8")
    found = re.search(r"Content-Security-Policy: (.*)", headers)
    assert found, "no policy in _headers"
    scripts = script_src(found.group(1))
    assert "unsafe" not in scripts
    for path in zensical_site.html_files():
        html = path.read_text(encoding="utf-8")
        (policy,) = [e.attrs["content"] for e in parse_html(html).find("meta", http_equiv="Content-Security-Policy")]
        # One script-src on every page and in _headers (instant navigation keeps the first
        # page's), allowing every inline script of this page.
        assert script_src(policy) == scripts, path
        assert inline_script_hashes(html) <= set(re.findall(r"'sha256-[^']+'", scripts)), path


def switch_targets(site: BuiltSite, page: Path) -> dict[str, str]:
    """The language switch's links on `page`, each resolved to an address below the site's root."""
    base = site.url + page.relative_to(site.root).as_posix().removesuffix("index.html")
    links = [
        e
        for e in parse_html(page.read_text(encoding="utf-8")).find("a")
        if "md-select__link" in e.attrs.get("class", "")
    ]
    return {e.attrs["hreflang"]: urljoin(base, e.attrs["href"]).removeprefix(site.url) for e in links}


def test_zensical_pages_switch_language_to_the_same_pages_as_the_hooks_build(
    zensical_site: BuiltSite, languages_site: BuiltSite
) -> None:
    pages = [p for p in languages_site.html_files() if p.name == "index.html"]
    assert pages
    for page in pages:
        name = page.relative_to(languages_site.root)
        want = switch_targets(languages_site, page)
        assert sorted(want) == CODES, name
        assert switch_targets(zensical_site, zensical_site.root / name) == want, name


SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"


def sitemap_alternates(site: BuiltSite, code: str) -> set[tuple[str, str, str]]:
    """Each sitemap entry's page and its hreflang alternates, as an XML reader sees them
    (MiniJinja writes "/" as "&#x2f;"), addresses below the site's root."""
    tree = ElementTree.parse(site.root / ("" if code == ENGLISH.code else code) / "sitemap.xml")
    return {
        (urlsplit(str(url.findtext(SITEMAP + "loc"))).path, link.attrib["hreflang"], urlsplit(link.attrib["href"]).path)
        for url in tree.getroot().iter(SITEMAP + "url")
        for link in url.iter(XHTML + "link")
    }


@pytest.mark.parametrize("code", CODES)
def test_zensical_sitemaps_carry_the_same_hreflang_alternates(
    zensical_site: BuiltSite, languages_site: BuiltSite, code: str
) -> None:
    want = sitemap_alternates(languages_site, code)
    assert len({lang for _, lang, _ in want}) == len(CODES) + 1  # every language, and x-default
    assert sitemap_alternates(zensical_site, code) == want
