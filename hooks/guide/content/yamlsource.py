"""Read a YAML file into plain data plus a map from each data path to its line number.

PyYAML's composed node tree knows where everything is; keeping that map lets every later
check name the exact line a contributor has to fix.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from re import Pattern
from typing import Any, ClassVar

import yaml

from ..content.problems import ContentError, Problem

Loc = tuple[str | int, ...]

# libyaml's parser (bundled with PyYAML's wheels) is about ten times faster than the pure
# Python one and reports the same line marks; the fallback keeps the project working without it.
_Base: type[yaml.SafeLoader] | type[yaml.CSafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_CORE = "tag:yaml.org,2002:"
_TIMESTAMP = _CORE + "timestamp"
_IN_FULL = "write the value out in full each time"


class _Loader(_Base):  # type: ignore[misc,valid-type]
    """The safe loader, minus implicit timestamps: `2026-13-45` stays text for the model to
    reject with its line, where PyYAML's own date conversion would raise a bare ValueError."""

    yaml_implicit_resolvers: ClassVar[dict[Any, list[tuple[str, Pattern[str]]]]] = {
        first: [(tag, regexp) for tag, regexp in resolvers if tag != _TIMESTAMP]
        for first, resolvers in _Base.yaml_implicit_resolvers.items()
    }


@dataclass(frozen=True)
class Source:
    """One content file: its display name, its data, and where each path in it starts."""

    name: str
    data: Any
    lines: Mapping[Loc, int]

    def line_of(self, loc: Loc) -> int:
        """The line of `loc`, or of its nearest ancestor that exists in the file."""
        for end in range(len(loc), -1, -1):
            line = self.lines.get(tuple(loc[:end]))
            if line is not None:
                return line
        return 1


def read_source(path: Path, name: str) -> Source:
    """Parse `path`; malformed YAML and duplicate keys raise ContentError naming file and line."""
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise ContentError([Problem(name, 1, "", f"cannot read file: {error}")]) from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        message = f"not valid UTF-8 (byte 0x{raw[error.start]:02x}); save the file with UTF-8 encoding"
        raise ContentError([Problem(name, line, "", message)]) from None
    refused = list(_refused_yaml(text, name))
    if refused:
        raise ContentError(refused)
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except yaml.MarkedYAMLError as error:
        raise ContentError([_syntax_problem(name, error, last_line=max(1, len(text.splitlines())))]) from None
    except yaml.YAMLError as error:
        raise ContentError([Problem(name, 1, "", f"YAML error: {error}")]) from None
    finally:
        loader.dispose()
    lines: dict[Loc, int] = {}
    duplicates: list[tuple[Loc, str, int]] = []
    if node is not None:
        _index(node, (), lines, duplicates)
    if duplicates:
        raise ContentError(
            [Problem(name, line, describe(loc, data), f"'{key}' is given twice") for loc, key, line in duplicates]
        )
    return Source(name=name, data=data, lines=lines)


def _syntax_problem(name: str, error: yaml.MarkedYAMLError, *, last_line: int) -> Problem:
    """The line where the parser found the slip, then the block it was reading, as context.

    The problem mark is the line to open: a list item indented one space short is reported at
    that item, not at the start of its phase 60 lines up (the context mark). An unclosed bracket
    or quote is found further down, so the second clause names the line where it opened.
    """
    mark = error.problem_mark or error.context_mark
    # A slip found at the end of the file is named at its last line, a line the editor has.
    line = min(mark.line + 1, last_line) if mark else 1
    message = f"YAML syntax error: {error.problem or error.context or 'the file cannot be read'}"
    opened = error.context_mark
    if error.problem and error.context and opened is not None:
        message += f", {error.context} that starts at line {opened.line + 1}"
    return Problem(name, line, "", message)


