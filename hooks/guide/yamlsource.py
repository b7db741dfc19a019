"""Read a YAML file into plain data plus a map from each data path to its line number.

PyYAML's composed node tree knows where everything is; keeping that map lets every later
check name the exact line a contributor has to fix.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from .problems import ContentError, Problem

Loc = tuple[str | int, ...]

# libyaml's parser (bundled with PyYAML's wheels) is about ten times faster than the pure
# Python one and reports the same line marks; the fallback keeps the project working without it.
_Loader: type[yaml.SafeLoader] | type[yaml.CSafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


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
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise ContentError([Problem(name, 1, "", f"cannot read file: {error}")]) from None
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except yaml.MarkedYAMLError as error:
        # The context mark is where the unfinished construct began (an unclosed bracket, say),
        # which is where the fix belongs; the problem mark may be the end of the file.
        mark = error.context_mark or error.problem_mark
        line = mark.line + 1 if mark else 1
        detail = " ".join(str(part) for part in (error.context, error.problem) if part)
        raise ContentError([Problem(name, line, "", f"YAML syntax error: {detail}")]) from None
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
