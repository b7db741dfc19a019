"""MkDocs hook, for `mkdocs serve` only: while the build is broken, every address answers at
once with a page that lists the problems (guide/rendering/problem_page.py), and live reload stays
connected.

MkDocs 1.6 alone prints the problems and then holds every request until a build succeeds, so
the browser hangs and an open tab keeps the old page. Here the rebuild is wrapped: a failed
build records what it logged (the same lines the terminal shows, `file:line: where: what`)
and lets the server move on to a new version, so open tabs reload onto the error page; the
next good build clears it and they reload onto the real page. The page is written into the
server's own (temporary) site folder and served by MkDocs' app, which adds its live-reload
script as to any page; `mkdocs build` never runs on_serve, so it never reaches a built site,
and a broken `make build` or CI run fails exactly as before. Only public parts of MkDocs are
used: the server's `builder`, `root`, `mount_path`, `get_app` and `set_app`, and the
`DuplicateFilter` of mkdocs.utils.
"""

from __future__ import annotations

import logging
import sys
import threading
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import MkDocsException
from mkdocs.livereload import LiveReloadServer
from mkdocs.utils import DuplicateFilter

from guide.rendering.problem_page import PAGE, SiteLook, error_page, site_look

log = logging.getLogger("mkdocs.serve_errors")

Environ = dict[str, Any]
StartResponse = Callable[..., Any]


class _Capture(logging.Handler):
    """Every warning and error MkDocs logs while one build runs: what the terminal shows."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def on_serve(server: LiveReloadServer, *, config: MkDocsConfig, builder: Any) -> LiveReloadServer:
    site, lock = Path(server.root), threading.Lock()
    state: dict[str, Any] = {"broken": False, "look": site_look(site, server.mount_path) or SiteLook()}
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
        # The last failure's page goes before the build, not after it: the folder's hidden files
        # outlive MkDocs' cleaning, and the build's own last steps (search's index, the policy)
        # read every page in the folder. Requests wait while MkDocs builds.
        (site / PAGE).unlink(missing_ok=True)
        capture = _Capture()
        logging.getLogger("mkdocs").addHandler(capture)
        try:
            build()
        except (Exception, SystemExit) as error:
            if isinstance(error, SystemExit):
                print(error, file=sys.stderr)  # as MkDocs does: "Aborted with a BuildError!"
            else:  # a bug rather than a content mistake: MkDocs would print the traceback too
                log.exception("The rebuild failed")
            problems, closing = capture.messages, _describe(error)
            if not problems:
                problems, closing = [closing], "The terminal shows where it happened."
            with lock:
                look: SiteLook = state["look"]
                page = error_page(
                    problems,
                    closing=closing,
                    site_name=config.site_name,
                    stylesheets=list(look.styles),
                    body=look.body_attributes,
                )
                site.mkdir(parents=True, exist_ok=True)
                (site / PAGE).write_text(page, encoding="utf-8")
                state["broken"] = True
            log.info("Every page shows these problems until a build succeeds; save a fix to reload.")
            return  # the server publishes a new version, and open tabs reload onto the error page
        finally:
            logging.getLogger("mkdocs").removeHandler(capture)
        with lock:
            state["broken"] = False
            state["look"] = site_look(site, server.mount_path) or state["look"]

    server.builder = checked_build
    serve = server.get_app()
    assert serve is not None

    def app(environ: Environ, start_response: StartResponse) -> Iterable[bytes]:
        path = environ.get("PATH_INFO", "")
        with lock:
            broken, look = state["broken"], state["look"]
        if not broken or path.startswith("/livereload/"):
            return serve(environ, start_response)
        if path in look.styles:
            start_response("200 OK", [("Content-Type", "text/css")])
            return [look.styles[path]]

        def failed(status: str, headers: list[tuple[str, str]], *rest: Any) -> Any:
            return start_response("500 Internal Server Error", headers, *rest)

        # MkDocs' own app serves the page, with its live-reload script, so the tab reloads on a fix.
        return serve({**environ, "PATH_INFO": server.mount_path + PAGE}, failed)

    server.set_app(app)
    return server


def _describe(error: BaseException) -> str:
    """The build's last word: "Aborted with 2 warnings in strict mode!", or the bug's name."""
    if isinstance(error, MkDocsException):
        return error.format_message()
    if isinstance(error, SystemExit):
        return str(error)
    return f"{type(error).__name__}: {error}"
