"""Content-Security-Policy for a built static site: pure code, no MkDocs. `apply_policy` is the
one computation, whatever engine built the site; a build's hook and a command line call it.

Material writes a few small inline scripts into every page (they differ with the page's
depth), so the policy allows exactly those, by hash, and nothing from any other origin.
Every page gets the same policy as a `<meta http-equiv>`: Material's instant navigation keeps
the first page's policy while it swaps in later pages, so each page must allow them all.
Hosts that send real headers get the stricter `_headers` file, which can also forbid framing.

Which inline scripts are allowed is decided by where they come from, not by what a page
holds: a built page is the theme's template (Material and overrides/) wrapped around the
page's body, the HTML rendered from its Markdown. `theme_script_hashes` hashes the scripts of
the page with that body taken out, so only template-made scripts are ever allowed; a script in
the body is an error (`script_tags`), and one that slipped past would still have no hash in
the policy, so the browser would refuse to run it.
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Iterable, Mapping
from pathlib import Path

# An inline <script> (no src attribute) and its exact text, which is what browsers hash.
_INLINE_SCRIPT = re.compile(r"<script\b(?![^>]*\bsrc\s*=)[^>]*>(.*?)</script\s*>", re.IGNORECASE | re.DOTALL)
_CHARSET = re.compile(r"<meta\s+charset=[\"']?utf-8[\"']?\s*/?>", re.IGNORECASE)
_HEAD = re.compile(r"<head\b[^>]*>", re.IGNORECASE)
_SCRIPT_TAG = re.compile(r"<script\b", re.IGNORECASE)
_POLICY_HASH = re.compile(r"'sha256-[A-Za-z0-9+/]+=*'")
_OURS = re.compile(r'<meta http-equiv="Content-Security-Policy" content="[^"]*"><meta name="referrer" content="[^"]*">')

REFERRER_POLICY = "no-referrer"


def inline_script_hashes(html: str) -> set[str]:
    """CSP source expressions ('sha256-...') for every inline script in `html`."""
    return {_sha256(match.group(1)) for match in _INLINE_SCRIPT.finditer(html)}


def theme_script_hashes(page_html: str, body_html: str) -> set[str]:
    """Hashes of the inline scripts in `page_html` outside `body_html`, the page's rendered
    Markdown: those the templates wrote. ValueError if the body is not in the page as it is."""
    if body_html:
        if body_html not in page_html:
            raise ValueError("the page's body is not in its HTML: cannot tell template scripts from the page's own")
        page_html = page_html.replace(body_html, "", 1)
    return inline_script_hashes(page_html)


_ARTICLE = re.compile(r"<article\b[^>]*\bmd-content__inner\b[^>]*>(.*)</article\s*>", re.IGNORECASE | re.DOTALL)


def article_body(page_html: str) -> str | None:
    """The page's own content in a built Material-style page (the `md-content__inner` article),
    for when only the built HTML is at hand; None for a page made by a template alone."""
    match = _ARTICLE.search(page_html)
    return match.group(1) if match else None


def script_tags(html: str) -> int:
    """How many `<script` tags `html` holds, inline or not."""
    return len(_SCRIPT_TAG.findall(html))


def policy_script_hashes(html: str) -> set[str]:
    """The script hashes in the policy `with_policy` put into `html` (none if it has none)."""
    match = _OURS.search(html)
    return set(_POLICY_HASH.findall(match.group(0))) if match else set()


def policy(script_hashes: Iterable[str], *, for_meta: bool = True) -> str:
    """The site's policy: own origin only, inline scripts by hash, nothing else.

    `frame-ancestors` is only honoured as a real header (browsers ignore it, with a console
    error, in a <meta> tag), so it is added only when `for_meta` is false.
    """
    directives = [
        # Own origin only. Not 'none': Firefox prefetches Material's <link rel="next"> (the
        # next page of this site) under default-src, and blocking it logs a CSP error on every
        # page. Kinds of resource the site never loads are shut below.
        "default-src 'self'",
        "script-src 'self' " + " ".join(sorted(script_hashes)),
        "style-src 'self'",
        "img-src 'self' data:",  # Material's icons are SVG data: URLs in its CSS
        "font-src 'self'",
        "connect-src 'self'",  # instant navigation and the search index
        "worker-src 'self'",  # the search worker
        "object-src 'none'",
        "frame-src 'none'",
        "media-src 'none'",
        # No manifest-src: the site has no manifest, default-src covers one, and WebKit (every
        # iPhone browser) logs the directive as unrecognized on every page.
        "base-uri 'none'",
        "form-action 'none'",  # no page sends a form anywhere
    ]
    if not for_meta:
        directives.append("frame-ancestors 'none'")
    return "; ".join(directives)


def with_policy(html: str, meta_policy: str) -> str:
    """`html` with the policy and the referrer policy as the first tags after the charset.

    They must come before any script for the browser to apply them to it. A page that already
    has them (left from an earlier `mkdocs build --dirty`) gets them replaced, not doubled.
    """
    tags = (
        f'<meta http-equiv="Content-Security-Policy" content="{meta_policy}">'
        f'<meta name="referrer" content="{REFERRER_POLICY}">'
    )
    html = _OURS.sub("", html)
    anchor = _CHARSET.search(html) or _HEAD.search(html)
    if anchor is None:
        raise ValueError("page has no <head>: cannot place the Content-Security-Policy")
    return html[: anchor.end()] + tags + html[anchor.end() :]


def headers_file(header_policy: str) -> str:
    """A `_headers` file (Netlify, Cloudflare Pages and others) for every path."""
    headers = {
        "Content-Security-Policy": header_policy,
        "Referrer-Policy": REFERRER_POLICY,
        "X-Content-Type-Options": "nosniff",
        "X-Frame-Options": "DENY",
        "Permissions-Policy": "camera=(), microphone=(), geolocation=(), interest-cohort=()",
        "Cross-Origin-Opener-Policy": "same-origin",
    }
    return "/*\n" + "".join(f"  {name}: {value}\n" for name, value in headers.items())


def write_policy(site: Path, pages: Mapping[Path, str], script_hashes: Iterable[str]) -> None:
    """Write every page in `pages` (path -> its HTML) with the policy allowing `script_hashes`,
    and `site/_headers` with the header form: the last step of every build."""
    allowed = set(script_hashes)
    meta_policy = policy(allowed)
    for path, text in pages.items():
        path.write_text(with_policy(text, meta_policy), encoding="utf-8")
    (site / "_headers").write_text(headers_file(policy(allowed, for_meta=False)), encoding="utf-8")


def apply_policy(site: Path) -> int:
    """Put the policy into a site any engine built; the page count. Only scripts the theme's
    templates wrote are allowed: those outside the article (a page's own content) of a page the
    theme rendered. A script inside an article, or on a page with no article (an .html file
    copied as it is) that no themed page has too, is refused (ValueError) rather than hashed."""
    pages = sorted(site.rglob("*.html"))
    if not pages:
        raise ValueError(f"{site}: no HTML pages, so no built site to protect")
    texts = {path: path.read_text(encoding="utf-8") for path in pages}
    bodies = {path: article_body(text) for path, text in texts.items()}
    themed = {path: body for path, body in bodies.items() if body is not None}
    strays = [path.relative_to(site).as_posix() for path, body in themed.items() if script_tags(body)]
    if strays:
        raise ValueError(f"{site}: a <script> in the page content of: {', '.join(strays)}")
    allowed: set[str] = set().union(*(theme_script_hashes(texts[path], body) for path, body in themed.items()))
    strays = [
        path.relative_to(site).as_posix()
        for path, text in texts.items()
        if path not in themed and inline_script_hashes(text) - allowed
    ]
    if strays:
        raise ValueError(f"{site}: inline scripts that no theme template wrote, in: {', '.join(strays)}")
    write_policy(site, texts, allowed)
    return len(pages)


def _sha256(text: str) -> str:
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"
