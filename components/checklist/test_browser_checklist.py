"""The interactive checklist (checklist.js, checklist.html.j2, .sc-checklist) in Chromium: saving,
progress and every failure mode of storage. Its file tools: tests/test_browser_checklist_file.py."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest

from guide.content.loading import load_content
from support import CHECKLIST_KEY, ENGINES, ODD_IDS, ROOT, box, keep, nav_link, record

pytestmark = pytest.mark.browser

KEY = CHECKLIST_KEY
GUIDE = load_content(ROOT / "content").guide
FIRST, SECOND = GUIDE.phases[0], GUIDE.phases[1]
FIRST_ITEMS = [item.id for item in FIRST.checklist]
TOTAL = sum(len(p.checklist) for p in GUIDE.phases)


def progress(page: Any, phase_id: str) -> str:
    return str(
        page.locator(
            f".sc-checklist[data-sc-checklist-phase={phase_id}] [data-sc-checklist-progress]"
        ).first.inner_text()
    )


def seed(context: Any, value: str) -> None:
    """Put `value` under our key before any page script runs, as an earlier visit would have."""
    context.add_init_script(
        f"if (!sessionStorage.getItem('seeded')) {{ localStorage.setItem({json.dumps(KEY)}, {json.dumps(value)}); sessionStorage.setItem('seeded', '1'); }}"
    )


# --- saving and progress ---------------------------------------------------------------------


def test_a_kept_tick_survives_a_reload_and_is_one_record_of_ids(page: Any) -> None:
    page.goto(f"phases/{FIRST.id}/")
    assert progress(page, FIRST.id) == f"0 of {len(FIRST_ITEMS)} done"
    box(page, FIRST_ITEMS[0]).check()
    assert progress(page, FIRST.id) == f"1 of {len(FIRST_ITEMS)} done"
    assert (
        page.locator(f".sc-checklist[data-sc-checklist-phase={FIRST.id}] .sc-live")
        .inner_text()
        .startswith(f"1 of {len(FIRST_ITEMS)} done")
    )
    keep(page)
    page.reload()
    assert box(page, FIRST_ITEMS[0]).is_checked() and not box(page, FIRST_ITEMS[1]).is_checked()
    # Item ids only: no times, nothing else.
    assert record(page) == {"version": 2, "done": [FIRST_ITEMS[0]]}
    assert page.evaluate("() => Object.keys(localStorage)") == [KEY]


def test_unticking_removes_the_tick(page: Any) -> None:
    page.goto(f"phases/{FIRST.id}/")
    box(page, FIRST_ITEMS[0]).check()
    keep(page)
    box(page, FIRST_ITEMS[0]).uncheck()
    page.reload()
    assert not box(page, FIRST_ITEMS[0]).is_checked()
    assert record(page)["done"] == []


def test_progress_follows_instant_navigation_to_home_and_all_checklists(page: Any) -> None:
    page.goto("")
    page.evaluate("() => { window.__sameDocument = true }")
    page.locator("article").get_by_role("link", name=FIRST.title, exact=True).first.click()
    page.wait_for_url(f"**/phases/{FIRST.id}/")
    box(page, FIRST_ITEMS[0]).check()
    box(page, FIRST_ITEMS[1]).check()
    nav_link(page, "All checklists").click()
    page.wait_for_url("**/checklists/")
    page.locator(".sc-overall").wait_for(state="attached")
    assert box(page, FIRST_ITEMS[1]).is_checked()
    assert progress(page, FIRST.id) == f"2 of {len(FIRST_ITEMS)} done"
    assert page.locator(".sc-overall [data-sc-checklist-progress]").inner_text() == f"2 of {TOTAL} done"
    nav_link(page, "Home").click()
    page.wait_for_url(re.compile(r"/$"))
    # The address changes as the click is taken; wait for the home page's own content too.
    page.locator("article .sc-checklist__progress--small").first.wait_for(state="attached")
    assert page.evaluate("() => window.__sameDocument === true"), "expected Material's instant navigation"
    summary = page.locator("article [data-sc-checklist-progress]")
    texts = summary.all_inner_texts()
    assert texts[0] == f"2 of {len(FIRST_ITEMS)} done" and texts[-1] == f"2 of {TOTAL} done"


def test_two_tabs_stay_in_sync(context: Any) -> None:
    one, two = context.new_page(), context.new_page()
    one.goto(f"phases/{FIRST.id}/")
    box(one, FIRST_ITEMS[0]).check()
    keep(one)
    two.goto("checklists/")
    box(one, FIRST_ITEMS[2]).check()
    two.wait_for_function(f"() => document.querySelector('#sc-item-{FIRST_ITEMS[2]}').checked")
    box(two, FIRST_ITEMS[2]).uncheck()
    one.wait_for_function(f"() => !document.querySelector('#sc-item-{FIRST_ITEMS[2]}').checked")


def test_ticks_made_at_the_same_moment_in_two_tabs_are_both_kept(context: Any) -> None:
    one, two = context.new_page(), context.new_page()
    one.goto(f"phases/{FIRST.id}/")
    box(one, FIRST_ITEMS[0]).check()
    keep(one)
    two.goto(f"phases/{FIRST.id}/")
    # Two tabs write in the same moment: each saves before the other's storage event arrives.
    for tab, item in ((one, FIRST_ITEMS[1]), (two, FIRST_ITEMS[2])):
        tab.evaluate(
            f"() => {{ const b = document.querySelector('#sc-item-{item}'); b.checked = true; b.dispatchEvent(new Event('change', {{bubbles: true}})); }}"
        )
    for tab in (one, two):
        tab.wait_for_function(
            f"() => ['{FIRST_ITEMS[0]}', '{FIRST_ITEMS[1]}', '{FIRST_ITEMS[2]}'].every((id) => document.querySelector('#sc-item-' + id).checked)"
        )
    assert sorted(record(one)["done"]) == sorted(FIRST_ITEMS[:3])


# --- tools ------------------------------------------------------------------------------------


def test_reset_a_phase_only_after_confirming_and_only_that_phase(page: Any) -> None:
    page.goto(f"phases/{SECOND.id}/")
    box(page, SECOND.checklist[0].id).check()
    keep(page)
    page.goto(f"phases/{FIRST.id}/")
    box(page, FIRST_ITEMS[0]).check()
    reset = page.locator(f".sc-checklist[data-sc-checklist-phase={FIRST.id}] [data-sc-checklist-action=reset]")
    page.once("dialog", lambda dialog: dialog.dismiss())
    reset.click()
    assert box(page, FIRST_ITEMS[0]).is_checked()
    page.once("dialog", lambda dialog: dialog.accept())
    reset.click()
    assert not box(page, FIRST_ITEMS[0]).is_checked()
    assert record(page)["done"] == [SECOND.checklist[0].id]  # the other phase's tick stays
    page.goto("checklists/")
    assert box(page, SECOND.checklist[0].id).is_checked()


@pytest.mark.xdist_group("changed-ids")  # two builds of changed copies: made by one worker, not each
def test_former_ids_carry_ticks_over_and_unknown_ids_are_kept(renamed_site: str, browser: Any) -> None:
    context = browser.new_context(base_url=renamed_site)
    try:
        seed(
            context,
            json.dumps(
                {
                    "version": 1,
                    "remember": True,
                    "done": {"old-name": "2026-01-01T00:00:00Z", "from-a-future-page": "2026-01-02T00:00:00Z"},
                }
            ),
        )
        page = context.new_page()
        page.goto(f"phases/{FIRST.id}/")
        assert box(page, FIRST_ITEMS[0]).is_checked()
        # An older record's times are dropped as it is rewritten: ids only, unknown ones kept.
        assert record(page)["version"] == 2
        assert sorted(record(page)["done"]) == sorted([FIRST_ITEMS[0], "from-a-future-page"])
    finally:
        context.close()


@pytest.mark.xdist_group("changed-ids")  # two builds of changed copies: made by one worker, not each
def test_ids_that_name_javascript_properties_or_page_controls_work(odd_ids_site: str, browser: Any) -> None:
    context = browser.new_context(base_url=odd_ids_site)
    try:
        page = context.new_page()
        page.goto(f"phases/{FIRST.id}/")
        boxes = [page.locator(f"#sc-item-{item}") for item in ODD_IDS]
        assert [b.is_checked() for b in boxes] == [False] * len(ODD_IDS)  # nothing inherited shows as ticked
        assert progress(page, FIRST.id) == f"0 of {len(ODD_IDS)} done"
        for b in boxes:
            b.check()
        keep(page)
        boxes[0].uncheck()
        page.reload()
        assert [b.is_checked() for b in boxes] == [False] + [True] * (len(ODD_IDS) - 1)
        assert sorted(record(page)["done"]) == sorted(ODD_IDS[1:])
        page.goto("checklists/")
        assert page.locator("#sc-import").get_attribute("type") == "file"  # the page's control, not an item
        assert page.locator("#sc-item-import").is_checked()
    finally:
        context.close()


# --- failure modes -----------------------------------------------------------------------------


def test_storage_that_throws_falls_back_to_memory_and_says_so(context: Any) -> None:
    context.add_init_script(
        "Object.defineProperty(window, 'localStorage', {get() { throw new DOMException('denied', 'SecurityError'); }});"
    )
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(f"phases/{FIRST.id}/")
    box(page, FIRST_ITEMS[0]).check()
    assert progress(page, FIRST.id) == f"1 of {len(FIRST_ITEMS)} done"
    keep(page)
    assert "not letting the site save" in page.locator(".sc-checklist__notice:visible").first.inner_text()
    assert errors == []


def test_a_full_storage_keeps_ticks_on_screen_and_what_was_saved(context: Any) -> None:
    seed(context, json.dumps({"version": 1, "remember": True, "done": {FIRST_ITEMS[0]: "2026-01-01T00:00:00Z"}}))
    context.add_init_script("""
        const real = Storage.prototype.setItem;
        Storage.prototype.setItem = function (key, value) {
          if (key === 'second-chance:checklist') throw new DOMException('full', 'QuotaExceededError');
          return real.call(this, key, value);
        };""")
    page = context.new_page()
    page.goto(f"phases/{FIRST.id}/")
    box(page, FIRST_ITEMS[1]).check()
    assert box(page, FIRST_ITEMS[1]).is_checked()
    assert "storage is full" in page.locator(".sc-checklist__notice:visible").first.inner_text()
    assert list(record(page)["done"]) == [FIRST_ITEMS[0]]
    # The unsaved tick lasts for the rest of the visit: it is still there on the next page.
    nav_link(page, "All checklists").click()
    page.wait_for_url("**/checklists/")
    page.locator(".sc-overall").wait_for(state="attached")
    assert box(page, FIRST_ITEMS[1]).is_checked() and box(page, FIRST_ITEMS[0]).is_checked()
    assert "storage is full" in page.locator(".sc-checklist__notice:visible").first.inner_text()


@pytest.mark.parametrize("raw", ["{not json", "[1, 2, 3]", '"a string"', '{"something": "else"}'])
def test_corrupt_or_foreign_data_is_backed_up_not_lost(context: Any, raw: str) -> None:
    seed(context, raw)
    page = context.new_page()
    page.goto(f"phases/{FIRST.id}/")
    assert "could not be read" in page.locator(".sc-checklist__notice:visible").first.inner_text()
    assert page.evaluate(f"() => localStorage.getItem('{KEY}:backup')") == raw
    box(page, FIRST_ITEMS[0]).check()
    assert list(record(page)["done"]) == [FIRST_ITEMS[0]]
    assert page.evaluate(f"() => localStorage.getItem('{KEY}:backup')") == raw


def test_partly_valid_data_keeps_every_valid_tick(context: Any) -> None:
    raw = json.dumps(
        {"version": 1, "done": {FIRST_ITEMS[0]: "2026-01-01T00:00:00Z", "Not An Id": "x", FIRST_ITEMS[1]: 7}}
    )
    seed(context, raw)
    page = context.new_page()
    page.goto(f"phases/{FIRST.id}/")
    assert box(page, FIRST_ITEMS[0]).is_checked() and not box(page, FIRST_ITEMS[1]).is_checked()
    assert page.evaluate(f"() => localStorage.getItem('{KEY}:backup')") == raw


def test_a_record_from_a_newer_version_is_left_untouched(context: Any) -> None:
    raw = json.dumps({"version": 3, "items": {"x": {"done": True}}})
    seed(context, raw)
    page = context.new_page()
    page.goto(f"phases/{FIRST.id}/")
    box(page, FIRST_ITEMS[0]).check()
    assert page.evaluate(f"() => localStorage.getItem('{KEY}')") == raw
    assert "newer version" in page.locator(".sc-checklist__notice:visible").first.inner_text()


# --- keyboard, accessibility, layout -----------------------------------------------------------


def test_keyboard_only_ticks_and_reaches_every_control(page: Any) -> None:
    page.goto(f"phases/{FIRST.id}/")
    box(page, FIRST_ITEMS[0]).focus()
    page.keyboard.press("Space")
    assert box(page, FIRST_ITEMS[0]).is_checked()
    outline = box(page, FIRST_ITEMS[0]).evaluate("e => getComputedStyle(e).outlineStyle")
    assert outline != "none"
    seen = set()
    for _ in range(len(FIRST_ITEMS) + 3):
        page.keyboard.press("Tab")
        seen.add(
            page.evaluate(
                "() => document.activeElement.dataset.scChecklistItem || document.activeElement.dataset.scChecklistAction || document.activeElement.dataset.scChecklistFileAction || ''"
            )
        )
    assert set(FIRST_ITEMS[1:]) <= seen and {"print", "reset"} <= seen


# Axe on every checklist page, as loaded, is test_quality_browser.py's every-page check (light
# and dark); with a tick and the question it asks, test_safety_in_use.py's and test_reading.py's.


@pytest.mark.parametrize("path", [f"phases/{FIRST.id}/", "", "safety/", "phases/give-space/", "phases/reconnect/"])
def test_loading_a_page_shifts_no_layout(page: Any, path: str) -> None:
    # Counts shifts of the header (with the quick exit) and the page. Material's instant
    # navigation re-sets every stylesheet link's href once at start-up, which now and then
    # nudges the banner's text by 3px for one frame: the theme's doing, so it is left out.
    page.add_init_script("""
        window.__shift = 0;
        new PerformanceObserver((list) => {
          for (const e of list.getEntries()) {
            const banner = document.querySelector('.md-banner');
            const ours = e.sources.some((s) => s.node && !(banner && banner.contains(s.node)));
            if (!e.hadRecentInput && ours) {
              window.__shift += e.value;  // and say what moved, for the failure message
              (window.__why ||= []).push(e.sources.map((s) => s.node && s.node.nodeName + ' ' + (s.node.textContent || '').slice(0, 40)));
            }
          }
        }).observe({type: 'layout-shift', buffered: true});""")
    page.goto(path, wait_until="load")
    page.wait_for_timeout(500)
    assert page.evaluate("() => window.__shift") == 0, page.evaluate("() => window.__why")


def test_without_javascript_the_list_is_readable_and_buttons_hidden(browser: Any, site_url: str) -> None:
    context = browser.new_context(base_url=site_url, java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(f"phases/{FIRST.id}/")
        labels = page.locator(f".sc-checklist[data-sc-checklist-phase={FIRST.id}] label").all_inner_texts()
        assert labels == [item.text for item in FIRST.checklist]
        assert not page.locator("[data-sc-checklist-file-action=print]").is_visible()
        assert progress(page, FIRST.id) == f"{len(FIRST_ITEMS)} items"
    finally:
        context.close()


@pytest.mark.parametrize("site_url", ENGINES, indirect=True)  # on the hooks' build and on Zensical's
def test_ticks_last_for_the_visit_until_the_reader_chooses(phone: Any) -> None:
    phone.goto(f"phases/{FIRST.id}/")
    section = phone.locator(f".sc-checklist[data-sc-checklist-phase={FIRST.id}]")
    assert not section.locator("[data-sc-checklist-keep-when=ask]").is_visible()  # nothing asked before a tick
    section.locator("input[data-sc-checklist-item]").first.check()
    ask = section.locator("[data-sc-checklist-keep-when=ask]")
    assert ask.is_visible() and phone.evaluate("() => localStorage.length") == 0
    ask.locator("[data-sc-checklist-action=forget]").click()
    assert section.locator("[data-sc-checklist-keep-when=no]").is_visible()
    assert phone.evaluate("() => localStorage.length") == 0
    section.locator("input[data-sc-checklist-item]").nth(1).check()
    assert phone.evaluate("() => localStorage.length") == 0
    section.locator("[data-sc-checklist-keep-when=no] [data-sc-checklist-action=keep]").click()
    saved = json.loads(phone.evaluate(f"() => localStorage.getItem('{KEY}')"))
    assert saved == {"version": 2, "done": [item.id for item in FIRST.checklist[:2]]}
    assert section.locator("[data-sc-checklist-keep-when=yes]").is_visible()
    phone.reload()
    assert section.locator("input[data-sc-checklist-item]:checked").count() == 2


def test_an_older_record_loses_its_times(phone: Any) -> None:
    phone.goto(f"phases/{FIRST.id}/")
    phone.evaluate(
        f"() => localStorage.setItem('{KEY}', JSON.stringify({{version: 1, remember: true, done: {{'{FIRST.checklist[0].id}': '2026-01-01T10:00:00Z'}}}}))"
    )
    phone.reload()
    phone.locator("input[data-sc-checklist-item]").nth(1).check()
    assert json.loads(phone.evaluate(f"() => localStorage.getItem('{KEY}')")) == {
        "version": 2,
        "done": [FIRST.checklist[0].id, FIRST.checklist[1].id],
    }


def test_stopping_keeping_ticks_removes_the_backup_too(phone: Any) -> None:
    phone.goto(f"phases/{FIRST.id}/")
    phone.evaluate(f"() => localStorage.setItem('{KEY}', '{{not json')")
    phone.reload()
    assert phone.evaluate(f"() => localStorage.getItem('{KEY}:backup')") == "{not json"
    section = phone.locator(f".sc-checklist[data-sc-checklist-phase={FIRST.id}]")
    section.locator("input[data-sc-checklist-item]").first.check()
    phone.once("dialog", lambda dialog: dialog.accept())
    section.locator("[data-sc-checklist-keep-when=yes] [data-sc-checklist-action=forget]").click()
    assert phone.evaluate("() => localStorage.length") == 0
    assert section.locator("input[data-sc-checklist-item]").first.is_checked()  # still on screen for the visit
    assert "a backup copy" in section.locator("[data-sc-checklist-removed]").inner_text()
