"""What one language's build needs beyond its translated content: its address, the links to
the same page in every other language, and the check that every hand-written English page has
a translation that says which English it was made from. Pure: the hooks apply it.

Each language is its own build into its own folder below the English site (`site/es/`), so
a page's address differs between languages only by that folder: `phases/own-it/` is
`es/phases/own-it/` in Spanish. That is what lets the switch and hreflang go to the same page.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass
from typing import Any

from ..content.loading import Content
from ..content.problems import Problem
from ..content.strings import word
from ..translations.field_use import FieldRef
from ..translations.fields import english_hash
from ..translations.languages import ENGLISH, LANGUAGES, root

FROM_KEY = "translated_from"  # a translated page's front matter: english_hash() of the English file
# What a language's build adds to config.extra for overrides/ (the switch, its note): absent
# from the hook-free export, which is the English alone, with no other language to switch to.
LANGUAGE_EXTRA = ("languages", "alternate", "translation")
STALE_CLASS = "sc-stale"  # the note on a page part of which changed in English since


def site_url(english_url: str, language: str) -> str:
    """The address a language's build is served at, from the English site's address."""
    base = english_url if english_url.endswith("/") else english_url + "/"
    return base + root(language)


def theme_languages(english_url: str, language: str) -> dict[str, Any]:
    """What overrides/ needs for the switch and hreflang (config.extra.languages): each
    language's code, name and absolute root, and how to climb from this build's root to the
    English root in a relative link."""
    return {
        "current": language,
        "up": "" if language == ENGLISH.code else "../",
        "list": [
            {"code": lang.code, "name": lang.name, "root": root(lang.code), "url": site_url(english_url, lang.code)}
            for lang in LANGUAGES
        ],
    }


def language_extra(content: Content, english_url: str) -> dict[str, Any]:
    """The LANGUAGE_EXTRA values of config.extra for the build of `content.language`."""
    return {
        "languages": theme_languages(english_url, content.language),
        # Truthy but not a list: Material's header then includes partials/alternate.html (ours,
        # with links to this same page), and its base.html writes no hreflang links to home pages.
        "alternate": True,
        "translation": translation_facts(content),
    }


def translation_facts(content: Content) -> dict[str, Any] | None:
    """For the note on every translated page: when, in its own words, and whether someone fluent
    has read it. None for the English."""
    if not content.translations:
        return None
    day = max(t.translated for t in content.translations)
    words = content.strings
    month = words[f"date.month.{day.month}"]
    return {
        "date": word(
            words, "date.full", day=words["date.first_day"] if day.day == 1 else day.day, month=month, year=day.year
        ),
        "reviewed": all(t.reviewed for t in content.translations),
    }


def needs_stale_note(
    src_uri: str, read: Collection[FieldRef], stale: Collection[FieldRef], stale_pages: Collection[str]
) -> bool:
    """Whether a page gets the stale note: a hand-written page whose English changed since
    (`stale_pages`, from check_pages), or one that read a stale field (field_use.py)."""
    return src_uri in stale_pages or not set(read).isdisjoint(stale)


def with_stale_note(markdown: str, words: Mapping[str, str]) -> str:
    """The page with the stale note (`translation.stale`) under its title: part of it changed in
    English since it was translated."""
    block = f'!!! note {STALE_CLASS} ""\n    {words["translation.stale"]}\n'
    lines = markdown.split("\n")
    for index, line in enumerate(lines):
        if line.startswith("# "):
            return "\n".join([*lines[: index + 1], "", block, *lines[index + 1 :]])
    return block + "\n" + markdown


@dataclass(frozen=True)
class PageCheck:
    problems: tuple[Problem, ...]  # a page missing, added, or with no `translated_from`
    stale: tuple[Problem, ...]  # a page whose English changed since: named, not a failure


def check_pages(
    english: Mapping[str, str], translated: Mapping[str, Mapping[str, Any]], *, folder: str, english_folder: str
) -> PageCheck:
    """`english`: each English page's path and whole text; `translated`: each translated page's
    path and front matter. Paths as in docs_dir, e.g. 'index.md'."""
    problems: list[Problem] = []
    stale: list[Problem] = []
    for path in sorted(english):
        if path not in translated:
            problems.append(
                Problem(f"{folder}/{path}", 1, "", f"missing: translate {english_folder}/{path} into this file")
            )
            continue
        made_from = translated[path].get(FROM_KEY)
        if not isinstance(made_from, str):
            problems.append(
                Problem(
                    f"{folder}/{path}",
                    1,
                    FROM_KEY,
                    f"missing from the front matter: write `{FROM_KEY}: '{english_hash(english[path])}'`, "
                    f"the hash of the {english_folder}/{path} it translates",
                )
            )
        elif made_from != english_hash(english[path]):
            stale.append(
                Problem(
                    f"{folder}/{path}",
                    1,
                    FROM_KEY,
                    f"{english_folder}/{path} changed since this was translated: update it, then "
                    f"`{FROM_KEY}: '{english_hash(english[path])}'`",
                )
            )
    for path in sorted(set(translated) - set(english)):
        problems.append(
            Problem(f"{folder}/{path}", 1, "", f"there is no {english_folder}/{path}: every page starts in English")
        )
    return PageCheck(tuple(problems), tuple(stale))
