"""MkDocs hook, for `mkdocs serve` only: while the build is broken, every address answers at
once with a page that lists the problems, and live reload stays connected.

MkDocs 1.6 alone prints the problems and then holds every request until a build succeeds, so
the browser hangs and an open tab keeps the old page. Here the rebuild is wrapped: a failed
build records what it logged (the same lines the terminal shows, `file:line: where: what`)
and lets the server move on to a new version, so open tabs reload onto the error page; the
next good build clears it and they reload onto the real page. The page lives in memory and
is served by the dev server alone: `mkdocs build` never runs on_serve, so it never reaches a
built site, and a broken `make build` or CI run fails exactly as before.
"""

from __future__ import annotations

import html
import logging
import re
import sys
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import MkDocsException
from mkdocs.livereload import LiveReloadServer
from mkdocs.utils import DuplicateFilter

log = logging.getLogger("mkdocs.serve_errors")

MARKER = "sc-build-problems"  # the error page's article id; a test checks no built page has it
_STYLESHEET = re.compile(r'<link rel="stylesheet" href="(/[^"]+\.css)"')
_BODY = re.compile(r"<body([^>]*)>")

Environ = dict[str, Any]
StartResponse = Callable[..., Any]


class _Capture(logging.Handler):
    """Every warning and error MkDocs logs while one build runs: what the terminal shows."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


@dataclass
class _State:
    """What the last build left: its problems (none when it worked) and the site's styles."""

    site_name: str
    problems: list[str] = field(default_factory=list)
    closing: str = ""  # "Aborted with a BuildError!"
    styles: dict[str, bytes] = field(default_factory=dict)  # URL path -> stylesheet
    body_attributes: str = ""
    lock: threading.Lock = field(default_factory=threading.Lock)


def on_serve(server: LiveReloadServer, *, config: MkDocsConfig, builder: Any) -> LiveReloadServer:
    state = _State(site_name=config.site_name)
    _keep_styles(state, Path(server.root), server.mount_path)
    build = server.builder

    def checked_build() -> None:
        # MkDocs' command line puts a DuplicateFilter on the build's logger for the life of the
        # process: under `serve` it hid every message already seen once, so a second break
        # printed no problems ("Aborted with 1 warnings" and nothing above it) and a fix whose
        # build took as long as an earlier one never said "Documentation built". Each build
        # starts with it empty: one build still says each thing once.
        for kept in logging.getLogger("mkdocs.commands.build").filters:
            if isinstance(kept, DuplicateFilter):
                kept.msgs.clear()
        capture = _Capture()
        logging.getLogger("mkdocs").addHandler(capture)
        try:
            build()
        except (Exception, SystemExit) as error:
            if isinstance(error, SystemExit):
                print(error, file=sys.stderr)  # as MkDocs does: "Aborted with a BuildError!"
            else:  # a bug rather than a content mistake: MkDocs would print the traceback too
                log.exception("The rebuild failed")
            with state.lock:
                if capture.messages:
                    state.problems, state.closing = capture.messages, _describe(error)
                else:
                    state.problems, state.closing = [_describe(error)], "The terminal shows where it happened."
            log.info("Every page shows these problems until a build succeeds; save a fix to reload.")
            return  # the server publishes a new version, and open tabs reload onto the error page
        finally:
            logging.getLogger("mkdocs").removeHandler(capture)
        with state.lock:
            state.problems = []
        _keep_styles(state, Path(server.root), server.mount_path)

    server.builder = checked_build
    serve = server.get_app()
    assert serve is not None

    def app(environ: Environ, start_response: StartResponse) -> Iterable[bytes]:
        path = environ.get("PATH_INFO", "")
        with state.lock:
            problems, styles, closing = list(state.problems), dict(state.styles), state.closing
        if not problems or path.startswith("/livereload/"):
            return serve(environ, start_response)
        if path in styles:
            start_response("200 OK", [("Content-Type", "text/css")])
            return [styles[path]]
        page = error_page(
            problems, closing=closing, site_name=state.site_name, stylesheets=list(styles), body=state.body_attributes
        )
        # MkDocs' own live-reload script, with the version now shown, so the tab reloads on a fix.
        body: bytes = server._inject_js_into_html(page.encode("utf-8"), server._visible_epoch)  # type: ignore[no-untyped-call]
        start_response("500 Internal Server Error", [("Content-Type", "text/html; charset=utf-8")])
        return [body]

    server.set_app(app)
    return server


def _describe(error: BaseException) -> str:
    """The build's last word: "Aborted with 2 warnings in strict mode!", or the bug's name."""
    if isinstance(error, MkDocsException):
        return error.format_message()
    if isinstance(error, SystemExit):
        return str(error)
    return f"{type(error).__name__}: {error}"


def _keep_styles(state: _State, site: Path, mount: str) -> None:
    """The stylesheets a good build's 404 page links, kept in memory: a broken build may have
    emptied the site folder, and the error page still wears the site's styles."""
    try:
        page = (site / "404.html").read_text(encoding="utf-8")
    except OSError:
        return
    styles: dict[str, bytes] = {}
    for href in _STYLESHEET.findall(page):
        try:
            # Served under the site address's path (`/second-chance/` without SITE_URL).
            styles[href] = (site / href.removeprefix(mount).lstrip("/")).read_bytes()
        except OSError:
            continue
    body = _BODY.search(page)
    with state.lock:
        state.styles = styles
        state.body_attributes = body[1] if body else ""


def error_page(problems: list[str], *, closing: str, site_name: str, stylesheets: list[str], body: str = "") -> str:
    """The problems as a page in the site's styles, every line as the terminal printed it: a
    head line ("2 problems in the guide's content:") over its list, MkDocs' warnings (each one
    stops a strict build) in a list of their own, then the build's last word."""
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
