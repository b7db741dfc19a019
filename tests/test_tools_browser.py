"""The reader's tools in a real browser: the message check, the space on a calendar and
helplines for your region. Each runs in the page only: nothing stored, nothing requested,
nothing in the address or the history, and each still says its rule in words without JavaScript."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from guide.content import load_content
from support import COUNT_STORAGE, EXIT_URL, NEUTRAL, ROOT, pdf_pages, squash

pytestmark = pytest.mark.browser

CONTENT = load_content(ROOT / "content")
GUIDE = CONTENT.guide
PHASES = {phase.id: phase for phase in GUIDE.phases}
CHECKED = [phase for phase in GUIDE.phases if phase.message_rules]
RECONNECT = PHASES["reconnect"]
SPACE = next(phase for phase in GUIDE.phases if phase.space_days)
SAFETY = CONTENT.safety.safety
DRAFT = "[data-sc-msg-draft]"
EXIT_GLOB = EXIT_URL.rstrip("/") + "**"

# A fixed set of bad drafts, each with the one rule (or danger) that must catch it.
BAD_DRAFTS = [
    ("reconnect", "How are you? I miss us so much.", "not-about-us"),
    ("reconnect", "Can we talk about what happened?", "not-about-us"),
    ("reconnect", "I think we should get back together.", "not-about-us"),
    ("reconnect", "Why won't you answer?", "no-pressure"),
    ("reconnect", "Hey. Please reply when you see this.", "no-pressure"),
    ("reconnect", "Are you there? Did you get my text? Hello?", "one-question"),
    ("reconnect", "Hi. I'm sorry again for everything.", "no-new-sorry"),
    ("reconnect", "I promise I'll be better this time.", "no-promises"),
    ("reconnect", "I feel so lonely these days.", "light"),
    ("reconnect", " ".join(["This is a long message that goes on and on."] * 6), "short"),
    ("reconnect", "Hi\nhow\nare\nyou", "short"),
    ("own-it", "I was rude to you for months.", "says-sorry"),
    ("own-it", "I'm sorry, but you made me so angry.", "no-excuses"),
    ("own-it", "I'm sorry. Please answer me.", "no-pressure"),
    ("own-it", "I'm sorry. I swear it will never happen again.", "no-promises"),
    ("own-it", "I'm sorry. You are my soul mate.", "no-love-speech"),
    ("own-it", "I'm sorry. " + "I was wrong. " * 60, "calm-length"),
]
DANGER_DRAFTS = [
    ("reconnect", "You can't just block me.", "around-block"),
    ("reconnect", "I’ll come over tonight so we can talk.", "around-block"),
    ("reconnect", "If you don't answer I'll keep trying.", "wont-give-up"),
    ("own-it", "I'm sorry. If you do not reply, I will come over.", "around-block"),
    ("reconnect", "Answer me or else.", "threat"),
    ("own-it", "I'm sorry but you'll regret this.", "threat"),
    ("reconnect", "I don't want to live anymore.", "self-harm"),
    ("own-it", "Sorry. I want to die.", "self-harm"),
    ("reconnect", "HOW ARE YOU? I CAN'T GO ON.", "self-harm"),
    # The drafts of issue 17 that used to get full marks (the corpus test measures many more).
    (
        "own-it",
        "I know you said leave me alone, but I'm sorry and I just want you to hear me out one more time.",
        "stop-pressure",
    ),
    ("own-it", "I'm outside, can I come up and explain in person?", "around-block"),
    ("own-it", "Your sister said you don't want to hear from me, but please let me explain once.", "stop-pressure"),
    ("reconnect", "I got a new phone, this is my number now", "around-block"),
    ("reconnect", "I'll wait for you as long as it takes", "wont-give-up"),
    ("reconnect", "Your brother said you wanted space but I hope this is ok", "stop-pressure"),
    ("reconnect", "There's no point in living anymore", "self-harm"),
]


def check(page: Any, draft: str) -> dict[str, Any]:
    """The page's own rule engine (message-check.js) on `draft`."""
    return dict(
        page.evaluate(
            "(d) => window.scMessageCheck.check(d, document.querySelector('[data-sc-msg]'))",
            draft,
        )
    )


# --- 1. the message check -----------------------------------------------------------------------


