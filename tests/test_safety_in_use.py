"""Safety as a reader on a phone meets it (390x844, touch): no trail after the exit, the exit and
the safety link always in reach, triage answers that act at once, and no traces on the device
beyond what the reader chose."""

from __future__ import annotations

import json
from typing import Any

import pytest
from test_safety_browser import EXIT_URL, NEUTRAL

from conftest import ROOT
from guide.content import load_content

pytestmark = pytest.mark.browser

CONTENT = load_content(ROOT / "content")
FIRST = CONTENT.guide.phases[0]
KEY = "second-chance:checklist"
EXIT_GLOB = EXIT_URL.rstrip("/") + "**"


def neutral_exit(page: Any) -> None:
    """Answer the exit's target inside the test: no request reaches the real network."""
    page.route(EXIT_GLOB, lambda route: route.fulfill(status=200, content_type="text/html", body=NEUTRAL))


def in_site_link(page: Any, href_part: str) -> Any:
    return page.locator(f"article a[href*='{href_part}']").first


def walk_to_safety(page: Any, site_url: str) -> None:
    """home -> triage (answer Yes) -> home -> a phase -> safety, by clicking, as a reader would."""
    page.goto("")
    page.evaluate("() => { window.__sameDocument = true }")
    in_site_link(page, "triage/").click()
    page.wait_for_url("**/triage/")
    page.locator("input[type=radio][value=yes]").first.check()
    page.locator("a.md-footer__link--prev").click()  # back to Home, by the footer
    page.wait_for_url(site_url)
    in_site_link(page, f"phases/{FIRST.id}/").click()
    page.wait_for_url(f"**/phases/{FIRST.id}/")
    page.locator(".sc-controls__help").click()
    page.wait_for_url("**/safety/")
    assert page.evaluate("() => window.__sameDocument === true"), "expected Material's instant navigation"


def assert_back_never_returns(page: Any, site_url: str) -> None:
    page.wait_for_url(EXIT_GLOB)
    for _ in range(5):
        page.go_back()
        page.wait_for_timeout(150)
        assert not page.url.startswith(site_url), f"Back showed {page.url}"


# --- 1. no trail after the exit ---------------------------------------------------------------


@pytest.mark.parametrize("how", ["click", "shift"])
def test_after_the_exit_back_never_shows_a_page_of_this_site(phone: Any, site_url: str, how: str) -> None:
    neutral_exit(phone)
    walk_to_safety(phone, site_url)
    assert phone.evaluate("() => history.length") <= 2  # the blank tab, then one entry for the site
    if how == "click":
        phone.locator(".sc-controls a[data-quick-exit]").click()
    else:
        phone.locator("article").click(position={"x": 5, "y": 5})
        for _ in range(3):
            phone.keyboard.press("Shift")
    assert_back_never_returns(phone, site_url)


def test_in_page_anchors_and_plain_links_add_no_history_entry(phone: Any, site_url: str) -> None:
    phone.goto(f"phases/{FIRST.id}/")
    before = phone.evaluate("() => history.length")
    phone.evaluate(
        "() => { const a = document.createElement('a'); a.href = '#checklist'; a.textContent = 'x'; document.querySelector('article').append(a); a.click(); }"
    )
    phone.wait_for_url("**#checklist")
    phone.locator("a.md-footer__link--next").click()
    phone.wait_for_url(f"**/phases/{CONTENT.guide.phases[1].id}/")
    assert phone.evaluate("() => history.length") == before


# --- 2. the exit always in reach --------------------------------------------------------------


def topmost_is(page: Any, selector: str) -> bool:
    return bool(
        page.evaluate(
            """(sel) => { const el = document.querySelector(sel); const r = el.getBoundingClientRect();
                 const hit = document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2);
                 return el === hit || el.contains(hit); }""",
            selector,
        )
    )


EXIT = ".sc-controls a[data-quick-exit]"
HELP = ".sc-controls a.sc-controls__help"


def test_exit_is_on_top_with_the_menu_drawer_open(phone: Any) -> None:
    phone.goto(f"phases/{FIRST.id}/")
    phone.locator("label.md-header__button[for=__drawer]").click()
    phone.wait_for_timeout(400)
    assert phone.locator(".md-sidebar--primary").is_visible()
    assert topmost_is(phone, EXIT) and topmost_is(phone, HELP)


