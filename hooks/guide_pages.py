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

from guide import ContentError, phases_at_a_glance
from guide.content import Content, load_content
from guide.render import TEMPLATES, site_pages
from guide.routes import phase_path

CONTENT = Path("content")  # relative to mkdocs.yml
NAV_PHASES = "guide:phases"  # a nav entry with this value becomes the list of phase pages
GLANCE_MARKER = "<!-- guide:phases-at-a-glance -->"

_content: Content | None = None


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    global _content
    _content = _load(config)
    config.nav = _splice_nav(config.nav, _content)
    # Templates in overrides/ read the quick exit from here.
    config.extra["quick_exit"] = _content.safety.quick_exit.model_dump()
    return config


def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    folder = _content_path(config)
    for page in site_pages(_loaded()):
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
    if GLANCE_MARKER not in markdown:
        return None
    glance = phases_at_a_glance(_loaded().guide, from_path=page.file.src_uri)
    return markdown.replace(GLANCE_MARKER, glance)


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
    try:
        return load_content(_content_path(config), shown_as=CONTENT.as_posix())
    except ContentError as error:
        # PluginError prints as one clean message, under `build` and `serve` alike.
        raise PluginError(str(error)) from None


def _loaded() -> Content:
    if _content is None:  # pragma: no cover - MkDocs always runs on_config first
        raise PluginError("guide content was not loaded: on_config did not run")
    return _content


def _splice_nav(nav: Any, content: Content) -> Any:
    """Replace every `guide:phases` value in the nav with the phase pages, in model order."""
    phases = [{phase.title: phase_path(phase.id)} for phase in content.guide.phases]
    if isinstance(nav, list):
        return [_splice_nav(entry, content) for entry in nav]
    if isinstance(nav, dict):
        return {title: phases if value == NAV_PHASES else _splice_nav(value, content) for title, value in nav.items()}
    return nav
