"""Section 4: `mkdocs serve`, from an edit of content/guide.yml to the served page showing it."""

from __future__ import annotations

import subprocess
import sys
import threading
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from shared import (
    PAGES,
    Plan,
    copy_project,
    free_port,
    log,
    median,
    mkdocs_env,
    table,
)

# --- 4. Serve latency ------------------------------------------------------------------------


@dataclass
class ServeEdit:
    page_updated: float  # edit written -> served page shows the new title
    reloaded: float  # edit written -> MkDocs logs "Reloading browsers" (build finished)


def measure_serve(snapshot: Path, work: Path, plan: Plan) -> list[ServeEdit]:
    project = copy_project(work / "serve", source=snapshot)
    port = free_port()
    lines: list[tuple[float, str]] = []
    process = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--strict", "--dev-addr", f"127.0.0.1:{port}"],
        cwd=project,
        env=mkdocs_env(f"http://127.0.0.1:{port}/"),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )

    def read() -> None:
        assert process.stdout
        for line in process.stdout:
            lines.append((time.perf_counter(), line))

    def wait_for(text: str, after: int, timeout: float = 120) -> float:
        deadline = time.perf_counter() + timeout
        while time.perf_counter() < deadline:
            for stamp, line in lines[after:]:
                if text in line:
                    return stamp
            if process.poll() is not None:
                break
            time.sleep(0.02)
        raise RuntimeError(f"mkdocs serve never printed {text!r}:\n{''.join(line for _, line in lines)}")

    def fetch(path: str) -> str:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/{path}", timeout=10) as response:
                return str(response.read().decode("utf-8"))
        except OSError:
            return ""

    threading.Thread(target=read, daemon=True).start()
    edits = []
    try:
        wait_for("Serving on", 0)
        model = project / "content" / "guide.yml"
        original = model.read_text(encoding="utf-8")
        title = original.split("\n    title: ", 1)[1].split("\n", 1)[0]
        for repeat in range(1, plan.serve_repeats + 1):
            log(f"serve: edit {repeat}/{plan.serve_repeats}")
            time.sleep(1)  # let the watcher settle after the previous build
            new_title = f"{title} edited {repeat}"
            mark = len(lines)
            model.write_text(
                original.replace(f"    title: {title}\n", f"    title: {new_title}\n", 1), encoding="utf-8"
            )
            start = time.perf_counter()
            deadline = start + 120
            while new_title not in fetch(PAGES["phase"]):
                if time.perf_counter() > deadline:
                    raise RuntimeError("the served page never showed the edited title")
                time.sleep(0.05)
            updated = time.perf_counter() - start
            reloaded = wait_for("Reloading browsers", mark) - start
            edits.append(ServeEdit(updated, reloaded))
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
    return edits


def serve_section(edits: list[ServeEdit]) -> list[str]:
    rows = [[str(i), f"{e.page_updated:.2f}", f"{e.reloaded:.2f}"] for i, e in enumerate(edits, start=1)]
    rows.append(
        [
            "**median**",
            f"**{median([e.page_updated for e in edits]):.2f}**",
            f"**{median([e.reloaded for e in edits]):.2f}**",
        ]
    )
    return [
        "## 4. Serve latency",
        "",
        "`mkdocs serve --strict` on a copy of the project; the first phase's title in `content/guide.yml` "
        f"is changed and `/{PAGES['phase']}` polled every 50 ms until it shows the new title. "
        '*reloaded*: until MkDocs logs "Reloading browsers" (whole rebuild done).',
        "",
        *table(["edit", "page updated s", "reloaded s"], rows, "lrr"),
        "",
    ]
