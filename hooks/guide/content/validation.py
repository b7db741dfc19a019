"""Turn a parsed content file into a typed model, or report every problem in it at once.

Two passes over the same file, both always run so a contributor sees all problems together:
structure (the pydantic model: fields, types, sizes) and meaning (unique ids and summaries,
no raw HTML or attribute lists, only allowed links and this site's images, `guide:` links
that lead somewhere).
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from ..content.model import (
    KEYWORD_PATTERN,
    LANGUAGE_PATTERN,
    LINE_PATTERN,
    PHONE_PATTERN,
    SLUG_PATTERN,
    TEXT_PATTERN,
    URL_PATTERN,
    Guide,
)
from ..content.problems import ContentError, Problem
from ..content.yamlsource import Loc, Source, describe, read_source
from ..policy.markup import content_findings
from ..rendering.routes import FIXED_PAGES, RESERVED_IDS, targets

M = TypeVar("M", bound=BaseModel)

RAW_HTML = re.compile(r"<[A-Za-z!/?]")
# `{` starts an attribute list (`{: onclick=... }`, `{ data-quick-exit }`), even one finished by
# the `}` of a template's own list after the text; `\{` is a literal brace, `\\{` is not.
ATTR_LIST = re.compile(r"(?<!\\)(?:\\\\)*\{")
# Control and invisible direction characters: they hide what a text really says.
HIDDEN = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")
ANY_GUIDE_LINK = re.compile(r"\(guide:([^)\s#]*)")

# What a missing field is for, where the bare name would not say enough.
_MISSING_HINTS: dict[tuple[Loc, Any], str] = {
    ((), "stop"): ": the one rule for when contact is over",  # shown by every contact phase, the triage, safety
}

_MESSAGES = {
    "string_type": "must be text",
    "string_too_short": "must not be empty",
    "too_short": "must have at least {min_length} item(s)",
    "list_type": "must be a list",
    "tuple_type": "must be a list",
    "model_type": "must be a mapping of fields",
    "dict_type": "must be a mapping of fields",
    "model_attributes_type": "must be a mapping of fields",
    "string_too_long": "must be at most {max_length} characters",
    "date_type": "must be a date written YYYY-MM-DD, like '2026-11-25'",
    "date_parsing": "must be a real date written YYYY-MM-DD, like '2026-11-25'",
    "date_from_datetime_parsing": "must be a real date written YYYY-MM-DD, like '2026-11-25'",
    "date_from_datetime_inexact": "must be a date written YYYY-MM-DD, like '2026-11-25'",
}
# pydantic names only the pattern a text failed: say in words what each one wants.
_PATTERNS = {
    SLUG_PATTERN: "must be lower-case words joined by hyphens, like 'give-space'",
    URL_PATTERN: "must be a full https:// address, like 'https://example.org/help'",
    KEYWORD_PATTERN: "must be one word in capital letters or digits, like 'START'",
    TEXT_PATTERN: "must not be only spaces",
    PHONE_PATTERN: "must be a number as dialled: digits, capital letters, spaces and hyphens, like '0808 2000 247'",
    LANGUAGE_PATTERN: "must be a two-letter, lower-case language code (ISO 639-1), like 'en', 'es' or 'fr'",
}


def load_guide(path: Path, name: str) -> Guide:
    """Read, check and type the guide model in `path` (shown in messages as `name`)."""
    source = read_source(path, name)
    return check(Guide, source, semantic=guide_problems)


def phase_ids(source: Source) -> list[str]:
    """The phase ids in a guide file's raw data, so other files' links can be checked."""
    data = source.data if isinstance(source.data, dict) else {}
    phases = _list(data.get("phases"))
    return [p["id"] for p in phases if isinstance(p, dict) and isinstance(p.get("id"), str)]


def check(
    model: type[M],
    source: Source,
    *,
    semantic: Callable[[Source], Iterable[Problem]] | None = None,
) -> M:
    """Validate `source` against `model`; raise ContentError listing every problem."""
    problems = list(text_problems(source))
    if semantic is not None:
        problems.extend(semantic(source))
    try:
        result = model.model_validate(source.data)
    except ValidationError as error:
        problems.extend(structure_problems(error, source, model))
        raise ContentError(problems) from None
    if problems:
        raise ContentError(problems)
    return result


# --- structure -------------------------------------------------------------------------------


def structure_problems(error: ValidationError, source: Source, model: type[BaseModel]) -> Iterator[Problem]:
    errors = error.errors(include_url=False)
    deeper = {tuple(item["loc"][:n]) for item in errors for n in range(len(item["loc"]))}
    for item in errors:
        loc: Loc = tuple(item["loc"])
        kind = item["type"]
        if kind == "too_short" and loc in deeper:
            continue  # pydantic's echo of a bad item below: the list is not really empty
        if kind in ("missing", "extra_forbidden"):
            where, field = _split(loc)
            if kind == "missing":
                message, line = f"missing '{field}'{_MISSING_HINTS.get((where, field), '')}", source.line_of(where)
            else:
                message, line = f"unknown field '{field}'{_suggest(str(field), model, where)}", source.line_of(loc)
        else:
            where, line = loc, source.line_of(loc)
            ctx = item.get("ctx") or {}
            pattern = (
                _pattern_message(ctx.get("pattern", ""), item["input"]) if kind == "string_pattern_mismatch" else None
            )
            message = pattern or _MESSAGES.get(kind, item["msg"][:1].lower() + item["msg"][1:]).format(**ctx)
            if kind == "date_from_datetime_parsing" and ", " in item["msg"]:
                message += f" ({item['msg'].split(', ', 1)[1]})"  # what is wrong with it: the month...
        yield Problem(source.name, line, describe(where, source.data), message)


def _pattern_message(pattern: str, value: Any) -> str | None:
    text = str(value)
    if pattern == URL_PATTERN and re.match(r"https://[^/?#]+\.", text):
        return (
            "must be an address with no spaces, quotes, brackets, parentheses or other characters "
            "that could end a link: write them encoded (%20, %22, %28, %29...)"
        )
    if pattern != LINE_PATTERN:
        return _PATTERNS.get(pattern)
    if "\n" in text or "\r" in text or "\u2028" in text or "\u2029" in text:
        return "must be one line, with no line breaks (use a Markdown field for longer text)"
    if not text.strip():
        return "must not be only spaces"
    if text != text.strip():
        return "must not start or end with a space"
    return "must not contain control characters"


def _suggest(field: str, model: type[BaseModel], loc: Loc) -> str:
    known = _fields_at(model, loc)
    close = difflib.get_close_matches(field, known, n=1)
    return f" (did you mean '{close[0]}'?)" if close else ""


def _fields_at(model: type[BaseModel], loc: Loc) -> list[str]:
    """Field names of the record at `loc`, following the model's annotations."""
    current: Any = model
    for part in loc:
        if isinstance(part, int):
            continue
        field = current.model_fields.get(part) if isinstance(current, type) and issubclass(current, BaseModel) else None
        if field is None:
            return []
        current = _record_type(field.annotation)
    if isinstance(current, type) and issubclass(current, BaseModel):
        return list(current.model_fields)
    return []


