"""MkDocs hook: the ¶ permalink after each heading stays for anyone who wants to copy a link,
but is not a Tab stop of its own and is not read out as part of the heading ("Checklist ¶").

Python-Markdown's toc extension has no option for either, so the attributes are added to the
links it writes, in each page's rendered body (guide.site.quiet_permalinks, which the hook-free
build applies to the built pages).
"""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from guide.site import quiet_permalinks


def on_page_content(html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    return quiet_permalinks(html)
