"""MkDocs hook: the theme's stylesheets without the rules no page of this site can use
(guide/assets/unused_css.py says how that is decided), each under a new name that every page links to.

Material's two stylesheets were 24.7 KiB gzipped of every page's 80 KiB budget (issue 20),
most of it for features this site does not have; what is left is about 15. Runs after every
page is written, so it sees them all, and before `minify_assets.py` and the policy. Skipped
under `mkdocs serve`, like minifying: what is served while editing is the theme as shipped.
"""

from __future__ import annotations

import logging
from pathlib import Path

import build_state
from mkdocs.config.defaults import MkDocsConfig

from guide.assets.unused_css import prune_site

log = logging.getLogger("mkdocs.hooks.theme_css")


def on_post_build(*, config: MkDocsConfig) -> None:
    if build_state.serving:
        return
    for item in prune_site(Path(config.site_dir)):
        log.debug("%s -> %s: %d -> %d bytes", item.before, item.after, item.size_before, item.size_after)