def test_the_site_s_own_example_messages_meet_every_rule(page: Any) -> None:
    examples = [phase for phase in CHECKED if phase.examples]
    assert RECONNECT in examples
    for phase in examples:
        page.goto(f"phases/{phase.id}/")
        for example in phase.examples:
            result = check(page, example.message)
            assert result["danger"] == [], example.message
            assert result["met"] == {rule.id: True for rule in phase.message_rules}, example.message
            # And on screen, typed as a reader would.
            page.locator(DRAFT).fill(example.message)
            assert page.locator(".sc-msg--unmet").count() == 0, example.message
            assert page.locator(".sc-msg--met").count() == len(phase.message_rules)


@pytest.mark.parametrize(("phase_id", "draft", "rule"), BAD_DRAFTS)
def test_each_bad_draft_is_caught_by_the_rule_expected(page: Any, phase_id: str, draft: str, rule: str) -> None:
    page.goto(f"phases/{phase_id}/")
    result = check(page, draft)
    assert result["danger"] == [] and result["met"][rule] is False, result
    page.locator(DRAFT).fill(draft)
    assert "sc-msg--unmet" in (page.locator(f"[data-sc-rule={rule}]").get_attribute("class") or "")
    assert page.locator(f"[data-sc-rule={rule}]").inner_text().endswith("Not yet.")


@pytest.mark.parametrize(("phase_id", "draft", "danger"), DANGER_DRAFTS)
def test_a_draft_not_to_send_gets_no_score_only_do_not_send(page: Any, phase_id: str, draft: str, danger: str) -> None:
    page.goto(f"phases/{phase_id}/")
    page.locator(DRAFT).fill(draft)
    assert danger in check(page, draft)["danger"]
    note = page.locator(f"[data-sc-danger={danger}]")
    assert note.is_visible() and note.inner_text().startswith("Do not send this.")
    assert not page.locator("[data-sc-msg-rules]").is_visible()
    assert not page.locator("[data-sc-msg-summary]").is_visible()
    section = next(rule.section for rule in GUIDE.message_danger if rule.id == danger)
    assert note.locator(f"a[href$='safety/#{section}']").count() == 1


HARMLESS_DRAFTS = [
    ("reconnect", "Hi! How was the trip?"),
    ("own-it", "I'm sorry I was so unkind to you. That was wrong of me."),
    ("own-it", "I'm sorry for how I treated you. You don't have to reply."),
    ("reconnect", "This heat is killing me, hope you're staying cool!"),
]


@pytest.mark.parametrize(("phase_id", "draft"), HARMLESS_DRAFTS)
def test_a_harmless_draft_gets_its_score_and_no_warning(page: Any, phase_id: str, draft: str) -> None:
    page.goto(f"phases/{phase_id}/")
    page.locator(DRAFT).fill(draft)
    assert check(page, draft)["danger"] == []
    assert page.locator("[data-sc-danger]:visible").count() == 0
    assert page.locator("[data-sc-msg-rules]").is_visible()
    assert page.locator("[data-sc-msg-summary]").inner_text().startswith("Your message meets ")


def test_the_check_says_it_reads_words_not_meaning(page: Any) -> None:
    page.goto(f"phases/{RECONNECT.id}/")
    box = page.locator(DRAFT)
    help_text = page.locator(f"#{box.get_attribute('aria-describedby')}").inner_text()
    assert "reads words, not what you mean" in help_text and "miss" in help_text


def test_words_about_self_harm_show_the_crisis_lines(page: Any) -> None:
    page.goto(f"phases/{RECONNECT.id}/")
    page.locator(DRAFT).fill("Sometimes I think about ending it all. I want to die.")
    note = page.locator("[data-sc-danger=self-harm]")
    for line in SAFETY.crisis.helplines:
        assert line.phone
        digits = "".join(ch for ch in line.phone if ch.isdigit())
        assert note.locator(f"a[href='tel:{digits}']").first.is_visible(), line.name
    # A draft made safe again gets its score back.
    page.locator(DRAFT).fill("How are you?")
    assert not note.is_visible() and page.locator("[data-sc-msg-rules]").is_visible()


def test_the_live_region_speaks_once_typing_pauses(page: Any) -> None:
    page.goto(f"phases/{RECONNECT.id}/")
    live = page.locator("[data-sc-msg-live]")
    assert live.get_attribute("aria-live") == "polite"
    page.locator(DRAFT).press_sequentially("How are you doing", delay=60)
    assert live.inner_text() == ""  # nothing said while the keys come
    count = len(RECONNECT.message_rules)
    expect(live).to_have_text(f"Your message meets {count} of {count} points.", timeout=5_000)


