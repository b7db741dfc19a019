"""The site's own words (content/strings.yml): checked, looked up, and checked against their uses.

The catalog is one flat mapping of dotted keys to texts. The page templates call `t('key',
name=value)`, the theme overrides read `config.extra.strings` (as `t["key"]`), and the
scripts call `word("key", {name: value})` on the words `overrides/main.html` puts into each
page. Every key a template, override or script names literally is checked here, before
anything is built, so a missing word fails the build with the file and line that use it,
not an empty heading on the page or a key shown to a reader.

A `{name}` in a text is filled in by its user. A key whose text depends on a count comes as
a pair, `KEY.one` (the count is 1) and `KEY.other`, and is used as `KEY` with a `count`.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Annotated, Any

import jinja2
from jinja2 import nodes
from pydantic import ConfigDict, RootModel, StringConstraints

from ..components import COMPONENTS
from ..components import shown as component_shown
from ..components import templates as component_templates
from ..content.model import TEXT_PATTERN
from ..content.problems import Problem
from ..content.validation import HIDDEN, RAW_HTML
from ..content.yamlsource import Source

STRINGS_FILE = "strings.yml"
TEMPLATES = Path(__file__).parents[1] / "rendering" / "templates"
TEMPLATES_SHOWN = "hooks/guide/rendering/templates"  # as messages name them, from the project folder

KEY_PATTERN = r"^[a-z0-9_-]+(\.[a-z0-9_-]+)+$"
_KEY = re.compile(KEY_PATTERN)
PLACEHOLDER = re.compile(r"\{([a-z_][a-z0-9_]*)\}")
_BRACE = re.compile(r"[{}]")
PLURAL_FORMS = ("one", "other")

# What the scripts may read: the words put into every page for them (overrides/main.html).
SCRIPT_PREFIXES = ("js.", "date.")

Strings = Mapping[str, str]


Key = Annotated[str, StringConstraints(pattern=KEY_PATTERN)]
Text = Annotated[str, StringConstraints(min_length=1, pattern=TEXT_PATTERN)]


class StringsCatalog(RootModel[dict[Key, Text]]):
    """The site's own words: dotted keys (like phase.steps_heading), each to a text."""

    # For editors: a key of another shape is an error, as the build says (strings_problems).
    model_config = ConfigDict(json_schema_extra={"additionalProperties": False})


class MissingWord(KeyError):
    """A key looked up that the catalog lacks (one the checks below could not see: a computed key)."""


# --- the catalog itself ------------------------------------------------------------------------


def strings_problems(source: Source) -> Iterator[Problem]:
    """Everything wrong with the catalog in `source`, each at its key's line."""
    data = source.data
    if not isinstance(data, dict):
        yield Problem(source.name, 1, "", "must be a mapping of keys to texts, like 'phase.steps_heading: Steps'")
        return
    for key, value in data.items():
        line = source.line_of((str(key),))
        where = str(key)
        if not isinstance(key, str) or not _KEY.match(key):
            yield Problem(
                source.name, line, where, "a key is lower-case words joined by dots, like 'phase.steps_heading'"
            )
            continue
        message = _text_problem(value)
        if message:
            yield Problem(source.name, line, where, message)
        *base, last = key.split(".")
        if last in PLURAL_FORMS:
            partner = ".".join([*base, PLURAL_FORMS[1 - PLURAL_FORMS.index(last)]])
            if partner not in data:
                yield Problem(
                    source.name,
                    line,
                    where,
                    f"'{key}' needs its pair '{partner}': one text for a count of 1, one for any other",
                )


def _text_problem(value: Any) -> str | None:
    if isinstance(value, dict):
        return "must be text: write each key in full on a line of its own, like 'phase.steps_heading: Steps'"
    if isinstance(value, bool):
        return "must be text: put yes, no, true and false in quotes, like 'triage.yes: \"Yes\"'"
    if value is None:
        return "must not be empty"
    if not isinstance(value, str):
        kind = (
            "a list"
            if isinstance(value, list)
            else "a number"
            if isinstance(value, int | float)
            else type(value).__name__
        )
        return f"must be text, not {kind}; put it in quotes"
    if not value.strip():
        return "must not be empty"
    if RAW_HTML.search(value):
        return "must not contain HTML: write Markdown (**bold**, [a link]({link})) or plain text"
    hidden = HIDDEN.search(value)
    if hidden:
        return (
            f"contains an invisible control character (U+{ord(hidden.group()):04X}); delete it and type the text again"
        )
    if _BRACE.search(PLACEHOLDER.sub("", value)):
        return "has a '{' or '}' that is not a placeholder: a placeholder is a lower-case name in braces, like {count}"
    return None


def catalog(source: Source) -> dict[str, str]:
    """The catalog's data, once `strings_problems` found nothing."""
    return {str(key): str(value) for key, value in source.data.items()}


def placeholders(text: str) -> set[str]:
    return set(PLACEHOLDER.findall(text))