def test_exit_is_on_top_with_search_showing_results(phone: Any) -> None:
    phone.goto("")
    phone.locator("header button.sc-search-button").click()
    phone.locator("input.md-search__input").press_sequentially("space")
    phone.locator(".md-search-result__item").first.wait_for()
    assert topmost_is(phone, EXIT)


def test_exit_and_safety_link_are_big_enough_to_tap_and_always_in_view(phone: Any) -> None:
    phone.goto(f"phases/{FIRST.id}/")
    for fraction in (0, 0.5, 1):
        phone.evaluate(f"() => window.scrollTo(0, document.body.scrollHeight * {fraction})")
        phone.wait_for_timeout(150)
        for selector in (EXIT, HELP):
            box = phone.locator(selector).bounding_box()
            assert box and box["width"] >= 44 and box["height"] >= 44, (selector, box)
            assert box["y"] >= 0 and box["y"] + box["height"] <= 844, (selector, box)
            assert topmost_is(phone, selector)


@pytest.mark.parametrize(
    ("path", "focus"),
    [
        (f"phases/{FIRST.id}/", "input[data-item]"),
        ("triage/", "input[type=radio]"),
        ("", "a.md-footer__link"),
    ],
)
def test_shift_three_times_exits_whatever_has_focus(phone: Any, path: str, focus: str) -> None:
    neutral_exit(phone)
    phone.goto(path)
    phone.locator(focus).first.focus()
    for _ in range(3):
        phone.keyboard.press("Shift")
    phone.wait_for_url(EXIT_GLOB)


def test_shift_in_a_text_field_does_not_exit(phone: Any) -> None:
    hits: list[str] = []

    def refuse(route: Any) -> None:
        hits.append(route.request.url)
        route.abort()

    phone.route(EXIT_GLOB, refuse)
    phone.goto("")
    phone.evaluate(
        "() => { const t = document.createElement('textarea'); t.id = 't'; document.querySelector('article').append(t); }"
    )
    for field in ("input.md-search__input", "#t"):
        phone.locator(field).focus()
        for _ in range(3):
            phone.keyboard.press("Shift")
    phone.wait_for_timeout(300)
    assert hits == []


# --- 3. triage answers ------------------------------------------------------------------------


def test_a_yes_answers_beside_the_question_and_turns_the_page_to_safety(phone: Any) -> None:
    phone.goto("triage/")
    questions = phone.locator(".sc-triage__question")
    assert questions.count() == len(CONTENT.safety.triage.questions)
    second = questions.nth(1)
    assert not second.locator(".sc-triage__stop").is_visible()
    second.locator("input[value=yes]").check()
    note = second.locator(".sc-triage__stop")
    assert note.is_visible()
    radio, box = second.locator("input[value=yes]").bounding_box(), note.bounding_box()
    assert radio and box and box["y"] - radio["y"] < 844 / 2, "the answer shows within the same screen"
    live = phone.locator("[data-sc-triage-live]")
    assert "does not apply" in live.inner_text() and live.get_attribute("aria-live") == "polite"
    assert phone.locator(".md-footer__link--next").get_attribute("href").endswith("/safety/")
    assert "Safety" in phone.locator(".md-footer__link--next").inner_text()
    # No way to phase one is visible or reachable with the keyboard.
    first_phase = phone.locator(f"a[href*='phases/{FIRST.id}/']")
    for index in range(first_phase.count()):
        link = first_phase.nth(index)
        assert not link.is_visible()
        assert link.evaluate("a => { a.focus(); return document.activeElement !== a; }")
    # Answering No again gives the way back.
    second.locator("input[value=no]").check()
    assert phone.locator(".md-footer__link--next").get_attribute("href").endswith(f"/phases/{FIRST.id}/")


def test_triage_answers_are_never_restored(phone: Any) -> None:
    phone.goto("triage/")
    phone.locator("input[type=radio][value=yes]").first.check()
    phone.reload()
    phone.wait_for_load_state("load")
    assert phone.locator("input[type=radio]:checked").count() == 0
    # A page shown again from the back-forward cache is cleared too.
    phone.locator("input[type=radio][value=yes]").first.check()
    phone.evaluate("() => window.dispatchEvent(new PageTransitionEvent('pageshow', {persisted: true}))")
    assert phone.locator("input[type=radio]:checked").count() == 0


