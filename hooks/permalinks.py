"""MkDocs hook: every page's ¶ permalinks out of the Tab order and the heading's name
(guide/rendering/permalinks.py)."""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from guide.rendering.permalinks import quiet_permalinks


def on_page_content(html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    return quiet_permalinks(html)
