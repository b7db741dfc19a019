"""MkDocs hook: our built CSS and JavaScript minified (guide/assets/minify.py), except under
`mkdocs serve`, which keeps the files as written, comments and all, for whoever is editing
them. Not named minify.py: that is the name of the minifier's own module. It runs before
security_headers.py, though minifying changes no hash the policy holds.
"""

from __future__ import annotations

from pathlib import Path

import build_state
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError

from guide.assets.minify import minify_site


def on_post_build(*, config: MkDocsConfig) -> None:
    if not build_state.serving:
        try:
            minify_site(Path(config.site_dir))
        except ValueError as error:
            raise PluginError(str(error)) from None