# --- 4. no traces beyond what the reader chose -------------------------------------------------


def test_search_words_never_reach_the_address_or_history(phone: Any) -> None:
    phone.goto("")
    phone.locator("header button.sc-search-button").click()
    phone.locator("input.md-search__input").press_sequentially("blocked")
    result = phone.locator(".md-search-result__item a").first
    assert "blocked" not in (result.get_attribute("href") or "")
    result.click()
    phone.wait_for_load_state("load")
    phone.wait_for_timeout(300)
    assert "blocked" not in phone.url and "?" not in phone.url


def test_ticks_last_for_the_visit_until_the_reader_chooses(phone: Any) -> None:
    phone.goto(f"phases/{FIRST.id}/")
    section = phone.locator(f".sc-checklist[data-phase={FIRST.id}]")
    assert not section.locator("[data-sc-keep-when=ask]").is_visible()  # nothing asked before a tick
    section.locator("input[data-item]").first.check()
    ask = section.locator("[data-sc-keep-when=ask]")
    assert ask.is_visible() and phone.evaluate("() => localStorage.length") == 0
    ask.locator("[data-sc-action=forget]").click()
    assert section.locator("[data-sc-keep-when=no]").is_visible()
    assert phone.evaluate("() => localStorage.length") == 0
    section.locator("input[data-item]").nth(1).check()
    assert phone.evaluate("() => localStorage.length") == 0
    section.locator("[data-sc-keep-when=no] [data-sc-action=keep]").click()
    saved = json.loads(phone.evaluate(f"() => localStorage.getItem('{KEY}')"))
    assert saved == {"version": 2, "done": [item.id for item in FIRST.checklist[:2]]}
    assert section.locator("[data-sc-keep-when=yes]").is_visible()
    phone.reload()
    assert section.locator("input[data-item]:checked").count() == 2


def test_an_older_record_loses_its_times(phone: Any) -> None:
    phone.goto(f"phases/{FIRST.id}/")
    phone.evaluate(
        f"() => localStorage.setItem('{KEY}', JSON.stringify({{version: 1, remember: true, done: {{'{FIRST.checklist[0].id}': '2026-01-01T10:00:00Z'}}}}))"
    )
    phone.reload()
    phone.locator("input[data-item]").nth(1).check()
    assert json.loads(phone.evaluate(f"() => localStorage.getItem('{KEY}')")) == {
        "version": 2,
        "done": [FIRST.checklist[0].id, FIRST.checklist[1].id],
    }


COUNT_STORAGE = """
window.__storageCalls = [];
for (const name of ['getItem', 'setItem', 'removeItem', 'key', 'clear']) {
  const real = Storage.prototype[name];
  Storage.prototype[name] = function (...args) { window.__storageCalls.push(name); return real.apply(this, args); };
}
for (const area of ['localStorage', 'sessionStorage']) {
  const real = Object.getOwnPropertyDescriptor(window, area).get;
  Object.defineProperty(window, area, { get() { window.__storageCalls.push(area); return real.call(window); } });
}
"""


def test_triage_and_safety_pages_call_no_storage_method_at_all(phone: Any) -> None:
    # Whatever is stored: a record, a backup and a newer version's record.
    phone.goto("about/")
    phone.evaluate(
        f"() => {{ localStorage.setItem('{KEY}', JSON.stringify({{version: 2, done: ['{FIRST.checklist[0].id}']}})); localStorage.setItem('{KEY}:backup', 'x'); }}"
    )
    phone.context.add_init_script(COUNT_STORAGE)
    for path in ("triage/", "safety/"):
        phone.goto(path)
        if path == "triage/":
            phone.locator("input[type=radio][value=yes]").first.check()
        phone.wait_for_timeout(300)
        assert phone.evaluate("() => window.__storageCalls") == [], path
    # Arriving by instant navigation from a page with a checklist: still nothing on arrival.
    phone.goto(f"phases/{FIRST.id}/")
    phone.evaluate("() => { window.__storageCalls.length = 0 }")
    phone.locator(HELP).click()
    phone.wait_for_url("**/safety/")
    phone.wait_for_timeout(300)
    assert phone.evaluate("() => window.__storageCalls") == []


