"""MkDocs hooks: a thin adapter between MkDocs events and the pure `guide` package.

on_config loads and validates the content (a broken file fails the build with `file:line`
messages and no traceback), and places the phases in the nav; on_files adds the generated
pages; on_page_markdown fills markers in hand-written pages; on_serve watches the content.
Changes to this file or to `guide/` need `make serve` restarted (MkDocs 1.6 does not
reload hook code); content and template changes rebuild live.
"""

from __future__ import annotations

import logging
import os
import posixpath
from pathlib import Path
from typing import Any, Literal
from urllib.parse import urlsplit, urlunsplit

import build_state
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.utils.meta import get_data

from guide import ContentError
from guide.content.loading import Content, load_content
from guide.content.strings import TEMPLATES
from guide.message_check.rules import FOLDER as RULES_FOLDER
from guide.rendering.markdown import message_rules, site_pages
from guide.rendering.site import filled_page, localise_theme, site_identity, splice_nav, theme_extra
from guide.translations.field_use import FieldRef, stale_fields
from guide.translations.language_build import check_pages, language_extra, needs_stale_note, site_url, with_stale_note
from guide.translations.languages import ENGLISH, by_code

CONTENT = Path("content")  # relative to mkdocs.yml
ENGLISH_DOCS = Path("docs")  # the English pages every language translates, relative to mkdocs.yml

log = logging.getLogger("mkdocs.hooks.guide")

_content: Content | None = None
_stale_pages: set[str] = set()  # this language's hand-written pages whose English changed since
_stale_fields: frozenset[FieldRef] = frozenset()  # translated fields whose English changed since
_page_fields: dict[str, frozenset[FieldRef]] = {}  # each generated page: the fields it shows


def on_startup(*, command: Literal["build", "gh-deploy", "serve"], dirty: bool) -> None:
    # The first hook of every config: what this run is, once, for all hooks (build_state.py).
    build_state.serving = command == "serve"


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    global _content, _stale_fields
    language = str(config.theme["language"] or ENGLISH.code)
    if by_code(language) is None:
        raise PluginError(
            f"theme.language '{language}' is not one of the site's languages (guide/translations/languages.py)"
        )
    english_url = config.site_url or "/"
    if language != ENGLISH.code:
        # One build per language, in its own folder below the English site (mkdocs.xx.yml).
        config.site_url = site_url(english_url, language)
    _content = _load(config, language)
    config.nav = splice_nav(config.nav, _content)
    config.site_name, config.site_description = site_identity(_content)
    # Material's words that mkdocs.yml names by key (the palette toggles, the ¶ link's title).
    localise_theme(config.theme.get("palette"), config.mdx_configs.get("toc"), _content)
    # Templates in overrides/ read the quick exit, the site's own words and the languages here.
    config.extra.update(theme_extra(_content))
    config.extra.update(language_extra(_content, english_url))
    for translation in _content.translations:
        for problem in translation.stale:
            # Not a warning: `--strict` would fail on it, and an English typo fix must never block.
            log.info("stale translation: %s", problem)
    _stale_fields = stale_fields(_content)
    return config


def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    content = _loaded()
    folder = _content_path(config)
    if content.language != ENGLISH.code:
        _check_translated_pages(files, config)
    try:
        pages = site_pages(content)
    except ContentError as error:
        raise PluginError(str(error)) from None
    _page_fields.clear()
    for page in pages:
        _page_fields[page.src_uri] = page.fields
        file = File.generated(config, page.src_uri, content=page.markdown)
        # The edit button opens the YAML the page comes from (its translation, in a translated
        # build), not a page that is not in git.
        source = page.source if content.language == ENGLISH.code else f"{content.language}/{page.source}"
        file.edit_uri = os.path.relpath(folder / source, config.docs_dir).replace(os.sep, "/")
        files.append(file)
    # The message check's rules, fetched by the page when the reader first reaches the box.
    rules = message_rules(content)
    files.append(File.generated(config, RULES_FOLDER + rules.name, content=rules.text))
    return files


def _check_translated_pages(files: Files, config: MkDocsConfig) -> None:
    project = Path(config.config_file_path).resolve().parent
    english_folder = project / ENGLISH_DOCS
    english = {
        path.relative_to(english_folder).as_posix(): path.read_text(encoding="utf-8")
        for path in sorted(english_folder.rglob("*.md"))
    }
    translated = {
        file.src_uri: get_data(file.content_string)[1] for file in files.documentation_pages() if not file.generated_by
    }
    shown = Path(config.docs_dir).resolve().relative_to(project).as_posix()
    result = check_pages(english, translated, folder=shown, english_folder=ENGLISH_DOCS.as_posix())
    if result.problems:
        raise PluginError(str(ContentError(result.problems)))
    _stale_pages.clear()
    for problem in result.stale:
        log.info("stale translation: %s", problem)
        _stale_pages.add(problem.file.removeprefix(shown + "/"))


def on_pre_page(page: Page, *, config: MkDocsConfig, files: Files) -> Page:
    # A generated page's edit path climbs out of docs/ ("docs/../content/guide.yml"); MkDocs
    # leaves that as it is under an absolute edit_uri, so tidy it into a clean address.
    if page.edit_url and "/../" in page.edit_url:
        parts = urlsplit(page.edit_url)
        page.edit_url = urlunsplit(parts._replace(path=posixpath.normpath(parts.path)))
    return page


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
    src_uri = page.file.src_uri
    markdown, read = filled_page(markdown, _loaded(), src_uri=src_uri)
    if needs_stale_note(src_uri, read | _page_fields.get(src_uri, frozenset()), _stale_fields, _stale_pages):
        markdown = with_stale_note(markdown, _loaded().strings)
    return markdown


def on_serve(server: LiveReloadServer, *, config: MkDocsConfig, builder: Any) -> LiveReloadServer:
    server.watch(str(_content_path(config)))
    server.watch(str(TEMPLATES))
    # MkDocs watches theme folders only with --watch-theme; overrides/ is ours, so watch it.
    if config.theme.custom_dir:
        server.watch(config.theme.custom_dir)
    return server


# --- helpers ---------------------------------------------------------------------------------


def _content_path(config: MkDocsConfig) -> Path:
    return Path(config.config_file_path).parent / CONTENT


def _load(config: MkDocsConfig, language: str) -> Content:
    root = Path(config.config_file_path).parent
    theme = Path(config.theme.custom_dir) if config.theme.custom_dir else None
    # The theme's templates and scripts are checked for the words they use, named from the project.
    shown = os.path.relpath(theme, root).replace(os.sep, "/") if theme else "overrides"
    try:
        return load_content(
            _content_path(config), shown_as=CONTENT.as_posix(), language=language, theme=theme, theme_shown_as=shown
        )
    except ContentError as error:
        # PluginError prints as one clean message, under `build` and `serve` alike.
        raise PluginError(str(error)) from None


def _loaded() -> Content:
    if _content is None:  # pragma: no cover - MkDocs always runs on_config first
        raise PluginError("guide content was not loaded: on_config did not run")
    return _content
