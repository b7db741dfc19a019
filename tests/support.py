"""Helpers shared by test modules: project paths, running a site generator, a throwaway copy
of the project, the site's content loaded once, and browser helpers.

Test modules import from here, never from conftest.py or from each other, so each module
can be run (and sent to an xdist worker) on its own.
"""

from __future__ import annotations

import contextlib
import functools
import io
import json
import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from guide.content.loading import Content, load_content
from sitetools import ROOT as ROOT  # the tests import these two from here
from sitetools import address_of, mkdocs_env, reserved_port, serve_directory
from sitetools import copy_project as copy_project

FIXTURES = Path(__file__).parent / "fixtures"
GOLDEN = Path(__file__).parent / "golden"


def shipped_theme_css() -> dict[str, Path]:
    """Material's stylesheets as it ships them, by the first part of their name (main,
    palette): what hooks/theme_css.py prunes in a built site."""
    import material

    from guide.assets.unused_css import THEME_CSS

    folder = Path(material.__file__).parent / "templates" / THEME_CSS
    return {path.name.split(".")[0]: path for path in folder.glob("*.min.css")}


def site_paths() -> list[str]:
    """Every page of the English site, as its address below the root ('' for home, then
    'about/', 'phases/own-it/'... and '404.html'), known without building: the hand-written
    pages in docs/ and the pages generated from the content. Tests that visit every page are
    parametrized with it, so xdist spreads them over workers; test_quality_browser.py checks
    that it names exactly the pages a build writes."""
    from guide.rendering.markdown import site_pages

    sources = [path.relative_to(ROOT / "docs").as_posix() for path in (ROOT / "docs").rglob("*.md")]
    sources += [page.src_uri for page in site_pages(site_content())]
    addresses = {"" if src == "index.md" else src.removesuffix("index.md").removesuffix(".md") + "/" for src in sources}
    return [*sorted(address.replace("//", "/") for address in addresses), "404.html"]


@functools.cache
def site_content() -> Content:
    """The real content, read and validated once per test process (each xdist worker)."""
    return load_content(ROOT / "content")


def run_mkdocs(
    project: Path, *args: str, site_url: str | None = None, timeout: float = 180
) -> subprocess.CompletedProcess[str]:
    return run_engine([sys.executable, "-m", "mkdocs", *args], project, site_url=site_url, timeout=timeout)


@contextlib.contextmanager
def served_build(project: Path, *, after: Callable[[Path], None] | None = None) -> Iterator[str]:
    """`project` built with `--strict` for a free local port, then served there (its address);
    `after`, if given, sees the built site folder first (to check it, or break it)."""
    held = reserved_port()
    result = run_mkdocs(project, "build", "--strict", site_url=address_of(held))
    assert result.returncode == 0, result.stdout + result.stderr
    if after is not None:
        after(project / "site")
    with serve_directory(project / "site", port=held) as url:
        yield url


def build_languages(project: Path, out: Path, *, site_url: str) -> subprocess.CompletedProcess[str]:
    """Every language into `out` (English) and `out`/xx/, as `make build` does."""
    script = project / "hooks" / "build_languages.py"
    return run_engine([sys.executable, str(script), str(out)], project, site_url=site_url, timeout=300)


# The hook-free stack: Zensical, pinned in pyproject.toml's zensical extra, in its own venv
# (`make zensical-env`, which `make test` runs), or $ZENSICAL.
ZENSICAL = ROOT / ".venv-zensical" / "bin" / "zensical"
ENGINES = ("hooks", "zensical")  # what `site_url` and `languages_url` take as an indirect parameter


def zensical_command() -> str | None:
    return os.environ.get("ZENSICAL") or (str(ZENSICAL) if ZENSICAL.exists() else None)


def require_zensical() -> str:
    """The Zensical command; without one the test is skipped on a contributor's machine, with
    the command that installs it, and fails in CI (CI=true), as a missing browser engine does."""
    import pytest

    command = zensical_command()
    if command is not None:
        return command
    message = f"{ZENSICAL} is missing: `make zensical-env` installs the pinned Zensical (`make test` does)"
    if os.environ.get("CI") == "true":
        pytest.fail(message)
    pytest.skip(message)


def build_zensical(project: Path, out: Path, *, site_url: str) -> subprocess.CompletedProcess[str]:
    """Every language of `project`'s hook-free export built by Zensical into `out` (English)
    and `out`/xx/, with French typography and the policy over the whole tree: `make zensical`."""
    from guide.export import write_export

    command = zensical_command()
    if command is None:
        raise FileNotFoundError(f"{ZENSICAL} is missing: `make zensical-env` installs it")
    exported = out.parent / f"{out.name}-export"
    write_export(project, exported, site_url=site_url)
    script = project / "hooks" / "build_zensical.py"
    result = run_engine([sys.executable, str(script), str(exported), command], project, site_url=site_url, timeout=300)
    if result.returncode == 0:
        if out.exists():
            out.rmdir()  # an empty folder made for it
        (exported / "site").rename(out)
    return result


def run_engine(
    command: list[str], project: Path, *, site_url: str | None = None, timeout: float = 180
) -> subprocess.CompletedProcess[str]:
    """Run a site generator's command line (MkDocs, ProperDocs, Zensical) in `project`."""
    return subprocess.run(
        command,
        cwd=project,
        env=mkdocs_env(site_url),
        capture_output=True,
        text=True,
        timeout=timeout,
    )


# --- browser ---------------------------------------------------------------------------------

