"""The message check in another language: `content/xx/phrases.yml`, checked against the English.

The rules themselves (ids, kinds, labels, the safety section each danger rule names) come from
the English `content/guide.yml`; a language file gives only the words each rule looks for, as
that language's readers write them, and how they spell some words (`spellings`):

```yaml
language: es
spellings:                      # optional: a word as typed -> the words it is read as
  xq: porque
rules:
  message_danger.self-harm:     # message_danger.<rule id>, or phases.<phase id>.message_rules.<rule id>
    phrases: [...]
  message_danger.stop-pressure:
    together: [[...], [...]]
```

Every English rule with `phrases` or `together` has one entry here, with the same fields and
no others, so a rule is never left in English on a page in another language, nor silently
dropped. Pure: no MkDocs; problems are `file:line: where: what` in one ContentError.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..content.model import Guide, MessageRule
from ..content.problems import ContentError, Problem
from ..content.yamlsource import Loc, Source, read_source
from ..message_check.patterns import PatternError, check_pattern, check_spelling

FIELDS = ("phrases", "together")
Report = Callable[[Loc, str, str], Problem]  # (where in the file, where in words, what) -> a problem
_TOP = ("language", "spellings", "rules")


@dataclass(frozen=True)
class RuleWords:
    """One rule's words in the language: the same fields its English rule has."""

    phrases: tuple[str, ...] = ()
    together: tuple[tuple[str, ...], ...] = ()


@dataclass(frozen=True)
class Phrases:
    """A language's phrases file, checked: its rules' words by English rule path, and spellings."""

    language: str
    rules: Mapping[str, RuleWords]
    spellings: Mapping[str, str]


def rule_paths(guide: Guide) -> dict[str, MessageRule]:
    """Every English rule that looks for words, by its path in guide.yml's ids."""
    paths = {f"message_danger.{rule.id}": rule for rule in guide.message_danger}
    for phase in guide.phases:
        paths.update({f"phases.{phase.id}.message_rules.{rule.id}": rule for rule in phase.message_rules})
    return {path: rule for path, rule in paths.items() if rule.phrases or rule.together}


def _fields(rule: MessageRule) -> list[str]:
    return [name for name in FIELDS if getattr(rule, name)]


def load_phrases(path: Path, guide: Guide, *, name: str, language: str | None = None) -> Phrases:
    """Read and check `path` (shown in messages as `name`) against the English `guide`."""
    source = read_source(path, name)
    problems = list(_problems(source, guide, language))
    if problems:
        raise ContentError(problems)
    data = source.data
    rules = {
        key: RuleWords(
            phrases=tuple(entry.get("phrases") or ()),
            together=tuple(tuple(part) for part in entry.get("together") or ()),
        )
        for key, entry in data["rules"].items()
    }
    return Phrases(language=data["language"], rules=rules, spellings=dict(data.get("spellings") or {}))


def with_phrases(guide: Guide, phrases: Phrases) -> Guide:
    """The English guide with each rule's words, and the spellings, from `phrases`.

    Rebuilt through the model (model_validate), so the result is checked as a guide.yml would be.
    """

    def swap(rule: MessageRule, path: str) -> dict[str, Any]:
        data = rule.model_dump(exclude_defaults=True)
        words = phrases.rules.get(path)
        if words is not None:
            data.update({name: getattr(words, name) for name in _fields(rule)})
        return data

    data = guide.model_dump(exclude_defaults=True)
    data["message_danger"] = [swap(rule, f"message_danger.{rule.id}") for rule in guide.message_danger]
    for phase, raw in zip(guide.phases, data["phases"], strict=True):
        if phase.message_rules:
            raw["message_rules"] = [
                swap(rule, f"phases.{phase.id}.message_rules.{rule.id}") for rule in phase.message_rules
            ]
    data["message_spellings"] = dict(phrases.spellings)
    return Guide.model_validate(data)


# --- checks ----------------------------------------------------------------------------------