def test_the_box_is_private_and_emptied_on_every_show_and_on_leaving(page: Any) -> None:
    page.goto(f"phases/{RECONNECT.id}/")
    box = page.locator(DRAFT)
    assert box.get_attribute("spellcheck") == "false" and box.get_attribute("autocomplete") == "off"
    assert page.locator(f"label[for='{box.get_attribute('id')}']").inner_text() == "Your message"
    for event in ("pageshow", "pagehide"):
        box.fill("I miss us")
        page.evaluate(f"() => window.dispatchEvent(new PageTransitionEvent('{event}', {{persisted: true}}))")
        assert box.input_value() == "", event
        assert page.locator(".sc-msg--unmet").count() == 0
    box.fill("I miss us")
    page.reload()
    assert page.locator(DRAFT).input_value() == ""


def test_the_quick_exit_empties_the_box_before_it_leaves(page: Any) -> None:
    page.route(EXIT_GLOB, lambda route: route.fulfill(status=200, content_type="text/html", body=NEUTRAL))
    seen: list[str] = []
    page.expose_function("reportDraft", lambda value: seen.append(value))
    page.goto(f"phases/{RECONNECT.id}/")
    page.locator(DRAFT).fill("I miss us")
    # Registered after message-check.js, so it sees the box as the exit's click leaves it.
    page.evaluate(
        "() => window.addEventListener('click', () => window.reportDraft(document.querySelector('[data-sc-msg-draft]').value), true)"
    )
    page.locator("a[data-quick-exit]").first.click()
    page.wait_for_url(EXIT_GLOB)
    assert seen == [""]


def test_shift_typed_in_the_box_never_leaves(page: Any) -> None:
    hits: list[str] = []

    def refuse(route: Any) -> None:
        hits.append(route.request.url)
        route.abort()

    page.route(EXIT_GLOB, refuse)
    page.goto(f"phases/{RECONNECT.id}/")
    box = page.locator(DRAFT)
    box.focus()
    for _ in range(4):
        page.keyboard.press("Shift")
    box.press_sequentially("Hi THERE, How Are You?")
    page.wait_for_timeout(300)
    assert hits == [] and box.input_value() == "Hi THERE, How Are You?"


# --- 2. the space on a calendar -----------------------------------------------------------------

# 12:00 UTC on Thursday 27 November 2025 is already Friday 28 November in Auckland, and still
# Thursday morning in Los Angeles: the day of the space follows the reader's own calendar.
NOON_UTC = "2025-11-27T12:00:00Z"


@pytest.mark.parametrize(("zone", "day"), [("Pacific/Auckland", 4), ("America/Los_Angeles", 3), ("Europe/London", 3)])
def test_the_space_is_counted_in_the_reader_s_time_zone(browser: Any, site_url: str, zone: str, day: int) -> None:
    assert SPACE.space_days and (SPACE.space_days.shortest, SPACE.space_days.longest) == (5, 7)
    context = browser.new_context(base_url=site_url, timezone_id=zone)
    try:
        page = context.new_page()
        page.clock.set_fixed_time(NOON_UTC)
        page.goto(f"phases/{SPACE.id}/")
        page.locator("[data-sc-space-date]").fill("2025-11-24")
        result = page.locator("[data-sc-space-result]").inner_text()
        assert f"Today is day {day} of your week of quiet." in result
        assert "It ends between Saturday 29 November and Monday 1 December." in result
        assert page.locator("[data-sc-space-date]").get_attribute("max") == ("2025-11-28" if day == 4 else "2025-11-27")
    finally:
        context.close()


def test_the_space_says_when_it_ended_and_the_stop_rule_stands_beside_it(page: Any) -> None:
    page.clock.set_fixed_time(NOON_UTC)
    page.goto(f"phases/{SPACE.id}/")
    page.locator("[data-sc-space-date]").fill("2025-11-01")
    assert (
        "ended between Thursday 6 November and Saturday 8 November"
        in page.locator("[data-sc-space-result]").inner_text()
    )
    rule = page.locator(".sc-space__rule")
    assert rule.is_visible() and "A request to stop means no message at the end of the week." in rule.inner_text()
    assert GUIDE.stop and GUIDE.stop.summary in rule.inner_text()
    live = page.locator("[data-sc-space-live]")
    assert live.inner_text() == ""
    expect(live).to_contain_text("ended between", timeout=5_000)
    page.evaluate("() => window.dispatchEvent(new PageTransitionEvent('pageshow', {persisted: true}))")
    assert page.locator("[data-sc-space-date]").input_value() == ""
    assert page.locator("[data-sc-space-result]").inner_text() == ""


