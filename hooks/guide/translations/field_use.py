"""Which translated fields a page read while it was rendered.

A translated page says "part of this changed in English" when a field it shows is stale. What
it shows is recorded as it renders, not guessed from its text: a stale one-word string ("No")
is in the Markdown of most pages, but read by few. The templates read the model through
Jinja's attribute lookup, which rendering/markdown.py routes through `note()`, and the site's own words
through `t()`, which calls `note_word()`. Pure: no MkDocs here.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from pathlib import PurePosixPath

from ..content.loading import GUIDE_FILE, SAFETY_FILE, Content
from ..content.strings import STRINGS_FILE
from ..translations.fields import record_fields

# A field: the English file it is in, and its path as translation files write it (fields.py).
FieldRef = tuple[str, str]
# Which fields an attribute of a record holds, by the record's identity and the attribute's name.
Index = Mapping[tuple[int, str], tuple[FieldRef, ...]]


def field_index(content: Content) -> Index:
    """Every attribute of the content's records that holds translatable text, with its fields."""
    found: dict[tuple[int, str], tuple[FieldRef, ...]] = {}
    for file, root in ((GUIDE_FILE, content.guide), (SAFETY_FILE, content.safety)):
        for record, name, paths in record_fields(root):
            found[(id(record), name)] = tuple((file, path) for path in paths)
    return found


@dataclass
class _Reading:
    content: Content  # kept, so the ids in `index` stay its records' own
    index: Index
    fields: set[FieldRef] = field(default_factory=set)


_reading: ContextVar[_Reading | None] = ContextVar("guide_reading", default=None)
_indexes: dict[int, tuple[Content, Index]] = {}  # the last few contents' indexes, by identity


@contextmanager
def reading(content: Content) -> Iterator[set[FieldRef]]:
    """The fields read from `content` inside the block, collected into the set it gives. Blocks
    nest: what an inner one reads, the outer one has read too."""
    outer = _reading.get()
    current = _Reading(content, _index_of(content))
    token = _reading.set(current)
    try:
        yield current.fields
    finally:
        _reading.reset(token)
        if outer is not None:
            outer.fields |= current.fields


def note(record: object, name: str) -> None:
    """Attribute `name` of `record` was read; a translated field if the index knows it."""
    current = _reading.get()
    if current is not None:
        current.fields.update(current.index.get((id(record), name), ()))


def note_word(strings: Mapping[str, str], key: str, count: object = None) -> None:
    """The site's word `key` was shown: itself, or the plural form `word()` picks for `count`."""
    current = _reading.get()
    if current is not None:
        shown = key if key in strings or count is None else f"{key}.{'one' if count == 1 else 'other'}"
        current.fields.add((STRINGS_FILE, shown))


def stale_fields(content: Content) -> frozenset[FieldRef]:
    """The translated fields whose English changed since they were translated."""
    return frozenset(
        (PurePosixPath(translation.name).name, problem.where)
        for translation in content.translations
        for problem in translation.stale
    )


def _index_of(content: Content) -> Index:
    kept = _indexes.get(id(content))
    if kept is not None and kept[0] is content:
        return kept[1]
    if len(_indexes) >= 8:  # a serve session loads a new Content per rebuild
        _indexes.clear()
    index = field_index(content)
    _indexes[id(content)] = (content, index)
    return index