def _problems(source: Source, guide: Guide, language: str | None) -> Iterator[Problem]:
    def problem(loc: Loc, where: str, message: str) -> Problem:
        return Problem(source.name, source.line_of(loc), where, message)

    data = source.data
    if not isinstance(data, dict):
        yield problem((), "", "must be a mapping with 'language' and 'rules'")
        return
    for key in data:
        if key not in _TOP:
            yield problem((key,), "", f"unknown field '{key}': a phrases file has {', '.join(_TOP)}")
    found = data.get("language")
    if not isinstance(found, str) or not found:
        yield problem(("language",), "language", "missing: the language's code, as in 'es'")
    elif language is not None and found != language:
        yield problem(("language",), "language", f"is '{found}', but this file is for '{language}'")
    yield from _spelling_problems(data.get("spellings"), problem)
    rules = data.get("rules")
    if not isinstance(rules, dict):
        yield problem(("rules",), "rules", "missing: a mapping from each English rule's path to its phrases")
        return
    english = rule_paths(guide)
    for key in english:
        if key not in rules:
            yield problem(("rules",), "rules", f"missing '{key}': every English rule with phrases needs them here")
    for key, entry in rules.items():
        rule = english.get(str(key))
        if rule is None:
            yield problem(
                ("rules", key), str(key), "the English has no such rule with phrases (renamed?); see content/guide.yml"
            )
        elif not isinstance(entry, dict):
            yield problem(("rules", key), str(key), f"must be a mapping with {' and '.join(map(repr, _fields(rule)))}")
        else:
            yield from _rule_problems(str(key), entry, rule, problem)


def _rule_problems(key: str, entry: dict[Any, Any], rule: MessageRule, problem: Report) -> Iterator[Problem]:
    wanted = _fields(rule)
    has = " and ".join(f"'{name}'" for name in wanted)
    has = has if len(wanted) > 1 else f"only {has}"
    for name in entry:
        if name not in wanted:
            what = "field" if name in FIELDS else "unknown field"
            yield problem(("rules", key, name), key, f"{what} '{name}': the English rule has {has}")
    for name in wanted:
        if name not in entry:
            yield problem(("rules", key), key, f"missing '{name}': the English rule has {has}")
    phrases = entry.get("phrases")
    if "phrases" in wanted and "phrases" in entry:
        yield from _list_problems(("rules", key, "phrases"), f"{key} > phrases", phrases, problem)
    together = entry.get("together")
    if "together" in wanted and "together" in entry:
        if not isinstance(together, list) or len(together) < 2:
            yield problem(("rules", key, "together"), f"{key} > together", "must be a list of two or more lists")
        else:
            for index, part in enumerate(together, 1):
                loc = ("rules", key, "together", index - 1)
                yield from _list_problems(loc, f"{key} > together[{index}]", part, problem)


def _list_problems(loc: Loc, where: str, items: Any, problem: Report) -> Iterator[Problem]:
    if not isinstance(items, list) or not items:
        yield problem(loc, where, "must be a list of one or more phrases")
        return
    for index, item in enumerate(items):
        shown = f"{where}[{index + 1}]"
        if not isinstance(item, str):
            yield problem((*loc, index), shown, "must be text")
            continue
        try:
            check_pattern(item)
        except PatternError as error:
            yield problem((*loc, index), shown, f"'{item}': {error}")


def _spelling_problems(spellings: Any, problem: Report) -> Iterator[Problem]:
    if spellings is None:
        return
    if not isinstance(spellings, dict):
        yield problem(("spellings",), "spellings", "must be a mapping from a spelling to the words it is read as")
        return
    for spelling, words in spellings.items():
        loc = ("spellings", spelling)
        if not isinstance(spelling, str) or not isinstance(words, str):
            yield problem(loc, f"spellings > {spelling}", "must be text: a spelling and the words it is read as")
            continue
        try:
            check_spelling(spelling, words)
        except PatternError as error:
            yield problem(loc, f"spellings > {spelling}", str(error))
