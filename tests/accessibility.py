"""The one axe-core check every browser test uses: WCAG 2.2 A and AA and axe's best practices,
run once the page has finished moving.

axe's default run leaves out rules whose tags it does not enable by default, `target-size`
(WCAG 2.2's 2.5.8, 24 px targets) among them; naming the tags runs every rule they hold. A
check made while a transition is under way sees colours half-way (a contrast failure that no
reader sees) or misses one that a reader does see, so it waits for every finite animation."""

from __future__ import annotations

from typing import Any

WCAG_TAGS = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice")
OPTIONS = {"runOnly": {"type": "tag", "values": list(WCAG_TAGS)}, "resultTypes": ["violations"]}

# Every transition and animation that will end, ended; then two frames for the last styles.
_SETTLE = """async () => {
  const finite = document.getAnimations().filter((a) => a.effect?.getTiming().iterations !== Infinity);
  await Promise.all(finite.map((a) => a.finished.catch(() => null)));
  await new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
}"""


def settle(page: Any) -> None:
    page.evaluate(_SETTLE)


def axe_violations(page: Any, context: str | None = None) -> tuple[int, str]:
    """The number of violations on the page as it is now (or in the part `context` selects),
    and axe's report of them."""
    from axe_playwright_python.sync_playwright import Axe  # type: ignore[import-untyped]

    settle(page)
    results = Axe().run(page, context=context, options=OPTIONS)
    return int(results.violations_count), str(results.generate_report())


def assert_no_axe_violations(page: Any, where: str = "", *, context: str | None = None) -> None:
    count, report = axe_violations(page, context)
    assert count == 0, f"{where or page.url}:\n{report}"