def _record_type(annotation: Any) -> Any:
    for arg in getattr(annotation, "__args__", ()):
        if isinstance(arg, type) and issubclass(arg, BaseModel):
            return arg
    return annotation


# --- meaning ---------------------------------------------------------------------------------


def strings(data: Any, loc: Loc = ()) -> Iterator[tuple[Loc, str]]:
    """Every string value in raw YAML data, with its path."""
    if isinstance(data, str):
        yield loc, data
    elif isinstance(data, dict):
        for key, value in data.items():
            yield from strings(value, (*loc, str(key)))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from strings(value, (*loc, index))


def text_problems(source: Source) -> Iterator[Problem]:
    """Markup that only templates may write: raw HTML, attribute lists, hidden characters, and
    links or images that the rendered text would carry (see `markup`)."""
    for loc, text in strings(source.data):
        if RAW_HTML.search(text):
            yield _at(
                source,
                loc,
                "raw HTML is not allowed here; write Markdown instead "
                "(for emphasis use *text*, for a link [text](guide:PAGE))",
            )
        if ATTR_LIST.search(text):
            yield _at(source, loc, "attribute lists ({: ... } or { ... }) are not allowed here; write \\{ for a brace")
        hidden = HIDDEN.search(text)
        if hidden:
            yield _at(
                source, loc, f"hidden control character U+{ord(hidden.group()):04X} is not allowed here; delete it"
            )
        for finding in content_findings(text):
            yield _at(source, loc, finding.message)


