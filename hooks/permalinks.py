"""MkDocs hook: the ¶ permalink after each heading stays for anyone who wants to copy a link,
but is not a Tab stop of its own and is not read out as part of the heading ("Checklist ¶").

Python-Markdown's toc extension has no option for either, so the attributes are added to the
links it writes, in each page's rendered body.
"""

from __future__ import annotations

import re

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

_PERMALINK = re.compile(r'<a class="headerlink" ')


def quiet_permalinks(html: str) -> str:
    """Every toc permalink in `html`, out of the Tab order and hidden from screen readers."""
    return _PERMALINK.sub('<a class="headerlink" tabindex="-1" aria-hidden="true" ', html)


def on_page_content(html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    return quiet_permalinks(html)
