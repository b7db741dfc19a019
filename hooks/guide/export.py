"""Write the site as a plain project that needs no hooks: every page as a Markdown file.

For engines that read `mkdocs.yml` but run no hooks (Zensical, MkDocs 2): the export holds,
for every language, the hand-written pages with their markers filled (and the stale notes of a
translation), every generated page, and a config without `hooks:` or `INHERIT:` whose nav lists
the phases and whose `extra` carries what the templates read (the quick exit, the words, the
language switch); the theme overrides are shared, with the components' scripts and the one
stylesheet the hooks would serve put in them. It is what the hooks serve, materialised, so
an engine without hooks builds the same pages at the same addresses: `mkdocs.yml` into `site/`,
each `mkdocs.xx.yml` into `site/xx/`. What the hooks do to the built HTML is a separate step
over the whole tree (`python -m csp_site`): French typography, then the Content-Security-Policy.

The addresses (site_url, the switch's and hreflang's links) are fixed when exporting: from
`site_url=`, else SITE_URL, else mkdocs.yml's default. Export again for another address.
"""

from __future__ import annotations

import os
import re
import shutil
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

import yaml

from .assets.bundle import ScriptError, bundled_styles, style_bundle
from .components import FOLDER as COMPONENTS
from .components import ComponentError, served
from .components import shown as component_shown
from .content.loading import Content, load_content
from .content.problems import ContentError
from .message_check.rules import FOLDER as RULES_FOLDER
from .rendering.markdown import message_rules, site_pages
from .rendering.site import filled_page, localise_theme, site_identity, splice_nav, theme_extra
from .rendering.typography import french_text
from .translations.field_use import stale_fields
from .translations.language_build import check_pages, language_extra, needs_stale_note, with_stale_note
from .translations.language_build import site_url as language_url
from .translations.languages import ENGLISH, LANGUAGES

