"""The page a development server shows at every address while the build is broken: what the
terminal printed (`file:line: where: what`), in the site's own styles, and the build's last
word. Pure: the server that serves it, and when, is the adapter's business; a built site never
has it (a test checks MARKER is on no built page).
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from pathlib import Path

MARKER = "sc-build-problems"  # the error page's article id
PAGE = f".{MARKER}.html"  # where a server may write it in the served folder: no page's address
_STYLESHEET = re.compile(r'<link rel="stylesheet" href="(/[^"]+\.css)"')
_BODY = re.compile(r"<body([^>]*)>")


@dataclass(frozen=True)
class SiteLook:
    """What the error page borrows from a good build: its stylesheets, kept in memory (a broken
    build may empty the site folder) by URL path, and its body's attributes (the palette)."""

    styles: dict[str, bytes] = field(default_factory=dict)
    body_attributes: str = ""


def site_look(site: Path, mount: str) -> SiteLook | None:
    """The stylesheets and body attributes of a built site's 404 page; None if it has none.
    `mount` is the path the site is served under (`/second-chance/`)."""
    try:
        page = (site / "404.html").read_text(encoding="utf-8")
    except OSError:
        return None
    styles: dict[str, bytes] = {}
    for href in _STYLESHEET.findall(page):
        try:
            styles[href] = (site / href.removeprefix(mount).lstrip("/")).read_bytes()
        except OSError:
            continue
    body = _BODY.search(page)
    return SiteLook(styles, body[1] if body else "")


def error_page(problems: list[str], *, closing: str, site_name: str, stylesheets: list[str], body: str = "") -> str:
    """The problems as a page in the site's styles, every line as the terminal printed it: a
    head line ("2 problems in the guide's content:") over its list, the generator's warnings
    (each one stops a strict build) in a list of their own, then the build's last word."""
    sections: list[str] = []
    warnings: list[str] = []
    for message in problems:
        head, *rest = [line for line in message.splitlines() if line.strip()] or [""]
        if rest and head.rstrip().endswith(":"):
            sections.append(f"<h2>{html.escape(head.rstrip())}</h2>" + _list(rest))
        else:
            warnings += [head, *rest]
    if warnings:
        count = len(warnings)
        head = f"{count} warning{'s' if count != 1 else ''}; the build is strict, so each one stops it:"
        sections.insert(0, f"<h2>{html.escape(head)}</h2>" + _list(warnings))
    links = "".join(f'<link rel="stylesheet" href="{html.escape(href)}">' for href in stylesheets)
    name = html.escape(site_name)
    return (
        '<!doctype html><html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width,initial-scale=1">'
        f"<title>The site could not be built - {name}</title>{links}</head>"
        f"<body{body}>"
        '<header class="md-header"><nav class="md-header__inner md-grid"><div class="md-header__title">'
        f'<div class="md-header__ellipsis"><span class="md-header__topic md-ellipsis">{name}</span></div>'
        "</div></nav></header>"
        '<div class="md-container"><main class="md-main"><div class="md-main__inner md-grid">'
        f'<div class="md-content"><article class="md-content__inner md-typeset" id="{MARKER}">'
        "<h1>The site could not be built</h1>"
        "<p>Each line names the file and the line to open. Fix them and save: this page reloads "
        "by itself and shows the page again.</p>"
        + "".join(sections)
        + f"<p>{html.escape(closing)}</p></article></div></div></main></div></body></html>"
    )


def _list(lines: list[str]) -> str:
    return "<ul>" + "".join(f"<li><code>{html.escape(line.strip())}</code></li>" for line in lines) + "</ul>"