def test_the_dates_print_when_filled_in_even_with_only_the_checklist(page: Any) -> None:
    page.clock.set_fixed_time(NOON_UTC)
    page.goto(f"phases/{SPACE.id}/")
    text = squash(" ".join(pdf_pages(page)))
    assert "It ends 5 to 7 days after your last conversation." in text
    page.emulate_media(media="screen")
    page.locator("[data-sc-space-date]").fill("2025-11-24")
    text = squash(" ".join(pdf_pages(page)))
    assert "Monday 1 December" in text and "Day of your last conversation" not in text
    # "Print this checklist" prints the title, the dates and that checklist.
    page.evaluate(
        "() => { document.documentElement.classList.add('sc-print-one'); document.querySelector('.sc-checklist').classList.add('sc-printing'); }"
    )
    text = squash(" ".join(pdf_pages(page)))
    assert "Monday 1 December" in text and SPACE.checklist[0].text in text
    assert "Why this matters" not in text


# --- 3. helplines for your region -----------------------------------------------------------------


def test_choosing_a_region_shows_its_numbers_first_and_keeps_the_others(phone: Any) -> None:
    phone.goto("safety/")
    choice = phone.locator("#sc-region-choice")
    names = choice.locator("option").all_inner_texts()
    assert names[1:] == [region.name for region in SAFETY.regions] + [SAFETY.directory.region]
    before = phone.locator("a[href^='tel:']").count()
    uk = next(region for region in SAFETY.regions if region.id == "united-kingdom")
    choice.select_option(uk.id)
    result = phone.locator("[data-sc-region-result]")
    assert result.is_visible() and result.inner_text().startswith(f"Numbers for {uk.name}")
    chooser, shown = choice.bounding_box(), result.bounding_box()
    assert chooser and shown and 0 <= shown["y"] - (chooser["y"] + chooser["height"]) < 40, "directly below"
    assert result.locator("a.sc-call").get_attribute("href") == f"tel:{uk.emergency}"
    lines = {line.id: line for line in (*SAFETY.crisis.helplines, *SAFETY.helplines, SAFETY.directory)}
    shown_names = phone.locator("[data-sc-region-result] > ul:not(.sc-emergency) > li").evaluate_all(
        "items => items.map((li) => li.querySelector('strong').textContent)"
    )
    assert shown_names == [lines[i].name for i in uk.helplines]
    # Nothing was removed: the full lists are still there, below.
    assert phone.locator("article a[href^='tel:']").count() > before
    assert phone.locator("article [data-sc-line]").count() == len(lines)
    assert "United Kingdom" in phone.locator("[data-sc-region-live]").inner_text()
    assert phone.locator("[data-sc-region-result] [id], [data-sc-region-result] [data-sc-line]").count() == 0
    # Everywhere else: the directory, and no emergency number the page cannot know.
    choice.select_option("everywhere-else")
    assert result.locator("a.sc-call").count() == 0
    assert SAFETY.directory.name in result.inner_text()
    choice.select_option("")
    assert not result.is_visible()


def test_the_region_chooser_works_from_the_keyboard(page: Any) -> None:
    page.goto("safety/")
    page.locator("#sc-region-choice").focus()
    page.keyboard.press("ArrowDown")
    first = SAFETY.regions[0]
    assert page.locator("#sc-region-choice").input_value() == first.id
    assert page.locator("[data-sc-region-result]").inner_text().startswith(f"Numbers for {first.name}")


def test_the_region_chooser_comes_after_the_calls_of_the_first_phone_screen(phone: Any) -> None:
    """The emergency numbers and crisis lines fill the first screen (tests/test_care_browser.py);
    the chooser, for everything else, follows them and still works there."""
    phone.goto("safety/")
    chooser = phone.locator("#sc-region-choice").bounding_box()
    last = phone.locator(".sc-crisis-calls a.sc-call").last.bounding_box()
    assert chooser and last and last["y"] + last["height"] <= chooser["y"]
    phone.locator("#sc-region-choice").select_option(SAFETY.regions[0].id)
    assert phone.locator("[data-sc-region-result]").is_visible()


# --- 4. for all three -----------------------------------------------------------------------------


