"""Translations of the English content, field by field, that can never silently fall behind.

The English files are the source: their ids, order and structure. A language's file,
`content/xx/guide.yml` for example, holds only text, keyed by each English field's path and
stamped with the hash of the English text it was made from:

    fields:
      phases.own-it.steps.1.title:
        from: 1a2b3c4d          # english_hash() of the English text when it was translated
        text: Pide primero, con un mensaje corto

A path joins keys with dots and names a list element by its `id`, or by its 1-based position
when it has none. Which fields are text is read from the model's types (`Line`, `Markdown`),
so a new text field is translatable with no list to update. A translation that adds, drops or
renames a path, or leaves a field out, fails with `file:line`; one whose `from` no longer
matches the English is stale: reported, shown on the page, but never a failure, so an English
typo fix never blocks a build. Pure: no MkDocs here.
"""

from __future__ import annotations

import copy
import hashlib
import types
import typing
from collections.abc import Collection, Iterator, Mapping
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path
from typing import Annotated, Any, Union, get_args, get_origin, get_type_hints

from pydantic import BaseModel

from ..content.problems import ContentError, Problem
from ..content.yamlsource import Loc, Source, read_source

HASH_LENGTH = 8


class Translatable:
    """Marks a text type (`Line`, `Markdown`) in `content/model.py`: its values are translated."""


TEXT = Translatable()


def english_hash(text: str) -> str:
    """The stamp a translated field keeps of the English it was made from: of its words, not
    its line breaks, so re-wrapping a paragraph of the English leaves its translations current."""
    words = " ".join(text.split())
    return hashlib.sha256(words.encode("utf-8")).hexdigest()[:HASH_LENGTH]


# --- the English fields ------------------------------------------------------------------------


@dataclass(frozen=True)
class Field:
    path: str  # as written in a translation file
    loc: Loc  # where it is in the English data
    text: str


def text_fields(model: type[BaseModel], data: Any, *, skip: Collection[str] = ()) -> dict[str, Field]:
    """Every translatable text in the English `data` (already valid against `model`), by path.

    `skip` names paths whose whole subtree is a language's own data, not a translation (the
    safety page's helplines, for example)."""
    found: dict[str, Field] = {}
    for loc, path, text in _walk(model, data, (), ()):
        if not any(path == s or path.startswith(s + ".") for s in skip):
            found[path] = Field(path, loc, text)
    return found


def _walk(hint: Any, data: Any, loc: Loc, path: tuple[str, ...]) -> Iterator[tuple[Loc, str, str]]:
    hint = _unwrap_optional(hint)
    if _is_text(hint):
        if isinstance(data, str):
            yield loc, ".".join(path), data
        return
    base = _strip(hint)
    if isinstance(base, type) and issubclass(base, BaseModel):
        if not isinstance(data, dict):
            return
        hints = _hints(base)
        for key, value in data.items():
            if key in hints:
                yield from _walk(hints[key], value, (*loc, key), (*path, key))
        return
    if get_origin(base) is tuple and isinstance(data, list):
        args = get_args(base)
        item = args[0] if args else Any
        for index, value in enumerate(data):
            name = value.get("id") if isinstance(value, dict) and isinstance(value.get("id"), str) else index + 1
            yield from _walk(item, value, (*loc, index), (*path, str(name)))


