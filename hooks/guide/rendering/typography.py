"""French typography for every French string the build writes: a pure function of text or HTML.

The rule (CONTRIBUTING.md, "French"):

- a no-break space (U+00A0) before « : » and inside « », as « this »;
- a narrow no-break space (U+202F) before « ; », « ! » and « ? »;
- a no-break space between a number and the word after it (« 7 jours », « 9 h »), so a
  count and its unit never part at a line's end.

So a colon, a question mark or a closing guillemet never starts a line on a phone, and the
gap is the one French readers expect. Whatever was there before (a plain space, a no-break
space of the other kind, several spaces, a line break, or nothing) becomes the one space of the
rule, so running it twice changes nothing.

Left as they are: a colon with a letter, a digit or `/` right after it (`https://`, `14:30`,
`guide:safety`), web and e-mail addresses written in the text (`3114.fr/?a=b`), HTML entities,
the contents of `script`, `style`, `pre`, `code`, `kbd`, `samp`, `textarea`, `svg` and `math`,
and attribute values other than those that are read as text (`title`, `alt`, `aria-label`,
`placeholder`, `data-sc-checklist-confirm`, and the `content` of description and link-preview `<meta>` tags).

Nothing here knows about MkDocs: a build hook applies it to a French build.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

NBSP = "\u00a0"  # before : and inside « »
NNBSP = "\u202f"  # before ; ! ?
SPACE_BEFORE = {":": NBSP, ";": NNBSP, "!": NNBSP, "?": NNBSP}

# Inside one "flow" (the text between block boundaries) an inline tag is invisible: the space
# before a colon may sit on one side of `</strong>` and the colon on the other.
_TAG = "\x00"  # an inline tag, transparent
_OPAQUE = "\x01"  # an entity, or inline code: a visible character that is never changed
_WHITE = frozenset(" \t\n\r\f" + NBSP + NNBSP + "\u2009\u2007")
_QUIET_AFTER = frozenset("([{")  # "(?" and friends take no space
_COLON_JOINS = re.compile(r"[\w/:=@\\]")  # a colon followed by one of these is not punctuation

# Addresses written as text: their ? ! ; : are part of them.
_ADDRESS = re.compile(
    r"(?:https?://|mailto:|tel:|sms:|www\.)[^\s\x00«»]+"
    r"|[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
    r"|\b[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}/[^\s\x00«»]*",
    re.IGNORECASE,
)

_SPACE_ENTITIES = re.compile(
    r"&(?:nbsp|#160|#x0*a0);|&(?:#8239|#x0*202f);|&(?:laquo|#171|#x0*ab);|&(?:raquo|#187|#x0*bb);", re.IGNORECASE
)
_ENTITY = re.compile(r"&(?:#[0-9]+|#x[0-9a-f]+|[a-z][a-z0-9]*);", re.IGNORECASE)


def _decode_spaces(text: str) -> str:
    def one(match: re.Match[str]) -> str:
        name = match.group(0).lower()
        if "202f" in name or "8239" in name:
            return NNBSP
        if "laquo" in name or "171" in name or "ab;" in name:
            return "«"
        if "raquo" in name or "187" in name or "bb;" in name:
            return "»"
        return NBSP

    return _SPACE_ENTITIES.sub(one, text)


def _protected(flow: str) -> list[bool]:
    keep = [False] * len(flow)
    for match in _ADDRESS.finditer(flow):
        for i in range(match.start(), match.end()):
            keep[i] = True
    return keep


def _space_flow(flow: str) -> str:
    """One flow, its tags as _TAG and opaque parts as _OPAQUE, with the rule applied."""
    keep = _protected(flow)
    out: list[str] = []
    i, n = 0, len(flow)
    while i < n:
        c = flow[i]
        if keep[i]:
            out.append(c)
            i += 1
            continue
        if c in SPACE_BEFORE and _is_punctuation(flow, i):
            _space_before(out, SPACE_BEFORE[c])
            out.append(c)
        elif c == "»":
            _space_before(out, NBSP, closing=True)
            out.append(c)
        elif c == " " and 0 < i < n - 1 and flow[i - 1].isdigit() and flow[i + 1].isalpha() and _counts(flow, i):
            out.append(NBSP)
        elif c == "«":
            out.append(c)
            j = i + 1
            tags: list[str] = []
            while j < n and (flow[j] in _WHITE or flow[j] == _TAG) and not keep[j]:
                if flow[j] == _TAG:
                    tags.append(_TAG)
                j += 1
            if j < n:  # something follows: the space goes right after the guillemet
                out.append(NBSP)
                out.extend(tags)
                i = j
                continue
        else:
            out.append(c)
        i += 1
    return "".join(out)


def _counts(flow: str, i: int) -> bool:
    """The digits just before `i` are a count (« 7 jours »), not the end of a time (« 9:00 à »)."""
    j = i - 1
    while j >= 0 and flow[j].isdigit():
        j -= 1
    return j < 0 or flow[j] != ":"


def _is_punctuation(flow: str, i: int) -> bool:
    """False for a colon inside a word, an address or a time (`14:30`, `guide:safety`)."""
    if flow[i] != ":":
        return True
    return not (i + 1 < len(flow) and _COLON_JOINS.match(flow[i + 1]))


def _space_before(out: list[str], space: str, *, closing: bool = False) -> None:
    """Replace the white space at the end of `out` (across tags) by `space`, if a visible
    character comes before it; after another mark (`?!`) or an opening bracket, no space,
    except before a closing guillemet (`? »`)."""
    tags = 0
    while out and (out[-1] in _WHITE or out[-1] == _TAG):
        if out.pop() == _TAG:
            tags += 1
    if not out:  # the flow starts here: nothing to attach the mark to
        out.extend([_TAG] * tags)
        return
    before = out[-1]
    out.extend([_TAG] * tags)
    if not closing and (before in SPACE_BEFORE or before in _QUIET_AFTER):
        return
    out.append(space)


def french_text(text: str) -> str:
    """Plain text (no tags; entities, if any, left as they are) with the French spaces."""
    text = _decode_spaces(text).replace(_TAG, "").replace(_OPAQUE, "")
    entities = _ENTITY.findall(text)
    flow = _ENTITY.sub(_OPAQUE, text)
    flow = _space_flow(flow)
    return _restore(flow, entities)


def _restore(flow: str, opaque: Iterable[str]) -> str:
    parts = flow.split(_OPAQUE)
    items = list(opaque)
    assert len(parts) == len(items) + 1
    return "".join(part + (items[k] if k < len(items) else "") for k, part in enumerate(parts))


# --- HTML ------------------------------------------------------------------------------------

# Tags that stay inside a line of text; any other tag ends the flow.
INLINE = frozenset(
    {"a", "abbr", "b", "bdi", "bdo", "cite", "data", "dfn", "em", "i", "mark", "q", "s", "small", "span"}
    | {"strong", "sub", "sup", "time", "u", "wbr"}
)
# Elements whose contents are not French prose: left exactly as they are.
RAW = frozenset(["script", "style", "pre", "textarea", "svg", "math", "template"])
# Inline elements whose contents are left as they are but which read as a word in the sentence.
OPAQUE_INLINE = frozenset(["code", "kbd", "samp", "var"])
# Attributes read as text, wherever they are.
# data-sc-checklist-confirm: the question a script puts in a confirm dialog ("Tout décocher ?").
TEXT_ATTRIBUTES = frozenset(
    ["title", "alt", "aria-label", "aria-description", "placeholder", "data-sc-checklist-confirm"]
)
# <meta name|property=...> whose content is text shown or read (link previews, search engines).
TEXT_META = re.compile(r"^(?:description|og:title|og:description|og:site_name|twitter:title|twitter:description)$")

_MARKUP = re.compile(r"<!--.*?-->|<!\[CDATA\[.*?\]\]>|<![^>]*>|<\?[^>]*>|</?[a-zA-Z][^>]*>", re.DOTALL)
_TAG_NAME = re.compile(r"</?([a-zA-Z][a-zA-Z0-9-]*)")
_ATTRIBUTE = re.compile(r"""([^\s"'<>/=]+)(\s*=\s*)("[^"]*"|'[^']*'|[^\s"'=<>`]+)""")


def french_html(html: str) -> str:
    """An HTML page or fragment with the French spaces in its text and text attributes."""
    out: list[str] = []
    flow: list[str] = []  # the text of the current flow, tags as _TAG, opaque parts as _OPAQUE
    held: list[str] = []  # the markup and opaque text behind each _TAG / _OPAQUE, in order
    pos = 0

    def flush() -> None:
        if flow:
            spaced = _space_flow("".join(flow))
            out.append(_unflow(spaced, held))
            flow.clear()
            held.clear()

    while pos < len(html):
        match = _MARKUP.search(html, pos)
        end = match.start() if match else len(html)
        if end > pos:
            # The two markers are not characters HTML text may hold; drop any, so they stay markers.
            text = _decode_spaces(html[pos:end]).replace(_TAG, "").replace(_OPAQUE, "")
            entities = _ENTITY.findall(text)
            for k, piece in enumerate(_ENTITY.split(text)):
                flow.append(piece)
                if k < len(entities):
                    flow.append(_OPAQUE)
                    held.append(entities[k])
        if not match:
            break
        tag = match.group(0)
        pos = match.end()
        name_match = _TAG_NAME.match(tag)
        if not name_match:  # a comment, doctype or CDATA: ends the flow
            flush()
            out.append(tag)
            continue
        name = name_match.group(1).lower()
        closing = tag.startswith("</")
        tag = tag if closing else _text_attributes(tag, name)
        if name in RAW and not closing:
            flush()
            close = re.compile(rf"</{name}\s*>", re.IGNORECASE)
            found = close.search(html, pos)
            stop = found.end() if found else len(html)
            out.append(tag + html[pos:stop])
            pos = stop
        elif name in OPAQUE_INLINE and not closing:
            close = re.compile(rf"</{name}\s*>", re.IGNORECASE)
            found = close.search(html, pos)
            stop = found.end() if found else len(html)
            flow.append(_OPAQUE)
            held.append(tag + html[pos:stop])
            pos = stop
        elif name in INLINE:
            flow.append(_TAG)
            held.append(tag)
        else:
            flush()
            out.append(tag)
    flush()
    return "".join(out)


def _unflow(spaced: str, held: list[str]) -> str:
    parts: list[str] = []
    k = 0
    for c in spaced:
        if c in (_TAG, _OPAQUE):
            parts.append(held[k])
            k += 1
        else:
            parts.append(c)
    assert k == len(held)
    return "".join(parts)


def _text_attributes(tag: str, name: str) -> str:
    """The start tag with its text attributes spaced; every other attribute as it was."""
    if "=" not in tag:
        return tag
    meta_text = False
    if name == "meta":
        for attr in _ATTRIBUTE.finditer(tag):
            if attr.group(1).lower() in ("name", "property") and TEXT_META.match(attr.group(3).strip("\"'")):
                meta_text = True

    def one(attr: re.Match[str]) -> str:
        key = attr.group(1).lower()
        if key in TEXT_ATTRIBUTES or (meta_text and key == "content"):
            value = attr.group(3)
            quote = value[0] if value[:1] in ("'", '"') else ""
            inner = value[1:-1] if quote else value
            return attr.group(1) + attr.group(2) + quote + french_text(inner) + quote
        return attr.group(0)

    return _ATTRIBUTE.sub(one, tag)


def french_words(words: Mapping[str, str]) -> dict[str, str]:
    """The words the scripts write into pages, each spaced."""
    return {key: french_text(text) for key, text in words.items()}
