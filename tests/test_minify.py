"""Our CSS and JavaScript reach readers minified (hooks/minify_assets.py), while the sources keep
their comments, as a build writes them; the minifier itself: tests/unit/test_build_helpers.py."""

from __future__ import annotations

import gzip
import re
from pathlib import Path

import pytest

from guide.components import served
from sitetools import BuiltSite
from support import ROOT, copy_project, run_mkdocs

COMMENT = re.compile(r"/\*|^\s*//", re.M)
# The bundles, and the files of ours each joins (hooks/bundle.py), as mkdocs.yml lists them.
JOINED = {"css/site.css": r"(assets/css/\S+\.css)", "js/site.js": r"(assets/js/\S+\.js)"}


def source_of(path: str) -> str:
    """The source of a file the site serves at `path`: in overrides/, or in a component's folder."""
    theme = ROOT / "overrides" / path
    return (theme if theme.is_file() else served()[path]).read_text(encoding="utf-8")


@pytest.mark.parametrize("name", ["css/site.css", "js/site.js", "js/search.js", "js/search-open.js"])
def test_built_files_have_no_comments_and_weigh_less_than_their_sources(built_site: BuiltSite, name: str) -> None:
    built = (built_site.root / "assets" / name).read_text(encoding="utf-8")
    assert not COMMENT.search(built), name
    if name in JOINED:
        listed = re.findall(rf"^\s+- {JOINED[name]}", (ROOT / "mkdocs.yml").read_text(encoding="utf-8"), re.M)
        assert len(listed) > 1, name
        source = "".join(source_of(path) for path in listed)
    else:
        source = source_of(f"assets/{name}")
    assert COMMENT.search(source), f"{name}: the source should keep its comments"
    assert len(gzip.compress(built.encode(), 9)) < 0.8 * len(gzip.compress(source.encode(), 9))


def test_mkdocs_build_reports_a_broken_script_without_a_traceback(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    (project / "components" / "drawer" / "drawer.js").write_text("(() => { if ( })();\n", encoding="utf-8")
    result = run_mkdocs(project, "build", "--strict", "--site-dir", str(tmp_path / "out"))
    log = result.stdout + result.stderr
    assert result.returncode != 0
    # hooks/bundle.py's syntax check reaches it before the minifier: the file, line and column.
    assert "components/drawer/drawer.js:1:15: SyntaxError" in log
    assert "Traceback" not in log
