"""The message check (message-check.js, tool_message_check.md.j2, .sc-msg) in Chromium."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from guide.content import load_content
from support import EXIT_GLOB, ROOT

pytestmark = pytest.mark.browser

CONTENT = load_content(ROOT / "content")
GUIDE = CONTENT.guide
CHECKED = [phase for phase in GUIDE.phases if phase.message_rules]
RECONNECT = next(phase for phase in GUIDE.phases if phase.id == "reconnect")
SAFETY = CONTENT.safety.safety
DRAFT = "[data-sc-msg-draft]"


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
    expect(live).to_have_text(
        f"Your message meets {len(RECONNECT.message_rules)} of {len(RECONNECT.message_rules)} points."
    )


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


@pytest.mark.parametrize("how", ["click", "shift"])
def test_the_quick_exit_empties_the_box_before_it_leaves(page: Any, how: str) -> None:
    # The exit's request is cancelled, so the page stays to be looked at and never gets a
    # pagehide: the box can only have been emptied by the exit's own sc:exit event.
    page.route(EXIT_GLOB, lambda route: route.abort("aborted"))
    page.goto(f"phases/{RECONNECT.id}/")
    page.locator(DRAFT).fill("I miss us")
    if how == "click":
        page.locator("a[data-sc-quick-exit]").first.click()
    else:
        page.locator("body").click(position={"x": 5, "y": 300})
        for _ in range(3):
            page.keyboard.press("Shift")
    page.wait_for_function("() => document.documentElement.classList.contains('sc-quick-exit--leaving')")
    assert page.locator(DRAFT).input_value() == ""


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
