"""MkDocs hooks: put the Content-Security-Policy into every built page (see guide/csp.py).

Each page's inline scripts are sorted by source as it is rendered (on_post_page): the ones
the theme's templates wrote are allowed, by hash; one in the page's own Markdown body fails
the build. After the build, when every page exists, every page gets the policy allowing the
template scripts of all pages, and a page with any other inline script fails the build.
Skipped under `mkdocs serve`: its live-reload script is injected into pages as they are
served and could not be allowed by hash.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Literal

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.pages import Page

from guide.csp import inline_script_hashes, policy_script_hashes, script_tags, theme_script_hashes, write_policy

_serving = False
_theme_hashes: set[str] = set()  # inline scripts the templates wrote, this build
_rendered: set[Path] = set()  # pages and theme templates rendered this build


def on_startup(*, command: Literal["build", "gh-deploy", "serve"], dirty: bool) -> None:
    global _serving
    _serving = command == "serve"


def on_pre_build(*, config: MkDocsConfig) -> None:
    _theme_hashes.clear()
    _rendered.clear()


def on_post_page(output: str, *, page: Page, config: MkDocsConfig) -> str | None:
    if _serving:
        return None
    body = page.content or ""
    if script_tags(body):
        raise PluginError(
            f"{_source(page, config)}: a <script> in the page's Markdown; "
            "scripts come only from overrides/assets/js and the theme's templates"
        )
    try:
        _theme_hashes.update(theme_script_hashes(output, body))
    except ValueError as error:
        raise PluginError(f"{_source(page, config)}: {error}") from None
    _rendered.add(Path(page.file.abs_dest_path))
    return None


def on_post_template(output_content: str, *, template_name: str, config: MkDocsConfig) -> str | None:
    # Pages made from a theme template alone (404.html): every script in them is the theme's.
    if not _serving and template_name.endswith(".html"):
        _theme_hashes.update(inline_script_hashes(output_content))
        _rendered.add(Path(config.site_dir) / template_name)
    return None


def on_post_build(*, config: MkDocsConfig) -> None:
    if _serving:
        return
    site = Path(config.site_dir)
    texts = {path: path.read_text(encoding="utf-8") for path in sorted(site.rglob("*.html"))}
    allowed = set(_theme_hashes)
    strays = []
    for path, text in texts.items():
        scripts = inline_script_hashes(text)
        if path not in _rendered:
            # Not rendered this time: a page an earlier `--dirty` build left, whose policy then
            # allowed only template scripts, or an .html file copied from docs/ as it is.
            scripts -= policy_script_hashes(text)
            allowed |= inline_script_hashes(text) - scripts
        if scripts - allowed:
            strays.append(path.relative_to(site).as_posix())
    if strays:
        raise PluginError(
            "inline scripts that no theme template wrote, in: "
            + ", ".join(strays)
            + "; scripts come only from overrides/assets/js and the theme's templates"
        )
    write_policy(site, texts, allowed)


def _source(page: Page, config: MkDocsConfig) -> str:
    if page.file.abs_src_path is None or page.file.generated_by:
        return f"{page.file.src_uri} (generated from the content files)"
    return os.path.relpath(page.file.abs_src_path, os.path.dirname(config.config_file_path)).replace(os.sep, "/")