def forms(strings: Strings, key: str, *, counted: bool) -> list[str] | None:
    """The keys a use of `key` may show: itself, or (with a count) its `.one` and `.other`."""
    if key in strings:
        return [key]
    plural = [f"{key}.{form}" for form in PLURAL_FORMS]
    if counted and all(name in strings for name in plural):
        return plural
    return None


def word(strings: Strings, key: str, **values: object) -> str:
    """The text of `key` with its placeholders filled; with `count`, the form for that count."""
    count = values.get("count")
    text = strings.get(key)
    if text is None and count is not None:
        text = strings.get(f"{key}.{'one' if count == 1 else 'other'}")
    if text is None:
        raise MissingWord(key)
    return PLACEHOLDER.sub(lambda match: str(values[match[1]]) if match[1] in values else match[0], text)


def script_words(strings: Strings) -> dict[str, str]:
    """The words the scripts read, for the data island every page carries."""
    return {key: text for key, text in strings.items() if key.startswith(SCRIPT_PREFIXES)}


# --- where the catalog is used -----------------------------------------------------------------


@dataclass(frozen=True)
class Use:
    """One literal use of a key: where it is, how it is written, and the values it fills in."""

    file: str
    line: int
    shown: str  # the call as written, for the message: t('phase.steps_heading')
    key: str
    values: frozenset[str] | None  # None: not known here (passed on as a variable)
    prefix: bool = False  # the key is computed: `key` is only its fixed start
    script: bool = False


def use_problems(strings: Strings, uses: Iterable[Use], *, catalog_name: str) -> Iterator[Problem]:
    """A problem for each use whose key the catalog lacks or whose placeholders it leaves empty."""
    for use in uses:
        if use.script and not use.key.startswith(SCRIPT_PREFIXES):
            starts = " or ".join(f"'{prefix}'" for prefix in SCRIPT_PREFIXES)
            yield Problem(use.file, use.line, use.shown, f"scripts only get the words whose keys start with {starts}")
            continue
        if use.prefix:
            if not any(key.startswith(use.key) for key in strings):
                yield Problem(use.file, use.line, use.shown, f"no key in {catalog_name} starts with '{use.key}'")
            continue
        found = forms(strings, use.key, counted=use.values is None or "count" in use.values)
        if found is None:
            close = difflib.get_close_matches(use.key, list(strings), n=1)
            hint = f" (did you mean '{close[0]}'?)" if close else ""
            yield Problem(use.file, use.line, use.shown, f"'{use.key}' is not in {catalog_name}{hint}")
            continue
        if use.values is None:
            continue
        for name in found:
            for missing in sorted(placeholders(strings[name]) - use.values):
                yield Problem(
                    use.file,
                    use.line,
                    use.shown,
                    f"'{name}' in {catalog_name} has {{{missing}}}, which this use does not fill in",
                )


def template_uses(
    folder: Path = TEMPLATES, shown_as: str = TEMPLATES_SHOWN, components: Path = COMPONENTS
) -> list[Use]:
    """Every `t(...)` call in the page templates in `folder` and the components' templates,
    read from their syntax trees."""
    uses: list[Use] = []
    for path in sorted(folder.glob("*.j2")):
        uses.extend(_template_uses(path, f"{shown_as}/{path.name}", *_stamp(path)))
    for path in component_templates(components):
        uses.extend(_template_uses(path, component_shown(path, components), *_stamp(path)))
    return uses


def template_shown(path: Path) -> str | None:
    """A page or component template as messages name it, from the project folder (None for
    any other file)."""
    if path.parent == TEMPLATES:
        return f"{TEMPLATES_SHOWN}/{path.name}"
    if path.parent.parent == COMPONENTS:
        return component_shown(path)
    return None


def _stamp(path: Path) -> tuple[int, int]:
    stat = path.stat()
    return stat.st_mtime_ns, stat.st_size


@cache
def _template_uses(path: Path, shown: str, _mtime: int, _size: int) -> tuple[Use, ...]:
    # Cached by the file's stamp: `mkdocs serve` keeps this module loaded while templates change.
    tree = jinja2.Environment().parse(path.read_text(encoding="utf-8"), path.name)
    uses = []
    for call in tree.find_all(nodes.Call):
        if not (isinstance(call.node, nodes.Name) and call.node.name == "t" and call.args):
            continue
        values = None if call.dyn_kwargs is not None else frozenset(kw.key for kw in call.kwargs)
        key, prefix = _literal(call.args[0])
        if key is not None:
            written = f"t('{key}')" if not prefix else f"t('{key}' ~ ...)"
            uses.append(Use(shown, call.lineno, written, key, values, prefix=prefix))
    return tuple(uses)


def _literal(node: nodes.Node) -> tuple[str | None, bool]:
    """A key written as text, or the text a computed key starts with ('date.month.' ~ m)."""
    if isinstance(node, nodes.Const) and isinstance(node.value, str):
        return node.value, False
    if isinstance(node, nodes.Concat) and node.nodes:
        first, _ = _literal(node.nodes[0])
        return first, first is not None
    if isinstance(node, nodes.Add):
        first, _ = _literal(node.left)
        return first, first is not None
    return None, False


