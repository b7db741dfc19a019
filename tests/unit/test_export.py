"""The hook-free export's pure parts: a language's config as MkDocs would read it (INHERIT
merged), the address it is made for, a page's front matter, and the quiet permalinks the
Zensical build adds to built pages."""

from __future__ import annotations

from pathlib import Path

import pytest

from guide.export import ExportError, english_address, front_matter, resolved_config
from guide.rendering.permalinks import quiet_permalinks


def project(tmp_path: Path, **files: str) -> Path:
    for name, text in files.items():
        (tmp_path / name.replace("_", ".")).write_text(text, encoding="utf-8")
    return tmp_path


def test_a_language_config_merges_mappings_from_its_parent_and_replaces_lists(tmp_path: Path) -> None:
    root = project(
        tmp_path,
        mkdocs_yml="site_url: !ENV [SITE_URL, 'https://a.test/']\ntheme:\n  name: material\n  language: en\n"
        "plugins:\n  - search\nhooks:\n  - x.py\n",
        mkdocs_es_yml="INHERIT: mkdocs.yml\ntheme:\n  language: es\nplugins:\n  - search:\n      lang: es\n",
    )
    config = resolved_config(root, "mkdocs.es.yml")
    assert "INHERIT" not in config
    assert config["theme"] == {"name": "material", "language": "es"}
    assert config["plugins"] == [{"search": {"lang": "es"}}]
    assert config["hooks"] == ["x.py"]  # inherited as it is; hookless_config drops it


def test_a_config_that_inherits_itself_or_is_missing_is_refused(tmp_path: Path) -> None:
    root = project(tmp_path, mkdocs_yml="INHERIT: mkdocs.yml\n")
    with pytest.raises(ExportError, match="INHERIT must name another"):
        resolved_config(root, "mkdocs.yml")
    with pytest.raises(ExportError, match=r"mkdocs\.fr\.yml: no such file"):
        resolved_config(root, "mkdocs.fr.yml")


def test_the_address_is_the_one_given_else_site_url_else_the_configs_default(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = project(tmp_path, mkdocs_yml="site_url: !ENV [SITE_URL, 'https://default.test/']\n")
    monkeypatch.delenv("SITE_URL", raising=False)
    assert english_address(root) == "https://default.test/"
    monkeypatch.setenv("SITE_URL", "http://127.0.0.1:8000/")
    assert english_address(root) == "http://127.0.0.1:8000/"
    assert english_address(root, "https://given.test/") == "https://given.test/"


def test_front_matter_is_read_as_mkdocs_reads_it() -> None:
    assert front_matter("---\ntranslated_from: 'abc'\n---\n# Title\n") == {"translated_from": "abc"}
    assert front_matter("# Title\n---\na: 1\n---\n") == {}  # only at the very start
    assert front_matter("---\n[not, a, mapping]\n---\n") == {}


def test_permalinks_leave_the_tab_order_and_the_accessible_name_once() -> None:
    html = '<h2 id="a">A<a class="headerlink" href="#a" title="Link">¶</a></h2>'
    quiet = quiet_permalinks(html)
    assert (
        quiet == '<h2 id="a">A<a class="headerlink" tabindex="-1" aria-hidden="true" href="#a" title="Link">¶</a></h2>'
    )
    assert quiet_permalinks(quiet) == quiet
