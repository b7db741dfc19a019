"""CPU seconds per test, for measuring the suite on a shared machine where wall time is noise.

`pytest -p cpu_durations --cpu-durations=40` lists the costliest test phases (setup, call,
teardown) in CPU seconds: user+sys of the test process and of every process below it
(a build, `mkdocs serve`, Node, Playwright's driver and Chromium), read from /proc before and
after. A process that ended meanwhile is counted through its parent's "children" times, so
nothing is counted twice. A build the xdist controller shares is under no worker, so no
test's figure includes it. Linux only; elsewhere every figure reads 0.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

_TICK = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


def _tree_cpu(root: int) -> float:
    """CPU seconds used so far by `root` and everything below it (reaped children included)."""
    children: dict[int, list[int]] = {}
    times: dict[int, float] = {}
    if not Path("/proc/self/stat").exists():
        return 0.0  # not Linux: every figure reads 0
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        fields = stat[stat.rindex(")") + 2 :].split()
        pid, ppid = int(entry.name), int(fields[1])
        children.setdefault(ppid, []).append(pid)
        times[pid] = sum(int(value) for value in fields[11:15]) / _TICK  # utime stime cutime cstime
    total, todo = 0.0, [root]
    while todo:
        pid = todo.pop()
        total += times.get(pid, 0.0)
        todo.extend(children.get(pid, ()))
    return total


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--cpu-durations", type=int, default=None, help="show the N costliest phases in CPU seconds")


def _phase(phase: str) -> Any:
    @pytest.hookimpl(wrapper=True)
    def hook(item: pytest.Item, *args: Any) -> Any:
        before = _tree_cpu(os.getpid())
        try:
            return (yield)
        finally:
            # user_properties travel with the report, from an xdist worker to the controller.
            item.user_properties.append((f"cpu_{phase}", _tree_cpu(os.getpid()) - before))

    return hook


pytest_runtest_setup = _phase("setup")
pytest_runtest_call = _phase("call")
pytest_runtest_teardown = _phase("teardown")
_SEEN: list[tuple[float, str]] = []


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    for name, value in report.user_properties:
        if name == f"cpu_{report.when}" and isinstance(value, float):
            _SEEN.append((value, f"{value:8.2f}s {report.when:8} {report.nodeid}"))


def pytest_terminal_summary(terminalreporter: Any, config: pytest.Config) -> None:
    count = config.getoption("--cpu-durations")
    if count is None:
        return
    terminalreporter.section(f"costliest {count} phases in CPU seconds (this process tree)")
    for _, line in sorted(_SEEN, reverse=True)[:count]:
        terminalreporter.write_line(line)
    # Negative: a process left the tree unreaped (Playwright's driver, and with it Chromium, when
    # the session's browser closes), taking the CPU already counted in the tests that used it.
    spent = sum(value for value, _ in _SEEN if value > 0)
    terminalreporter.write_line(f"{spent:8.2f}s in all tests' phases (negatives left out)")
