"""French typography (hooks/guide/rendering/typography.py, applied by hooks/typography.py): a no-break
space (U+00A0) before « : » and inside « », a narrow one (U+202F) before « ; ! ? », in every
French string the build writes, and nothing else touched. The rule is in CONTRIBUTING.md."""

from __future__ import annotations

import dataclasses
import json
import re
from datetime import date
from html import unescape
from html.parser import HTMLParser

import pytest
import yaml

from guide.content.loading import load_content
from guide.rendering.typography import NBSP, NNBSP, french_html, french_text
from guide.translations.language_build import translation_facts
from sitetools import BuiltSite
from support import ROOT

# --- the pure function -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "spaced"),
    [
        ("France: 3114", f"France{NBSP}: 3114"),
        ("Suivant : la suite", f"Suivant{NBSP}: la suite"),
        (f"Suivant{NNBSP}: la suite", f"Suivant{NBSP}: la suite"),
        ("Urgence :", f"Urgence{NBSP}:"),
        ("Ça va ?", f"Ça va{NNBSP}?"),
        ("Ça va?", f"Ça va{NNBSP}?"),
        (f"Ça va{NBSP}?", f"Ça va{NNBSP}?"),
        ("Ça va  \n ?", f"Ça va{NNBSP}?"),
        ("Vraiment ?!", f"Vraiment{NNBSP}?!"),
        ("Oui; non", f"Oui{NNBSP}; non"),
        ("Stop!", f"Stop{NNBSP}!"),
        ("« stop »", f"«{NBSP}stop{NBSP}»"),
        ("«stop»", f"«{NBSP}stop{NBSP}»"),
        ("« stop » : fini", f"«{NBSP}stop{NBSP}»{NBSP}: fini"),
        ("(?)", "(?)"),
        ("« maintenant ? »", f"«{NBSP}maintenant{NNBSP}?{NBSP}»"),
        ("« maintenant?»", f"«{NBSP}maintenant{NNBSP}?{NBSP}»"),
        ("24 heures sur 24, 7 jours sur 7", f"24{NBSP}heures sur 24, 7{NBSP}jours sur 7"),
        ("de 9 h à 19 h", f"de 9{NBSP}h à 19{NBSP}h"),
        ("08 019 019 11", "08 019 019 11"),  # a phone number's groups may still part
    ],
)
def test_french_text_spaces_the_marks(text: str, spaced: str) -> None:
    assert french_text(text) == spaced


@pytest.mark.parametrize(
    "text",
    [
        "à 14:30",
        "de 9:00 à 17:00",
        "https://3114.fr/?page=1&x=2",
        "Site : 3114.fr/aide?x=1!",  # the colon is spaced, the address is not
        "mailto:aide@example.org",
        "tel:3114",
        "guide:safety",
        "a::b",
        "a&amp;b",
        "",
        "Pas de ponctuation ici",
    ],
)
def test_french_text_leaves_addresses_times_and_entities(text: str) -> None:
    result = french_text(text)
    if text.startswith("Site"):
        assert result == f"Site{NBSP}: 3114.fr/aide?x=1!"
    else:
        assert result == text


def test_control_characters_cannot_confuse_it() -> None:
    assert french_html("<p>a\x00b\x01 : c</p>") == f"<p>ab{NBSP}: c</p>"
    assert french_text("a\x00b ?") == f"ab{NNBSP}?"


def test_french_text_is_idempotent() -> None:
    for text in ["France: 3114 ; « oui » ! Et toi ?", "« a »: b? c! d;", "Vraiment ?!"]:
        once = french_text(text)
        assert french_text(once) == once


def test_french_html_spaces_across_inline_tags() -> None:
    html = '<p><strong>France</strong>: <a href="tel:3114">3114</a></p>'
    assert french_html(html) == f'<p><strong>France</strong>{NBSP}: <a href="tel:3114">3114</a></p>'
    html = "<p>Dis « <em>stop</em> » !</p>"
    assert french_html(html) == f"<p>Dis «{NBSP}<em>stop</em>{NBSP}»{NNBSP}!</p>"
    html = "<li><strong>Si oui :</strong> arrête.</li>"
    assert french_html(html) == f"<li><strong>Si oui{NBSP}:</strong> arrête.</li>"