def _refused_yaml(text: str, name: str) -> Iterator[Problem]:
    """Anchors, aliases and tags: content never needs them, and refusing them before anything is
    built keeps an alias bomb (a few hundred bytes that expand to gigabytes) harmless.

    One pass over the parser's events, linear in the file's size whatever it holds, following
    the path of each value so the message can name the field. Syntax errors are left for the
    real load, which reports them with more context.
    """
    loader = _Loader(text)
    # One frame per open collection: its path, and the key awaiting a value (a mapping) or the
    # index of the last item (a sequence).
    frames: list[tuple[Loc, list[Any]]] = []
    lines_reported: set[int] = set()  # one problem a line: `[*a, *a, *a]` is one mistake
    try:
        while loader.check_event():
            event = loader.get_event()
            if isinstance(event, yaml.CollectionEndEvent):
                frames.pop()
                continue
            if not isinstance(event, yaml.NodeEvent):
                continue
            loc = _next_loc(frames, event)
            if isinstance(event, yaml.CollectionStartEvent):
                frames.append((loc, [None] if isinstance(event, yaml.MappingStartEvent) else [-1]))
            line = event.start_mark.line + 1 if event.start_mark else 1
            message = _refusal(event)
            if message and line not in lines_reported:
                lines_reported.add(line)
                yield Problem(name, line, describe(loc, None), message)
    except yaml.YAMLError:
        return
    finally:
        loader.dispose()


def _refusal(event: yaml.NodeEvent) -> str | None:
    if isinstance(event, yaml.AliasEvent):
        return f"YAML alias '*{event.anchor}' is not allowed; {_IN_FULL}"
    if event.anchor is not None:
        return f"YAML anchor '&{event.anchor}' is not allowed; {_IN_FULL}"
    tag = getattr(event, "tag", None)
    if tag not in (None, "!"):
        shown = "!!" + tag.removeprefix(_CORE) if tag.startswith(_CORE) else tag
        return f"YAML tag '{shown}' is not allowed; quote the text instead"
    return None


def _next_loc(frames: list[tuple[Loc, list[Any]]], event: yaml.NodeEvent) -> Loc:
    """The path of the node `event` starts; a mapping key is reported at its mapping."""
    if not frames:
        return ()
    loc, state = frames[-1]
    if isinstance(state[0], int):
        state[0] += 1
        return (*loc, state[0])
    if state[0] is None:  # a key: the next node is its value
        state[0] = str(getattr(event, "value", "?"))
        return loc
    key, state[0] = state[0], None
    return (*loc, key)


def _index(node: yaml.Node, loc: Loc, lines: dict[Loc, int], duplicates: list[tuple[Loc, str, int]]) -> None:
    lines.setdefault(loc, node.start_mark.line + 1)
    if isinstance(node, yaml.MappingNode):
        seen: set[str] = set()
        for key_node, value_node in node.value:
            key = str(key_node.value)
            line = key_node.start_mark.line + 1
            if key in seen:
                # PyYAML keeps the last value silently; a contributor would lose the first.
                duplicates.append((loc, key, line))
            seen.add(key)
            lines[(*loc, key)] = line
            _index(value_node, (*loc, key), lines, duplicates)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _index(item, (*loc, index), lines, duplicates)


def describe(loc: Loc, data: Any) -> str:
    """`('phases', 3, 'checklist', 2)` -> `phase 'own-it' > checklist[2]`."""
    parts: list[str] = []
    node = data
    index = 0
    while index < len(loc):
        part = loc[index]
        nxt = loc[index + 1] if index + 1 < len(loc) else None
        child = _child(node, part)
        if isinstance(part, str) and isinstance(nxt, int):
            item = _child(child, nxt)
            ident = item.get("id") if isinstance(item, dict) else None
            if index == 0 and isinstance(ident, str):
                parts.append(f"{part.removesuffix('s')} '{ident}'")
            else:
                parts.append(f"{part}[{nxt}]")
            node = item
            index += 2
            continue
        parts.append(f"[{part}]" if isinstance(part, int) else str(part))
        node = child
        index += 1
    return " > ".join(parts)


def _child(node: Any, part: str | int) -> Any:
    if isinstance(node, dict) and isinstance(part, str):
        return node.get(part)
    if isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
        return node[part]
    return None
