"""MkDocs hooks: a thin adapter between MkDocs events and the pure `guide` package.

on_config loads and validates the content (a broken file fails the build with `file:line`
messages and no traceback), and places the phases in the nav; on_files adds the generated
pages; on_page_markdown fills markers in hand-written pages; on_serve watches the content.
Changes to this file or to `guide/*.py` need `make serve` restarted (MkDocs 1.6 does not
reload hook code); content and template changes rebuild live.
"""

from __future__ import annotations

import os
import posixpath
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from guide import ContentError
from guide.content import Content, load_content
from guide.render import site_pages
from guide.site import fill_markers, splice_nav, theme_extra
from guide.strings import TEMPLATES

CONTENT = Path("content")  # relative to mkdocs.yml

_content: Content | None = None


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    global _content
    _content = _load(config)
    config.nav = splice_nav(config.nav, _content)
    # Templates in overrides/ read the quick exit and the site's own words from here.
    config.extra.update(theme_extra(_content))
    return config


def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    folder = _content_path(config)
    try:
        pages = site_pages(_loaded())
    except ContentError as error:
        raise PluginError(str(error)) from None
    for page in pages:
        file = File.generated(config, page.src_uri, content=page.markdown)
        # The edit button opens the YAML the page comes from, not a page that is not in git.
        file.edit_uri = os.path.relpath(folder / page.source, config.docs_dir).replace(os.sep, "/")
        files.append(file)
    return files


def on_pre_page(page: Page, *, config: MkDocsConfig, files: Files) -> Page:
    # A generated page's edit path climbs out of docs/ ("docs/../content/guide.yml"); MkDocs
    # leaves that as it is under an absolute edit_uri, so tidy it into a clean address.
    if page.edit_url and "/../" in page.edit_url:
        parts = urlsplit(page.edit_url)
        page.edit_url = urlunsplit(parts._replace(path=posixpath.normpath(parts.path)))
    return page


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
    return fill_markers(markdown, _loaded(), src_uri=page.file.src_uri)


def on_serve(server: LiveReloadServer, *, config: MkDocsConfig, builder: Any) -> LiveReloadServer:
    server.watch(str(_content_path(config)))
    server.watch(str(TEMPLATES))
    # MkDocs watches theme folders only with --watch-theme; overrides/ is ours, so watch it.
    if config.theme.custom_dir:
        server.watch(config.theme.custom_dir)
    return server


# --- helpers ---------------------------------------------------------------------------------


def _content_path(config: MkDocsConfig) -> Path:
    return Path(config.config_file_path).parent / CONTENT


def _load(config: MkDocsConfig) -> Content:
    root = Path(config.config_file_path).parent
    theme = Path(config.theme.custom_dir) if config.theme.custom_dir else None
    # The theme's templates and scripts are checked for the words they use, named from the project.
    shown = os.path.relpath(theme, root).replace(os.sep, "/") if theme else "overrides"
    try:
        return load_content(_content_path(config), shown_as=CONTENT.as_posix(), theme=theme, theme_shown_as=shown)
    except ContentError as error:
        # PluginError prints as one clean message, under `build` and `serve` alike.
        raise PluginError(str(error)) from None


def _loaded() -> Content:
    if _content is None:  # pragma: no cover - MkDocs always runs on_config first
        raise PluginError("guide content was not loaded: on_config did not run")
    return _content
