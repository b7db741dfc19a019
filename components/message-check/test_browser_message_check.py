"""The message check in the page (message-check.js, message-check.md.j2, .sc-message-check), in
Chromium: the stop question before any box, no pass marks ever, help in view before typing,
rules fetched only on a No, and nothing kept. What a draft is found to contain is tested
below the browser (tests/unit/test_message_match.py, tests/unit/test_message_corpus.py)."""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import expect

from guide.rendering.markdown import digits
from message_corpus import LANGUAGES, drafts, judge
from support import ENGINES, EXIT_GLOB, guarded_context, site_content

pytestmark = pytest.mark.browser

CONTENT = site_content()
GUIDE = CONTENT.guide
CHECKED = [phase for phase in GUIDE.phases if phase.message_rules]
RECONNECT = next(phase for phase in GUIDE.phases if phase.id == "reconnect")
SAFETY = CONTENT.safety.safety
DRAFT = "[data-sc-message-check-draft]"
RULES = "**/message-rules.*.json"
# Words that would read as approval: a score, a tick, a "yes" to a point, "not yet" (read as
# "adjust it and send"), or any "fine / safe / ready to send".
APPROVAL = re.compile(
    r"\d+ (of|out of|de|sur) \d+|✓|✔|yes, it does|not yet|all good|looks good|good to go|"
    r"(safe|fine|ready|ok|okay) to send|lo cumple|todavía no|listo para enviar|c'est bon|prêt à envoyer",
    re.IGNORECASE,
)


def answer(page: Any, value: str, phase: str = RECONNECT.id) -> None:
    page.locator(f"#sc-message-check-stop-{phase}-{value}").check()


def test_there_is_no_text_box_until_the_reader_answers_no(page: Any) -> None:
    for phase in CHECKED:
        page.goto(f"phases/{phase.id}/")
        gate = page.locator("[data-sc-message-check-gate]")
        expect(gate).to_be_visible()
        assert "when you broke up, or since then" in gate.locator("legend").inner_text()
        assert gate.locator("li").all_inner_texts() == list(GUIDE.stop.signals)
        assert page.get_by_role("radio", name="Yes").is_visible() and page.get_by_role("radio", name="No").is_visible()
        expect(page.locator(DRAFT)).to_be_hidden()
        expect(page.locator("[data-sc-message-check]").get_by_role("textbox")).to_have_count(
            0
        )  # not even to a screen reader
        answer(page, "no", phase.id)
        expect(page.locator(DRAFT)).to_be_visible()


def test_a_yes_closes_the_tool_and_says_contact_is_over(page: Any) -> None:
    page.goto(f"phases/{RECONNECT.id}/")
    answer(page, "no")
    page.locator(DRAFT).fill("How are you?")
    answer(page, "yes")
    closed = page.locator("[data-sc-message-check-closed]")
    expect(closed).to_be_visible()
    assert closed.inner_text().startswith("Then contact is over.")
    assert closed.locator(f"a[href$='safety/#{GUIDE.stop.section}']").count() == 1
    assert closed.locator("a[href$='urge-to-contact/']").count() == 1  # the door for the urge to write anyway
    expect(page.locator("[data-sc-message-check]").get_by_role("textbox")).to_have_count(0)
    expect(page.locator("[data-sc-message-check-live]")).to_have_text(re.compile("^Then contact is over."))
    answer(page, "no")
    assert page.locator(DRAFT).input_value() == ""  # what was typed before the Yes is gone


def test_help_is_in_view_before_any_answer_or_typing(phone: Any) -> None:
    phone.goto(f"phases/{RECONNECT.id}/")
    help_now = phone.locator(".sc-message-check__help-now")
    # Before the question, so a reader in crisis meets it first.
    assert help_now.evaluate(
        "(el) => !!(el.compareDocumentPosition(document.querySelector('[data-sc-message-check-gate]')) & 4)"
    )
    expect(help_now).to_be_visible()
    for line in SAFETY.crisis.helplines:
        assert line.phone
        assert help_now.locator(f"a[href='tel:{digits(line.phone)}']").first.is_visible(), line.name
    for number in SAFETY.emergency:
        assert help_now.locator(f"a[href='tel:{digits(number.number)}']").first.is_visible(), number.region


@pytest.mark.parametrize("site_url", ENGINES, indirect=True)  # on the hooks' build and on Zensical's
def test_the_rules_are_fetched_only_after_a_no_and_only_once(page: Any) -> None:
    asked: list[str] = []
    page.on("request", lambda request: asked.append(request.url) if "message-rules" in request.url else None)
    page.goto(f"phases/{RECONNECT.id}/")
    page.wait_for_load_state("networkidle")
    assert asked == []
    assert page.locator("[data-phrases], [data-together]").count() == 0  # no phrase lists in the page
    with page.expect_response(RULES):
        answer(page, "no")
    page.locator(DRAFT).fill("How are you?")
    answer(page, "yes")
    answer(page, "no")
    page.locator(DRAFT).fill("Hi there")
    expect(page.locator("[data-sc-message-check-nothing]")).to_be_visible()
    assert len(asked) == 1


