"""The whole content folder: every file loaded and checked together, problems reported together.

Files are checked one by one, but links between them (a safety note pointing at a phase) are
checked against the guide's phase ids, the site's own words (strings.yml) against every key
the templates, and the theme's templates and scripts if given, use; every file's problems
come back in one error. Another language is the English with its text replaced, field by
field, from content/xx/ (translations/fields.py), and its own help (local_help.py).
"""

from __future__ import annotations

import dataclasses
import json
import typing
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel

from ..components import FOLDER
from ..content.local_help import load_local_help
from ..content.model import Guide, LocalHelp, SafetyContent
from ..content.problems import ContentError, Problem
from ..content.strings import (
    STRINGS_FILE,
    catalog,
    component_uses,
    config_uses,
    placeholders,
    strings_problems,
    template_uses,
    theme_uses,
    use_problems,
)
from ..content.validation import (
    check,
    guide_problems,
    link_problems,
    phase_ids,
    region_problems,
    safety_section_ids,
    section_problems,
)
from ..content.yamlsource import Source, read_source
from ..message_check.phrases import load_phrases, with_phrases
from ..rendering.routes import targets
from ..translations.fields import Field, Translation, read_translation, text_fields, translated_source
from ..translations.languages import ENGLISH as _ENGLISH

ENGLISH = _ENGLISH.code

M = TypeVar("M", bound=BaseModel)

GUIDE_FILE = "guide.yml"
SAFETY_FILE = "safety.yml"
HELPLINES_FILE = "helplines.yml"  # content/xx/: a language's own help, not a translation
MODEL_FOLDER = "message-model"  # content/message-model/xx.json: made by `python -m guide message-model`
PHRASES_FILE = "phrases.yml"  # content/xx/: the message check's words in that language
# Parts of safety.yml that are each language's own data (content/xx/helplines.yml), not text
# to translate: the numbers and services that serve that language's readers.
LOCAL_SAFETY = (
    "safety.emergency",
    "safety.helplines",
    "safety.directory",
    "safety.crisis.helplines",
    "safety.regions",
    "safety.call_log_note",
)


@dataclass(frozen=True)
class Content:
    guide: Guide
    safety: SafetyContent
    strings: Mapping[str, str]  # the site's own words, by dotted key (see strings.py)
    language: str = ENGLISH
    # For another language: its translation of each English file, with what has gone stale.
    translations: tuple[Translation, ...] = ()
    # The message check's learned backstop for this language (MODEL_FOLDER), if one was trained.
    message_model: Mapping[str, Any] | None = None


def load_content(
    folder: Path,
    *,
    shown_as: str = "content",
    language: str = ENGLISH,
    theme: Path | None = None,
    theme_shown_as: str = "overrides",
) -> Content:
    """Load `folder`/guide.yml, safety.yml and strings.yml; file names in messages start
    `shown_as`/. With `theme` (the overrides folder), the keys its templates and scripts use
    are checked too, named from `theme_shown_as`/.

    For another language, the English is loaded and checked first (it is the structure), then
    `folder`/LANGUAGE/ supplies the text, checked as strictly as the English."""
    english, sources = _load_english(folder, shown_as=shown_as, theme=theme, theme_shown_as=theme_shown_as)
    if language == ENGLISH:
        content = english
    else:
        content = _translate(english, sources, folder, shown_as=shown_as, language=language)
    model = folder / MODEL_FOLDER / f"{language}.json"
    if model.is_file():
        content = dataclasses.replace(content, message_model=json.loads(model.read_text(encoding="utf-8")))
    return content


# Each English file with translatable text: its model, and what in it is not for translation.
# The site's own words are a flat catalog: each key is its own path (no model).
TRANSLATED_FILES: dict[str, tuple[type[BaseModel] | None, tuple[str, ...]]] = {
    GUIDE_FILE: (Guide, ()),
    SAFETY_FILE: (SafetyContent, LOCAL_SAFETY),
    STRINGS_FILE: (None, ()),
}


def with_local_help(content: SafetyContent, local: LocalHelp) -> SafetyContent:
    """The safety page with a language's own numbers and lines in place of the English ones."""
    safety = content.safety
    crisis = safety.crisis.model_copy(update={"helplines": local.crisis_helplines})
    return content.model_copy(
        update={
            "safety": safety.model_copy(
                update={
                    "crisis": crisis,
                    "emergency": local.emergency,
                    "helplines": local.helplines,
                    "directory": local.directory,
                    "regions": local.regions,
                    "call_log_note": local.call_log_note,
                }
            )
        }
    )


def english_fields(folder: Path, name: str) -> dict[str, Field]:
    """The translatable fields of one English file (which must be valid)."""
    model, skip = TRANSLATED_FILES[name]
    return _fields(model, read_source(folder / name, name).data, skip)


def _fields(model: type[BaseModel] | None, data: Any, skip: tuple[str, ...]) -> dict[str, Field]:
    if model is None:
        return {str(key): Field(str(key), (key,), str(text)) for key, text in data.items()}
    return text_fields(model, data, skip=skip)


