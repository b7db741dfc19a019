"""The site in every language: the same pages at the same paths below each language's folder,
the right <html lang>, hreflang alternates and a switch to the same page, and translations
that can neither drift from the English ids nor fall behind it silently."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from html import unescape
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit
from xml.etree import ElementTree

import material
import pytest
import yaml

from guide.content.loading import english_fields, load_content
from guide.content.problems import ContentError
from guide.translations.languages import LANGUAGES, TRANSLATED, root
from sitetools import BuiltSite
from support import ROOT, build_languages, copy_project, run_mkdocs

CODES = [language.code for language in LANGUAGES]
SITEMAP = "http://www.sitemaps.org/schemas/sitemap/0.9"
XHTML = "http://www.w3.org/1999/xhtml"


def pages_of(site: BuiltSite, code: str) -> set[str]:
    """Each page's path in one language, relative to that language's root."""
    base = site.root / root(code)
    others = {site.root / other.code for other in TRANSLATED}
    return {
        path.relative_to(base).as_posix()
        for path in base.rglob("*.html")
        if not any(folder in path.parents for folder in others - {base})
    }


def test_every_language_has_every_english_page_at_the_same_path(languages_site: BuiltSite) -> None:
    english = pages_of(languages_site, "en")
    assert {"index.html", "safety/index.html", "triage/index.html", "404.html"} <= english
    for language in TRANSLATED:
        assert pages_of(languages_site, language.code) == english, language.code


@pytest.mark.parametrize("code", CODES)
def test_each_page_names_its_language_and_its_alternates_name_the_same_page_in_every_language(
    languages_site: BuiltSite, code: str
) -> None:
    """hreflang alternates live in each language's sitemap (overrides/sitemap.xml says why not
    in each page's head): every page, each language's same page, and x-default, the English."""
    sitemap = ElementTree.parse(languages_site.root / root(code) / "sitemap.xml").getroot()
    entries = {}
    for url in sitemap.findall(f"{{{SITEMAP}}}url"):
        loc = url.findtext(f"{{{SITEMAP}}}loc")
        links = {link.get("hreflang"): link.get("href") for link in url.findall(f"{{{XHTML}}}link")}
        entries[loc] = links
    pages = pages_of(languages_site, code) - {"404.html"}
    assert len(entries) == len(pages)
    for path in sorted(pages):
        here = path.removesuffix("index.html")
        html = (languages_site.root / root(code) / path).read_text(encoding="utf-8")
        assert re.search(rf'<html lang="{code}"', html), f"{code}/{path}"
        assert '<link rel="alternate"' not in html, "no alternates in the head: Material fetches beside each"
        links = entries[languages_site.url + root(code) + here]
        assert set(links) == {*CODES, "x-default"}, f"{code}/{path}"
        for other in CODES:
            assert links[other] == languages_site.url + root(other) + here
            assert (languages_site.root / root(other) / path).exists(), links[other]
        assert links["x-default"] == links["en"]
    assert '<html lang="' + code + '"' in (languages_site.root / root(code) / "404.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("code", CODES)
def test_the_switch_goes_to_the_same_page_in_each_other_language(languages_site: BuiltSite, code: str) -> None:
    for path in sorted(pages_of(languages_site, code) - {"404.html"}):
        page_url = languages_site.url + root(code) + path.removesuffix("index.html")
        html = (languages_site.root / root(code) / path).read_text(encoding="utf-8")
        links = re.findall(r'<a href="([^"]+)" hreflang="([a-z]+)" lang="\2" class="md-select__link"', html)
        assert sorted(lang for _, lang in links) == sorted(CODES), f"{code}/{path}"
        for href, lang in links:
            target = urljoin(page_url, href)
            assert target == languages_site.url + root(lang) + path.removesuffix("index.html"), (code, path, href)
            assert (languages_site.root / urlsplit(target).path.lstrip("/") / "index.html").exists() or (
                languages_site.root / urlsplit(target).path.lstrip("/")
            ).exists(), target


@pytest.mark.parametrize("code", CODES)
def test_each_languages_search_index_covers_its_pages_and_nothing_of_another(
    languages_site: BuiltSite, code: str
) -> None:
    """search/index.json in each language's folder: every page of that language but the 404
    and the whole-guide page (front matter `search: exclude`), and each entry's address is a
    page of that language with that anchor."""
    base = languages_site.root / root(code)
    index = json.loads((base / "search" / "index.json").read_text(encoding="utf-8"))
    assert index["lang"] == code
    locations = [doc["location"] for doc in index["docs"]]
    expected = {path.removesuffix("index.html") for path in pages_of(languages_site, code)}
    assert {loc.split("#")[0] for loc in locations} == expected - {"404.html", "whole-guide/"}
    assert len(set(locations)) == len(locations), "an entry twice"
    for doc in index["docs"]:
        where, _, anchor = doc["location"].partition("#")
        html = (base / where / "index.html").read_text(encoding="utf-8")
        assert re.search(rf'<html lang="{code}"', html), doc["location"]
        assert doc["title"] and doc["title"] in unescape(html), doc["location"]  # this language's words
        assert not anchor or f'id="{anchor}"' in html, doc["location"]


def test_one_policy_allows_the_template_scripts_of_every_language(languages_site: BuiltSite) -> None:
    headers = (languages_site.root / "_headers").read_text(encoding="utf-8")
    for code in CODES:
        html = (languages_site.root / root(code) / "index.html").read_text(encoding="utf-8")
        policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', html)
        assert policy, code
        for digest in re.findall(r"'sha256-[^']+'", policy.group(1)):
            assert digest in headers, (code, digest)


# --- translations that cannot drift ----------------------------------------------------------


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _line_of(path: Path, needle: str) -> int:
    return next(n for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if needle in line)


@pytest.mark.parametrize("language", [language.code for language in TRANSLATED])
def test_every_field_is_translated_and_follows_the_english(language: str) -> None:
    """No field of the real translations is missing or stale: a stale one is allowed by the
    build, but is a job to do before a release, so the suite names it."""
    content = load_content(ROOT / "content", language=language)
    stale = [str(problem) for translation in content.translations for problem in translation.stale]
    assert stale == []


def test_a_translation_that_drops_adds_or_renames_a_field_fails_at_its_line(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    translation = project / "content" / "es" / "guide.yml"
    first_phase = load_content(project / "content").guide.phases[0].id
    # Rename a phase's title field into a path the English does not have, drop another.
    _edit(translation, f"phases.{first_phase}.title:", f"phases.{first_phase}-old.title:")
    line = _line_of(translation, f"phases.{first_phase}-old.title:")
    with pytest.raises(ContentError) as caught:
        load_content(project / "content", language="es")
    messages = [str(problem) for problem in caught.value.problems]
    assert any(
        m.startswith(f"content/es/guide.yml:{line}: phases.{first_phase}-old.title: the English has no field")
        for m in messages
    ), messages
    assert any(f"phases.{first_phase}.title: missing translation of" in m for m in messages), messages


def test_a_missing_translation_fails_the_build_with_no_traceback(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    translation = project / "content" / "es" / "safety.yml"
    data = yaml.safe_load(translation.read_text(encoding="utf-8"))
    data["fields"]["triage.title"]["text"] = " "
    translation.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    result = run_mkdocs(project, "build", "--strict", "-f", "mkdocs.es.yml")
    assert result.returncode != 0
    assert "content/es/safety.yml:" in result.stderr and "triage.title: has no translation" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_changed_english_text_is_named_and_noted_on_its_page_but_does_not_fail(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    content = load_content(project / "content")
    phase = content.guide.phases[1]
    _edit(project / "content" / "guide.yml", f"summary: {phase.summary}", f"summary: {phase.summary} Now reworded.")
    out = tmp_path / "out"
    result = build_languages(project, out, site_url="http://127.0.0.1:9/")
    assert result.returncode == 0, result.stderr
    for language in TRANSLATED:
        translation = project / "content" / language.code / "guide.yml"
        line = _line_of(translation, f"phases.{phase.id}.summary:")
        assert (
            f"stale translation: content/{language.code}/guide.yml:{line}: phases.{phase.id}.summary: "
            "the English changed since this was translated" in result.stderr
        ), result.stderr
        stale_page = (out / language.code / "phases" / phase.id / "index.html").read_text(encoding="utf-8")
        assert "sc-stale" in stale_page
        other = content.guide.phases[-1].id
        assert "sc-stale" not in (out / language.code / "phases" / other / "index.html").read_text(encoding="utf-8")
    assert "sc-stale" not in (out / "phases" / phase.id / "index.html").read_text(encoding="utf-8")


def test_a_hand_written_page_must_be_translated_and_say_from_which_english(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    (project / "content" / "es" / "docs" / "about.md").unlink()
    result = run_mkdocs(project, "build", "--strict", "-f", "mkdocs.es.yml")
    assert result.returncode != 0
    assert "content/es/docs/about.md:1: missing: translate docs/about.md into this file" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_hand_written_page_whose_english_changed_says_so(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    english = project / "docs" / "about.md"
    english.write_text(english.read_text(encoding="utf-8") + "\nOne more sentence in English.\n", encoding="utf-8")
    result = run_mkdocs(project, "build", "--strict", "-f", "mkdocs.es.yml")
    assert result.returncode == 0, result.stderr
    assert "stale translation: content/es/docs/about.md:1: translated_from: docs/about.md changed" in result.stderr
    assert "sc-stale" in (project / "site" / "es" / "about" / "index.html").read_text(encoding="utf-8")
    assert "sc-stale" not in (project / "site" / "es" / "index.html").read_text(encoding="utf-8")


def test_the_status_counts_translated_stale_and_missing_fields(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    translation = project / "content" / "fr" / "safety.yml"
    data = yaml.safe_load(translation.read_text(encoding="utf-8"))
    del data["fields"]["triage.title"]
    data["fields"]["triage.summary"]["from"] = "00000000"
    translation.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "guide", "translations"],
        cwd=project,
        env={"PYTHONPATH": str(project / "hooks"), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        check=True,
    )
    total = len(english_fields(project / "content", "safety.yml"))
    assert f"content/fr/safety.yml: {total - 2} translated, 1 stale, 1 missing" in result.stdout


@pytest.mark.parametrize("language", [language.code for language in TRANSLATED])
def test_no_english_sentence_is_left_on_a_translated_page(languages_site: BuiltSite, language: str) -> None:
    """Every English text of five words or more (the content's fields and the site's own words)
    is absent from the language's pages: a page that switches language halfway is worse than
    none. Names of services and the like are shorter, or are the language's own data."""
    english = load_content(ROOT / "content")
    texts = [
        field.text for name in ("guide.yml", "safety.yml") for field in english_fields(ROOT / "content", name).values()
    ]
    texts += list(english.strings.values())
    probes = {" ".join(first.split()) for text in texts for first in [re.split(r"[.!?:\n]", text.strip())[0]]}
    probes = {p for p in probes if len(p.split()) >= 5 and "{" not in p and "[" not in p and "*" not in p}
    pages = {
        path: " ".join(re.sub(r"<[^>]+>", " ", path.read_text(encoding="utf-8")).split())
        for path in (languages_site.root / language).rglob("*.html")
    }
    left = sorted(
        {
            f"{path.relative_to(languages_site.root)}: {probe}"
            for path, text in pages.items()
            for probe in probes
            if probe in text
        }
    )
    assert left == []


