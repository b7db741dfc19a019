"""MkDocs hooks: every page's body must follow the markup rules in guide/policy/markup.py.

Hand-written pages in docs/ may use raw HTML and attribute lists, so only this check stands
between a `<script>`, an outside image or a `javascript:` link there and the site. It reads
each page's HTML as rendered from its Markdown (so code samples that show `<script>` are
text, not elements), finds each problem's line in the page's source, and stops the build
with every problem of every page at once. Generated pages are checked too, as a second line
behind the content model's own checks.

The check runs before any page is written: MkDocs renders every page's Markdown, then calls
on_env, then writes the pages.
"""

from __future__ import annotations

import os
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from guide.content.lines import line_of
from guide.policy.markup import Finding, html_findings

_problems: list[str] = []


def on_pre_build(*, config: MkDocsConfig) -> None:
    _problems.clear()  # `mkdocs serve` rebuilds in the same process


def on_page_content(html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
    source = page.file.content_string
    for finding in html_findings(html):
        _problems.append(f"{_where(page, config, source, finding)}: {finding.message}")
    return None


def on_env(env: Any, *, config: MkDocsConfig, files: Files) -> Any:
    if _problems:
        count = len(_problems)
        head = f"{count} problem{'s' if count != 1 else ''} in the site's pages:"
        raise PluginError("\n".join([head, *(f"  {problem}" for problem in _problems)]))
    return env


def _where(page: Page, config: MkDocsConfig, source: str, finding: Finding) -> str:
    """`docs/about.md:12`, or the generated page and the content it comes from."""
    if page.file.abs_src_path is None or page.file.generated_by:
        return f"{page.file.src_uri} (generated from the content files)"
    root = os.path.dirname(config.config_file_path)
    name = os.path.relpath(page.file.abs_src_path, root).replace(os.sep, "/")
    line = line_of(source, finding.needle)
    return f"{name}:{line}" if line else name
