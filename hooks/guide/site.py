"""What the content adds to a site around the generated pages: the nav, markers, theme data.

Pure, like the rest of `guide`: the MkDocs hooks apply these at build time, and `export`
applies the same functions once to write a project that needs no hooks, so both serve the
same pages.
"""

from __future__ import annotations

from typing import Any

from .content import Content
from .render import phases_at_a_glance
from .routes import phase_path

NAV_PHASES = "guide:phases"  # a nav entry with this value becomes the list of phase pages
GLANCE_MARKER = "<!-- guide:phases-at-a-glance -->"


def splice_nav(nav: Any, content: Content) -> Any:
    """Replace every `guide:phases` value in the nav with the phase pages, in model order."""
    phases = [{phase.title: phase_path(phase.id)} for phase in content.guide.phases]
    if isinstance(nav, list):
        return [splice_nav(entry, content) for entry in nav]
    if isinstance(nav, dict):
        return {title: phases if value == NAV_PHASES else splice_nav(value, content) for title, value in nav.items()}
    return nav


def fill_markers(markdown: str, content: Content, *, src_uri: str) -> str:
    """A hand-written page with its markers filled (today only the phases at a glance)."""
    if GLANCE_MARKER not in markdown:
        return markdown
    return markdown.replace(GLANCE_MARKER, phases_at_a_glance(content.guide, from_path=src_uri))


def theme_extra(content: Content) -> dict[str, Any]:
    """Values the templates in overrides/ read from `config.extra`."""
    return {"quick_exit": content.safety.quick_exit.model_dump(mode="json")}
