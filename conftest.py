"""Shared fixtures: a real `mkdocs build --strict`, the site served over http, a browser.

At the project's root, so that every test module gets them: those in `tests/` and each
component's own, in its folder (`components/NAME/test_*.py`).

Session fixtures are made once per test process, except the builds many workers need (the
site, the site in every language, and every language built by Zensical from the hook-free
export): under xdist (`make test`) the controller builds each once and serves it for all
workers (shared_builds.py). Helpers live in support.py.

`site_url` and `languages_url` are the hooks' build unless a test asks for another engine's,
indirectly: `@pytest.mark.parametrize("site_url", ENGINES, indirect=True)` runs it on both
stacks, and every fixture built on them (`page`, `phone`, `context`) follows."""

from __future__ import annotations

import os
import socket
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from hypothesis import settings
from shared_builds import WORKER_KEY, Shared, wait_for

from guide.content.loading import Content
from sitetools import CHROMIUM_FLAGS, BuiltSite, address_of, reserved_port, serve_directory
from support import (
    CHROMIUM,
    ENGINES,
    FIXTURES,
    ODD_IDS,
    ROOT,
    build_languages,
    build_zensical,
    copy_project,
    guarded_context,
    phone_page,
    require_zensical,
    run_mkdocs,
    served_build,
    site_content,
)

# Property-based tests draw new examples on every run on a contributor's machine, and the same
# ones in CI (any CI variable set), so a red CI run can be reproduced. See CONTRIBUTING.md.
settings.register_profile("ci", derandomize=True, database=None, print_blob=True)
if os.environ.get("CI"):
    settings.load_profile("ci")


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-goldens", action="store_true", help="rewrite tests/golden from the current output")


