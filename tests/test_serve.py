"""`mkdocs serve` rebuilds on content and template edits, and reports broken content cleanly:
in the terminal, and in the browser at every address until the fix is saved."""

from __future__ import annotations

import html
import re
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from sitetools import free_port, mkdocs_env
from support import copy_project, run_mkdocs, site_content

# A phase the reader contacts their ex in (it has a check-in), whatever its id today.
FIRST = site_content().guide.phases[0]
PHASE = next(phase for phase in site_content().guide.phases if phase.check_in)


class Server:
    def __init__(self, project: Path) -> None:
        self.port = free_port()
        self.lines: list[str] = []
        self.process = subprocess.Popen(
            # As `make serve` runs it: strict, so a broken link fails the build. Live reload stays
            # on: without it `mkdocs serve` watches nothing and runs no on_serve.
            [sys.executable, "-m", "mkdocs", "serve", "--strict", "--dev-addr", f"127.0.0.1:{self.port}"],
            cwd=project,
            env=mkdocs_env(f"http://127.0.0.1:{self.port}/"),
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self.process.stdout
        for line in self.process.stdout:
            self.lines.append(line)

    @property
    def log(self) -> str:
        return "".join(self.lines)

    def wait_for(self, text: str, *, after: int = 0, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if text in "".join(self.lines[after:]):
                return
            if self.process.poll() is not None:
                break
            time.sleep(0.1)
        raise AssertionError(f"never saw {text!r} in:\n{self.log}")

    def get(self, path: str) -> str:
        with urllib.request.urlopen(f"http://127.0.0.1:{self.port}/{path}", timeout=10) as response:
            return str(response.read().decode("utf-8"))

    def fetch(self, path: str, *, timeout: float = 5) -> tuple[int, str]:
        """Status and body, errors included; `timeout` is short: a broken build must not hang."""
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{self.port}/{path}", timeout=timeout) as response:
                return response.status, response.read().decode("utf-8")
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode("utf-8")

    def edit(self, path: Path, text: str) -> str:
        """Write `text` to `path` and wait for the rebuild it starts; the log of that rebuild."""
        mark = len(self.lines)
        path.write_text(text, encoding="utf-8")
        self.wait_for("Reloading browsers", after=mark)
        return "".join(self.lines[mark:])

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()


@pytest.fixture
def server(tmp_path: Path) -> Iterator[tuple[Server, Path]]:
    project = copy_project(tmp_path)
    running = Server(project)
    try:
        running.wait_for("Serving on", timeout=120)
        yield running, project
    finally:
        running.stop()


def test_serve_rebuilds_when_content_templates_components_or_overrides_change(server: tuple[Server, Path]) -> None:
    running, project = server
    model = project / "content" / "guide.yml"
    text = model.read_text(encoding="utf-8")
    mark = len(running.lines)
    first = text.split("\n    title: ", 1)[1].split("\n", 1)[0]
    model.write_text(text.replace(f"    title: {first}", "    title: Edited live title", 1), encoding="utf-8")
    running.wait_for("Reloading browsers", after=mark)
    assert "Edited live title" in running.get(f"phases/{FIRST.id}/")

    template = project / "hooks" / "guide" / "rendering" / "templates" / "phase_body.md.j2"
    mark = len(running.lines)
    heading = "{{ t('phase.why_heading') }}"
    template.write_text(template.read_text(encoding="utf-8").replace(heading, heading + " now"), encoding="utf-8")
    running.wait_for("Reloading browsers", after=mark)
    assert "Why this matters now" in running.get(f"phases/{FIRST.id}/")

    # The site's own words are content too: the catalog reloads with the rest.
    words = project / "content" / "strings.yml"
    mark = len(running.lines)
    words.write_text(
        words.read_text(encoding="utf-8").replace("phase.steps_heading: Steps\n", "phase.steps_heading: Steps, live\n"),
        encoding="utf-8",
    )
    running.wait_for("Reloading browsers", after=mark)
    assert "Steps, live" in running.get(f"phases/{FIRST.id}/")

    css = project / "overrides" / "assets" / "css" / "site.css"
    mark = len(running.lines)
    css.write_text(css.read_text(encoding="utf-8") + "\n/* edited live */\n", encoding="utf-8")
    running.wait_for("Reloading browsers", after=mark)
    assert "/* edited live */" in running.get("assets/css/site.css")

    # A component's folder is watched too (it is no theme folder): its template and its script.
    component = project / "components" / "checklist" / "checklist.html.j2"
    mark = len(running.lines)
    untick = "{{ t('checklist.untick') }}"
    component.write_text(component.read_text(encoding="utf-8").replace(untick, untick + " now"), encoding="utf-8")
    running.wait_for("Reloading browsers", after=mark)
    assert "Untick all now" in running.get(f"phases/{FIRST.id}/")
    script = project / "components" / "drawer" / "drawer.js"
    mark = len(running.lines)
    script.write_text(script.read_text(encoding="utf-8") + "\n/* drawer edited live */\n", encoding="utf-8")
    running.wait_for("Reloading browsers", after=mark)
    assert "/* drawer edited live */" in running.get("assets/js/site.js")


def test_serve_reports_broken_content_with_file_and_line_and_no_traceback(server: tuple[Server, Path]) -> None:
    running, project = server
    model = project / "content" / "guide.yml"
    good = model.read_text(encoding="utf-8")
    mark = len(running.lines)
    model.write_text(
        good.replace(f"  - id: {PHASE.id}\n", f"  - id: {PHASE.id}\n    colour: red\n", 1), encoding="utf-8"
    )
    running.wait_for("unknown field 'colour'", after=mark)
    broken_log = "".join(running.lines[mark:])
    assert "content/guide.yml:" in broken_log and f"phase '{PHASE.id}': unknown field 'colour'" in broken_log
    assert "Traceback" not in broken_log
    mark = len(running.lines)
    model.write_text(good, encoding="utf-8")
    running.wait_for("Reloading browsers", after=mark)
    assert running.process.poll() is None


def test_serve_with_broken_content_at_start_exits_cleanly(tmp_path: Path, fixtures: Path) -> None:
    project = copy_project(tmp_path)
    (project / "content" / "guide.yml").write_text(
        (fixtures / "content" / "bad" / "syntax.yml").read_text(encoding="utf-8"), encoding="utf-8"
    )
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{free_port()}"],
        cwd=project,
        env=mkdocs_env(),
        capture_output=True,
        text=True,
        timeout=60,
    )
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "content/guide.yml:5: YAML syntax error" in output and "Traceback" not in output


# --- the error page ----------------------------------------------------------------------------

PROBLEM_LINE = re.compile(r"^(?:WARNING -  |ERROR   -  )?\s*((?:content|docs)/[\w./-]+:\d+: .+)$", re.M)


def _mistakes(project: Path) -> dict[str, tuple[Path, Callable[[str], str]]]:
    """Each kind of mistake issue 18 lists: the file it breaks and how."""
    guide, about = project / "content" / "guide.yml", project / "docs" / "about.md"
    return {
        "a missing field": (
            guide,
            lambda t: re.sub(rf"(\n  - id: {PHASE.id}\n(?:    .*\n)*?)    summary: .*\n", r"\1", t, count=1),
        ),
        "a YAML syntax slip": (
            guide,
            lambda t: t.replace(
                f"\n      - id: {PHASE.checklist[-1].id}\n", f"\n     - id: {PHASE.checklist[-1].id}\n", 1
            ),
        ),
        "a bad guide: link": (guide, lambda t: t.replace("(guide:safety", "(guide:safty", 1)),
        "a raw script in docs/": (about, lambda t: t + "\n<script>alert(1)</script>\n"),
        "a broken link in docs/": (
            about,
            lambda t: t.replace("[safety page](safety.md)", "[safety page](safty.md)", 1),
        ),
    }


def test_while_the_build_is_broken_every_address_shows_the_problems_at_once(server: tuple[Server, Path]) -> None:
    running, project = server
    for kind, (path, slip) in _mistakes(project).items():
        good = path.read_text(encoding="utf-8")
        broken = slip(good)
        assert broken != good, kind
        log = running.edit(path, broken)
        printed = PROBLEM_LINE.findall(log)
        assert printed, f"{kind}: no file:line problem in the terminal:\n{log}"
        for address in (f"phases/{PHASE.id}/", "", "about/", "no/such/page/"):
            started = time.monotonic()
            status, body = running.fetch(address)
            assert time.monotonic() - started < 2, f"{kind}: /{address} took too long"
            assert status == 500 and 'id="sc-build-problems"' in body, f"{kind}: /{address} is not the error page"
            shown = html.unescape(re.sub(r"<[^>]+>", "", body))
            for line in printed:
                assert line in shown, f"{kind}: {line!r} is not on the page"
            assert "/assets/css/site.css" in body and "livereload(" in body
        # The error page wears the site's styles, served from memory even if the build emptied the site folder.
        # (the bundle of our stylesheets, unminified under serve: the site-wide one first)
        status, css = running.fetch("assets/css/site.css")
        site_wide = (project / "overrides" / "assets" / "css" / "site.css").read_text("utf-8")
        assert status == 200 and css.startswith("/* --- overrides/assets/css/site.css --- */\n" + site_wide.rstrip())
        log = running.edit(path, good)
        assert "Documentation built" in log, f"{kind}: the fix did not build:\n{log}"
        status, body = running.fetch(f"phases/{PHASE.id}/")
        assert status == 200 and "sc-build-problems" not in body and "<h1" in body, kind
    assert "Traceback" not in running.log


def test_a_broken_link_in_docs_names_its_file_and_line_when_building(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    about = project / "docs" / "about.md"
    text = about.read_text(encoding="utf-8")
    numbers = [n for n, line in enumerate(text.splitlines(), 1) if "](safety.md)" in line]
    assert len(numbers) >= 2  # the same broken link twice: each warning names its own line
    about.write_text(text.replace("](safety.md)", "](safty.md)"), encoding="utf-8")
    result = run_mkdocs(project, "build", "--strict")
    output = result.stdout + result.stderr
    assert result.returncode != 0
    for number in numbers:
        assert f"WARNING -  docs/about.md:{number}: Doc file 'about.md' contains a link 'safty.md'" in output, output


@pytest.mark.browser
def test_an_open_tab_shows_the_problems_and_comes_back_when_the_fix_is_saved(
    server: tuple[Server, Path], browser: Any
) -> None:
    running, project = server
    model = project / "content" / "guide.yml"
    good = model.read_text(encoding="utf-8")
    context = browser.new_context()
    try:
        tab = context.new_page()
        tab.goto(f"http://127.0.0.1:{running.port}/phases/{PHASE.id}/")
        title = tab.locator("article h1").first.inner_text()
        tab.wait_for_function("() => document.readyState === 'complete'")
        running.edit(model, good.replace(f"  - id: {PHASE.id}\n", f"  - id: {PHASE.id}\n    colour: red\n", 1))
        # Live reload brings the problems into the tab that was already open.
        problems = tab.locator("#sc-build-problems")
        problems.wait_for(timeout=15_000)
        assert f"phase '{PHASE.id}': unknown field 'colour'" in problems.inner_text()
        # In the site's styles: Material's header is sticky, an unstyled one would not be.
        assert tab.evaluate("() => getComputedStyle(document.querySelector('.md-header')).position") == "sticky"
        running.edit(model, good)
        tab.locator("article h1", has_text=title).wait_for(timeout=15_000)
        assert tab.locator("#sc-build-problems").count() == 0
    finally:
        context.close()


def test_the_same_mistake_twice_is_shown_twice_and_every_fix_says_it_built(server: tuple[Server, Path]) -> None:
    # MkDocs' command line filters out any log message it has printed before, for the life of
    # the process: a second break printed no problems, and a fix that took as long to build as
    # an earlier one never said it built. Each rebuild is a fresh start (serve_errors.py).
    running, project = server
    about = project / "docs" / "about.md"
    good = about.read_text(encoding="utf-8")
    broken = good + "\n<script>alert(1)</script>\n"
    for attempt in range(4):
        log = running.edit(about, broken)
        assert PROBLEM_LINE.findall(log), f"attempt {attempt + 1}: no problem shown:\n{log}"
        assert running.fetch("about/")[0] == 500
        log = running.edit(about, good)
        assert "Documentation built" in log, f"attempt {attempt + 1}: the fix did not say it built:\n{log}"
        assert running.fetch("about/")[0] == 200


def test_a_warning_strict_mode_counts_is_shown_and_its_fix_brings_every_page_back(
    server: tuple[Server, Path],
) -> None:
    # `make serve` is strict: MkDocs' own link warning aborts the build. The terminal and every
    # address name the warning (not only "Aborted with 1 warnings"), and saving the fix serves
    # pages again without a restart.
    running, project = server
    about = project / "docs" / "about.md"
    good = about.read_text(encoding="utf-8")
    line = next(n for n, text in enumerate(good.splitlines(), 1) if "](safety.md)" in text)
    log = running.edit(about, good.replace("](safety.md)", "](safty.md)"))
    warning = f"docs/about.md:{line}: Doc file 'about.md' contains a link 'safty.md'"
    assert warning in log, log
    for path in ("", "about/", f"phases/{FIRST.id}/"):
        status, body = running.fetch(path)
        assert status == 500 and warning in html.unescape(body), (path, status)
    log = running.edit(about, good)
    assert "Documentation built" in log, log
    for path in ("", "about/", f"phases/{FIRST.id}/"):
        assert running.fetch(path)[0] == 200, path
