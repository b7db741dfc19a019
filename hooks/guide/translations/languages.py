"""The languages the site is built in: English, the source, first. Each other language has its
own build (`mkdocs.xx.yml`, which INHERITs mkdocs.yml) into `site/xx/`, and its own folder of
translations and local data, `content/xx/`. See CONTRIBUTING.md, "Adding a language"."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Language:
    code: str  # ISO 639-1, as in <html lang> and Material's theme.language
    name: str  # in its own language, as the language switch shows it


ENGLISH = Language("en", "English")
LANGUAGES: tuple[Language, ...] = (ENGLISH, Language("es", "Español"), Language("fr", "Français"))
TRANSLATED: tuple[Language, ...] = LANGUAGES[1:]


def root(code: str) -> str:
    """The folder of a language's site below the English site's root: '' or 'es/'."""
    return "" if code == ENGLISH.code else f"{code}/"


def by_code(code: str) -> Language | None:
    return next((language for language in LANGUAGES if language.code == code), None)
