"""MkDocs hook: the site's own scripts served as two checked bundles and its stylesheets as one
(guide/assets/bundle.py says why and how). The components' scripts come from their folders
(guide/components.py) to the addresses they are served at; our scripts and stylesheets leave
`extra_javascript` and `extra_css` for the bundles, which are added as files.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.structure.files import File, Files

from guide.assets.bundle import ScriptError, bundled_entries, bundled_styles, bundles, style_bundle
from guide.components import FOLDER, ComponentError, served, shown

_sources: list[str] = []
_styles: list[str] = []


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    _sources[:], loaded = bundled_entries(str(entry) for entry in config.extra_javascript)
    config.extra_javascript = list(loaded)
    try:
        _styles[:], styles = bundled_styles(str(entry) for entry in config.extra_css)
    except ScriptError as error:
        raise PluginError(str(error)) from None
    config.extra_css = styles
    return config


def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    folder = _components(config)
    try:
        from_components = served(folder)
    except ComponentError as error:
        raise PluginError(str(error)) from None
    origins = {path: shown(source, folder) for path, source in from_components.items()}
    for path, source in from_components.items():
        if files.get_file_from_path(path) is not None:
            raise PluginError(f"overrides/{path} and {origins[path]} would both be served as {path}: keep one")
        files.append(File.generated(config, path, abs_src_path=str(source)))
    scripts = {path: file.content_string if (file := files.get_file_from_path(path)) else None for path in _sources}
    styles = {path: file.content_string if (file := files.get_file_from_path(path)) else None for path in _styles}
    try:
        joined = bundles(_sources, scripts, origins)
        if _styles:
            joined[_styles[0]] = style_bundle(_styles, styles, origins)
    except ScriptError as error:
        raise PluginError(str(error)) from None
    # Only the bundle is served of our stylesheets: each is in it, and a page loads no other.
    for path in [*_styles, *(path for path in from_components if path.endswith(".css"))]:
        if (file := files.get_file_from_path(path)) is not None:
            files.remove(file)
    for path, text in joined.items():
        files.append(File.generated(config, path, content=text))
    return files


def on_serve(server: LiveReloadServer, *, config: MkDocsConfig, builder: Any) -> LiveReloadServer:
    # Not a theme folder, so MkDocs would not watch it: a component's script, stylesheet or
    # template changed rebuilds the site.
    if _components(config).is_dir():
        server.watch(str(_components(config)))
    return server


def _components(config: MkDocsConfig) -> Path:
    return Path(config.config_file_path).parent / FOLDER