def record_fields(record: BaseModel, path: tuple[str, ...] = ()) -> Iterator[tuple[BaseModel, str, tuple[str, ...]]]:
    """Each attribute of `record`, or of a record inside it, that holds translatable text: the
    record, the attribute's name, and the paths of its text as `text_fields` names them from the
    data (one for a `Line`, one per item for a tuple of them)."""
    hints = _hints(type(record))
    for name in type(record).model_fields:
        value, hint = getattr(record, name), _unwrap_optional(hints[name])
        here = (*path, name)
        if _is_text(hint) and isinstance(value, str):
            yield record, name, (".".join(here),)
        elif isinstance(value, BaseModel):
            yield from record_fields(value, here)
        elif isinstance(value, tuple):
            args = get_args(_strip(hint))
            if args and _is_text(_unwrap_optional(args[0])):
                yield record, name, tuple(".".join((*here, str(index + 1))) for index in range(len(value)))
                continue
            for index, item in enumerate(value):
                if isinstance(item, BaseModel):
                    label = item.id if isinstance(getattr(item, "id", None), str) else str(index + 1)  # type: ignore[attr-defined]
                    yield from record_fields(item, (*here, label))


@cache
def _hints(model: type[BaseModel]) -> dict[str, Any]:
    return get_type_hints(model, include_extras=True)


def _is_text(hint: Any) -> bool:
    return get_origin(hint) is Annotated and any(isinstance(m, Translatable) for m in hint.__metadata__)


def _strip(hint: Any) -> Any:
    while get_origin(hint) is Annotated:
        hint = get_args(hint)[0]
    return hint


def _unwrap_optional(hint: Any) -> Any:
    if get_origin(_strip(hint)) in (Union, types.UnionType):
        options = [arg for arg in get_args(_strip(hint)) if arg is not type(None)]
        if len(options) == 1:
            return options[0]
    return hint


# --- a language's file -------------------------------------------------------------------------


@dataclass(frozen=True)
class Entry:
    text: str
    made_from: str  # the hash in `from`
    line: int


@dataclass(frozen=True)
class Translation:
    """One language's file for one English file: its entries, checked against the English."""

    name: str  # as shown in messages, e.g. content/es/guide.yml
    language: str
    translated: date
    reviewed: bool
    entries: Mapping[str, Entry]
    stale: tuple[Problem, ...]  # fields whose English changed since: warnings, not errors


META_KEYS = {"language", "translated", "reviewed", "fields"}


def read_translation(path: Path, name: str, english: Mapping[str, Field], *, language: str) -> Translation:
    """Read a language's file and check it against the English fields; raise ContentError for
    what would make a page wrong or half-translated (unknown, missing or empty fields)."""
    source = read_source(path, name)
    problems: list[Problem] = []

    def at(loc: Loc, where: str, message: str) -> None:
        problems.append(Problem(name, source.line_of(loc), where, message))

    data = source.data
    if not isinstance(data, dict):
        raise ContentError([Problem(name, 1, "", "must be a mapping with language, translated, reviewed and fields")])
    for key in data:
        if key not in META_KEYS:
            at((key,), str(key), f"unknown field '{key}'; a translation file has {', '.join(sorted(META_KEYS))}")
    if data.get("language") != language:
        at(("language",), "language", f"must be '{language}', the language of the folder it is in")
    translated = data.get("translated")
    if not isinstance(translated, str) or not _is_day(translated):
        at(("translated",), "translated", "must be the date of the translation, written YYYY-MM-DD")
    reviewed = data.get("reviewed")
    if not isinstance(reviewed, bool):
        at(("reviewed",), "reviewed", "must be true or false: true only once someone fluent has read it")
    fields = data.get("fields")
    if not isinstance(fields, dict):
        at(("fields",), "fields", "must map each English field's path to its `from` and `text`")
        raise ContentError(problems)

    entries: dict[str, Entry] = {}
    stale: list[Problem] = []
    for key, value in fields.items():
        loc: Loc = ("fields", key)
        key = str(key)
        if key not in english:
            at(loc, key, _unknown(key, english))
            continue
        if not isinstance(value, dict) or set(value) != {"from", "text"}:
            at(loc, key, "must have exactly `from` (the English text's hash) and `text` (the translation)")
            continue
        text, made_from = value["text"], value["from"]
        if not isinstance(text, str) or not text.strip():
            at((*loc, "text"), key, "has no translation: write the text in this file's language")
            continue
        if not isinstance(made_from, str):
            at((*loc, "from"), key, "`from` must be the English text's hash, in quotes if it is all digits")
            continue
        line = source.line_of((*loc, "text"))
        entries[key] = Entry(text, made_from, line)
        if made_from != english_hash(english[key].text):
            stale.append(
                Problem(name, source.line_of(loc), key, "the English changed since this was translated: update it")
            )
    for key in english:
        if key not in fields:
            line = source.line_of(("fields",))
            problems.append(Problem(name, line, key, f"missing translation of: {_preview(english[key].text)}"))
    if problems:
        raise ContentError(problems)
    return Translation(
        name=name,
        language=language,
        translated=date.fromisoformat(typing.cast(str, translated)),
        reviewed=typing.cast(bool, reviewed),
        entries=entries,
        stale=tuple(sorted(stale)),
    )


