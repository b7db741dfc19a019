"""The site's search index, made from the built HTML: pure code, no MkDocs, so any engine's
output gets the same index (MkDocs' build through a hook, any other engine's through
`python -m guide search-index SITE`).

A *language root* is a folder with an index.html whose `<html lang>` differs from the folder
above it (site/ in English, site/es/, site/fr/), or the folder given. Each root gets one index,
ROOT/search/index.json, of the pages below it that are not below a deeper root: a page is in
exactly one language's index. A page is split where an h1, h2 or h3 with an id starts, as
search.js shows results: the page (its h1 and the text before the first h2), then each section.

    {"lang": "fr", "docs": [{"location": "phases/change/#steps", "title": "...", "text": "..."}]}

`location` is relative to the root; text is plain (no markup), white space collapsed, no-break
spaces kept (French typography). Left out: 404.html, a page with
`<meta name="sc-search" content="exclude">` (front matter `search: exclude: true`, written by
overrides/main.html), files with no content region (the `md-content__inner` article, or
`<main>`), and in a page whatever a reader does not read: scripts, styles, templates, SVG,
form controls' options, the ¶ after headings (class `headerlink`, whichever engine wrote it),
anything `aria-hidden="true"` or marked `data-sc-search-ignore`.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

INDEX_PATH = Path("search") / "index.json"
SPLIT_AT = ("h1", "h2", "h3")  # as the table of contents (toc_depth 3)
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
_UNREAD = {"script", "style", "template", "svg", "noscript", "select", "textarea", "object", "iframe"}
# Inline elements join their text to their neighbours'; every other tag separates words.
_INLINE = {"a", "abbr", "b", "bdi", "bdo", "cite", "code", "data", "dfn", "em", "i", "kbd", "mark", "q", "s"}
_INLINE |= {"samp", "small", "span", "strong", "sub", "sup", "time", "u", "var"}
_ARTICLE = re.compile(r"<article\b[^>]*\bclass=[\"'][^\"']*\bmd-content__inner\b", re.IGNORECASE)
_MAIN = re.compile(r"<main\b", re.IGNORECASE)
_SPACES = re.compile(r"[ \t\n\r\f\v]+")  # ASCII white space only: French no-break spaces stay


class SearchIndexError(Exception):
    """A built page the index cannot be made from; the message names the file."""


@dataclass
class Doc:
    location: str
    title: str
    text: str

    def as_json(self) -> dict[str, str]:
        return {"location": self.location, "title": self.title, "text": self.text}


@dataclass
class _Section:
    anchor: str  # "" for the page itself
    title: list[str] = field(default_factory=list)
    text: list[str] = field(default_factory=list)


class _Page(HTMLParser):
    """One built page: its language, whether it asks to be left out, and its sections."""

    def __init__(self, region: str) -> None:
        super().__init__(convert_charrefs=True)
        self.region = region  # "article" (the md-content__inner one) or "main"
        self.lang = ""
        self.excluded = False
        self.sections: list[_Section] = [_Section("")]
        self._stack: list[tuple[str, bool, bool]] = []  # (tag, opens the region, skipped)
        self._content = 0  # 1 inside the region
        self._done = False  # the region has closed: nothing after it is the page's
        self._skip = 0  # open unread elements
        self._heading: str | None = None  # the open h1-h3 that starts a section

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {name: value or "" for name, value in attrs}
        if tag == "html" and not self.lang:
            self.lang = a.get("lang", "").strip()
        if tag == "meta" and a.get("name") == "sc-search" and a.get("content") == "exclude":
            self.excluded = True
        if tag in _VOID:
            if tag in ("br", "hr", "input", "img"):
                self._gap()
            return
        opens = not self._content and not self._done and tag == self.region
        if opens and tag == "article":
            opens = "md-content__inner" in a.get("class", "").split()
        skipped = bool(self._content or opens) and (
            tag in _UNREAD
            or a.get("aria-hidden") == "true"
            or "data-sc-search-ignore" in a
            or "headerlink" in a.get("class", "").split()  # the ¶, hidden or not by the engine
        )
        self._stack.append((tag, opens, skipped))
        self._content += opens
        self._skip += skipped
        if self._content and not self._skip and tag in SPLIT_AT and a.get("id"):
            self._heading = tag
            self.sections.append(_Section("" if tag == "h1" else a["id"]))
        elif tag not in _INLINE:
            self._gap()

    def handle_endtag(self, tag: str) -> None:
        if tag in _VOID or not any(open_tag == tag for open_tag, _, _ in self._stack):
            return  # a stray end tag
        while self._stack:  # closing elements the page left open (a <p> before a <ul>)
            open_tag, opens, skipped = self._stack.pop()
            self._content -= opens
            self._done = self._done or opens
            self._skip -= skipped
            if open_tag == tag:
                break
        if tag == self._heading:
            self._heading = None
        elif tag not in _INLINE:
            self._gap()

    def handle_data(self, data: str) -> None:
        if self._content and not self._skip:
            section = self.sections[-1]
            (section.title if self._heading else section.text).append(data)

    def _gap(self) -> None:
        if self._content and not self._skip and not self._heading:
            self.sections[-1].text.append(" ")

    def docs(self, location: str) -> list[Doc]:
        """The page's entries: the page first (its h1 as title), then each titled section."""
        page, *rest = self.sections
        out: list[Doc] = []
        for section in rest:
            title, text = _clean(section.title), _clean(section.text)
            if not section.anchor:  # the h1: the page's title, and its text joins the page's
                page.title.append(title)
                page.text.append(" " + text)
            elif title:
                out.append(Doc(f"{location}#{section.anchor}", title, text))
        return [Doc(location, _clean(page.title), _clean(page.text)), *out]


