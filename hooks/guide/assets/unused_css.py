"""The theme's stylesheets without the rules no page of a built site can use: pure code, no
MkDocs (a build hook applies it).

Material ships one stylesheet for every feature it has (tabs, code copying, tags, blog posts,
repository facts, a dozen admonition icons as inline SVG) and one palette for 21 colours. A
page here uses a few of them, but every reader downloaded all: 24.7 KiB of 80 (issue 20).

The test for a rule is the one PurgeCSS uses, kept on the safe side: a selector stays unless a
class it needs (`.md-tag`) or an attribute value it needs (`[data-md-color-primary=red]`)
appears as a word in no built page and no script of the site. Scripts count because Material's
own JavaScript adds classes as it runs (`md-dialog--active`); words only split at what
cannot be in a class name, so any class a script spells out whole is kept. Only parts outside
functional pseudo-classes decide: `:not(.x)` still matches without `.x`, and `:is(.a, .b)` with
one of them, so those always stay. A custom property (`--md-admonition-icon--bug`) goes when
nothing left refers to it. Everything else (at-rules, keyframes, declarations) is kept as is.
"""

from __future__ import annotations

import functools
import hashlib
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

import tinycss2
from tinycss2 import ast

# What a class name or an attribute value is made of, as a word of a page or a script.
_WORD = re.compile(r"[A-Za-z0-9_-]+")
_VAR = re.compile(r"var\(\s*(--[A-Za-z0-9_-]+)")
_SOURCE_MAP = re.compile(r"/\*# sourceMappingURL=[^*]*\*/\s*$")
# The theme's stylesheets, and the files whose words count as used: every page and every
# script, except those that only ever run in search's worker, where there is no page to style
# (lunr's word lists for 20 languages would otherwise count as class names).
THEME_CSS = "assets/stylesheets"
CONTENT_SUFFIXES = (".html", ".js")
WORKER_ONLY = ("assets/javascripts/lunr", "assets/javascripts/workers")


def used_words(texts: Iterable[str]) -> frozenset[str]:
    """Every word that could be a class name or an attribute value in `texts`."""
    words: set[str] = set()
    for text in texts:
        words.update(_WORD.findall(text))
    return frozenset(words)


def _needs(selector: list[ast.Node]) -> Iterable[str]:
    """The class names and attribute values a selector needs, outside functional pseudo-classes
    (those tokens are FunctionBlocks, never entered)."""
    for before, token in zip([None, *selector], selector, strict=False):
        if isinstance(before, ast.LiteralToken) and before.value == "." and isinstance(token, ast.IdentToken):
            yield token.value
        elif isinstance(token, ast.SquareBracketsBlock):
            # Only an exact [name=value] whose value is one word: ^= *= $= ~= |= match parts of
            # words, and a value of several words is not one of ours to look up.
            parts = [part for part in token.content if not isinstance(part, ast.WhitespaceToken)]
            if (
                len(parts) == 3
                and isinstance(parts[1], ast.LiteralToken)
                and parts[1].value == "="
                and isinstance(parts[2], ast.IdentToken | ast.StringToken)
                and _WORD.fullmatch(parts[2].value)
            ):
                yield parts[2].value


def _selectors(prelude: list[ast.Node]) -> list[list[ast.Node]]:
    """A rule's selector list, split at its top-level commas."""
    out: list[list[ast.Node]] = [[]]
    for token in prelude:
        if isinstance(token, ast.LiteralToken) and token.value == ",":
            out.append([])
        else:
            out[-1].append(token)
    return out


def _keep_selectors(rule: ast.QualifiedRule, words: frozenset[str]) -> ast.QualifiedRule | None:
    kept = [s for s in _selectors(rule.prelude) if all(need in words for need in _needs(s))]
    if not kept:
        return None
    prelude: list[ast.Node] = []
    for index, selector in enumerate(kept):
        if index:
            prelude.append(ast.LiteralToken(0, 0, ","))
        prelude.extend(selector)
    return ast.QualifiedRule(0, 0, prelude, rule.content)


def _keep_properties(rule: ast.QualifiedRule, referred: set[str]) -> ast.QualifiedRule | None:
    items = [
        item
        for item in tinycss2.parse_blocks_contents(rule.content)
        if not isinstance(item, ast.WhitespaceToken | ast.Comment)
    ]
    if any(isinstance(item, ast.ParseError) for item in items):
        return rule  # kept whole: what the parser cannot read, it cannot write back
    kept = [
        d for d in items if not (isinstance(d, ast.Declaration) and d.name.startswith("--") and d.name not in referred)
    ]
    if len(kept) == len(items):
        return rule
    if not kept:
        return None
    # Back to tokens, as the parser gives them, so the next pass can read it again.
    text = tinycss2.serialize(kept).rstrip(";")  # a Declaration writes its own ";"
    return ast.QualifiedRule(0, 0, rule.prelude, tinycss2.parse_component_value_list(text))