def use_tool(page: Any, path: str) -> None:
    if path == f"phases/{RECONNECT.id}/":
        page.locator(DRAFT).press_sequentially("How are you? I miss us. You can't just block me.")
        expect(page.locator("[data-sc-msg-live]")).not_to_have_text("", timeout=5_000)  # it has spoken
    elif path == f"phases/{SPACE.id}/":
        page.locator("[data-sc-space-date]").fill("2025-11-24")
        expect(page.locator("[data-sc-space-live]")).not_to_have_text("", timeout=5_000)  # it has spoken
    else:
        page.locator("#sc-region-choice").select_option(SAFETY.regions[0].id)


TOOLS = [f"phases/{RECONNECT.id}/", f"phases/{SPACE.id}/", "safety/"]


@pytest.mark.parametrize("path", TOOLS)
def test_using_a_tool_stores_nothing_requests_nothing_and_leaves_no_trace(phone: Any, path: str) -> None:
    phone.context.add_init_script(COUNT_STORAGE)
    phone.goto(path, wait_until="networkidle")
    requests: list[str] = []
    phone.on("request", lambda request: requests.append(request.url))
    url, entries = phone.url, phone.evaluate("() => history.length")
    # The checklist on a phase page reads its own record on arrival; from here on, only the tool acts.
    phone.evaluate("() => { window.__storageCalls.length = 0 }")
    use_tool(phone, path)
    phone.wait_for_timeout(300)
    assert requests == []
    assert phone.evaluate("() => window.__storageCalls") == []
    assert phone.url == url and phone.evaluate("() => history.length") == entries
    assert phone.evaluate("() => document.cookie") == ""


@pytest.mark.parametrize("path", TOOLS)
def test_each_tool_works_after_instant_navigation(page: Any, path: str) -> None:
    page.goto("about/")
    page.evaluate("() => { window.__sameDocument = true }")
    page.locator(f".md-sidebar--primary a[href$='/{path}']").first.evaluate("a => a.click()")
    page.wait_for_url(f"**/{path}")
    assert page.evaluate("() => window.__sameDocument === true"), "expected Material's instant navigation"
    use_tool(page, path)
    if path == "safety/":
        assert page.locator("[data-sc-region-result]").is_visible()
    elif path == f"phases/{SPACE.id}/":
        assert "Monday 1 December" in page.locator("[data-sc-space-result]").inner_text()
    else:
        assert page.locator("[data-sc-danger=stop-pressure]").is_visible()


def test_without_javascript_each_rule_shows_in_words(browser: Any, site_url: str) -> None:
    context = browser.new_context(base_url=site_url, java_script_enabled=False)
    try:
        page = context.new_page()
        for phase in CHECKED:
            page.goto(f"phases/{phase.id}/")
            assert not page.locator(DRAFT).is_visible()
            labels = page.locator("[data-sc-rule] strong").all_inner_texts()
            assert labels == [f"{rule.label}." for rule in phase.message_rules]
            assert page.locator("[data-sc-msg-rules]").is_visible()
            for rule in GUIDE.message_danger:
                assert page.get_by_text(f"{rule.label}:", exact=False).first.is_visible()
        page.goto(f"phases/{SPACE.id}/")
        assert not page.locator("[data-sc-space-date]").is_visible()
        assert page.locator(".sc-space__words").is_visible() and page.locator(".sc-space__rule").is_visible()
        page.goto("safety/")
        assert not page.locator("#sc-region-choice").is_visible()
        assert (
            page.locator("article [data-sc-line]").count() == len(SAFETY.helplines) + len(SAFETY.crisis.helplines) + 1
        )
    finally:
        context.close()


AXE_CASES = [
    (f"phases/{RECONNECT.id}/", "How are you? I miss us."),
    (f"phases/{RECONNECT.id}/", "I want to die."),
    (f"phases/{SPACE.id}/", ""),
    ("safety/", ""),
]


def axe_clean(page: Any, path: str, draft: str) -> None:
    from axe_playwright_python.sync_playwright import Axe  # type: ignore[import-untyped]

    page.goto(path)
    if draft:
        page.locator(DRAFT).fill(draft)
    else:
        use_tool(page, path)
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()


@pytest.mark.parametrize(("path", "draft"), AXE_CASES)
def test_no_axe_violations_with_the_tool_in_use_on_a_phone(phone: Any, path: str, draft: str) -> None:
    axe_clean(phone, path, draft)


@pytest.mark.parametrize(("path", "draft"), AXE_CASES)
def test_no_axe_violations_with_the_tool_in_use_on_a_desktop(
    browser: Any, site_url: str, path: str, draft: str
) -> None:
    context = browser.new_context(base_url=site_url, viewport={"width": 1366, "height": 900})
    try:
        axe_clean(context.new_page(), path, draft)
    finally:
        context.close()