@pytest.fixture(scope="session")
def update_goldens(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-goldens"))


# The builds the controller shares with every worker, by name: each builds into a folder for
# the address it will be served on, as production is built for its own address.
SHARED_BUILDS = {
    "site": lambda out, url: run_mkdocs(ROOT, "build", "--strict", "--site-dir", str(out), site_url=url),
    "languages": lambda out, url: build_languages(ROOT, out, site_url=url),
    "zensical": lambda out, url: build_zensical(ROOT, out, site_url=url),
}
_SHARED = pytest.StashKey[Shared]()


@pytest.hookimpl(optionalhook=True)
def pytest_configure_node(node: Any) -> None:
    """xdist's controller, once per worker it starts: where the shared builds will be."""
    stash = node.config.stash
    if _SHARED not in stash:
        stash[_SHARED] = Shared.start(SHARED_BUILDS)
    node.workerinput[WORKER_KEY] = str(stash[_SHARED].folder)


def pytest_unconfigure(config: pytest.Config) -> None:
    if _SHARED in config.stash:
        config.stash[_SHARED].close()


_HELD: dict[str, socket.socket] = {}  # a build's address -> its port, bound until served


def _build(request: pytest.FixtureRequest, name: str, out: Path) -> tuple[BuiltSite, bool]:
    """Build `name`: from the controller under xdist (already served: True), else here."""
    shared = getattr(request.config, "workerinput", {}).get(WORKER_KEY)
    if shared:
        return wait_for(Path(shared), name), True
    held = reserved_port()
    url = address_of(held)
    _HELD[url] = held  # served on this very socket by _served
    result = SHARED_BUILDS[name](out, url)
    assert result.returncode == 0, result.stdout + result.stderr
    return BuiltSite(out, build_log=result.stdout + result.stderr, url=url), False


@pytest.fixture(scope="session")
def _site(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> tuple[BuiltSite, bool]:
    return _build(request, "site", tmp_path_factory.mktemp("site"))


@pytest.fixture(scope="session")
def _languages(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> tuple[BuiltSite, bool]:
    return _build(request, "languages", tmp_path_factory.mktemp("languages"))


def _served(built: tuple[BuiltSite, bool]) -> Iterator[str]:
    site, served = built
    if served:
        yield site.url
        return
    held: socket.socket | int = _HELD.pop(site.url) if site.url in _HELD else urlsplit(site.url).port or 0
    with serve_directory(site.root, port=held) as url:
        yield url


@pytest.fixture(scope="session")
def built_site(_site: tuple[BuiltSite, bool]) -> BuiltSite:
    """The real site, built once per test run with --strict (any warning fails it)."""
    return _site[0]


@pytest.fixture(scope="session")
def hooks_site_url(_site: tuple[BuiltSite, bool]) -> Iterator[str]:
    """The built site served over http on 127.0.0.1 (never file://)."""
    yield from _served(_site)


def _engine_url(request: pytest.FixtureRequest, hooks_fixture: str) -> str:
    engine = getattr(request, "param", ENGINES[0])
    if engine not in ENGINES:
        raise ValueError(f"unknown engine {engine!r}: one of {ENGINES}")
    return str(request.getfixturevalue(hooks_fixture if engine == "hooks" else "zensical_url"))


@pytest.fixture
def site_url(request: pytest.FixtureRequest) -> str:
    """The English site served over http: the hooks' build, or with the indirect parameter
    "zensical" the Zensical build (whose English is at its root too)."""
    return _engine_url(request, "hooks_site_url")


@pytest.fixture(scope="session")
def languages_site(_languages: tuple[BuiltSite, bool]) -> BuiltSite:
    """Every language, built as `make build` does: English at the root, each other in xx/."""
    return _languages[0]


@pytest.fixture(scope="session")
def hooks_languages_url(_languages: tuple[BuiltSite, bool]) -> Iterator[str]:
    """The site in every language, served over http on 127.0.0.1."""
    yield from _served(_languages)


@pytest.fixture
def languages_url(request: pytest.FixtureRequest) -> str:
    """The site in every language: the hooks' build, or with the indirect parameter "zensical"
    Zensical's."""
    return _engine_url(request, "hooks_languages_url")


@pytest.fixture(scope="session")
def _zensical(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> tuple[BuiltSite, bool]:
    require_zensical()  # skips or fails (CI) before asking the controller for the build
    return _build(request, "zensical", tmp_path_factory.mktemp("zensical"))


@pytest.fixture(scope="session")
def zensical_site(_zensical: tuple[BuiltSite, bool]) -> BuiltSite:
    """Every language of the hook-free export built by Zensical, as `make zensical` does,
    once per test run: English at the root, each other language in xx/."""
    return _zensical[0]


@pytest.fixture(scope="session")
def zensical_url(_zensical: tuple[BuiltSite, bool]) -> Iterator[str]:
    """The Zensical build served over http on 127.0.0.1."""
    yield from _served(_zensical)


@pytest.fixture(scope="session")
def fixtures() -> Path:
    return FIXTURES


@pytest.fixture(scope="session")
def content() -> Content:
    """The site's real content, loaded once per test process."""
    return site_content()


# --- browser ---------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """Debian's Chromium driven by Playwright (Playwright's own browser download is not used)."""
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: run `make test`, which installs Debian's chromium-headless-shell")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=list(CHROMIUM_FLAGS), headless=True)
        yield chromium
        chromium.close()


@pytest.fixture
def offsite_requests() -> list[str]:
    """Requests to any origin but the test server; the `context` fixture fails the test on any."""
    return []


@pytest.fixture
def context(browser: Any, site_url: str, offsite_requests: list[str]) -> Iterator[Any]:
    """A fresh browser profile (empty storage) whose requests may not leave the site's origin."""
    ctx = guarded_context(browser, site_url, offsite_requests)
    yield ctx
    ctx.close()
    assert offsite_requests == [], "the site requested another origin"


@pytest.fixture
def phone(browser: Any, site_url: str, offsite_requests: list[str]) -> Iterator[Any]:
    """A page in a fresh profile on a 390x844 touch screen, as most readers see the site."""
    with phone_page(browser, site_url, offsite_requests) as tab:
        yield tab


@pytest.fixture
def page(context: Any) -> Any:
    errors: list[str] = []
    tab = context.new_page()
    tab.on("pageerror", lambda error: errors.append(str(error)))
    yield tab
    assert errors == [], f"JavaScript errors on the page: {errors}"


@pytest.fixture(scope="session")
def renamed_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The site after a content update renamed the first checklist item (its old id: old-name)."""
    project = copy_project(tmp_path_factory.mktemp("renamed"))
    model = project / "content" / "guide.yml"
    text = model.read_text(encoding="utf-8")
    marker = "    checklist:\n      - id: "
    start = text.index(marker) + len(marker)
    line_end = text.index("\n", start)
    item_id = text[start:line_end]
    text = text[:line_end] + "\n        former_ids: [old-name]" + text[line_end:]
    model.write_text(text, encoding="utf-8")

    def carries_the_old_id(site: Path) -> None:
        assert f'data-sc-checklist-items="{item_id}|old-name' in (site / "index.html").read_text(encoding="utf-8")

    with served_build(project, after=carries_the_old_id) as url:
        yield url


@pytest.fixture(scope="session")
def odd_ids_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The site with the first phase's checklist ids renamed to names that collide with
    JavaScript's inherited properties or the page's own controls."""
    project = copy_project(tmp_path_factory.mktemp("odd-ids"))
    model = project / "content" / "guide.yml"
    text = model.read_text(encoding="utf-8")
    marker = "    checklist:\n"
    start = text.index(marker) + len(marker)
    for new_id in ODD_IDS:
        at = text.index("      - id: ", start) + len("      - id: ")
        end = text.index("\n", at)
        text = text[:at] + new_id + text[end:]
        start = at
    model.write_text(text, encoding="utf-8")
    with served_build(project) as url:
        yield url
