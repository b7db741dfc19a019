"""What the content adds to a site around the generated pages: the nav, markers, theme data.

Pure, like the rest of `guide`: the MkDocs hooks apply these at build time, and `export`
applies the same functions once to write a project that needs no hooks, so both serve the
same pages.
"""

from __future__ import annotations

from typing import Any

from ..content.loading import Content
from ..content.strings import script_words
from ..rendering.markdown import first_phase_link, phase_overview, phases_at_a_glance
from ..rendering.routes import phase_path
from ..translations.field_use import FieldRef, reading

NAV_PHASES = "guide:phases"  # a nav entry with this value becomes the list of phase pages
NAV_KEY_PREFIX = "nav."  # a nav title with this start is a key of content/strings.yml
# A palette toggle's name or toc's permalink_title with this start is a key of content/strings.yml.
THEME_KEY_PREFIX = "theme."
GLANCE_MARKER = "<!-- guide:phases-at-a-glance -->"
# Hand-written pages name phases only through markers, so adding, renaming or retiring a
# phase in content/guide.yml changes every page that mentions them.
MARKERS = {
    GLANCE_MARKER: phases_at_a_glance,
    "<!-- guide:phase-overview -->": phase_overview,
    "<!-- guide:first-phase -->": first_phase_link,
}


def site_identity(content: Content) -> tuple[str, str]:
    """The site's name and description in the language being built: the build puts them in
    place of mkdocs.yml's `site_name` and `site_description`."""
    return content.strings["site.name"], content.strings["site.description"]


def splice_nav(nav: Any, content: Content) -> Any:
    """Replace every `guide:phases` value in the nav with the phase pages, in model order, and
    every title that is a key of the site's own words (`nav.home`) with its words."""
    phases = [{phase.title: phase_path(phase.id)} for phase in content.guide.phases]
    if isinstance(nav, list):
        return [splice_nav(entry, content) for entry in nav]
    if isinstance(nav, dict):
        return {
            nav_title(title, content): phases if value == NAV_PHASES else splice_nav(value, content)
            for title, value in nav.items()
        }
    return nav


def nav_title(title: str, content: Content) -> str:
    # A key the catalog lacks has already failed the load, at its line in mkdocs.yml
    # (strings.config_uses), wherever the theme is checked: the hooks, the export, `guide content`.
    return content.strings[title] if title.startswith(NAV_KEY_PREFIX) else title


def config_word(value: Any, content: Content) -> Any:
    """A word mkdocs.yml gives the theme, in the language being built: a value that is a key of
    the site's own words (`theme.permalink`) becomes its text; anything else stays as it is.
    A key the catalog lacks has already failed the load (strings.config_uses)."""
    if isinstance(value, str) and value.startswith(THEME_KEY_PREFIX):
        return content.strings[value]
    return value


def localise_theme(palette: Any, toc: Any, content: Content) -> None:
    """Put the language's words in place of the keys mkdocs.yml names for Material: the colour
    scheme toggles' names (`theme.palette`) and the headings' permalink title (the `toc`
    extension's settings). Changes `palette` and `toc` in place; either may be None."""
    options = palette if isinstance(palette, list) else [palette]
    for option in options:
        toggle = option.get("toggle") if isinstance(option, dict) else None
        if isinstance(toggle, dict) and "name" in toggle:
            toggle["name"] = config_word(toggle["name"], content)
    if isinstance(toc, dict) and "permalink_title" in toc:
        toc["permalink_title"] = config_word(toc["permalink_title"], content)


def fill_markers(markdown: str, content: Content, *, src_uri: str) -> str:
    """A hand-written page with its markers filled: the phases at a glance, the sentence that
    counts them, the link to the first phase."""
    for marker, fill in MARKERS.items():
        if marker in markdown:
            markdown = markdown.replace(marker, fill(content, from_path=src_uri))
    return markdown


def filled_page(markdown: str, content: Content, *, src_uri: str) -> tuple[str, frozenset[FieldRef]]:
    """`fill_markers`, and the translatable fields the filled markers show."""
    with reading(content) as fields:
        filled = fill_markers(markdown, content, src_uri=src_uri)
    return filled, frozenset(fields)


def theme_extra(content: Content) -> dict[str, Any]:
    """Values the templates in overrides/ read from `config.extra`: the quick exit, the site's
    own words (`strings`), and the words the scripts read (`script_words`, which main.html
    puts into every page as data)."""
    return {
        "quick_exit": content.safety.quick_exit.model_dump(mode="json"),
        "strings": dict(content.strings),
        "script_words": script_words(content.strings),
    }