# Debian's chromium-headless-shell: Chromium's headless build, from the same source package and
# version as `chromium` (the same Blink and V8; tests/test_chromium.py checks), without the
# desktop browser around them. A fresh profile and tab, which nearly every browser test starts
# with, cost about a third of the CPU they cost in the full browser (README, Tests).
# CHROMIUM=/usr/bin/chromium runs the tests in the full one.
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium-headless-shell")
# The full browser, for what only it does: restoring a page from the back-forward cache.
FULL_CHROMIUM = os.environ.get("FULL_CHROMIUM", "/usr/bin/chromium")
# The full browser asks for the page's favicon after load; the shell, with no tab strip to show
# it in, never does.
ASKS_FOR_FAVICON = Path(CHROMIUM).name != "chromium-headless-shell"

PHONE = {"viewport": {"width": 390, "height": 844}, "has_touch": True, "is_mobile": True}
ODD_IDS = ("constructor", "import", "export", "valueof", "tostring")
EXIT_URL = site_content().safety.quick_exit.url
NEUTRAL = "<!doctype html><title>Weather</title><p>Neutral stand-in</p>"
EXIT_GLOB = EXIT_URL.rstrip("/") + "**"  # the exit's target, to answer inside a test

# Counts every storage call a page makes, so tests can say "none at all".
COUNT_STORAGE = """
window.__storageCalls = [];
for (const name of ['getItem', 'setItem', 'removeItem', 'key', 'clear']) {
  const real = Storage.prototype[name];
  Storage.prototype[name] = function (...args) { window.__storageCalls.push(name); return real.apply(this, args); };
}
for (const area of ['localStorage', 'sessionStorage']) {
  const real = Object.getOwnPropertyDescriptor(window, area).get;
  Object.defineProperty(window, area, { get() { window.__storageCalls.push(area); return real.call(window); } });
}
"""


def guarded_context(browser: Any, site_url: str, offsite: list[str], **options: Any) -> Any:
    """A fresh browser profile (empty storage) whose requests to other origins are refused and
    recorded in `offsite`."""
    ctx = browser.new_context(base_url=site_url, **options)
    ctx.set_default_timeout(10_000)

    def guard(route: Any) -> None:
        if route.request.url.startswith(site_url) or route.request.url.startswith("data:"):
            route.continue_()
        else:
            offsite.append(route.request.url)
            route.abort()

    ctx.route("**/*", guard)
    return ctx


@contextlib.contextmanager
def phone_page(browser: Any, site_url: str, offsite: list[str]) -> Iterator[Any]:
    """A page in a fresh profile on a 390x844 touch screen, as most readers see the site; it
    fails the test on a script error or a request to another origin."""
    ctx = guarded_context(browser, site_url, offsite, **PHONE)
    errors: list[str] = []
    tab = ctx.new_page()
    tab.on("pageerror", lambda error: errors.append(str(error)))
    yield tab
    ctx.close()
    assert errors == [], f"JavaScript errors on the page: {errors}"
    assert offsite == [], "the site requested another origin"


def nav_link(page: Any, title: str) -> Any:
    """A link in the main navigation (Material makes their hrefs absolute, so find by name)."""
    return page.locator(".md-sidebar--primary").get_by_role("link", name=title, exact=True).first


def pdf_pages(page: Any) -> list[str]:
    """Print the page to PDF in Chromium and read back each printed page's text."""
    from pypdf import PdfReader

    page.emulate_media(media="print")
    data = page.pdf(format="A4", print_background=False)
    return [p.extract_text() or "" for p in PdfReader(io.BytesIO(data)).pages]


def squash(text: str) -> str:
    return " ".join(text.split())


# Resolves once every finite CSS transition and animation on the page has ended, two frames
# after the call so that one just triggered (a class change, a scroll) is counted too.
_SETTLED = """() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => {
  const finite = document.getAnimations().filter((a) => a.effect && a.effect.getComputedTiming().endTime !== Infinity);
  Promise.all(finite.map((a) => a.finished.catch(() => null))).then(() => resolve(true));
})))"""


def settle(page: Any) -> None:
    """Wait for the page's transitions to end: Material fades the header title in over
    0.15 s, and a colour measured partway (4.39:1) fails axe's contrast rule now and then."""
    page.evaluate(_SETTLED)


# --- the checklist's saved record, for the checklist modules -------------------------------------

CHECKLIST_KEY = "second-chance:checklist"


def record(page: Any) -> Any:
    """The checklist's saved record in this page's storage, parsed, or None."""
    raw = page.evaluate(f"() => localStorage.getItem('{CHECKLIST_KEY}')")
    return json.loads(raw) if raw is not None else None


def box(page: Any, item_id: str) -> Any:
    """The checkbox of checklist item `item_id` (DOM ids are namespaced: sc-item-ID)."""
    return page.locator(f"#sc-item-{item_id}")


def keep(page: Any, root: str = "") -> None:
    """Answer the question the first tick asks: keep ticks on this device."""
    page.locator(f"{root} [data-sc-checklist-keep-when=ask] [data-sc-checklist-action=keep]".strip()).first.click()


def neutral_exit(page: Any, url: str = EXIT_URL) -> None:
    """Answer the exit's target (the English one, or `url`: another language's) inside the
    test: no request reaches the real network."""
    glob = url.rstrip("/") + "**"
    page.route(glob, lambda route: route.fulfill(status=200, content_type="text/html", body=NEUTRAL))


# A YAML "billion laughs": 9 levels of 9 aliases, a billion strings if expanded. The loader must
# refuse it at once (tests/unit/test_content_errors.py, and a whole build in test_page_check.py).
ALIAS_BOMB = "a: &a [lol,lol,lol,lol,lol,lol,lol,lol,lol]\n" + "".join(
    f"{name}: &{name} [{','.join([f'*{previous}'] * 9)}]\n"
    for previous, name in zip("abcdefgh", "bcdefghi", strict=True)
)