def test_french_html_leaves_scripts_styles_code_and_urls() -> None:
    html = (
        '<script>var a = "x: y"; if (b) { c(); }</script>'
        "<style>a:hover { color: red; }</style>"
        '<script type="application/json" id="sc-words">{"a": "b ?"}</script>'
        "<pre><code>a : b ; c ?</code></pre>"
        "<p><code>guide:x ?</code> : fin</p>"
        '<a href="https://example.org/?a=b;c" data-x="a : b" class="x:y">Lien ?</a>'
        '<input value="a : b" placeholder="Cherche ici :">'
        "<!-- un commentaire : ici ? -->"
        "<p>À 14:30 ; https://3114.fr/?x=1</p>"
    )
    expected = (
        '<script>var a = "x: y"; if (b) { c(); }</script>'
        "<style>a:hover { color: red; }</style>"
        '<script type="application/json" id="sc-words">{"a": "b ?"}</script>'
        "<pre><code>a : b ; c ?</code></pre>"
        f"<p><code>guide:x ?</code>{NBSP}: fin</p>"
        f'<a href="https://example.org/?a=b;c" data-x="a : b" class="x:y">Lien{NNBSP}?</a>'
        f'<input value="a : b" placeholder="Cherche ici{NBSP}:">'
        "<!-- un commentaire : ici ? -->"
        f"<p>À 14:30{NNBSP}; https://3114.fr/?x=1</p>"
    )
    assert french_html(html) == expected


def test_french_html_spaces_text_attributes_and_previews_only() -> None:
    html = (
        '<a title="Aide: ici" aria-label="Suivant : la suite" href="#a">x</a>'
        '<img alt="Une image ?" src="a:b.png">'
        '<button data-sc-checklist-confirm="Tout décocher ?" data-sc-checklist-action="reset:all">x</button>'
        '<meta name="description" content="Pour vous : oui">'
        '<meta property="og:title" content="Et ensuite ?">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        "<meta http-equiv=\"Content-Security-Policy\" content=\"script-src 'self'; object-src 'none'\">"
    )
    expected = (
        f'<a title="Aide{NBSP}: ici" aria-label="Suivant{NBSP}: la suite" href="#a">x</a>'
        f'<img alt="Une image{NNBSP}?" src="a:b.png">'
        f'<button data-sc-checklist-confirm="Tout décocher{NNBSP}?" data-sc-checklist-action="reset:all">x</button>'
        f'<meta name="description" content="Pour vous{NBSP}: oui">'
        f'<meta property="og:title" content="Et ensuite{NNBSP}?">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        "<meta http-equiv=\"Content-Security-Policy\" content=\"script-src 'self'; object-src 'none'\">"
    )
    assert french_html(html) == expected


def test_french_html_keeps_entities_and_is_idempotent() -> None:
    html = "<p>L&#39;aide&nbsp;: ici &amp; là ; « oui&nbsp;» ?</p><title>Page : x</title>"
    once = french_html(html)
    assert (
        once == f"<p>L&#39;aide{NBSP}: ici &amp; là{NNBSP}; «{NBSP}oui{NBSP}»{NNBSP}?</p><title>Page{NBSP}: x</title>"
    )
    assert french_html(once) == once


# --- the first of a month ------------------------------------------------------------------------


@pytest.mark.parametrize(("language", "written"), [("fr", "1er décembre 2026"), ("es", "1 de diciembre de 2026")])
def test_the_first_of_a_month_is_written_as_the_language_writes_it(language: str, written: str) -> None:
    content = load_content(ROOT / "content", language=language)
    first = tuple(dataclasses.replace(t, translated=date(2026, 12, 1)) for t in content.translations)
    facts = translation_facts(dataclasses.replace(content, translations=first))
    assert facts and facts["date"] == written


# --- the hook is registered as the French build needs ----------------------------------------


def test_the_french_build_lists_every_hook_and_typography_before_the_security_headers() -> None:
    def hooks(name: str) -> list[str]:
        config = yaml.load((ROOT / name).read_text(encoding="utf-8"), Loader=_Loader)
        return list(config.get("hooks", []))

    english, french = hooks("mkdocs.yml"), hooks("mkdocs.fr.yml")
    assert "hooks/typography.py" not in english
    assert [hook for hook in french if hook != "hooks/typography.py"] == english
    assert french.index("hooks/typography.py") < french.index("hooks/security_headers.py")


class _Loader(yaml.SafeLoader):
    pass


_Loader.add_constructor("!ENV", lambda loader, node: None)


# --- the built French pages ----------------------------------------------------------------------

