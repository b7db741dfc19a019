"""`mkdocs serve` rebuilds on content and template edits, and reports broken content cleanly."""

from __future__ import annotations

import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from sitetools import free_port, mkdocs_env
from support import copy_project


class Server:
    def __init__(self, project: Path) -> None:
        self.port = free_port()
        self.lines: list[str] = []
        self.process = subprocess.Popen(
            # Live reload stays on: without it `mkdocs serve` watches nothing and runs no on_serve.
            [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{self.port}"],
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
        running.wait_for("Serving on")
        yield running, project
    finally:
        running.stop()


def test_serve_rebuilds_when_content_templates_or_overrides_change(server: tuple[Server, Path]) -> None:
    running, project = server
    model = project / "content" / "guide.yml"
    text = model.read_text(encoding="utf-8")
    mark = len(running.lines)
    first = text.split("\n    title: ", 1)[1].split("\n", 1)[0]
    model.write_text(text.replace(f"    title: {first}", "    title: Edited live title", 1), encoding="utf-8")
    running.wait_for("Reloading browsers", after=mark)
    assert "Edited live title" in running.get("phases/understand/")

    template = project / "hooks" / "guide" / "templates" / "phase_body.md.j2"
    mark = len(running.lines)
    template.write_text(
        template.read_text(encoding="utf-8").replace(" Why this matters", " Why this matters now"), encoding="utf-8"
    )
    running.wait_for("Reloading browsers", after=mark)
    assert "Why this matters now" in running.get("phases/understand/")

    css = project / "overrides" / "assets" / "css" / "site.css"
    mark = len(running.lines)
    css.write_text(css.read_text(encoding="utf-8") + "\n/* edited live */\n", encoding="utf-8")
    running.wait_for("Reloading browsers", after=mark)
    assert "/* edited live */" in running.get("assets/css/site.css")


def test_serve_reports_broken_content_with_file_and_line_and_no_traceback(server: tuple[Server, Path]) -> None:
    running, project = server
    model = project / "content" / "guide.yml"
    good = model.read_text(encoding="utf-8")
    mark = len(running.lines)
    model.write_text(good.replace("  - id: own-it\n", "  - id: own-it\n    colour: red\n", 1), encoding="utf-8")
    running.wait_for("unknown field 'colour'", after=mark)
    broken_log = "".join(running.lines[mark:])
    assert "content/guide.yml:" in broken_log and "phase 'own-it': unknown field 'colour'" in broken_log
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
