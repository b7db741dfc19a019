"""MkDocs hook: French typography (guide/rendering/typography.py) on every French string the build writes.

Registered in mkdocs.fr.yml only, and a no-op in any other language. It spaces:

- the words the scripts write into pages (config.extra.script_words), once the content is
  loaded (on_config, after guide_pages.py's);
- each page's body (on_page_content), so the body the security headers hook looks for in the
  page is already spaced (and the search index, made from the written pages, is too);
- the whole page as written (on_post_page): the templates' own words, the navigation, titles,
  the banner and Material's strings; the body is unchanged by this second pass;
- 404.html (on_post_template).

It must come before hooks/security_headers.py, which hashes each page's inline scripts
(typography never changes a script, but the body it looks for must be the final one).
"""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from guide.rendering.typography import french_html, french_text, french_words

FRENCH = "fr"


def _french(config: MkDocsConfig) -> bool:
    return str(config.theme["language"] or "") == FRENCH


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    if _french(config):
        config.extra["script_words"] = french_words(config.extra.get("script_words") or {})
        config.site_name = french_text(config.site_name)
        if config.site_description:
            config.site_description = french_text(config.site_description)
    return config


def on_page_content(html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
    return french_html(html) if _french(config) else None


def on_post_page(output: str, *, page: Page, config: MkDocsConfig) -> str | None:
    return french_html(output) if _french(config) else None


def on_post_template(output_content: str, *, template_name: str, config: MkDocsConfig) -> str | None:
    if _french(config) and template_name.endswith(".html"):
        return french_html(output_content)
    return None