def _clean(parts: list[str]) -> str:
    return _SPACES.sub(" ", "".join(parts)).strip()


def page_docs(html: str, location: str, *, shown_as: str = "") -> tuple[str, list[Doc]] | None:
    """The language and index entries of one built page at `location` (relative to its root:
    "", "phases/change/"); None for a page left out. Raises SearchIndexError for a page with
    no `<html lang>`, naming it as `shown_as`."""
    region = "article" if _ARTICLE.search(html) else "main" if _MAIN.search(html) else ""
    parser = _Page(region)
    parser.feed(html)
    parser.close()
    if parser.excluded or not region:
        return None
    if not parser.lang:
        raise SearchIndexError(f"{shown_as or location}: no lang attribute on <html>: which language's index is it in?")
    docs = parser.docs(location)
    if not docs[0].title:
        raise SearchIndexError(
            f"{shown_as or location}: no <h1 id=...> in the page's content: its results need a title"
        )
    return parser.lang, docs


def _lang_of(index_html: Path) -> str:
    match = re.search(r"<html\b[^>]*\blang=[\"']?([^\"'\s>]+)", index_html.read_text(encoding="utf-8"), re.IGNORECASE)
    return match.group(1) if match else ""


def language_roots(site: Path) -> list[Path]:
    """`site` and every folder under it whose index.html is in another language than the
    folder it is in (site/es/ in site/): outermost first."""
    roots = [site]
    langs = {site: _lang_of(site / "index.html") if (site / "index.html").is_file() else ""}
    for index in sorted(site.rglob("index.html"), key=lambda p: (len(p.parts), p)):
        folder = index.parent
        if folder == site:
            continue
        owner = max((r for r in roots if r in folder.parents), key=lambda r: len(r.parts))
        lang = _lang_of(index)
        if lang and lang != langs[owner]:
            roots.append(folder)
            langs[folder] = lang
    return roots


def _location(page: Path, root: Path) -> str:
    relative = page.relative_to(root).as_posix()
    if relative == "index.html":
        return ""
    return relative[: -len("index.html")] if relative.endswith("/index.html") else relative


@dataclass
class Index:
    root: Path
    lang: str
    docs: list[Doc]
    pages: list[str]  # locations of the pages in it

    def as_json(self) -> str:
        data = {"lang": self.lang, "docs": [doc.as_json() for doc in self.docs]}
        return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def build_index(root: Path, deeper: list[Path] | None = None) -> Index:
    """The index of the language root `root`, less the pages below any of `deeper` (other
    languages' roots). Raises SearchIndexError for a page in another language than the root's."""
    deeper = deeper or []
    lang = _lang_of(root / "index.html") if (root / "index.html").is_file() else ""
    if not lang:
        raise SearchIndexError(f"{root}: no index.html with a lang attribute: not a built site's language root")
    docs: list[Doc] = []
    pages: list[str] = []
    for page in sorted(root.rglob("*.html")):
        relative = page.relative_to(root)
        if relative.as_posix() == "404.html" or relative.parts[0] in ("assets", "search"):
            continue
        if any(d in page.parents for d in deeper):
            continue
        found = page_docs(page.read_text(encoding="utf-8"), _location(page, root), shown_as=str(page))
        if found is None:
            continue
        page_lang, page_entries = found
        if page_lang != lang:
            raise SearchIndexError(f"{page}: lang={page_lang!r} in {root}, whose home page is lang={lang!r}")
        docs.extend(page_entries)
        pages.append(page_entries[0].location)
    return Index(root, lang, docs, pages)


def write_index(root: Path) -> Index:
    """The index of the language root `root` (not of the languages below it), written to
    ROOT/search/index.json: what one engine's build of one language needs."""
    return _write(root, language_roots(root)[1:])


def write_indexes(site: Path) -> list[Index]:
    """Every language root's index under `site` (site/, site/es/, site/fr/), each written to
    ROOT/search/index.json: for a folder several builds wrote into."""
    roots = language_roots(site)
    return [_write(root, [r for r in roots if root in r.parents]) for root in roots]


def _write(root: Path, deeper: list[Path]) -> Index:
    index = build_index(root, deeper)
    target = root / INDEX_PATH
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(index.as_json(), encoding="utf-8")
    return index