# Attributes a reader hears or sees: a screen reader's names, tooltips, hints; and the words the
# scripts show, which the page carries in data-sc-* attributes.
SPOKEN = ("aria-label", "title", "placeholder", "alt", "value")
MATERIAL = Path(material.__path__[0]) / "templates" / "partials" / "languages"


def _material_words(code: str) -> dict[str, str]:
    """Material's own interface words in one language, by key (its partials/languages/xx.html)."""
    text = (MATERIAL / f"{code}.html").read_text(encoding="utf-8")
    return dict(re.findall(r'^\s*"([a-z][a-z0-9_.]*)": "([^"]*)",?$', text, re.MULTILINE))


class _Words(HTMLParser):
    """Every text node, every spoken attribute and data-sc-* value, and the strings inside the
    page's JSON islands (Material's config, the scripts' words)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, str]] = []
        self._island = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if value and (name in SPOKEN or name.startswith("data-sc-")):
                self.found.append((f"<{tag} {name}>", " ".join(value.split())))
        self._island = tag == "script" and dict(attrs).get("type") == "application/json"

    def handle_endtag(self, tag: str) -> None:
        self._island = False

    def handle_data(self, data: str) -> None:
        if self._island:
            island = json.loads(data)
            values = island.get("translations", island) if isinstance(island, dict) else {}
            self.found += [("JSON", str(v)) for v in values.values() if isinstance(v, str)]
        elif data.strip():
            self.found.append(("text", " ".join(data.split())))


@pytest.mark.parametrize("language", [language.code for language in TRANSLATED])
def test_no_english_interface_string_is_left_on_a_translated_page(languages_site: BuiltSite, language: str) -> None:
    """No word of the interface is left in English, attributes included: Material's own words
    (its translation, or ours where ours replaces it), the palette toggles, the ¶ link's title,
    and the site's own words. A word that is the same in both languages ("Navigation") is not
    English left behind. Spanish also keeps the site's tú in Material's words: no "Teclee"."""
    english_words = load_content(ROOT / "content").strings
    words = load_content(ROOT / "content", language=language).strings
    english_material = _material_words("en")
    material = _material_words(language)
    english = {text for key, text in english_words.items() if words[key] != text}
    english |= {
        text
        for key, text in english_material.items()
        if words.get(f"material.{key}", material.get(key, text)) != text and not text.isdigit()
    }
    english = {text for text in english if "{" not in text and "#" not in text}
    # Never the same in another language, even if a translation copied them.
    english |= {english_words[key] for key in english_words if key.startswith("theme.")}
    left: set[str] = set()
    for path in sorted((languages_site.root / language).rglob("*.html")):
        parser = _Words()
        parser.feed(path.read_text(encoding="utf-8"))
        shown = path.relative_to(languages_site.root)
        for where, value in parser.found:
            if value in english or (language == "es" and "Teclee" in value):
                left.add(f"{shown}: {where}: {value}")
    assert sorted(left) == []


def test_each_language_has_its_own_quick_exit_on_every_page(languages_site: BuiltSite) -> None:
    """Every page's exit, in the header and on the safety page, leads to its own language's
    neutral page (content/xx/safety.yml), a plain link that works with no JavaScript; no
    language's page names another language's exit."""
    exits = {code: load_content(ROOT / "content", language=code).safety.quick_exit.url for code in CODES}
    assert len(set(exits.values())) == len(exits), exits
    for code, url in exits.items():
        assert url.startswith("https://"), url
        others = [other for lang, other in exits.items() if lang != code]
        pages = [languages_site.root / root(code) / page for page in pages_of(languages_site, code)]
        assert pages
        for path in pages:
            html = path.read_text(encoding="utf-8")
            links = re.findall(r"<a\b[^>]*\bdata-sc-quick-exit\b[^>]*>", html)
            assert links, path
            for link in links:
                assert f'href="{url}"' in link and "noreferrer" in link, (path, link)
            assert not [other for other in others if other in html], path


def test_a_broken_link_in_a_translation_is_named_at_its_line(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    translation = project / "content" / "es" / "guide.yml"
    text = translation.read_text(encoding="utf-8")
    assert "(guide:give-space)" in text
    translation.write_text(text.replace("(guide:give-space)", "(guide:give-spac)", 1), encoding="utf-8")
    lines = translation.read_text(encoding="utf-8").splitlines()
    link = _line_of(translation, "(guide:give-spac)")
    # The field's line, its `text:`, as for a field of the English.
    field = max(n for n, line in enumerate(lines[:link], 1) if line.startswith("    text:"))
    with pytest.raises(ContentError) as caught:
        load_content(project / "content", language="es")
    assert [p.line for p in caught.value.problems] == [field]
    assert "link to unknown page 'guide:give-spac' (did you mean 'guide:give-space'?)" in str(caught.value)
