"""MkDocs hook: the site's own scripts served as two checked bundles (guide/assets/bundle.py says why
and how). Our scripts leave `extra_javascript` for the two bundles, which are added as files.
"""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

from guide.assets.bundle import ScriptError, bundled_entries, bundles

_sources: list[str] = []


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    _sources[:], loaded = bundled_entries(str(entry) for entry in config.extra_javascript)
    config.extra_javascript = list(loaded)
    return config


def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    texts = {path: file.content_string if (file := files.get_file_from_path(path)) else None for path in _sources}
    try:
        joined = bundles(_sources, texts)
    except ScriptError as error:
        raise PluginError(str(error)) from None
    for path, text in joined.items():
        files.append(File.generated(config, path, content=text))
    return files