def _walk(rules: list[ast.Node], change: Callable[[ast.QualifiedRule], ast.QualifiedRule | None]) -> list[ast.Node]:
    """`rules` with `change` applied to each style rule, inside @media and @supports too."""
    out: list[ast.Node] = []
    for rule in rules:
        if isinstance(rule, ast.QualifiedRule):
            changed = change(rule)
            if changed is not None:
                out.append(changed)
        elif isinstance(rule, ast.AtRule) and rule.lower_at_keyword in ("media", "supports") and rule.content:
            parsed = tinycss2.parse_rule_list(rule.content)
            if any(isinstance(item, ast.ParseError) for item in parsed):
                out.append(rule)  # kept whole, as a rule the parser cannot read
                continue
            inner = _walk(parsed, change)
            if inner:
                out.append(ast.AtRule(0, 0, rule.at_keyword, rule.lower_at_keyword, rule.prelude, inner))
        elif not isinstance(rule, ast.WhitespaceToken | ast.Comment):
            out.append(rule)
    return out


def prune(css: str, words: frozenset[str], *, elsewhere: str = "") -> str:
    """`css` without the selectors that need a word not in `words`, and then without the custom
    properties that neither what is left nor `elsewhere` (other CSS, pages, scripts) refers to."""
    rules = _walk(tinycss2.parse_stylesheet(_SOURCE_MAP.sub("", css)), functools.partial(_keep_selectors, words=words))
    outside = set(_VAR.findall(elsewhere))  # the same on every pass, and megabytes of pages to read
    while True:  # a property can refer to another: drop until nothing more goes
        text = tinycss2.serialize(rules)
        referred = set(_VAR.findall(text)) | outside
        pruned = _walk(rules, functools.partial(_keep_properties, referred=referred))
        if tinycss2.serialize(pruned) == text:
            return str(text)
        rules = pruned


@dataclass(frozen=True)
class Pruned:
    before: str  # the file's name in the site, as the theme wrote it
    after: str  # its new name: the content changed, so its hash in the name does too
    size_before: int
    size_after: int


def _renamed(name: str, text: str) -> str:
    """`main.57a0d79d.min.css` -> `main.<8 hex digits of the new content>.min.css`."""
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()[:8]
    stem, _, rest = name.partition(".")
    return f"{stem}.{digest}.{rest.partition('.')[2]}" if "." in rest else f"{stem}.{digest}.css"


def prune_site(site: Path) -> list[Pruned]:
    """Prune each theme stylesheet of a built site in place, under a new name that every page
    now links to; the source maps go, as they no longer match."""
    folder = site / THEME_CSS
    worker_only = [site / part for part in WORKER_ONLY]
    pages = [
        p
        for p in sorted(site.rglob("*"))
        if p.suffix in CONTENT_SUFFIXES and p.is_file() and not any(f in p.parents for f in worker_only)
    ]
    texts = {path: path.read_text(encoding="utf-8") for path in pages}
    words = used_words(texts.values())
    pages_text = "".join(texts.values())
    stylesheets = {path: path.read_text(encoding="utf-8") for path in sorted(site.rglob("*.css"))}
    done = []
    for path in sorted(folder.glob("*.css")):
        css = stylesheets[path]
        # What refers to a custom property: any other stylesheet (as built), page or script.
        elsewhere = "".join(text for other, text in stylesheets.items() if other != path)
        pruned = prune(css, words, elsewhere=elsewhere + pages_text)
        new_name = _renamed(path.name, pruned)
        (folder / new_name).write_text(pruned, encoding="utf-8")
        if new_name != path.name:  # pruned already, by an earlier build into this folder
            path.unlink()
        path.with_name(path.name + ".map").unlink(missing_ok=True)
        done.append(Pruned(path.name, new_name, len(css), len(pruned)))
    for page, text in texts.items():
        if page.suffix == ".html":
            changed = text
            for item in done:
                changed = changed.replace(f"{THEME_CSS}/{item.before}", f"{THEME_CSS}/{item.after}")
            if changed != text:
                page.write_text(changed, encoding="utf-8")
    return done
