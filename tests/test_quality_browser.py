"""Quality gates in a real browser, on every built page: accessibility and the CSP in force."""

from __future__ import annotations

from typing import Any

import pytest
from accessibility import axe_violations

from guide.translations.languages import TRANSLATED
from sitetools import BuiltSite
from support import ENGINES, site_paths

pytestmark = pytest.mark.browser

# Collects what the browser reports, from before any page script runs.
WATCH = """
  window.__violations = [];
  document.addEventListener('securitypolicyviolation', (e) =>
    window.__violations.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`));
"""


def page_paths(site: BuiltSite) -> list[str]:
    return [p.relative_to(site.root).as_posix().removesuffix("index.html") for p in site.html_files()]


PATHS = site_paths()


def test_the_pages_visited_below_are_every_page_the_build_writes(built_site: BuiltSite) -> None:
    assert sorted(page_paths(built_site)) == sorted(PATHS)


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("path", PATHS)
def test_every_page_has_no_axe_violations_in_light_and_dark(context: Any, path: str, scheme: str) -> None:
    page = context.new_page()  # 1280x720, where the sidebar's links once failed target-size
    page.emulate_media(color_scheme=scheme)
    page.goto(path)
    assert page.evaluate("() => document.body.dataset.mdColorScheme") == ("slate" if scheme == "dark" else "default")
    # Every rule of WCAG 2.2 A and AA and of axe's best practices, once the page is still.
    count, report = axe_violations(page)
    assert not count, f"/{path} ({scheme}):\n{report}"


# Every page of the hooks' build; and of Zensical's, which builds every language from the export.
ZENSICAL_PATHS = [root + path for root in ["", *(f"{language.code}/" for language in TRANSLATED)] for path in PATHS]


@pytest.mark.parametrize(
    ("site_url", "path"),
    [*((ENGINES[0], path) for path in PATHS), *((ENGINES[1], path) for path in ZENSICAL_PATHS)],
    indirect=["site_url"],
)
def test_no_page_breaks_the_content_security_policy(context: Any, path: str) -> None:
    context.add_init_script(WATCH)
    page = context.new_page()
    console: list[str] = []
    page.on("console", lambda m: console.append(f"{page.url}: {m.text}") if m.type in ("error", "warning") else None)
    page.on("pageerror", lambda e: console.append(f"{page.url}: {e}"))
    page.goto(path, wait_until="load")
    page.wait_for_function("() => document.querySelector('[data-md-component=header]') !== null")
    page.wait_for_load_state("networkidle")  # Material mounts its components and fetches after load
    assert page.evaluate("() => window.__violations") == [] and console == []


def test_the_policy_holds_while_ticking_searching_and_navigating(page: Any) -> None:
    page.add_init_script(WATCH)
    console: list[str] = []
    page.on("console", lambda m: console.append(m.text) if m.type == "error" else None)
    page.goto("checklists/")
    page.locator("input[data-sc-checklist-item]").first.check()
    page.evaluate("() => document.activeElement.blur()")  # Material ignores "/" in a field
    page.keyboard.press("/")  # opens search, which fetches its script and index then
    page.keyboard.type("apolog")
    page.locator(".sc-search__item").first.wait_for()
    page.keyboard.press("Escape")
    page.locator("a.sc-controls__help").click()  # instant navigation, no full load
    page.wait_for_url("**/safety/")
    assert page.evaluate("() => window.__violations") == [] and console == []