def link_problems(source: Source, known: Mapping[str, str], *, phases: bool = True) -> Iterator[Problem]:
    """`guide:` links to pages in `known`; `phases` says whether the hint may offer a phase id."""
    fixed = ", ".join(f"'{name}'" for name in sorted(FIXED_PAGES))
    for loc, text in strings(source.data):
        for match in ANY_GUIDE_LINK.finditer(text):
            if match.group(1) not in known:
                close = difflib.get_close_matches(match.group(1), list(known), n=1)
                hint = (
                    f"did you mean 'guide:{close[0]}'?"
                    if close
                    else f"use a phase id, or {fixed}"
                    if phases
                    else f"this file can link only to {fixed}"
                )
                yield _at(source, loc, f"link to unknown page 'guide:{match.group(1)}' ({hint})")


def guide_problems(source: Source) -> Iterator[Problem]:
    data = source.data if isinstance(source.data, dict) else {}
    phases = [p if isinstance(p, dict) else {} for p in _list(data.get("phases"))]
    phase_ids: dict[str, Loc] = {}
    item_ids: dict[str, Loc] = {}
    summaries: dict[str, Loc] = {}
    for i, phase in enumerate(phases):
        if phase.get("id") in RESERVED_IDS:
            name = phase["id"]
            page = f"the page guide:{name} links to" if name in FIXED_PAGES else "the home page"
            yield _at(source, ("phases", i, "id"), f"phase id '{name}' is reserved for {page}; choose another id")
        yield from _unique(source, phase.get("id"), ("phases", i, "id"), phase_ids, "phase id")
        yield from _unique(source, phase.get("summary"), ("phases", i, "summary"), summaries, "summary")
        items = _list(phase.get("checklist"))
        for j, item in enumerate(items):
            if not isinstance(item, dict):
                continue
            yield from _unique(source, item.get("id"), ("phases", i, "checklist", j, "id"), item_ids, "checklist id")
            former = _list(item.get("former_ids"))
            for k, old in enumerate(former):
                yield from _unique(
                    source, old, ("phases", i, "checklist", j, "former_ids", k), item_ids, "checklist id"
                )
    yield from rule_problems(source)
    yield from link_problems(source, targets(phase_ids))


def rule_problems(source: Source) -> Iterator[Problem]:
    """The message check's rules: the guide's `message_danger` are all of kind 'danger', a phase's
    own are not, and no id is used twice among the rules one check uses."""
    data = _dict(source.data)
    danger = _list(data.get("message_danger"))
    shared: dict[str, Loc] = {}
    for i, rule in enumerate(danger):
        kind = _dict(rule).get("kind")
        if isinstance(kind, str) and kind != "danger":
            yield _at(
                source, ("message_danger", i, "kind"), "must be 'danger': other rules go in a phase's message_rules"
            )
        yield from _unique(source, _dict(rule).get("id"), ("message_danger", i, "id"), shared, "rule id")
    for i, phase in enumerate(_list(data.get("phases"))):
        seen = dict(shared)
        for j, rule in enumerate(_list(_dict(phase).get("message_rules"))):
            where: Loc = ("phases", i, "message_rules", j)
            if _dict(rule).get("kind") == "danger":
                yield _at(source, (*where, "kind"), "rules of kind 'danger' go in the guide's message_danger list")
            yield from _unique(source, _dict(rule).get("id"), (*where, "id"), seen, "rule id")


def region_problems(source: Source) -> Iterator[Problem]:
    """Each region of the safety page's chooser names an emergency number and lines that the page has."""
    safety = _dict(_dict(source.data).get("safety"))
    lines = [
        *_list(_dict(safety.get("crisis")).get("helplines")),
        *_list(safety.get("helplines")),
        safety.get("directory"),
    ]
    yield from chooser_problems(source, ("safety",), lines)


