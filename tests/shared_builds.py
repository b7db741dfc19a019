"""Builds every xdist worker shares: made once and served by the controller process.

`make test` runs the suite on several workers. Each used to build the site and the
three-language site for itself, the same files over again, and serve them on its own port.
Now the first worker that asks for a build leaves a request file in a folder the controller
watches; the controller builds it once, serves it for the whole run (it lives until the last
worker is done, which a worker does not) and writes where: `NAME.json`, with the address, the
build's output and its return code. Every worker reads that file.

Without xdist (`pytest -p no:xdist`, or one test file run on its own) nothing here is used: the
fixtures build in their own process, as before.
"""

from __future__ import annotations

import contextlib
import json
import shutil
import subprocess
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from sitetools import BuiltSite, address_of, reserved_port, serve_directory

WORKER_KEY = "second_chance_shared_builds"  # the folder's path in each worker's workerinput
WAIT = 600.0  # seconds a worker waits for a build: a three-language build on a busy machine

# A recipe builds into a folder for an address and returns the finished process.
Recipe = Callable[[Path, str], subprocess.CompletedProcess[str]]


@dataclass
class Shared:
    """The controller's side: watches `folder` for requests and builds each recipe once."""

    folder: Path
    recipes: dict[str, Recipe]

    def __post_init__(self) -> None:
        self._servers = contextlib.ExitStack()
        self._started: set[str] = set()
        self._stop = threading.Event()
        self._lock = threading.Lock()
        self._watcher = threading.Thread(target=self._watch, daemon=True)

    @classmethod
    def start(cls, recipes: dict[str, Recipe]) -> Shared:
        shared = cls(Path(tempfile.mkdtemp(prefix="second-chance-shared-")), recipes)
        shared._watcher.start()
        return shared

    def _watch(self) -> None:
        while not self._stop.wait(0.05):
            for request in self.folder.glob("*.want"):
                name = request.stem
                if name not in self._started:
                    self._started.add(name)
                    threading.Thread(target=self._build, args=(name,), daemon=True).start()

    def _build(self, name: str) -> None:
        out = self.folder / name
        held = reserved_port()
        url = address_of(held)
        try:
            result = self.recipes[name](out, url)
            returncode, log = result.returncode, result.stdout + result.stderr
        except Exception as error:  # a timeout, a missing recipe: the worker fails with it
            returncode, log = 1, f"{type(error).__name__}: {error}"
        if returncode == 0:
            with self._lock:
                if self._stop.is_set():
                    return
                url = self._servers.enter_context(serve_directory(out, port=held))
        answer = {"root": str(out), "url": url, "returncode": returncode, "log": log}
        partial = self.folder / f"{name}.json.part"
        partial.write_text(json.dumps(answer), encoding="utf-8")
        partial.rename(self.folder / f"{name}.json")  # a worker never reads half a file

    def close(self) -> None:
        with self._lock:
            self._stop.set()
            self._servers.close()
        self._watcher.join(timeout=1)
        shutil.rmtree(self.folder, ignore_errors=True)  # about 15 MB a run, left behind before


def wait_for(folder: Path, name: str) -> BuiltSite:
    """A worker's side: ask for build `name` and wait until the controller has built and served
    it. AssertionError with the build's own output if it failed."""
    (folder / f"{name}.want").touch()
    answer_file = folder / f"{name}.json"
    deadline = time.monotonic() + WAIT
    while not answer_file.exists():
        if time.monotonic() > deadline:
            raise AssertionError(f"the shared build {name!r} was not ready after {WAIT:.0f} s")
        time.sleep(0.05)
    answer = json.loads(answer_file.read_text(encoding="utf-8"))
    assert answer["returncode"] == 0, answer["log"]
    return BuiltSite(Path(answer["root"]), build_log=answer["log"], url=answer["url"])
