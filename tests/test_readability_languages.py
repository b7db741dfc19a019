"""Plain language in every translated language: each built page reaches its language's own
reading-ease floor (tests/readability.py EASE says which formula and why), and no sentence is
longer than MAX_WORDS_TRANSLATED words. The English has its own test (test_readability.py)."""

from __future__ import annotations

import pytest

from guide.translations.languages import TRANSLATED
from readability import EASE, MAX_WORDS_TRANSLATED, built_pages, sentences, word_count
from sitetools import BuiltSite

CODES = [language.code for language in TRANSLATED]


def test_every_translated_language_has_a_formula() -> None:
    assert set(EASE) == set(CODES)


@pytest.mark.parametrize("code", CODES)
def test_every_page_reaches_its_languages_reading_ease(languages_site: BuiltSite, code: str) -> None:
    ease = EASE[code]
    pages = built_pages(languages_site.root / code)
    assert {"", "triage/", "safety/", "checklists/", "about/"} <= set(pages)
    hard = {page or "/": round(ease.score(text, code), 1) for page, text in pages.items()}
    hard = {page: score for page, score in hard.items() if score < ease.floor}
    assert not hard, f"{code} pages under {ease.floor} ({ease.formula}, {ease.why}): {hard}"


@pytest.mark.parametrize("code", CODES)
def test_no_translated_sentence_is_too_long(languages_site: BuiltSite, code: str) -> None:
    found = [
        f"{code}/{page}: {word_count(sentence)} words: {sentence}"
        for page, text in built_pages(languages_site.root / code).items()
        for sentence in sentences(text)
        if word_count(sentence) > MAX_WORDS_TRANSLATED
    ]
    assert not found, "\n".join(found)
