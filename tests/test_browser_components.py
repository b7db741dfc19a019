"""components.js and hooks/bundle.py: one broken component stops only itself, the quick exit
works whatever else fails, and a script with a syntax error never reaches a built site.

Each fault is built into a throwaway copy of the project, then served and used in Chromium."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from guide.components import FOLDER, served
from guide.content.loading import load_content
from support import EXIT_GLOB, NEUTRAL, ROOT, copy_project, guarded_context, run_mkdocs, served_build

FIRST = load_content(ROOT / "content").guide.phases[0]


def source(project: Path, name: str) -> Path:
    """The script the site serves as assets/js/`name`, in `project`'s component folders."""
    return served(project / FOLDER)[f"assets/js/{name}"]


def insert(project: Path, name: str, after: str, code: str) -> None:
    """Put `code` into the script served as assets/js/`name`, just after the first `after`."""
    path = source(project, name)
    text = path.read_text(encoding="utf-8")
    assert after in text, f"{name} no longer has {after!r}: update this test"
    path.write_text(text.replace(after, after + code, 1), encoding="utf-8")


def throw_in_two_components(project: Path) -> None:
    # At drawer.js's top level, outside its component; and inside regions' start.
    insert(project, "drawer.js", "*/\n", 'throw new Error("drawer broken on purpose");\n')
    insert(project, "regions.js", '"use strict";\n', '  throw new Error("regions broken on purpose");\n')
    # And in triage's run on every show, which the runner calls on each page.
    insert(project, "triage.js", "  return () => {\n", '    throw new Error("triage broken on purpose");\n')


def break_the_runner(project: Path) -> None:
    # No shared helpers, so every component after it fails: only exit.js is left.
    insert(project, "components.js", "*/\n", 'throw new Error("components broken on purpose");\n')


def build(project: Path, change: Callable[[Path], None]) -> Iterator[str]:
    change(project)
    with served_build(project) as url:
        yield url


@pytest.fixture(scope="module")
def throwing_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    yield from build(copy_project(tmp_path_factory.mktemp("throwing")), throw_in_two_components)


@pytest.fixture(scope="module")
def runnerless_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    yield from build(copy_project(tmp_path_factory.mktemp("runnerless")), break_the_runner)


@pytest.fixture(scope="module")
def unparsable_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """site.js as an engine that cannot parse one of its lines sees it: none of it runs."""

    def unparsable(site: Path) -> None:
        site_js = site / "assets" / "js" / "site.js"
        site_js.write_text(site_js.read_text(encoding="utf-8") + "\nlet = ;\n", encoding="utf-8")

    with served_build(copy_project(tmp_path_factory.mktemp("unparsable")), after=unparsable) as url:
        yield url


class Tab:
    """A page of a fault site, recording the console's errors and the page's uncaught ones."""

    def __init__(self, browser: Any, url: str) -> None:
        self.offsite: list[str] = []
        self.context = guarded_context(browser, url, self.offsite)
        self.page = self.context.new_page()
        self.errors: list[str] = []
        self.uncaught: list[str] = []
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.uncaught.append(str(e)))
        self.exits: list[str] = []
        self.page.route(EXIT_GLOB, self._neutral)

    def _neutral(self, route: Any) -> None:
        self.exits.append(route.request.url)
        route.fulfill(status=200, content_type="text/html", body=NEUTRAL)

    def shift_three_times_leaves(self) -> None:
        self.page.locator("body").click(position={"x": 5, "y": 300})
        for _ in range(3):
            self.page.keyboard.press("Shift")
        self.page.wait_for_url(EXIT_GLOB)
        assert self.exits and self.page.title() == "Weather"

    def close(self) -> None:
        self.context.close()
        assert self.offsite == []


@pytest.fixture
def tab(browser: Any) -> Iterator[Callable[[str], Tab]]:
    opened: list[Tab] = []

    def open_tab(url: str) -> Tab:
        opened.append(Tab(browser, url))
        return opened[-1]

    yield open_tab
    for each in opened:
        each.close()


@pytest.mark.xdist_group("broken-components")  # three builds of broken copies: made by one worker, not each
@pytest.mark.browser
def test_a_throw_in_two_components_and_in_a_show_stops_only_those(
    tab: Callable[[str], Tab], throwing_site: str
) -> None:
    t = tab(throwing_site)
    t.page.goto(f"phases/{FIRST.id}/")
    # A checklist still updates its progress, and says so.
    section = t.page.locator(f".sc-checklist[data-sc-checklist-phase={FIRST.id}]")
    section.locator("input[data-sc-checklist-item]").first.check()
    assert section.locator("[data-sc-checklist-progress]").inner_text() == f"1 of {len(FIRST.checklist)} done"
    assert section.locator(".sc-live").inner_text().startswith("1 of")
    # Each fault is caught, logged with its component's name, and goes no further.
    joined = "\n".join(t.errors)
    assert "assets/js/drawer.js stopped" in joined and "drawer broken on purpose" in joined
    assert "the regions component stopped" in joined and "the triage component stopped" in joined
    assert t.uncaught == []
    t.shift_three_times_leaves()