@pytest.mark.parametrize("site_url", ENGINES, indirect=True)  # on the hooks' build and on Zensical's
def test_a_draft_not_to_send_gets_only_do_not_send_and_its_section(page: Any) -> None:
    page.goto(f"phases/{RECONNECT.id}/")
    answer(page, "no")
    page.locator(DRAFT).fill("I know you said you need space, but please talk to me. Why are you ignoring me?")
    note = page.locator("[data-sc-message-check-danger=stop-pressure]")
    expect(note).to_be_visible()
    assert note.inner_text().startswith("Do not send this.")
    assert note.locator("a[href$='safety/#if-they-said-stop']").count() == 1
    # Nothing else: no list of changes that would make it sendable, no "found nothing".
    for part in ("[data-sc-message-check-points]", "[data-sc-message-check-found]", "[data-sc-message-check-nothing]"):
        expect(page.locator(part)).to_be_hidden()


def test_words_about_self_harm_lead_with_the_crisis_lines(page: Any) -> None:
    page.goto(f"phases/{RECONNECT.id}/")
    answer(page, "no")
    page.locator(DRAFT).fill("You'll regret this. I can't go on, I want to die.")
    shown = page.locator("[data-sc-message-check-danger]:visible")
    expect(shown.first).to_have_attribute("data-sc-message-check-danger", "self-harm")
    for line in SAFETY.crisis.helplines:
        assert line.phone
        assert shown.first.locator(f"a[href='tel:{digits(line.phone)}']").first.is_visible(), line.name
    expect(page.locator("[data-sc-message-check-live]")).to_have_text(
        re.compile("^Do not send this. This is not a message")
    )


def test_only_what_was_found_is_listed_each_with_its_reason(page: Any) -> None:
    page.goto(f"phases/{RECONNECT.id}/")
    answer(page, "no")
    page.locator(DRAFT).fill("How are you? I miss us so much. Write back soon.")
    expect(page.locator("[data-sc-message-check-found]")).to_be_visible()
    shown = page.locator("[data-sc-message-check-rule]:visible")
    assert sorted(shown.evaluate_all("(els) => els.map((el) => el.dataset.scMessageCheckRule)")) == [
        "no-pressure",
        "not-about-us",
    ]
    rule = next(rule for rule in RECONNECT.message_rules if rule.id == "not-about-us")
    assert page.locator("[data-sc-message-check-rule=not-about-us]").inner_text() == f"{rule.label}. {rule.explanation}"
    expect(page.locator("[data-sc-message-check-nothing]")).to_be_hidden()


def test_finding_nothing_is_said_as_nothing_found_never_as_a_pass(page: Any) -> None:
    page.goto(f"phases/{RECONNECT.id}/")
    answer(page, "no")
    live = page.locator("[data-sc-message-check-live]")
    assert live.get_attribute("aria-live") == "polite"
    page.locator(DRAFT).press_sequentially("How are you doing", delay=60)
    assert live.inner_text() == ""  # nothing said while the keys come
    nothing = page.locator("[data-sc-message-check-nothing]")
    expect(live).to_have_text(nothing.inner_text())
    assert nothing.inner_text().startswith("We found nothing on our list. That does not make it safe")
    assert page.locator("[data-sc-message-check-rule]:visible").count() == 0


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_verdict_the_corpus_gets_is_shown_in_the_page_as_one_state_and_never_as_approval(
    browser: Any, site_url: str, languages_url: str, language: str
) -> None:
    # What the page shows depends only on the verdict, the danger ids and the points found
    # (message-check.js `show`). So every draft of both halves is judged below the browser, by
    # the page's own message-match.js in Node with the language's rules file, and one draft of
    # each distinct verdict is typed into the real page: the page must reach the same verdict and
    # show one of three things, none of them a pass mark. (The drafts are never printed: the
    # held-out half stays unseen.)
    texts = [d.text for name in ("tune", "heldout") for d in drafts(f"{name}.{language}.yml")]
    one_of_each: dict[tuple[tuple[str, ...], tuple[str, ...]], str] = {}
    for text, verdict in zip(texts, judge(language, texts), strict=True):
        one_of_each.setdefault((tuple(verdict["danger"]), tuple(verdict["found"])), text)
    assert len(one_of_each) > 20  # stopped, found and nothing-found verdicts, in many combinations
    root = site_url if language == "en" else f"{languages_url}{language}/"
    offsite: list[str] = []
    context = guarded_context(browser, root, offsite)
    page = context.new_page()
    page.goto(f"phases/{RECONNECT.id}/")
    answer(page, "no")
    # The rules are fetched on the No; a draft typed before they come is judged when they come.
    # The loop below gives each draft one turn of the event loop, so it starts once they are
    # here (the status line gone), or its first drafts count as showing nothing (seen in CI).
    expect(page.locator("[data-sc-message-check-status]")).to_be_hidden()
    shown = page.evaluate(
        """async (texts) => {
          const root = document.querySelector("[data-sc-message-check]");
          const box = root.querySelector("[data-sc-message-check-draft]");
          const ids = (sel, key) => [...root.querySelectorAll(sel)].filter((el) => !el.hidden).map((el) => el.dataset[key]);
          const seen = [];
          for (const text of texts) {
            box.value = text;
            box.dispatchEvent(new Event("input", { bubbles: true }));
            await new Promise((done) => setTimeout(done, 0));
            const states = ["[data-sc-message-check-danger]:not([hidden])", "[data-sc-message-check-found]:not([hidden])",
              "[data-sc-message-check-nothing]:not([hidden])"].map((sel) => root.querySelectorAll(sel).length > 0);
            // What answers the draft: every part the script shows or fills, as a reader sees it.
            const said = [...root.querySelectorAll("[data-sc-message-check-danger], [data-sc-message-check-found], [data-sc-message-check-points], " +
              "[data-sc-message-check-nothing], [data-sc-message-check-status]")].map((el) => el.innerText).join(" | ");
            const verdict = [ids("[data-sc-message-check-danger]", "scMessageCheckDanger"), ids("[data-sc-message-check-rule]", "scMessageCheckRule")];
            seen.push([states.filter(Boolean).length === 1, said, verdict]);
          }
          return seen;
        }""",
        list(one_of_each.values()),
    )
    context.close()
    assert offsite == []
    # A stopped draft shows only its danger verdicts: no list of points to change and send.
    expected = [[sorted(danger), [] if danger else sorted(found)] for danger, found in one_of_each]
    assert [[sorted(danger), sorted(found)] for _, _, (danger, found) in shown] == expected
    one_state = sum(ok for ok, _, _ in shown)
    approving = sum(bool(APPROVAL.search(text)) for _, text, _ in shown)
    assert (one_state, approving) == (len(one_of_each), 0)


