"""The site beyond MkDocs 1.6 with hooks: ProperDocs builds the same pages, and the hook-free
export (`python -m guide pages`) is exactly what the hooks serve and builds into the same site.
Zensical, if installed (`make zensical`), is checked too; without it that test is skipped."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path
from typing import Any

import pytest

from guide.export import write_export
from guide.policy.csp import apply_policy
from guide.translations.language_build import LANGUAGE_EXTRA
from sitetools import BuiltSite, parse_html
from support import ROOT, run_engine, run_mkdocs


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


def served_by_hooks() -> tuple[Any, dict[str, str]]:
    """MkDocs' config after the hooks' on_config, and every page's Markdown as the hooks serve
    it (generated pages from File.generated, hand-written ones after on_page_markdown)."""
    from mkdocs.config import load_config
    from mkdocs.structure.files import get_files
    from mkdocs.structure.pages import Page

    config = load_config(str(ROOT / "mkdocs.yml"))
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
def exported(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("export") / "project"
    write_export(ROOT, out)
    return out


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


def test_the_export_holds_exactly_what_the_hooks_serve(exported: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    _, pages = served_by_hooks()
    docs = exported / "docs"
    written = {p.relative_to(docs).as_posix(): p.read_text(encoding="utf-8") for p in docs.rglob("*.md")}
    assert sorted(written) == sorted(pages)
    for name, markdown in pages.items():
        assert written[name] == markdown, f"docs/{name} differs from what the hooks serve"


def test_the_exported_config_has_no_hooks_and_the_hooks_nav_and_extra(
    exported: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from mkdocs.config import load_config

    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    monkeypatch.setenv("SITE_URL", "http://example.test/")  # !ENV survives the export
    hooked, _ = served_by_hooks()
    plain = load_config(str(exported / "mkdocs.yml"))
    assert not plain.hooks and plain.site_url == hooked.site_url == "http://example.test/"
    assert plain.nav == hooked.nav
    # The export is the English alone: no language switch, no translation note.
    assert plain.extra == {key: value for key, value in hooked.extra.items() if key not in LANGUAGE_EXTRA}


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


def zensical() -> str | None:
    """The Zensical command from `make zensical`'s venv, $ZENSICAL, or the PATH."""
    own = ROOT / ".venv-zensical" / "bin" / "zensical"
    return os.environ.get("ZENSICAL") or (str(own) if own.exists() else shutil.which("zensical"))


@pytest.mark.skipif(zensical() is None, reason="Zensical is not installed (optional: make zensical)")
def test_zensical_builds_every_page_of_the_export_with_the_same_content(
    exported: Path, built_site: BuiltSite, tmp_path: Path
) -> None:
    project = shutil.copytree(exported, tmp_path / "project")
    result = run_engine([str(zensical()), "build", "--strict", "-f", "mkdocs.yml"], project, site_url=built_site.url)
    assert result.returncode == 0, result.stdout + result.stderr
    apply_policy(project / "site")
    got, want = page_summaries(project / "site"), page_summaries(built_site.root)
    assert sorted(got) == sorted(want)
    # Title and main content match; the policy differs, as Zensical's inline scripts do.
    assert {name: summary[:2] for name, summary in got.items()} == {name: summary[:2] for name, summary in want.items()}