# In the theme's templates: t["key"] (t = config.extra.strings) or config.extra.strings["key"],
# then any `| replace("{name}", ...)` that fills its placeholders.
_THEME_USE = re.compile(
    r"""(?:\bt|config\.extra\.strings)\[\s*"(?P<key>[^"]+)"\s*\](?P<fills>(?:\s*\|\s*replace\(\s*"\{[a-z_][a-z0-9_]*\}"[^)]*\))*)"""
)
# In the theme's templates, a computed key: ["material." ~ key] (overrides/partials/language.html).
_THEME_PREFIX_USE = re.compile(r"""\[\s*"(?P<key>[a-z0-9_-]+(?:\.[a-z0-9_-]+)*\.)"\s*~""")
# In the scripts: word("key"), word("key", { name, other: value }), word(`key.${n}`).
_SCRIPT_USE = re.compile(
    r"""\bword\(\s*(?:"(?P<key>[^"]+)"|`(?P<start>[^`$]*)\$\{[^`]*`)\s*(?P<rest>\)|,\s*\{(?P<object>[^{}]*)\}|,)?"""
)
_PROPERTY = re.compile(r"^\s*([A-Za-z_$][\w$]*)\s*(?::|$)")


def theme_uses(custom_dir: Path, shown_as: str) -> list[Use]:
    """Every literal use of a key in the theme's templates and scripts under `custom_dir`."""
    uses: list[Use] = []
    for path in sorted(custom_dir.rglob("*.html")):
        text = path.read_text(encoding="utf-8")
        shown = f"{shown_as}/{path.relative_to(custom_dir).as_posix()}"
        for match in _THEME_USE.finditer(text):
            values = frozenset(PLACEHOLDER.findall(match["fills"]))
            uses.append(Use(shown, _line(text, match.start()), f't["{match["key"]}"]', match["key"], values))
        for match in _THEME_PREFIX_USE.finditer(text):
            written = f'["{match["key"]}" ~ ...]'
            uses.append(Use(shown, _line(text, match.start()), written, match["key"], None, prefix=True))
    for path in sorted((custom_dir / "assets" / "js").glob("*.js")):
        text = path.read_text(encoding="utf-8")
        shown = f"{shown_as}/{path.relative_to(custom_dir).as_posix()}"
        uses.extend(_script_uses(text, shown))
    return uses


def component_uses(folder: Path = COMPONENTS) -> list[Use]:
    """Every literal use of a key in the components' scripts (guide/components.py)."""
    uses: list[Use] = []
    for path in sorted([*folder.glob("*.js"), *folder.glob("*/*.js")]):
        uses.extend(_script_uses(path.read_text(encoding="utf-8"), component_shown(path, folder)))
    return uses


# Keys read in this package's Python, not through a template, with the values each fills in.
PYTHON_KEYS: dict[str, tuple[str, frozenset[str]]] = {
    "site.name": ("hooks/guide/rendering/site.py", frozenset()),
    "site.description": ("hooks/guide/rendering/site.py", frozenset()),
    "translation.stale": ("hooks/guide/translations/language_build.py", frozenset()),
    "date.full": ("hooks/guide/translations/language_build.py", frozenset({"day", "month", "year"})),
    "date.first_day": ("hooks/guide/translations/language_build.py", frozenset()),
}
_NAV_TITLE = re.compile(r"^\s*-\s+(nav\.[a-z0-9_.-]+):", re.MULTILINE)
# Material's words that mkdocs.yml sets: a palette toggle's `name`, toc's `permalink_title`.
_THEME_WORD = re.compile(r"^\s*(?:name|permalink_title):\s+(theme\.[a-z0-9_.-]+)\b", re.MULTILINE)


def config_uses(config_file: Path, shown_as: str) -> list[Use]:
    """The keys the site's config names as nav titles (`- nav.home: index.md`) and as Material's
    words (`name: theme.palette.to_dark`), and those this package's Python reads itself."""
    uses = [Use(shown, 1, f"words[{key!r}]", key, values) for key, (shown, values) in PYTHON_KEYS.items()]
    if config_file.is_file():
        text = config_file.read_text(encoding="utf-8")
        for pattern in (_NAV_TITLE, _THEME_WORD):
            uses += [Use(shown_as, _line(text, m.start(1)), m[1], m[1], frozenset()) for m in pattern.finditer(text)]
    return uses


def _script_uses(text: str, shown: str) -> Iterator[Use]:
    for match in _SCRIPT_USE.finditer(text):
        line = _line(text, match.start())
        if match["start"] is not None:
            yield Use(shown, line, f"word(`{match['start']}${{...}}`)", match["start"], None, prefix=True, script=True)
            continue
        rest, obj = match["rest"], match["object"]
        values: frozenset[str] | None = None  # a variable, or more than a plain object: not known
        if rest == ")":
            values = frozenset()
        elif obj is not None:
            values = frozenset(m[1] for part in obj.split(",") if (m := _PROPERTY.match(part)))
        yield Use(shown, line, f'word("{match["key"]}")', match["key"], values, script=True)


def _line(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1
