"""What markup may reach a page: links, resources and attributes, checked on rendered HTML.

The rules are checked on HTML, after Markdown has run, because that is what the browser
gets: `[x](&#106;avascript:...)`, `<javascript:...>` or an attribute list all look harmless
as text. Two users: `validate` renders each content text on its own and reports what it
finds at the text's file and line; a build hook runs the same rules on every built
page, hand-written ones included.

- links (`a`, `area`) go to http(s), mailto:, tel:, sms: or a path in this site (content may
  also use guide: links, resolved before pages are built);
- resources (images, media, anything with `src`, `srcset`, `poster`...) come from this site:
  a relative path, never another origin, `//host/...` or a data: URL;
- no script, style, frame, object, form or meta element, no event-handler (`on...`) or
  `style` attribute: the Content-Security-Policy would block them anyway, so they can only be
  mistakes, and the build should say so rather than leave a broken page.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from html.parser import HTMLParser

import markdown

# The Markdown extensions of mkdocs.yml (a test keeps the two lists the same).
SITE_EXTENSIONS: tuple[str, ...] = ("admonition", "attr_list", "md_in_html", "toc", "pymdownx.superfences")
EXTENSION_CONFIGS = {"toc": {"permalink": True, "toc_depth": 3}}

LINK_SCHEMES = frozenset({"http", "https", "mailto", "tel", "sms"})
CONTENT_LINK_SCHEMES = LINK_SCHEMES | {"guide"}

_FORBIDDEN_TAGS = {
    "script": "a <script> element: scripts come only from components/, never from a page",
    "style": "a <style> element: styles belong in overrides/assets/css/site.css",
    **{
        tag: f"a <{tag}> element is not allowed in a page"
        for tag in (
            "iframe",
            "frame",
            "frameset",
            "object",
            "embed",
            "applet",
            "portal",
            "base",
            "link",
            "meta",
            "form",
        )
    },
}
# Attributes that make the browser fetch something, on any element.
_RESOURCE_ATTRS = {"src", "srcset", "poster", "data", "background", "lowsrc", "dynsrc", "xlink:href"}
_RESOURCE_HREF_TAGS = {"image", "use", "feimage"}  # SVG elements whose href is a fetch
# Attributes that hold an address the reader may be sent to.
_LINK_ATTRS = {"href", "action", "formaction", "cite", "ping", "longdesc", "manifest", "codebase"}
_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*):")
_IGNORED_IN_URLS = re.compile(r"[\t\n\r]")  # browsers drop these anywhere in a URL
_C0_AND_SPACE = "".join(map(chr, range(0x21)))  # and these at either end


@dataclass(frozen=True)
class Finding:
    """Something a page must not carry, and a piece of its source text to find its line by."""

    message: str
    needle: str


def html_findings(html: str, *, link_schemes: Iterable[str] = LINK_SCHEMES) -> list[Finding]:
    """Every link, resource, element or attribute in `html` that breaks the rules above."""
    checker = _Checker(frozenset(link_schemes))
    checker.feed(html)
    checker.close()
    return checker.findings


def content_findings(text: str) -> list[Finding]:
    """The rules, for one content text rendered on its own with the site's extensions.

    Reference definitions (`[name]: address`) are refused too: on a page they would serve
    links written in other fields, which this per-text check could not see.
    """
    if "[" not in text:
        return []  # Markdown makes links and images only from brackets (and <...>, refused as HTML)
    md = _markdown()
    md.reset()
    html = md.convert(text)
    findings = html_findings(html, link_schemes=CONTENT_LINK_SCHEMES)
    if md.references:
        findings.append(
            Finding("reference links ([name]: address) are not allowed; write [text](address) in place", "]:")
        )
    return findings


@cache
def _markdown() -> markdown.Markdown:
    return markdown.Markdown(extensions=list(SITE_EXTENSIONS), extension_configs=EXTENSION_CONFIGS)


def url_scheme(url: str) -> str | None:
    """The scheme a browser would see in `url` (lower-case), or None for a relative address."""
    match = _SCHEME.match(_normalised(url))
    return match.group(1).lower() if match else None


def is_in_site(url: str) -> bool:
    """A relative address or an absolute path on this site: no scheme, no `//host`."""
    url = _normalised(url).replace("\\", "/")
    return url_scheme(url) is None and not url.startswith("//")


def _normalised(url: str) -> str:
    return _IGNORED_IN_URLS.sub("", url).strip(_C0_AND_SPACE)


def _link_problem(url: str, schemes: frozenset[str]) -> str | None:
    scheme = url_scheme(url)
    if scheme is None:
        if _normalised(url).replace("\\", "/").startswith("//"):
            return f"link to '{url}' has no scheme: write the full https:// address"
        return None
    if scheme in schemes:
        return None
    allowed = ", ".join(f"{name}:" for name in sorted(schemes))
    return f"link to '{_short(url)}' is not allowed: links may use {allowed} or a path in this site"


def _short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 3] + "..."


class _Checker(HTMLParser):
    def __init__(self, link_schemes: frozenset[str]) -> None:
        super().__init__(convert_charrefs=True)  # attribute values arrive as the browser reads them
        self.link_schemes = link_schemes
        self.findings: list[Finding] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _FORBIDDEN_TAGS:
            self.findings.append(Finding(_FORBIDDEN_TAGS[tag], f"<{tag}"))
        for name, value in attrs:
            self._attribute(tag, name, value or "")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)

    def _attribute(self, tag: str, name: str, value: str) -> None:
        if name.startswith("on"):
            self.findings.append(Finding(f"an event-handler attribute ({name}) is not allowed", name))
        elif name in ("style", "srcdoc"):
            self.findings.append(Finding(f"a {name} attribute is not allowed; use a class and site.css", name))
        elif name in _RESOURCE_ATTRS or (name == "href" and tag in _RESOURCE_HREF_TAGS):
            urls = [part.strip().split(" ")[0] for part in value.split(",")] if name == "srcset" else [value]
            for url in urls:
                if url and not is_in_site(url):
                    what = "image" if tag == "img" else f"<{tag}> {name}"
                    message = f"{what} '{_short(url)}' is not from this site: use a file in this site instead"
                    self.findings.append(Finding(message, url))
        elif name in _LINK_ATTRS:
            problem = _link_problem(value, self.link_schemes)
            if problem:
                self.findings.append(Finding(problem, value))