CONFIG = "mkdocs.yml"
CONTENT = "content"  # next to mkdocs.yml, where the build reads it
ENGLISH_DOCS = "docs"  # the English pages every language translates
FRENCH = "fr"  # its words in config.extra get French typography, as the French build's do
# A page's YAML front matter, as MkDocs reads it (mkdocs.utils.meta).
_FRONT_MATTER = re.compile(r"^-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.DOTALL)
HEADER = "# Written by `python -m guide pages` from the project's mkdocs.yml and content/: do not edit.\n"


class ExportError(Exception):
    """The project or the output folder is not one that can be exported to."""


@dataclass(frozen=True)
class Export:
    pages: dict[str, str]  # docs-relative path -> text: every page of the site, and the message check's rules
    config: str  # the hook-free config
    docs_dir: str  # both relative to the project, and so to the export
    custom_dir: str | None
    language: str = ENGLISH.code
    config_name: str = CONFIG  # mkdocs.yml, or mkdocs.xx.yml for another language
    site_dir: str = "site"  # where the config builds to, relative to the export: site/ or site/xx/


def config_name(language: str) -> str:
    return CONFIG if language == ENGLISH.code else f"mkdocs.{language}.yml"


def english_address(project: Path, given: str | None = None) -> str:
    """The English site's address the export is made for: `given`, else $SITE_URL, else the
    default mkdocs.yml's `!ENV [SITE_URL, default]` names (or its plain site_url)."""
    if given:
        return given
    value = _load((project / CONFIG).read_text(encoding="utf-8")).get("site_url")
    if isinstance(value, _Tagged):
        return _env_value(value.node) or "/"
    return value if isinstance(value, str) and value else "/"


def export(project: Path, language: str = ENGLISH.code, *, site_url: str | None = None) -> Export:
    """Everything the hooks would serve for `language`'s build of the project at `project`,
    without writing it. `site_url`: the English site's address (see english_address)."""
    name = config_name(language)
    config = resolved_config(project, name)
    if str((config.get("theme") or {}).get("language") or ENGLISH.code) != language:
        raise ExportError(f"{name}: theme.language is not {language!r}")
    docs_dir = _inside(config.get("docs_dir", "docs"))
    theme = config.get("theme")
    custom = theme.get("custom_dir") if isinstance(theme, dict) else None
    # As the hook does: the words the theme's templates and scripts use are checked too.
    overrides = project / _inside(custom) if custom is not None else None
    content = load_content(
        project / CONTENT, shown_as=CONTENT, language=language, theme=overrides, theme_shown_as=str(custom)
    )
    docs = project / docs_dir
    written = {
        path.relative_to(docs).as_posix(): path.read_text(encoding="utf-8") for path in sorted(docs.rglob("*.md"))
    }
    stale_pages = _stale_pages(project, docs_dir, written) if language != ENGLISH.code else set()
    stale = stale_fields(content)
    pages = {}
    # As the build's hook does: the note on a hand-written page whose English
    # changed, and on a page that read a stale field while it was rendered.
    for src_uri, text in written.items():
        markdown, read = filled_page(text, content, src_uri=src_uri)
        if needs_stale_note(src_uri, read, stale, stale_pages):
            markdown = with_stale_note(markdown, content.strings)
        pages[src_uri] = markdown
    for page in site_pages(content):
        if page.src_uri in pages:
            raise ExportError(f"{page.src_uri}: generated, and also written by hand in the docs folder")
        markdown, read = filled_page(page.markdown, content, src_uri=page.src_uri)
        if needs_stale_note(page.src_uri, read | page.fields, stale, stale_pages):
            markdown = with_stale_note(markdown, content.strings)
        pages[page.src_uri] = markdown
    rules = message_rules(content)
    pages[RULES_FOLDER + rules.name] = rules.text
    english_url = english_address(project, site_url)
    return Export(
        pages,
        hookless_config(config, content, english_url),
        docs_dir,
        None if custom is None else _inside(custom),
        language=language,
        config_name=name,
        site_dir=_inside(config.get("site_dir", "site")),
    )


def write_export(project: Path, out: Path, *, site_url: str | None = None) -> list[Export]:
    """Write the export of `project` in every language into `out`: mkdocs.yml and
    mkdocs.xx.yml, each language's docs folder, and the overrides they share.

    `out` must be empty, missing, or an earlier export (which is replaced).
    """
    results = [export(project, language.code, site_url=site_url) for language in LANGUAGES]
    earlier = out / CONFIG
    if out.exists() and any(out.iterdir()):
        if not (earlier.is_file() and earlier.read_text(encoding="utf-8").startswith(HEADER)):
            raise ExportError(f"{out} is neither empty nor an earlier export: not writing into it")
        shutil.rmtree(out)
    for result in results:
        # Non-Markdown files in the docs folder (images, say) come along as they are.
        shutil.copytree(project / result.docs_dir, out / result.docs_dir, ignore=shutil.ignore_patterns("*.md"))
        for src_uri, markdown in result.pages.items():
            path = out / result.docs_dir / src_uri
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(markdown, encoding="utf-8")
        (out / result.config_name).write_text(result.config, encoding="utf-8")
    custom_dirs = {result.custom_dir for result in results} - {None}
    for custom_dir in sorted(str(folder) for folder in custom_dirs):
        shutil.copytree(project / custom_dir, out / custom_dir)
        _write_assets(project, out / custom_dir)
    return results


def _write_assets(project: Path, theme: Path) -> None:
    """Into the exported theme folder `theme`: every component's script at the address the
    hooks serve it from, and our stylesheets joined into the one the hooks serve."""
    folder = project / COMPONENTS
    try:
        from_components = served(folder)
        styles, _ = bundled_styles(_listed(resolved_config(project, CONFIG).get("extra_css")))
        texts = {path: _theme_text(theme, path) for path in styles}
        texts |= {path: source.read_text(encoding="utf-8") for path, source in from_components.items()}
        origins = {path: component_shown(source, folder) for path, source in from_components.items()}
        joined = style_bundle(styles, texts, origins) if styles else None
    except (ComponentError, ScriptError) as error:
        raise ExportError(str(error)) from None
    for path, source in from_components.items():
        if (theme / path).exists():
            raise ExportError(f"overrides/{path} and {origins[path]} would both be served as {path}: keep one")
        if path.endswith(".js"):
            (theme / path).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, theme / path)
    for path in styles:
        (theme / path).unlink(missing_ok=True)
    if joined is not None:
        (theme / styles[0]).write_text(joined, encoding="utf-8")


def _theme_text(theme: Path, path: str) -> str | None:
    file = theme / path
    return file.read_text(encoding="utf-8") if file.is_file() else None


def _listed(entries: object) -> list[str]:
    return [str(entry) for entry in entries] if isinstance(entries, list) else []