def _translate(
    english: Content, sources: Mapping[str, Source], folder: Path, *, shown_as: str, language: str
) -> Content:
    """`english` and the `sources` it was read from (each English file, read once) with
    `folder`/LANGUAGE/'s text, phrases and help in place of the English."""
    problems: list[Problem] = []
    translations: list[Translation] = []
    typed: dict[str, BaseModel] = {}
    known = targets(phase_ids(sources[GUIDE_FILE]))
    sections = safety_section_ids(sources[SAFETY_FILE])
    semantics: dict[str, Callable[[Source], Iterable[Problem]]] = {
        # As for the English: unique summaries, guide: links, the safety sections it names.
        GUIDE_FILE: lambda source: [*guide_problems(source), *section_problems(source, sections)],
        SAFETY_FILE: lambda source: link_problems(source, known),
    }
    strings: dict[str, str] | None = None
    for name, (model, skip) in TRANSLATED_FILES.items():
        source = sources[name]
        fields = _fields(model, source.data, skip)
        try:
            translation = read_translation(
                folder / language / name, f"{shown_as}/{language}/{name}", fields, language=language
            )
            translated = translated_source(source, fields, translation)
            if model is None:
                strings = _translated_strings(translated, english.strings, problems)
            else:
                typed[name] = check(model, translated, semantic=semantics[name])
        except ContentError as error:
            problems.extend(error.problems)
            continue
        translations.append(translation)
    if GUIDE_FILE in typed:
        try:
            # Each language's own words for the message check (message_check/phrases.py), over its translated rules.
            phrases = load_phrases(
                folder / language / PHRASES_FILE,
                english.guide,
                name=f"{shown_as}/{language}/{PHRASES_FILE}",
                language=language,
            )
            typed[GUIDE_FILE] = with_phrases(typing.cast(Guide, typed[GUIDE_FILE]), phrases)
        except ContentError as error:
            problems.extend(error.problems)
    local: LocalHelp | None = None
    try:
        local = load_local_help(
            folder / language / HELPLINES_FILE, f"{shown_as}/{language}/{HELPLINES_FILE}", language=language
        )
    except ContentError as error:
        problems.extend(error.problems)
    if problems or local is None or strings is None:
        raise ContentError(problems)
    return Content(
        guide=typing.cast(Guide, typed[GUIDE_FILE]),
        safety=with_local_help(typing.cast(SafetyContent, typed[SAFETY_FILE]), local),
        strings=strings,
        language=language,
        translations=tuple(translations),
    )


def _translated_strings(source: Source, english: Mapping[str, str], problems: list[Problem]) -> dict[str, str] | None:
    """A language's words, checked as the English catalog is, and each with the English's
    placeholders: a `{count}` left out would show the reader a sentence with a hole in it."""
    found = list(strings_problems(source))
    words = catalog(source) if not found else {}
    for key, text in words.items():
        if placeholders(text) != placeholders(english[key]):
            wanted = ", ".join(f"{{{name}}}" for name in sorted(placeholders(english[key]))) or "none"
            found.append(
                Problem(source.name, source.line_of((key,)), key, f"must have the English's placeholders: {wanted}")
            )
    problems.extend(found)
    return None if found else words


def _load_english(
    folder: Path, *, shown_as: str, theme: Path | None = None, theme_shown_as: str = "overrides"
) -> tuple[Content, dict[str, Source]]:
    """The English content, and each file's Source, which a translation is laid over."""
    problems: list[Problem] = []

    def read(name: str) -> Source | None:
        try:
            return read_source(folder / name, f"{shown_as}/{name}")
        except ContentError as error:
            problems.extend(error.problems)
            return None

    def typed(model: type[M], source: Source | None, semantic: Callable[[Source], Iterable[Problem]]) -> M | None:
        if source is None:
            return None
        try:
            return check(model, source, semantic=semantic)
        except ContentError as error:
            problems.extend(error.problems)
            return None

    guide_source, safety_source, strings_source = read(GUIDE_FILE), read(SAFETY_FILE), read(STRINGS_FILE)
    ids = phase_ids(guide_source) if guide_source else []
    known = targets(ids)
    sections = safety_section_ids(safety_source) if safety_source else None

    def guide_semantic(source: Source) -> Iterable[Problem]:
        yield from guide_problems(source)
        # As with links: with no readable safety file there are no section ids to check against.
        if sections is not None:
            yield from section_problems(source, sections)

    guide = typed(Guide, guide_source, guide_semantic)

    # With no phases to read (a syntax error, an empty guide) there are no ids to check links
    # against: skip, rather than report every phase link as broken on top of the real problem.
    def safety_semantic(source: Source) -> Iterable[Problem]:
        if ids:
            yield from link_problems(source, known)
        yield from region_problems(source)

    safety = typed(SafetyContent, safety_source, safety_semantic)
    strings = _strings(strings_source, problems, theme, theme_shown_as)
    if problems or guide is None or safety is None or strings is None:
        raise ContentError(problems)
    # Each typed file came from its source, so none of them is None here.
    sources = {GUIDE_FILE: guide_source, SAFETY_FILE: safety_source, STRINGS_FILE: strings_source}
    return Content(guide=guide, safety=safety, strings=strings), typing.cast(dict[str, Source], sources)


def _strings(
    source: Source | None, problems: list[Problem], theme: Path | None, theme_shown_as: str
) -> dict[str, str] | None:
    """The catalog, with problems in it or in its uses added to `problems`; None if unusable."""
    if source is None:
        return None
    found = list(strings_problems(source))
    problems.extend(found)
    if found:
        return None
    words = catalog(source)
    uses = template_uses()
    if theme is not None:
        uses += theme_uses(theme, theme_shown_as)
        # The components' scripts, beside the theme as in this project (guide/components.py).
        uses += component_uses(theme.parent / FOLDER)
        # The project's own config, beside the theme: its nav titles are keys too.
        uses += config_uses(theme.parent / "mkdocs.yml", "mkdocs.yml")
    problems.extend(use_problems(words, uses, catalog_name=source.name))
    return words