_SKIP = {"script", "style", "pre", "code", "kbd", "samp", "textarea", "svg", "math", "template"}
_INLINE = {"a", "abbr", "b", "bdi", "bdo", "cite", "data", "dfn", "em", "i", "mark", "q", "s", "small", "span"}
_INLINE |= {"strong", "sub", "sup", "time", "u", "wbr"}
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class _Lines(HTMLParser):
    """The text of a page as lines a reader reads: text nodes joined across inline tags, code
    and scripts left out (a code element stands for one word)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[str] = []
        self._line: list[str] = []
        self._skipping: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self._skipping:
            if tag == self._skipping[-1] and tag not in _VOID:
                self._skipping.append(tag)
            return
        if tag in _SKIP:
            if tag in ("code", "kbd", "samp"):
                self._line.append("CODE")
            else:
                self._end()
            self._skipping.append(tag)
        elif tag not in _INLINE:
            self._end()

    def handle_endtag(self, tag: str) -> None:
        if self._skipping:
            if tag == self._skipping[-1]:
                self._skipping.pop()
            return
        if tag not in _INLINE:
            self._end()

    def handle_data(self, data: str) -> None:
        if not self._skipping:
            self._line.append(data)

    def _end(self) -> None:
        line = "".join(self._line)
        if line.strip():
            self.lines.append(line)
        self._line = []

    def close(self) -> None:
        super().close()
        self._end()


_ADDRESS = re.compile(r"(?:https?://|www\.)\S+|\b[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}/\S*|\S+@\S+")
_PLAIN_BEFORE = re.compile(r"[ \t\r\n][:;!?»]|«[ \t\r\n]")
_NONE_BEFORE = re.compile(r"[^\s\u00a0\u202f:;!?(\[]([;!?])|[^\s\u00a0\u202f:]:(?![\w/:])|«(?!\u00a0)|[^\s\u00a0]»")


def typography_faults(line: str) -> list[str]:
    """The places in one line of French text where a mark has a plain space or none before it."""
    text = _ADDRESS.sub("ADDRESS", line)
    faults = [match.group(0) for match in _PLAIN_BEFORE.finditer(text)]
    faults += [match.group(0) for match in _NONE_BEFORE.finditer(text)]
    return [f"...{text[max(0, text.find(f) - 30) : text.find(f) + 10]!r}" for f in faults]


def test_the_page_checker_finds_faults() -> None:
    assert typography_faults("France: 3114")
    assert typography_faults("Ça va ?")
    assert typography_faults("« oui »")
    assert not typography_faults(f"France{NBSP}: 3114, à 14:30, https://a.fr/?x=1 «{NBSP}oui{NBSP}»{NNBSP}!")


def test_no_french_text_has_a_plain_space_or_none_before_a_mark(languages_site: BuiltSite) -> None:
    french = languages_site.root / "fr"
    problems: list[str] = []
    for path in sorted(french.rglob("*.html")):
        parser = _Lines()
        parser.feed(path.read_text(encoding="utf-8"))
        parser.close()
        for line in parser.lines:
            problems += [f"{path.relative_to(french)}: {fault}" for fault in typography_faults(line)]
    assert not problems, f"{len(problems)} French marks without their no-break space:\n" + "\n".join(problems[:40])


def test_french_attributes_and_script_words_are_spaced(languages_site: BuiltSite) -> None:
    french = languages_site.root / "fr"
    text_attribute = re.compile(r'\b(?:title|alt|aria-label|placeholder)="([^"]*)"')
    problems: list[str] = []
    for path in sorted(french.rglob("*.html")):
        html = path.read_text(encoding="utf-8")
        for value in map(unescape, text_attribute.findall(html)):
            problems += [f"{path.relative_to(french)}: {f}" for f in typography_faults(value)]
        words = re.search(r'<script type="application/json" id="sc-words">(.*?)</script>', html, re.DOTALL)
        if words:
            for key, text in json.loads(words.group(1)).items():
                problems += [f"{path.relative_to(french)}: {key}: {f}" for f in typography_faults(text)]
    assert not problems, "\n".join(problems[:40])
    triage = (french / "triage" / "index.html").read_text(encoding="utf-8")
    words = re.search(r'<script type="application/json" id="sc-words">(.*?)</script>', triage, re.DOTALL)
    assert words
    assert json.loads(words.group(1))["js.triage.next"] == f"Suivant{NBSP}: {{title}}"  # the triage script's


def test_french_search_index_is_spaced(languages_site: BuiltSite) -> None:
    index = json.loads((languages_site.root / "fr" / "search" / "index.json").read_text(encoding="utf-8"))
    problems = []
    for doc in index["docs"]:
        parser = _Lines()
        parser.feed(doc["title"] + "<p>" + doc["text"])
        parser.close()
        for line in parser.lines:
            problems += [f"{doc['location']}: {f}" for f in typography_faults(line)]
    assert not problems, "\n".join(problems[:40])


def test_english_and_spanish_pages_are_left_alone(languages_site: BuiltSite) -> None:
    for folder in (languages_site.root / "es", languages_site.root):
        page = (folder / "triage" / "index.html").read_text(encoding="utf-8")
        assert NNBSP not in page
