"""The whole content folder: every file loaded and checked together, problems reported together.

Files are checked one by one, but links between them (a safety note pointing at a phase) are
checked against the guide's phase ids, and every file's problems come back in one error.
"""

from __future__ import annotations

import typing
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel

from .languages import ENGLISH as _ENGLISH
from .local_help import load_local_help
from .model import Guide, LocalHelp, SafetyContent
from .problems import ContentError, Problem
from .routes import targets
from .translate import Field, Translation, read_translation, text_fields, translated_source
from .validate import (
    check,
    guide_problems,
    link_problems,
    phase_ids,
    region_problems,
    safety_section_ids,
    section_problems,
)
from .yamlsource import Source, read_source

ENGLISH = _ENGLISH.code

M = TypeVar("M", bound=BaseModel)

GUIDE_FILE = "guide.yml"
SAFETY_FILE = "safety.yml"
HELPLINES_FILE = "helplines.yml"  # content/xx/: a language's own help, not a translation
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
    language: str = ENGLISH
    # For another language: its translation of each English file, with what has gone stale.
    translations: tuple[Translation, ...] = ()


def load_content(folder: Path, *, shown_as: str = "content", language: str = ENGLISH) -> Content:
    """Load `folder`/guide.yml and `folder`/safety.yml; file names in messages start `shown_as`/.

    For another language, the English is loaded and checked first (it is the structure), then
    `folder`/LANGUAGE/ supplies the text, checked as strictly as the English."""
    english = _load_english(folder, shown_as=shown_as)
    if language == ENGLISH:
        return english
    return _translate(english, folder, shown_as=shown_as, language=language)


# Each English file with translatable text: its model, and what in it is not for translation.
TRANSLATED_FILES: dict[str, tuple[type[BaseModel], tuple[str, ...]]] = {
    GUIDE_FILE: (Guide, ()),
    SAFETY_FILE: (SafetyContent, LOCAL_SAFETY),
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
    return text_fields(model, read_source(folder / name, name).data, skip=skip)


def _translate(english: Content, folder: Path, *, shown_as: str, language: str) -> Content:
    problems: list[Problem] = []
    translations: list[Translation] = []
    typed: dict[str, BaseModel] = {}
    known = targets([phase.id for phase in english.guide.phases])
    sections = [english.safety.safety.crisis.id, *(section.id for section in english.safety.safety.sections)]
    semantics: dict[str, Callable[[Source], Iterable[Problem]]] = {
        GUIDE_FILE: lambda source: section_problems(source, sections),
        SAFETY_FILE: lambda source: link_problems(source, known),
    }
    for name, (model, skip) in TRANSLATED_FILES.items():
        semantic = semantics[name]
        source = read_source(folder / name, f"{shown_as}/{name}")
        fields = text_fields(model, source.data, skip=skip)
        try:
            translation = read_translation(
                folder / language / name, f"{shown_as}/{language}/{name}", fields, language=language
            )
            typed[name] = check(model, translated_source(source, fields, translation), semantic=semantic)
        except ContentError as error:
            problems.extend(error.problems)
            continue
        translations.append(translation)
    local: LocalHelp | None = None
    try:
        local = load_local_help(
            folder / language / HELPLINES_FILE, f"{shown_as}/{language}/{HELPLINES_FILE}", language=language
        )
    except ContentError as error:
        problems.extend(error.problems)
    if problems or local is None:
        raise ContentError(problems)
    return Content(
        guide=typing.cast(Guide, typed[GUIDE_FILE]),
        safety=with_local_help(typing.cast(SafetyContent, typed[SAFETY_FILE]), local),
        language=language,
        translations=tuple(translations),
    )


def _load_english(folder: Path, *, shown_as: str) -> Content:
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

    guide_source, safety_source = read(GUIDE_FILE), read(SAFETY_FILE)
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
    if problems or guide is None or safety is None:
        raise ContentError(problems)
    return Content(guide=guide, safety=safety)
