"""MkDocs hook: the site's search index (search/index.json), made from the built pages by
guide/search_index.py, as `python -m guide search-index SITE` makes it for any other engine.
It replaces the search plugin, whose index only Material's and our script read."""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError

from guide.search_index import SearchIndexError, write_index


def on_post_build(*, config: MkDocsConfig) -> None:
    try:
        write_index(Path(config.site_dir))
    except SearchIndexError as error:
        raise PluginError(f"search index: {error}") from None