@pytest.mark.xdist_group("broken-components")  # three builds of broken copies: made by one worker, not each
@pytest.mark.browser
def test_a_broken_component_leaves_the_exit_link_and_the_message_check_working(
    tab: Callable[[str], Tab], throwing_site: str
) -> None:
    t = tab(throwing_site)
    t.page.goto("phases/reconnect/")
    t.page.locator("#sc-message-check-stop-reconnect-no").check()
    t.page.locator("[data-sc-message-check-draft]").fill("How are you?")
    t.page.locator("[data-sc-message-check-nothing]").wait_for()
    t.page.locator(".sc-controls a[data-sc-quick-exit]").click()
    t.page.wait_for_url(EXIT_GLOB)
    t.page.go_back()
    assert "/phases/" not in t.page.url


@pytest.mark.xdist_group("broken-components")  # three builds of broken copies: made by one worker, not each
@pytest.mark.browser
def test_with_the_shared_runner_broken_the_quick_exit_still_works(
    tab: Callable[[str], Tab], runnerless_site: str
) -> None:
    t = tab(runnerless_site)
    t.page.goto(f"phases/{FIRST.id}/")
    assert any("components broken on purpose" in e for e in t.errors)
    assert t.page.evaluate("() => window.sc === undefined")
    t.shift_three_times_leaves()


@pytest.mark.xdist_group("broken-components")  # three builds of broken copies: made by one worker, not each
@pytest.mark.browser
def test_when_site_js_cannot_be_parsed_the_quick_exit_still_works(
    tab: Callable[[str], Tab], unparsable_site: str
) -> None:
    t = tab(unparsable_site)
    t.page.goto("safety/")
    assert any("SyntaxError" in e or "Unexpected" in e for e in t.uncaught)
    t.shift_three_times_leaves()
    t.page.go_back()
    assert "/safety/" not in t.page.url


@pytest.mark.parametrize(
    ("name", "after", "code"),
    [
        ("regions.js", '"use strict";\n', "  const = 1;\n"),
        ("drawer.js", "*/\n", "let 1x = 2;\n"),
        ("quick-exit.js", "let count = 0;\n", "  let count = 1;\n"),  # declared twice: an early error
    ],
)
def test_a_syntax_error_in_any_script_fails_the_build_naming_file_and_line(
    tmp_path: Path, name: str, after: str, code: str
) -> None:
    project = copy_project(tmp_path)
    insert(project, name, after, code)
    path = source(project, name)
    text = path.read_text(encoding="utf-8")
    line = text[: text.index(after) + len(after)].count("\n") + 1  # the line put in
    result = run_mkdocs(project, "build", "--strict")
    assert result.returncode != 0
    # Named by its own file, in its component's folder.
    assert f"{path.relative_to(project).as_posix()}:{line}:" in result.stderr, result.stderr
    assert "SyntaxError" in result.stderr and "Traceback" not in result.stderr
    assert not (project / "site" / "assets" / "js" / "site.js").exists()


SCRIPTS = sorted(name.removeprefix("assets/js/") for name in served() if name.endswith(".js"))


# Fetched on first use, not joined into a bundle: by search-open.js on the first open of
# search, and by message-check.js on the reader's first No.
ON_DEMAND = {"search.js": "search-open.js", "message-match.js": "message-check.js"}


def test_every_script_is_one_the_site_loads() -> None:
    assert len(SCRIPTS) == 15 and "components.js" in SCRIPTS  # a new one is listed in mkdocs.yml too
    listed = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    assert all(f"assets/js/{name}" in listed for name in SCRIPTS if name not in ON_DEMAND)
    for name, loader in ON_DEMAND.items():
        assert f"  - assets/js/{name}" not in listed  # not an extra_javascript entry
        assert name in source(ROOT, loader).read_text(encoding="utf-8")


@pytest.mark.parametrize("name", SCRIPTS)
def test_each_script_stays_under_3_kib_gzipped_as_readers_get_it(name: str) -> None:
    # Measured on what the build serves (minified by hooks/minify_assets.py), not the source,
    # whose comments say why and cost readers nothing.
    import gzip

    from guide.assets.minify import minified

    script = minified(source(ROOT, name).read_text(encoding="utf-8"), "application/javascript")
    assert len(gzip.compress(script.encode(), compresslevel=9)) < 3 * 1024


# Counts the runs of a component registered before any other, from the runner's first moment.
PROBE = """
  window.__shows = 0;
  let real;
  Object.defineProperty(window, "sc", { configurable: true, get: () => real, set(value) {
    real = value;
    value.component("probe", () => () => { window.__shows += 1; });
  } });
"""


@pytest.mark.browser
def test_each_show_of_a_page_runs_a_component_once(page: Any) -> None:
    page.add_init_script(PROBE)
    page.goto("")
    page.wait_for_load_state("load")  # pageshow has fired too
    page.wait_for_timeout(300)
    assert page.evaluate("() => window.__shows") == 1
    page.evaluate("() => { window.__sameDocument = true }")
    page.locator(".md-sidebar--primary").get_by_role("link", name="About", exact=True).first.click()
    page.wait_for_url("**/about/")
    page.wait_for_timeout(300)
    assert page.evaluate("() => window.__sameDocument === true"), "expected Material's instant navigation"
    assert page.evaluate("() => window.__shows") == 2