def chooser_problems(source: Source, at: Loc, lines: Iterable[Any]) -> Iterator[Problem]:
    """The regions in the mapping at `at` (its `regions`) name numbers of its `emergency` entries
    and ids of `lines`: the raw crisis lines, helplines and directory that the page shows."""
    block: Any = source.data
    for part in at:
        block = _dict(block).get(part)
    block = _dict(block)
    numbers = [e.get("number") for e in _list(block.get("emergency")) if isinstance(e, dict)]
    ids = [line.get("id") for line in lines if isinstance(line, dict)]
    seen: dict[str, Loc] = {}
    for i, region in enumerate(_list(block.get("regions"))):
        region = _dict(region)
        yield from _unique(source, region.get("id"), (*at, "regions", i, "id"), seen, "region id")
        named = region.get("emergency")
        listed: list[tuple[Loc, Any]] = (
            [(("emergency", k), n) for k, n in enumerate(named)]
            if isinstance(named, list)
            else [(("emergency",), named)]
        )
        for where, number in listed:
            if isinstance(number, str) and number not in numbers:
                yield _at(
                    source,
                    (*at, "regions", i, *where),
                    f"no emergency entry has the number '{number}' (use one of: {', '.join(map(str, numbers))})",
                )
        for j, line in enumerate(_list(region.get("helplines"))):
            if isinstance(line, str) and line not in ids:
                close = difflib.get_close_matches(line, [str(x) for x in ids], n=1)
                hint = (
                    f"did you mean '{close[0]}'?" if close else "use the id of a crisis line, helpline or the directory"
                )
                yield _at(source, (*at, "regions", i, "helplines", j), f"no line has the id '{line}' ({hint})")


def local_help_problems(source: Source, language: str | None = None) -> Iterator[Problem]:
    """A language's helplines file: one id per line, regions that name its own numbers and
    lines, links only to the fixed pages, and (when known) the language the build expects."""
    data = _dict(source.data)
    named = data.get("language")
    if language is not None and isinstance(named, str) and named != language:
        yield _at(source, ("language",), f"must be '{language}', the language this file is read for (not '{named}')")
    places: list[tuple[Loc, Any]] = [
        *((("crisis_helplines", i), line) for i, line in enumerate(_list(data.get("crisis_helplines")))),
        *((("helplines", i), line) for i, line in enumerate(_list(data.get("helplines")))),
        (("directory",), data.get("directory")),
    ]
    seen: dict[str, Loc] = {}
    for loc, line in places:
        yield from _unique(source, _dict(line).get("id"), (*loc, "id"), seen, "line id")
    yield from chooser_problems(source, (), [line for _, line in places])
    # Phases are not known here; a note may link to the fixed pages (guide:safety#...) only.
    yield from link_problems(source, targets(()), phases=False)


def safety_section_ids(source: Source) -> list[str]:
    """The ids of the safety page's sections in a safety file's raw data, the crisis section first."""
    safety = _dict(_dict(source.data).get("safety"))
    sections = [safety.get("crisis"), *_list(safety.get("sections"))]
    return [s["id"] for s in sections if isinstance(s, dict) and isinstance(s.get("id"), str)]


def section_problems(source: Source, sections: Collection[str]) -> Iterator[Problem]:
    """The guide's pointers into the safety page (the stop rule's section, the danger rules')
    name sections that exist."""
    data = _dict(source.data)
    pointers: list[tuple[Loc, Any]] = [(("stop", "section"), _dict(data.get("stop")).get("section"))]
    for i, rule in enumerate(_list(data.get("message_danger"))):
        pointers.append((("message_danger", i, "section"), _dict(rule).get("section")))
    for loc, section in pointers:
        if isinstance(section, str) and section not in sections:
            close = difflib.get_close_matches(section, list(sections), n=1)
            hint = f"did you mean '{close[0]}'?" if close else "use the id of a section in safety.yml"
            yield _at(source, loc, f"no safety page section has the id '{section}' ({hint})")


def _unique(source: Source, value: Any, loc: Loc, seen: dict[str, Loc], what: str) -> Iterator[Problem]:
    if not isinstance(value, str):
        return
    first = seen.setdefault(value, loc)
    if first != loc:
        yield _at(source, loc, f"{what} '{value}' is already used at line {source.line_of(first)}")


def _split(loc: Loc) -> tuple[Loc, str | int | None]:
    """(record, field) for an error that names a field of the record."""
    return (loc[:-1], loc[-1]) if loc else (loc, None)


def _at(source: Source, loc: Loc, message: str) -> Problem:
    return Problem(source.name, source.line_of(loc), describe(loc, source.data), message)


def _dict(value: Any) -> dict[Any, Any]:
    """`value` if the raw YAML held a mapping there, else nothing to look up in."""
    return value if isinstance(value, dict) else {}


def _list(value: Any) -> list[Any]:
    """`value` if the raw YAML held a list there, else nothing to look through."""
    return value if isinstance(value, list) else []
