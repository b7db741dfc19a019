"""Helpers for tests and the benchmark: copy the project, parse a built site, and serve a
directory over http on loopback."""

from __future__ import annotations

import functools
import gzip
import os
import shutil
import socket
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from html.parser import HTMLParser
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# Every language's config (mkdocs.yml, mkdocs.es.yml...) and the folders they read: what a copy
# of the project needs to build (the tests' throwaway copies, the benchmark's snapshots).
PROJECT_PARTS = (
    *sorted(path.name for path in ROOT.glob("mkdocs*.yml")),
    "docs",
    "hooks",
    "components",
    "overrides",
    "content",
)


def copy_project(target: Path, source: Path = ROOT) -> Path:
    """A copy of the site's sources (`source`: this project, or a snapshot of it) in `target`."""
    target.mkdir(parents=True, exist_ok=True)
    for part in PROJECT_PARTS:
        if (source / part).is_dir():
            shutil.copytree(source / part, target / part, ignore=shutil.ignore_patterns("__pycache__"))
        elif (source / part).exists():
            shutil.copy2(source / part, target / part)
    return target


@dataclass
class Element:
    tag: str
    attrs: dict[str, str]
    text: str = ""


@dataclass
class ParsedPage:
    """The parts of a page tests look at, from Python's own HTML parser."""

    elements: list[Element] = field(default_factory=list)
    title: str = ""

    def find(self, tag: str, **attrs: str) -> list[Element]:
        return [
            e
            for e in self.elements
            if e.tag == tag and all(e.attrs.get(k.replace("_", "-")) == v for k, v in attrs.items())
        ]

    def meta(self, name: str) -> str | None:
        found = self.find("meta", name=name)
        return found[0].attrs.get("content") if found else None

    def urls(self) -> list[str]:
        """Every URL the page refers to, from any attribute that can hold one."""
        keys = ("href", "src", "action", "poster", "data", "srcset", "content")
        out = []
        for e in self.elements:
            for key in keys:
                value = e.attrs.get(key)
                if value and (key != "content" or e.attrs.get("http-equiv") == "refresh"):
                    out.append(value)
        return out


class _Parser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.page = ParsedPage()
        self._open: list[Element] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = Element(tag, {k: v or "" for k, v in attrs})
        self.page.elements.append(element)
        if tag not in ("meta", "link", "img", "input", "br", "hr", "source"):
            self._open.append(element)

    def handle_endtag(self, tag: str) -> None:
        for index in range(len(self._open) - 1, -1, -1):
            if self._open[index].tag == tag:
                del self._open[index:]
                break

    def handle_data(self, data: str) -> None:
        for element in self._open:
            element.text += data
        if self._open and self._open[-1].tag == "title":
            self.page.title += data


def parse_html(html: str) -> ParsedPage:
    parser = _Parser()
    parser.feed(html)
    parser.close()
    return parser.page


@dataclass
class BuiltSite:
    root: Path
    build_log: str = ""
    url: str = ""  # the address it was built for (site_url)

    def html_files(self) -> list[Path]:
        return sorted(self.root.rglob("*.html"))

    def page(self, url_path: str) -> ParsedPage:
        """`phases/own-it/` -> the parsed `phases/own-it/index.html`."""
        path = (
            self.root / url_path.strip("/") / "index.html" if not url_path.endswith(".html") else self.root / url_path
        )
        return parse_html(path.read_text(encoding="utf-8"))


def mkdocs_env(site_url: str | None = None) -> dict[str, str]:
    """The environment for running MkDocs: no MkDocs 2 banner, and SITE_URL only if given
    (an exported one from the caller's shell would otherwise change what is built)."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    env.pop("SITE_URL", None)
    return env | ({"SITE_URL": site_url} if site_url else {})


# Debian's Chromium, headless on a machine with no outside network: without the background
# networking flags it tries (and fails) to reach Google's services at every start.
CHROMIUM_FLAGS = (
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
)


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


class _HostLikeHandler(_QuietHandler):
    """Serves files as static hosts do (GitHub Pages, Netlify): gzip, and a cache lifetime."""

    def do_GET(self) -> None:
        path = Path(self.translate_path(self.path))
        if path.is_dir() and self.path.split("?", 1)[0].endswith("/"):
            path = path / "index.html"
        if "gzip" not in self.headers.get("Accept-Encoding", "") or not path.is_file():
            return super().do_GET()  # redirects, 404s and clients that do not take gzip
        body = gzip.compress(path.read_bytes(), compresslevel=6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "max-age=600")  # what GitHub Pages sends
        self.end_headers()
        self.wfile.write(body)


class _Server(ThreadingHTTPServer):
    """A browser that moves on (a click, the quick exit) drops requests half-sent: not an
    error of the site, so not a traceback in the test run's output."""

    # A page asks for up to 15 files at once (the Zensical build serves each script apart), from
    # two workers' browsers: the default listen backlog of 5 can overflow while a loaded
    # machine is slow to accept, and a dropped connection is retried only after a second.
    request_queue_size = 128

    def handle_error(self, request: object, client_address: object) -> None:
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)  # type: ignore[arg-type]


def free_port() -> int:
    """A port free now, for another process to take (`mkdocs serve`). It may be taken by then:
    a site served here reserves its port instead (`reserved_port`)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def reserved_port() -> socket.socket:
    """A port bound now and held until `serve_directory` serves on it, for a site that must
    know its address before it is built. A port only probed (free_port) was free again during
    the build, and a server this run started meanwhile took it once ("Address already in use").
    Left unserved (a failed build), it is closed with the garbage."""
    held = socket.socket()
    held.bind(("127.0.0.1", 0))
    return held


def address_of(held: socket.socket) -> str:
    """The address of a site served on a held port."""
    return f"http://127.0.0.1:{held.getsockname()[1]}/"


@contextmanager
def serve_directory(root: Path, port: int | socket.socket = 0, *, like_a_host: bool = False) -> Iterator[str]:
    """Serve `root` on 127.0.0.1, on `port`: a number (0, any), or a socket from reserved_port.
    `like_a_host` adds the gzip and caching a real host gives."""
    handler = functools.partial(_HostLikeHandler if like_a_host else _QuietHandler, directory=str(root))
    if isinstance(port, socket.socket):
        server = _Server(port.getsockname(), handler, bind_and_activate=False)
        server.socket.close()
        server.socket = port
        server.server_activate()
    else:
        server = _Server(("127.0.0.1", port), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
