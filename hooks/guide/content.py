"""The whole content folder: every file loaded and checked together, problems reported together.

Files are checked one by one, but links between them (a safety note pointing at a phase) are
checked against the guide's phase ids, the site's own words (strings.yml) against every key
the templates, and the theme's templates and scripts if given, use; every file's problems
come back in one error.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel

from .model import Guide, SafetyContent
from .problems import ContentError, Problem
from .routes import targets
from .strings import STRINGS_FILE, catalog, strings_problems, template_uses, theme_uses, use_problems
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

M = TypeVar("M", bound=BaseModel)

GUIDE_FILE = "guide.yml"
SAFETY_FILE = "safety.yml"


@dataclass(frozen=True)
class Content:
    guide: Guide
    safety: SafetyContent
    strings: Mapping[str, str]  # the site's own words, by dotted key (see strings.py)


def load_content(
    folder: Path, *, shown_as: str = "content", theme: Path | None = None, theme_shown_as: str = "overrides"
) -> Content:
    """Load `folder`/guide.yml, safety.yml and strings.yml; file names in messages start
    `shown_as`/. With `theme` (the overrides folder), the keys its templates and scripts use
    are checked too, named from `theme_shown_as`/."""
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
    strings = _strings(read(STRINGS_FILE), problems, theme, theme_shown_as)
    if problems or guide is None or safety is None or strings is None:
        raise ContentError(problems)
    return Content(guide=guide, safety=safety, strings=strings)


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
    problems.extend(use_problems(words, uses, catalog_name=source.name))
    return words
