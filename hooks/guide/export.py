"""Write the site as a plain project that needs no hooks: every page as a Markdown file.

For engines that read `mkdocs.yml` but run no hooks (Zensical, MkDocs 2): the export holds
the hand-written pages with their markers filled, every generated page, the theme overrides,
and an `mkdocs.yml` without `hooks:` whose nav lists the phases and whose `extra` carries what
the templates read. It is what the hooks serve, materialised, so an engine without hooks builds
the same pages. The Content-Security-Policy is a separate
step: guide/policy/csp.py's `apply_policy`, from the command line.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

import yaml

from .content.loading import Content, load_content
from .message_check.rules import FOLDER as RULES_FOLDER
from .rendering.markdown import message_rules, site_pages
from .rendering.site import fill_markers, localise_theme, splice_nav, theme_extra

CONFIG = "mkdocs.yml"
CONTENT = "content"  # next to mkdocs.yml, where the build reads it
HEADER = "# Written by `python -m guide pages` from the project's mkdocs.yml and content/: do not edit.\n"


class ExportError(Exception):
    """The project or the output folder is not one that can be exported to."""


@dataclass(frozen=True)
class Export:
    pages: dict[str, str]  # docs-relative path -> text: every page of the site, and the message check's rules
    config: str  # the hook-free mkdocs.yml
    docs_dir: str  # both relative to the project, and so to the export
    custom_dir: str | None


def export(project: Path) -> Export:
    """Everything the hooks would serve for the project at `project`, without writing it."""
    config_text = (project / CONFIG).read_text(encoding="utf-8")
    config = _load(config_text)
    docs_dir = _inside(config.get("docs_dir", "docs"))
    theme = config.get("theme")
    custom = theme.get("custom_dir") if isinstance(theme, dict) else None
    # As the hook does: the words the theme's templates and scripts use are checked too.
    overrides = project / _inside(custom) if custom is not None else None
    content = load_content(project / CONTENT, shown_as=CONTENT, theme=overrides, theme_shown_as=str(custom))
    docs = project / docs_dir
    pages = {
        path.relative_to(docs).as_posix(): fill_markers(
            path.read_text(encoding="utf-8"), content, src_uri=path.relative_to(docs).as_posix()
        )
        for path in sorted(docs.rglob("*.md"))
    }
    for page in site_pages(content):
        if page.src_uri in pages:
            raise ExportError(f"{page.src_uri}: generated, and also written by hand in the docs folder")
        pages[page.src_uri] = page.markdown
    rules = message_rules(content)
    pages[RULES_FOLDER + rules.name] = rules.text
    return Export(pages, hookless_config(config_text, content), docs_dir, None if custom is None else _inside(custom))


def write_export(project: Path, out: Path) -> Export:
    """Write the export of `project` into `out`: mkdocs.yml, the docs folder and the overrides.

    `out` must be empty, missing, or an earlier export (which is replaced).
    """
    result = export(project)
    earlier = out / CONFIG
    if out.exists() and any(out.iterdir()):
        if not (earlier.is_file() and earlier.read_text(encoding="utf-8").startswith(HEADER)):
            raise ExportError(f"{out} is neither empty nor an earlier export: not writing into it")
        shutil.rmtree(out)
    # Non-Markdown files in the docs folder (images, say) come along as they are.
    shutil.copytree(project / result.docs_dir, out / result.docs_dir, ignore=shutil.ignore_patterns("*.md"))
    for src_uri, markdown in result.pages.items():
        path = out / result.docs_dir / src_uri
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(markdown, encoding="utf-8")
    if result.custom_dir is not None:
        shutil.copytree(project / result.custom_dir, out / result.custom_dir)
    (out / CONFIG).write_text(result.config, encoding="utf-8")
    return result


def hookless_config(config_text: str, content: Content) -> str:
    """`mkdocs.yml` without hooks: phases spliced into the nav, theme data in `extra`, and
    Material's words that mkdocs.yml names by key written out.

    Tags such as `!ENV` are kept as they are, so SITE_URL still works on the export.
    """
    config = _load(config_text)
    config.pop("hooks", None)
    config["nav"] = splice_nav(config.get("nav"), content)
    config["extra"] = {**(config.get("extra") or {}), **theme_extra(content)}
    toc = next(
        (ext["toc"] for ext in config.get("markdown_extensions") or [] if isinstance(ext, dict) and "toc" in ext), None
    )
    localise_theme((config.get("theme") or {}).get("palette"), toc, content)
    return HEADER + yaml.dump(config, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100)


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


def _load(config_text: str) -> dict[str, Any]:
    config = yaml.load(config_text, Loader=_Loader)  # a SafeLoader that also keeps tags
    if not isinstance(config, dict):
        raise ExportError(f"{CONFIG} is not a mapping")
    return config


def _inside(folder: object) -> str:
    """A folder named in the config, which must lie inside the project to be copied with it."""
    if not isinstance(folder, str):
        raise ExportError(f"{CONFIG}: expected a folder name, found {folder!r}")
    path = PurePosixPath(folder)
    if path.is_absolute() or ".." in path.parts:
        raise ExportError(f"{CONFIG}: {folder} is outside the project, so the export cannot carry it")
    return folder
