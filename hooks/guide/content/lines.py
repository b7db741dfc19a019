"""Find where a piece of a page's Markdown is, so a message can name the line to open."""

from __future__ import annotations

import os
import re
from collections import Counter
from pathlib import Path

_FENCE = re.compile(r"^\s*(```|~~~)")
_CODE_SPAN = re.compile(r"(`+).*?\1")


def line_of(source: str, needle: str, *, skip: int = 0) -> int | None:
    """The line of the first occurrence of `needle` outside code (where Markdown shows it as
    text), ignoring case; `skip` passes over that many earlier occurrences."""
    if not needle:
        return None
    needle, fenced = needle.lower(), False
    for number, line in enumerate(source.splitlines(), start=1):
        if _FENCE.match(line):
            fenced = not fenced
        elif not fenced and needle in _CODE_SPAN.sub("", line).lower():
            if skip == 0:
                return number
            skip -= 1
    return None


def line_of_link(source: str, url: str, *, skip: int = 0) -> int | None:
    """The line of a link to `url` written as `](url`, `](<url>`, `href="url"` or a reference
    definition `]: url`; else of the first plain mention of `url`."""
    for needle in (f"]({url}", f"](<{url}>", f'href="{url}"', f"href='{url}'", f"]: {url}"):
        line = line_of(source, needle, skip=skip)
        if line is not None:
            return line
    return line_of(source, url, skip=skip)


class LinkFinder:
    """Where a page in `docs_dir` links to a URL, as `file:line` from `root` (`docs/about.md:12`),
    for a message that names the page and the URL but no line. Asked again about the same link,
    it gives the next line that has it: a page may link to one address twice."""

    def __init__(self, docs_dir: Path, root: Path) -> None:
        self.docs_dir = docs_dir
        self.root = root
        self.seen: Counter[tuple[str, str]] = Counter()

    def where(self, src: str, url: str) -> str | None:
        """`src` is the page's path in `docs_dir`; None for a page with no file there (one the
        build generates)."""
        path = self.docs_dir / src
        try:
            source = path.read_text(encoding="utf-8-sig")
        except OSError:
            return None
        shown = os.path.relpath(path, self.root).replace(os.sep, "/")
        line = line_of_link(source, url, skip=self.seen[(src, url)])
        self.seen[(src, url)] += 1
        return f"{shown}:{line}" if line else shown
