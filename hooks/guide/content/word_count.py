"""How much a reader on the guide's path has to read: body words per built page.

Body text is the article's words as a reader sees them, without the checklist (its items,
progress and keep controls) and the tools (message check, week-of-quiet calendar, regions).
Pure: reads built HTML, knows nothing of MkDocs. The budgets are the issue's (a phase at most
600 words, the path at most 6,000); tests/test_reading_budget.py holds them, and
`python -m guide words SITE` prints them for the README.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

PHASE_BUDGET = 600
PATH_BUDGET = 6000
# Not body text: the checklist and the tools the reader uses, counted by their own measures.
LEFT_OUT = ("sc-checklist", "sc-message-check", "sc-space-calendar", "sc-regions", "headerlink")  # headerlink: the ¶
_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class _Article(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.depth = 0  # inside <article>
        self.skip = 0  # inside a left-out element (its depth of nesting)
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _VOID:
            return
        if tag == "article":
            self.depth += 1
        if not self.depth:
            return
        classes = (dict(attrs).get("class") or "").split()
        if self.skip or tag in ("script", "style", "template") or any(c in LEFT_OUT for c in classes):
            self.skip += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in _VOID or not self.depth:
            return
        if self.skip:
            self.skip -= 1
        if tag == "article":
            self.depth -= 1

    def handle_data(self, data: str) -> None:
        if self.depth and not self.skip:
            self.text.append(data)


def body_words(html: str) -> int:
    """The words of a built page's article, less the checklist and the tools."""
    parser = _Article()
    parser.feed(html)
    return len(_WORD.findall(" ".join(parser.text)))


@dataclass(frozen=True)
class PageWords:
    path: str  # the page's address in the site, "" for home
    words: int
    budget: int | None  # a phase's own budget; None for home and the triage


def reader_path(site: Path, phase_ids: list[str]) -> list[PageWords]:
    """Home, the triage and each phase, in the reader's order, with their body words."""
    pages = [("", None), ("triage/", None), *((f"phases/{phase}/", PHASE_BUDGET) for phase in phase_ids)]
    return [
        PageWords(path, body_words((site / path / "index.html").read_text(encoding="utf-8")), budget)
        for path, budget in pages
    ]


def report(pages: list[PageWords]) -> str:
    lines = [f"{'page':28} {'words':>6}  budget"]
    for page in pages:
        budget = f"{page.budget:>6}" if page.budget else ""
        mark = "  over" if page.budget and page.words > page.budget else ""
        lines.append(f"{'/' + page.path:28} {page.words:>6}  {budget}{mark}")
    total = sum(page.words for page in pages)
    lines.append(f"{'the whole path':28} {total:>6}  {PATH_BUDGET:>6}{'  over' if total > PATH_BUDGET else ''}")
    return "\n".join(lines)