def hookless_config(config: dict[str, Any], content: Content, english_url: str) -> str:
    """A language's config without hooks or INHERIT, as the hooks' on_config leaves it: its
    address, name and description, phases spliced into the nav, theme data and the language
    switch in `extra`, and Material's words that mkdocs.yml names by key written out."""
    config = dict(config)
    config.pop("hooks", None)
    # The pages load one stylesheet of ours, as the hooks serve it (_write_assets writes it).
    if "extra_css" in config:
        try:
            config["extra_css"] = bundled_styles(_listed(config["extra_css"]))[1]
        except ScriptError as error:
            raise ExportError(str(error)) from None
    config["site_url"] = (
        language_url(english_url, content.language) if content.language != ENGLISH.code else english_url
    )
    config["site_name"], config["site_description"] = site_identity(content)
    config["nav"] = splice_nav(config.get("nav"), content)
    extra = {**(config.get("extra") or {}), **theme_extra(content), **language_extra(content, english_url)}
    if content.language == FRENCH:
        # As the French build does: the words the scripts write, and the site's name and description.
        extra["script_words"] = {key: french_text(text) for key, text in extra["script_words"].items()}
        config["site_name"] = french_text(config["site_name"])
        config["site_description"] = french_text(config["site_description"])
    config["extra"] = extra
    toc = next(
        (ext["toc"] for ext in config.get("markdown_extensions") or [] if isinstance(ext, dict) and "toc" in ext), None
    )
    localise_theme((config.get("theme") or {}).get("palette"), toc, content)
    return HEADER + yaml.dump(config, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100)


def _stale_pages(project: Path, docs_dir: str, translated: dict[str, str]) -> set[str]:
    """A translation's hand-written pages whose English changed since; ExportError if one is
    missing or has no `translated_from` (the hooks' build fails on the same)."""
    english_folder = project / ENGLISH_DOCS
    english = {
        path.relative_to(english_folder).as_posix(): path.read_text(encoding="utf-8")
        for path in sorted(english_folder.rglob("*.md"))
    }
    result = check_pages(
        english,
        {path: front_matter(text) for path, text in translated.items()},
        folder=docs_dir,
        english_folder=ENGLISH_DOCS,
    )
    if result.problems:
        raise ExportError(str(ContentError(result.problems)))
    return {problem.file.removeprefix(docs_dir + "/") for problem in result.stale}


def front_matter(text: str) -> dict[str, Any]:
    """A page's YAML front matter, as MkDocs reads it; {} without one."""
    match = _FRONT_MATTER.match(text)
    if not match:
        return {}
    try:
        data = yaml.safe_load(match.group(1))
    except yaml.YAMLError:
        return {}
    return data if isinstance(data, dict) else {}


# --- YAML that keeps tags ---------------------------------------------------------------------


class _Tagged:
    """A tagged node (`!ENV [SITE_URL, ...]`) carried through unchanged."""

    def __init__(self, node: yaml.Node) -> None:
        self.node = node


class _Loader(yaml.SafeLoader):
    pass


class _Dumper(yaml.SafeDumper):
    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)  # indent lists under their key, as mkdocs.yml does


_Loader.add_multi_constructor("!", lambda loader, suffix, node: _Tagged(node))
_Dumper.add_representer(_Tagged, lambda dumper, value: value.node)


def _load(config_text: str, name: str = CONFIG) -> dict[str, Any]:
    config = yaml.load(config_text, Loader=_Loader)  # a SafeLoader that also keeps tags
    if not isinstance(config, dict):
        raise ExportError(f"{name} is not a mapping")
    return config


def resolved_config(project: Path, name: str) -> dict[str, Any]:
    """The config file `name` with its INHERIT merged in, as MkDocs merges it: mappings key by
    key, anything else (lists included) replaced by the child's."""
    path = project / name
    if not path.is_file():
        raise ExportError(f"{name}: no such file in {project}")
    config = _load(path.read_text(encoding="utf-8"), name)
    parent = config.pop("INHERIT", None)
    if parent is None:
        return config
    if not isinstance(parent, str) or PurePosixPath(parent).name == name:
        raise ExportError(f"{name}: INHERIT must name another config file")
    return _merge(resolved_config(project, _inside(parent)), config)


def _merge(base: dict[str, Any], child: dict[str, Any]) -> dict[str, Any]:
    merged = dict(base)
    for key, value in child.items():
        old = merged.get(key)
        merged[key] = _merge(old, value) if isinstance(old, dict) and isinstance(value, dict) else value
    return merged


def _env_value(node: yaml.Node) -> str | None:
    """What `!ENV NAME` or `!ENV [NAME, ..., default]` reads now: the first variable set, else
    the default."""
    if isinstance(node, yaml.ScalarNode):
        return os.environ.get(str(node.value))
    if isinstance(node, yaml.SequenceNode):
        values = [str(item.value) for item in node.value if isinstance(item, yaml.ScalarNode)]
        for variable in values[:-1]:
            if os.environ.get(variable):
                return os.environ[variable]
        return values[-1] if values else None
    return None


def _inside(folder: object) -> str:
    """A folder named in the config, which must lie inside the project to be copied with it."""
    if not isinstance(folder, str):
        raise ExportError(f"{CONFIG}: expected a folder name, found {folder!r}")
    path = PurePosixPath(folder)
    if path.is_absolute() or ".." in path.parts:
        raise ExportError(f"{CONFIG}: {folder} is outside the project, so the export cannot carry it")
    return folder
