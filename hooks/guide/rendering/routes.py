"""Where each generated or linked page lives, by the names content uses in `guide:` links."""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterable, Mapping

# Pages other than phases that content may link to with `guide:NAME`.
FIXED_PAGES: Mapping[str, str] = {
    "home": "index.md",
    "triage": "triage.md",
    "safety": "safety.md",
    "checklists": "checklists.md",
    "whole-guide": "whole-guide.md",
    "about": "about.md",
    "getting-messages": "getting-messages.md",  # the two doors beside Start, for two more readers
    "urge-to-contact": "urge-to-contact.md",
}

# Names no phase may take: `guide:NAME` must keep meaning the fixed page (`guide:safety` above
# all), and `index` would be read as the home page.
RESERVED_IDS = frozenset({*FIXED_PAGES, "index"})

GUIDE_LINK = re.compile(r"\]\(guide:([^)\s#]*)(#[^)\s]*)?\)")


def phase_path(phase_id: str) -> str:
    return f"phases/{phase_id}.md"


def targets(phase_ids: Iterable[str]) -> dict[str, str]:
    """Every name a `guide:` link may use, mapped to its page's source path.

    Fixed pages win over a phase of the same name, so even content that skipped validation
    could not turn `guide:safety` into a link to a phase.
    """
    return {**{pid: phase_path(pid) for pid in phase_ids}, **FIXED_PAGES}


def resolve_links(markdown: str, *, from_path: str, paths: Mapping[str, str]) -> str:
    """Rewrite `](guide:NAME#anchor)` as a relative link to NAME's Markdown source.

    Links stay `.md` paths so MkDocs checks and rewrites them like any hand-written link.
    Unknown names are left alone: validation reports them before rendering starts.
    """
    base = posixpath.dirname(from_path)

    def replace(match: re.Match[str]) -> str:
        target = paths.get(match.group(1))
        if target is None:
            return match.group(0)
        return f"]({posixpath.relpath(target, base or '.')}{match.group(2) or ''})"

    return GUIDE_LINK.sub(replace, markdown)
