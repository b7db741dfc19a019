"""The Second Chance guide, from content files to Markdown pages, with no MkDocs in sight.

Pipeline: `yamlsource` reads a file and remembers lines -> `validate` checks it against
`model` and reports every problem as `file:line` -> `render` turns the typed model into
Markdown pages through Jinja2 templates, resolving `guide:` links via `routes`. The
templates' own words come from `strings` (content/strings.yml), checked against their uses.
Nothing here imports MkDocs: the build's hooks adapt it.
"""

from .content.model import Guide
from .content.problems import ContentError, Problem
from .content.validation import load_guide
from .rendering.markdown import GeneratedPage, phase_pages, phases_at_a_glance

__all__ = [
    "ContentError",
    "GeneratedPage",
    "Guide",
    "Problem",
    "load_guide",
    "phase_pages",
    "phases_at_a_glance",
]
