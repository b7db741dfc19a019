"""The scripts' words (sc.word in components.js, and quick-exit.js's own reader) come from the
page's data island, #sc-words, made from content/strings.yml; without it, or with it garbled,
every component still works and shows the key instead. In Chromium."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import expect

from support import copy_project, neutral_exit, served_build, site_content

pytestmark = pytest.mark.browser

FIRST = site_content().guide.phases[0]
PHASE = f"phases/{FIRST.id}/"
ISLAND = re.compile(r'<script type="application/json" id="sc-words">.*?</script>', re.S)
CHANGED = {
    "js.checklist.progress": "{done} ticked, {total} in all",
    "js.message_check.failed": "No list today: read it through yourself.",
    "js.quick_exit.presses.other": "Press Shift {count} more times, to leave.",
}


@pytest.fixture(scope="module")
def changed_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The site built from a copy whose catalog has other words for three scripts' sentences."""
    project = copy_project(tmp_path_factory.mktemp("words"))
    catalog = project / "content" / "strings.yml"
    text = catalog.read_text(encoding="utf-8")
    for key, words in CHANGED.items():
        old = re.search(rf"^{re.escape(key)}: .*$", text, re.M)
        assert old, f"content/strings.yml no longer has {key}: update this test"
        text = text.replace(old.group(0), f"{key}: {json.dumps(words)}")
    catalog.write_text(text, encoding="utf-8")
    with served_build(project) as url:
        yield url


def progress(page: Any) -> str:
    return str(page.locator(".md-content .sc-checklist [data-sc-checklist-progress]").first.inner_text())


@pytest.mark.xdist_group("changed-words")  # a build of a changed copy: made by one worker, not each
def test_the_scripts_words_come_from_the_catalog_through_the_page(browser: Any, changed_site: str) -> None:
    ctx = browser.new_context(base_url=changed_site)
    errors: list[str] = []
    page = ctx.new_page()
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(PHASE)
    words = json.loads(page.locator("#sc-words").text_content() or "")
    assert {key: words[key] for key in CHANGED} == CHANGED
    total = len(FIRST.checklist)
    assert progress(page) == f"0 ticked, {total} in all"
    page.locator(f"#sc-item-{FIRST.checklist[0].id}").check()
    assert progress(page) == f"1 ticked, {total} in all"
    # The live region says it too, with the first tick's question after it.
    assert (
        page.locator(".md-content .sc-checklist .sc-live").first.inner_text().startswith(f"1 ticked, {total} in all.")
    )
    # quick-exit.js reads the same data on its own.
    page.locator("body").press("Shift")
    assert page.locator("[data-sc-quick-exit-live]").inner_text() == "Press Shift 2 more times, to leave."
    ctx.close()
    assert errors == []


@pytest.mark.xdist_group("changed-words")  # a build of a changed copy: made by one worker, not each
def test_the_changed_words_reach_the_message_check_too(browser: Any, changed_site: str) -> None:
    phase = next(p for p in site_content().guide.phases if p.message_rules)
    ctx = browser.new_context(base_url=changed_site)
    page = ctx.new_page()
    page.route("**/message-rules.*.json", lambda route: route.abort())  # so the check says it failed
    page.goto(f"phases/{phase.id}/")
    page.locator(f"#sc-message-check-stop-{phase.id}-no").check()
    page.locator("[data-sc-message-check-draft]").first.fill("Hello, I hope you are well.")
    expect(page.locator("[data-sc-message-check-status]").first).to_have_text(
        "No list today: read it through yourself."
    )
    ctx.close()


def serve_with_island(page: Any, island: str | None) -> None:
    """Answer the phase page with its data island replaced by `island` (None: taken out)."""

    def answer(route: Any) -> None:
        response = route.fetch()
        html = response.text()
        assert ISLAND.search(html), "the page has no #sc-words island"
        swapped = ISLAND.sub(lambda _: "" if island is None else island, html, count=1)
        route.fulfill(response=response, body=swapped)

    page.route(f"**/{PHASE}", answer)


@pytest.mark.parametrize(
    "island",
    [
        None,
        '<script type="application/json" id="sc-words">{"js.checklist.progress": </script>',
        '<script type="application/json" id="sc-words">["not", "a", "mapping"]</script>',
        '<script type="application/json" id="sc-words">{"js.checklist.progress": 5}</script>',
    ],
    ids=["missing", "cut-short", "a-list", "a-number"],
)
def test_without_good_words_every_component_still_works_and_shows_keys(page: Any, island: str | None) -> None:
    neutral_exit(page)
    serve_with_island(page, island)
    page.goto(PHASE)
    assert (page.locator("#sc-words").count() == 0) == (island is None)
    box = page.locator(f"#sc-item-{FIRST.checklist[0].id}")
    box.check()
    assert box.is_checked()
    assert progress(page) == "js.checklist.progress"
    # The checklist went on after the tick: it asks whether to keep ticks, and keeping works.
    ask = page.locator(".md-content [data-sc-checklist-keep-when=ask]").first
    assert ask.is_visible()
    ask.locator("[data-sc-checklist-action=keep]").click()
    assert page.locator(".md-content [data-sc-checklist-keep-when=yes]").first.is_visible()
    assert json.loads(page.evaluate("() => localStorage.getItem('second-chance:checklist')"))["done"] == [
        FIRST.checklist[0].id
    ]
    # The quick exit, on its own reader, says its key and still leaves.
    page.locator("body").press("Shift")
    assert page.locator("[data-sc-quick-exit-live]").inner_text() == "js.quick_exit.presses"
    page.locator("body").press("Shift")
    with page.expect_navigation():
        page.locator("body").press("Shift")
    assert page.title() == "Weather"


def test_every_page_carries_the_same_words_for_its_scripts(page: Any) -> None:
    words = {key: text for key, text in site_content().strings.items() if key.startswith(("js.", "date."))}
    for path in ("", PHASE, "safety/", "checklists/", "404.html"):
        page.goto(path)
        assert json.loads(page.locator("#sc-words").text_content() or "") == words, path


def test_after_instant_navigation_the_words_are_the_new_pages_own(page: Any) -> None:
    """The island sits in the banner, which Material swaps on each instant navigation, and
    sc.word reads a swapped island afresh: the words are always those of the page shown (a
    page in another language brings its own)."""
    serve_with_island(
        page,
        '<script type="application/json" id="sc-words">{"js.checklist.progress": "{done} / {total}, new"}</script>',
    )
    page.goto("")
    page.evaluate("() => { window.__sameDocument = true }")
    page.locator("article").get_by_role("link", name=FIRST.title, exact=True).first.click()
    page.wait_for_url(f"**/{PHASE}")
    page.locator(f"#sc-item-{FIRST.checklist[0].id}").check()
    assert page.evaluate("() => window.__sameDocument === true"), "expected Material's instant navigation"
    assert progress(page) == f"1 / {len(FIRST.checklist)}, new"