def test_if_the_rules_cannot_load_the_points_are_there_to_go_through(page: Any) -> None:
    page.route(RULES, lambda route: route.abort())
    page.goto(f"phases/{RECONNECT.id}/")
    answer(page, "no")
    page.locator(DRAFT).fill("How are you?")
    expect(page.locator("[data-sc-message-check-status]")).to_have_text(re.compile("could not load"))
    expect(page.locator("[data-sc-message-check-points]")).to_be_visible()
    assert page.locator("[data-sc-message-check-rule]:visible").count() == len(
        [r for r in RECONNECT.message_rules if r.kind != "include"]
    )
    expect(page.locator("[data-sc-message-check-nothing]")).to_be_hidden()


def test_answer_and_box_are_private_and_cleared_on_every_show_and_on_leaving(page: Any) -> None:
    page.goto(f"phases/{RECONNECT.id}/")
    answer(page, "no")
    box = page.locator(DRAFT)
    assert box.get_attribute("spellcheck") == "false" and box.get_attribute("autocomplete") == "off"
    assert page.locator(f"label[for='{box.get_attribute('id')}']").inner_text() == "Your message"
    for event in ("pageshow", "pagehide"):
        answer(page, "no")
        box.fill("I miss us")
        page.evaluate(f"() => window.dispatchEvent(new PageTransitionEvent('{event}', {{persisted: true}}))")
        assert box.input_value() == "", event
        assert page.locator("[data-sc-message-check-answer]:checked").count() == 0
        expect(box).to_be_hidden()
    answer(page, "no")
    box.fill("I miss us")
    page.reload()
    assert page.locator("[data-sc-message-check-answer]:checked").count() == 0
    assert page.locator(DRAFT).input_value() == ""


@pytest.mark.parametrize("site_url", ENGINES, indirect=True)  # on the hooks' build and on Zensical's
@pytest.mark.parametrize("how", ["click", "shift"])
def test_the_quick_exit_empties_the_box_before_it_leaves(page: Any, how: str) -> None:
    # The exit's request is cancelled, so the page stays to be looked at and never gets a
    # pagehide: the box can only have been emptied by the exit's own sc:exit event.
    page.route(EXIT_GLOB, lambda route: route.abort("aborted"))
    page.goto(f"phases/{RECONNECT.id}/")
    answer(page, "no")
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
    answer(page, "no")
    box = page.locator(DRAFT)
    box.focus()
    for _ in range(4):
        page.keyboard.press("Shift")
    box.press_sequentially("Hi THERE, How Are You?")
    expect(page.locator("[data-sc-message-check-nothing]")).to_be_visible()
    assert hits == [] and box.input_value() == "Hi THERE, How Are You?"


def test_the_check_says_it_reads_words_not_meaning(page: Any) -> None:
    page.goto(f"phases/{RECONNECT.id}/")
    answer(page, "no")
    box = page.locator(DRAFT)
    help_text = page.locator(f"#{box.get_attribute('aria-describedby')}").inner_text()
    assert "reads words, not what you mean" in help_text and "miss" in help_text