def translated_source(english: Source, fields: Mapping[str, Field], translation: Translation) -> Source:
    """The English data with every text field replaced by its translation, as a Source whose
    lines point into the translation file, so the model's own checks name the right line."""
    data = copy.deepcopy(english.data)
    lines: dict[Loc, int] = {(): 1}
    for path, field in fields.items():
        entry = translation.entries[path]
        _set(data, field.loc, entry.text)
        lines[field.loc] = entry.line
    return Source(name=translation.name, data=data, lines=lines)


def status(fields: Mapping[str, Field], data: Any) -> tuple[int, int, int]:
    """(current, stale, missing) for `make translations`, from a file's raw data (or None when
    the file does not exist yet); lenient, so it counts a half-done file too."""
    states = [_state(field, entry) for field, entry in _entries(fields, data)]
    return states.count("current"), states.count("stale"), states.count("missing")


def todo(fields: Mapping[str, Field], data: Any) -> Iterator[str]:
    """The entries a translator still has to write or update, as YAML to paste under `fields:`,
    each with the English text it is made from."""
    for field, entry in _entries(fields, data):
        if _state(field, entry) == "current":
            continue
        english = "\n".join(f"    # {line}" for line in field.text.splitlines())
        was = f"    # was translated as: {_preview(str(entry.get('text')))}\n" if entry else ""
        yield f"  {field.path}:\n{english}\n{was}    from: '{english_hash(field.text)}'\n    text:\n"


def _entries(fields: Mapping[str, Field], data: Any) -> Iterator[tuple[Field, dict[Any, Any]]]:
    """Each English field with its entry in a language's raw data ({} when it has none)."""
    entries = data.get("fields") if isinstance(data, dict) else None
    entries = entries if isinstance(entries, dict) else {}
    for path, field in fields.items():
        entry = entries.get(path)
        yield field, entry if isinstance(entry, dict) else {}


def _state(field: Field, entry: Mapping[Any, Any]) -> str:
    """missing (no text, as the build sees it), stale (made from other English), or current."""
    text = entry.get("text")
    if not isinstance(text, str) or not text.strip():
        return "missing"
    return "current" if entry.get("from") == english_hash(field.text) else "stale"


def _unknown(key: str, english: Mapping[str, Field]) -> str:
    parent = key.rsplit(".", 1)[0]
    near = sorted(p for p in english if p.rsplit(".", 1)[0] == parent)
    hint = f"; fields there: {', '.join(p.rsplit('.', 1)[1] for p in near)}" if near else ""
    return f"the English has no field '{key}': was its id renamed or removed?{hint}"


def _preview(text: str, width: int = 60) -> str:
    one_line = " ".join(text.split())
    return one_line if len(one_line) <= width else one_line[: width - 1] + "…"


def _is_day(text: str) -> bool:
    try:
        date.fromisoformat(text)
    except ValueError:
        return False
    return len(text) == 10


def _set(data: Any, loc: Loc, value: str) -> None:
    for part in loc[:-1]:
        data = data[part]
    data[loc[-1]] = value