def test_clear_all_removes_every_key_the_site_wrote_and_says_so(phone: Any) -> None:
    phone.goto("checklists/")
    phone.evaluate(
        f"""() => {{
            localStorage.setItem('{KEY}', JSON.stringify({{version: 9, future: true}}));
            localStorage.setItem('{KEY}:backup', 'old');
            localStorage.setItem('second-chance:something-newer', '1');
            localStorage.setItem('not-ours', 'kept');
        }}"""
    )
    phone.reload()
    phone.once("dialog", lambda dialog: dialog.accept())
    phone.locator("[data-sc-action=clear]").click()
    assert phone.evaluate("() => Object.keys(localStorage)") == ["not-ours"]
    said = phone.locator(".sc-import-status").inner_text()
    assert "your saved ticks" in said and "a backup copy" in said and "another version" in said


def test_stopping_keeping_ticks_removes_the_backup_too(phone: Any) -> None:
    phone.goto(f"phases/{FIRST.id}/")
    phone.evaluate(f"() => localStorage.setItem('{KEY}', '{{not json')")
    phone.reload()
    assert phone.evaluate(f"() => localStorage.getItem('{KEY}:backup')") == "{not json"
    section = phone.locator(f".sc-checklist[data-phase={FIRST.id}]")
    section.locator("input[data-item]").first.check()
    phone.once("dialog", lambda dialog: dialog.accept())
    section.locator("[data-sc-keep-when=yes] [data-sc-action=forget]").click()
    assert phone.evaluate("() => localStorage.length") == 0
    assert section.locator("input[data-item]").first.is_checked()  # still on screen for the visit
    assert "a backup copy" in section.locator("[data-sc-removed]").inner_text()


# --- 5. the safety page on a phone --------------------------------------------------------------


def test_emergency_numbers_are_big_call_links_on_the_first_screen(phone: Any) -> None:
    phone.goto("safety/")
    bar = phone.locator(".sc-controls").bounding_box()
    assert bar
    calls = phone.locator("a.sc-call")
    assert calls.count() == len(CONTENT.safety.safety.emergency)
    for index, place in enumerate(CONTENT.safety.safety.emergency):
        link = calls.nth(index)
        assert link.get_attribute("href") == "tel:" + place.number
        box = link.bounding_box()
        assert box and box["height"] >= 44 and box["width"] >= 44
        assert box["y"] + box["height"] <= bar["y"], f"{place.number} is below the first screen"


def test_text_services_are_sms_links_with_their_keyword(phone: Any) -> None:
    phone.goto("safety/")
    texted = [line for line in CONTENT.safety.safety.helplines if line.text]
    assert texted
    for line in texted:
        assert line.text
        number = "".join(ch for ch in line.text.number if ch.isdigit())
        href = f"sms:{number}" + (f"?&body={line.text.keyword}" if line.text.keyword else "")
        link = phone.locator(f"a[href='{href}']")
        assert link.count() == 1, href
        link.scroll_into_view_if_needed()
        box = link.bounding_box()
        assert box and box["height"] >= 44


def test_when_to_stop_is_a_heading_with_body_size_text(phone: Any) -> None:
    phase = next(p for p in CONTENT.guide.phases if p.limit)
    phone.goto(f"phases/{phase.id}/")
    heading = phone.locator("article h2", has_text="When to stop")
    assert heading.count() == 1
    note = phone.locator(".sc-stop p").first
    body = phone.locator("article > p").first
    size = "e => getComputedStyle(e).fontSize"
    assert note.evaluate(size) == body.evaluate(size)


@pytest.mark.parametrize("path", ["", "triage/", "safety/", f"phases/{FIRST.id}/", "checklists/"])
def test_no_axe_violations_on_a_phone(phone: Any, path: str) -> None:
    from axe_playwright_python.sync_playwright import Axe  # type: ignore[import-untyped]

    phone.goto(path)
    if path == "triage/":
        phone.locator("input[type=radio][value=yes]").first.check()
    if path.startswith("phases/"):
        phone.locator("input[data-item]").first.check()  # the question about keeping ticks shows
    results = Axe().run(phone)
    assert results.violations_count == 0, results.generate_report()
