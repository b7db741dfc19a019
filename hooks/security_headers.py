"""MkDocs hook: put the Content-Security-Policy into every built page, and a _headers file.

The policy is guide.policy.csp's `apply_policy`, the one computation, which `csp_site.py` also runs on
a site any engine built: inline scripts outside each page's article (the theme's templates
wrote them) are allowed by hash, and a script inside an article fails. Here a <script> in a
page's Markdown fails earlier, naming its source file. Skipped under `mkdocs serve`: its
live-reload script is injected into pages as they are served and could not be allowed by hash.
"""

from __future__ import annotations

import os
from pathlib import Path

import build_state
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.pages import Page

from guide.policy.csp import apply_policy, script_tags


def on_post_page(output: str, *, page: Page, config: MkDocsConfig) -> str | None:
    if not build_state.serving and script_tags(page.content or ""):
        raise PluginError(
            f"{_source(page, config)}: a <script> in the page's Markdown; "
            "scripts come only from components/ and the theme's templates"
        )
    return None


def on_post_build(*, config: MkDocsConfig) -> None:
    if build_state.serving:
        return
    try:
        apply_policy(Path(config.site_dir))
    except ValueError as error:
        raise PluginError(f"{error}; scripts come only from components/ and the theme's templates") from None


def _source(page: Page, config: MkDocsConfig) -> str:
    if page.file.abs_src_path is None or page.file.generated_by:
        return f"{page.file.src_uri} (generated from the content files)"
    return os.path.relpath(page.file.abs_src_path, os.path.dirname(config.config_file_path)).replace(os.sep, "/")
