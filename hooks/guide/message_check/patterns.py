"""The small pattern language of the message check, checked at build time.

The page (components/message-check/message-check.js) runs the patterns; this module only makes
sure each one is well formed, so a mistake fails the build with a clear message instead of
silently matching nothing, or everything. The syntax, also in CONTRIBUTING.md:

- words, lower case, matched whole: `i know where you`. Accents, contractions and curly
  apostrophes don't matter: `qué` also matches "que"; `i'm` also matches "im", "I’m" and
  "I am" on an English page; `j'ai` also matches "jai" where the language's spellings say so
  (content/xx/phrases.yml).
- `word*`: the word or any longer one that starts with it: `block*` matches "blocked".
- `(a|b c)`: one of the alternatives, each one or more words; groups may nest.
- `?` after a word or a group: it may be left out: `i (just|really)? want`.
- `...`: up to four other words in between, in the same sentence.
- `.`: the end of a sentence or of the message.
"""

from __future__ import annotations

import re
import unicodedata

GAP = "..."
MAX_LENGTH = 400
_WORD = r"[^\W_]+"  # letters and digits of any script: "qué", "pourquoi", "2"
_TOKEN = re.compile(r"\.\.\.|(?:[^\W_]|')+|[()|?*.]| +")


class PatternError(ValueError):
    """What is wrong with a pattern, in words."""


def folded(text: str) -> str:
    """`text` as the page reads it before matching: lower case, accents dropped (NFD, marks removed)."""
    return "".join(c for c in unicodedata.normalize("NFD", text.lower()) if not unicodedata.combining(c))


def check_spelling(spelling: str, words: str) -> None:
    """Raise PatternError unless `spelling` -> `words` is one the page can apply: a word as readers
    type it, or an elided head ending in an apostrophe (`j'`), read as one or more plain words."""
    if not re.fullmatch(r"[^\W_]+(?:'[^\W_]+)*'?", spelling):
        raise PatternError(f"'{spelling}' must be one word, or a word and an apostrophe such as j'")
    if not re.fullmatch(r"[^\W_]+(?: [^\W_]+)*", words):
        raise PatternError(f"'{words}' must be plain words, one space between them")
    for text in (spelling, words):
        if text != folded(text):
            raise PatternError(
                f"'{text}' must be lower case without accents ('{folded(text)}'): the page drops them first"
            )


def check_pattern(pattern: str) -> None:
    """Raise PatternError if `pattern` is not one the page can run as the contributor meant it."""
    if pattern != pattern.strip():
        raise PatternError("must not start or end with a space")
    if pattern != pattern.lower():
        raise PatternError("must be lower case: capitals in the draft don't matter")
    tokens = _tokens(pattern)
    position = 0
    stack: list[list[list[str]]] = [[[]]]  # open groups, each a list of alternatives
    for token in tokens:
        where = f"at character {position + 1}"
        position += len(token)
        if token.isspace():
            continue
        alternative = stack[-1][-1]
        if token in "?*":
            last = alternative[-1] if alternative else ""
            if token == "*" and not re.fullmatch(_WORD, last):
                raise PatternError(f"'*' {where} goes right after a plain word, as in block*")
            if token == "?" and not (re.fullmatch(_WORD, last) or last == ")"):
                raise PatternError(
                    f"'?' {where} goes right after a word or a ( ) group; put a word with an apostrophe in ( )"
                )
            alternative[-1] = last + token
        elif token == "(":
            stack.append([[]])
        elif token == "|":
            if len(stack) == 1:
                raise PatternError(f"'|' {where} is outside ( ): write alternatives as (a|b)")
            if not alternative:
                raise PatternError(f"empty alternative before '|' {where}")
            stack[-1].append([])
        elif token == ")":
            if len(stack) == 1:
                raise PatternError(f"')' {where} has no '(' before it")
            if not alternative:
                raise PatternError(f"empty alternative before ')' {where}")
            group = stack.pop()
            _check_gaps(group)
            # A group is required when each of its alternatives needs a word.
            stack[-1][-1].append(")" if all(_needs_a_word(alt) for alt in group) else "?)")
        elif token not in (GAP, ".") and not re.search(_WORD, token):
            raise PatternError(f"an apostrophe {where} needs a word around it")
        else:
            alternative.append(token)
    if len(stack) > 1:
        raise PatternError("a '(' is never closed with ')'")
    _check_gaps(stack[0])
    if not _needs_a_word(stack[0][0]):
        raise PatternError("every part of it is optional, so it would match any message")


def _tokens(pattern: str) -> list[str]:
    tokens: list[str] = []
    position = 0
    while position < len(pattern):
        match = _TOKEN.match(pattern, position)
        if not match:
            bad = pattern[position]
            raise PatternError(
                f"'{bad}' at character {position + 1} is not allowed: use lower-case words, apostrophes, "
                "spaces and ( | ) ? * ... ."
            )
        tokens.append(match.group())
        position = match.end()
    return tokens


def _check_gaps(alternatives: list[list[str]]) -> None:
    for items in alternatives:
        for i, item in enumerate(items):
            if item == GAP and (i == 0 or i == len(items) - 1 or items[i - 1] == GAP):
                raise PatternError("'...' needs a word or group on each side, inside the same ( )")


def _needs_a_word(items: list[str]) -> bool:
    return any(item not in (GAP, ".") and not item.endswith("?") and item != "?)" for item in items)
