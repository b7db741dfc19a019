"""The message check's reading of single drafts (message-match.js in Node, with the real rules):
which of a phase's points a draft goes against, and which drafts a rule marks "do not send".
Unit level: no build, no browser. The rules are judged alone here, without the learned backstop
that gates their hits on the page (tests/test_message_model.py); the two together are measured
on the corpus (tests/unit/test_message_corpus.py). The page's behaviour (the stop question, no pass
marks, help in view) is in test_browser_message_check.py.
"""

from __future__ import annotations

import pytest

from message_corpus import judge as page_judge
from message_corpus import judge_with, rules_alone
from support import site_content

GUIDE = site_content().guide
CHECKED = [phase for phase in GUIDE.phases if phase.message_rules]

# Each with the one point (or danger) that must catch it.
BAD_DRAFTS = [
    ("reconnect", "How are you? I miss us so much.", "not-about-us"),
    ("reconnect", "Can we talk about what happened?", "not-about-us"),
    ("reconnect", "I think we should get back together.", "not-about-us"),
    ("reconnect", "Hey. Please reply when you see this.", "no-pressure"),
    ("reconnect", "Are you there? Did you get my text? Hello?", "one-question"),
    ("reconnect", "Hi. I'm sorry again for everything.", "no-new-sorry"),
    ("reconnect", "I promise I'll be better this time.", "no-promises"),
    ("reconnect", "I feel so lonely these days.", "light"),
    ("reconnect", " ".join(["This is a long message that goes on and on."] * 6), "short"),
    ("reconnect", "Hi\nhow\nare\nyou", "short"),
    ("own-it", "I'm sorry, but you made me so angry.", "no-excuses"),
    ("own-it", "I'm sorry. Please answer me.", "no-pressure"),
    ("own-it", "I'm sorry. I swear it will never happen again.", "no-promises"),
    ("own-it", "I'm sorry. You are my soul mate.", "no-love-speech"),
    # Own-it's first text is one short ask: about 40 words, not a letter.
    ("own-it", "I'm sorry for how I spoke to you. " * 6, "calm-length"),
]

DANGER_DRAFTS = [
    ("reconnect", "You can't just block me.", "stop-pressure"),
    ("reconnect", "I’ll come over tonight so we can talk.", "around-block"),
    ("reconnect", "If you don't answer I'll keep trying.", "wont-give-up"),
    ("reconnect", "Answer me or else.", "threat"),
    ("own-it", "I'm sorry but you'll regret this.", "threat"),
    ("reconnect", "I don't want to live anymore.", "self-harm"),
    ("own-it", "Sorry. I want to die.", "self-harm"),
    ("reconnect", "HOW ARE YOU? I CAN'T GO ON.", "self-harm"),
    ("own-it", "I know you said leave me alone, but I just want you to hear me out one more time.", "stop-pressure"),
    ("reconnect", "I got a new phone, this is my number now", "around-block"),
    ("reconnect", "I'll wait for you as long as it takes", "wont-give-up"),
    ("reconnect", "I saw you at the gym with him last night.", "watching"),
    ("reconnect", "You owe me a conversation at the very least.", "guilt"),
    ("reconnect", "If you don't answer I don't know what I'll do to myself", "self-harm"),
]


def judge(language: str, texts: list[str], phase: str = "reconnect") -> list[dict[str, list[str]]]:
    return judge_with(rules_alone(language), texts, phase)


HARMLESS_DRAFTS = [
    ("reconnect", "Hi! How was the trip?"),
    ("own-it", "I'm sorry I was so unkind to you. That was wrong of me."),
    ("own-it", "I'm sorry for how I treated you. You don't have to reply."),
    ("reconnect", "This heat is killing me, hope you're staying cool!"),
]


def test_the_site_s_own_example_messages_get_nothing_to_change() -> None:
    examples = [(phase.id, example.message) for phase in CHECKED for example in phase.examples]
    assert examples
    # As the page reads them, the learned backstop included: no verdict of any kind.
    for (phase, message), result in zip(examples, [page_judge("en", [m], p)[0] for p, m in examples], strict=True):
        assert result == {"danger": [], "found": []}, (phase, message, result)


@pytest.mark.parametrize(("phase", "draft", "point"), BAD_DRAFTS)
def test_each_bad_draft_is_found_against_the_point_expected(phase: str, draft: str, point: str) -> None:
    [result] = judge("en", [draft], phase)
    assert result["danger"] == [] and point in result["found"], result


@pytest.mark.parametrize(("phase", "draft", "danger"), DANGER_DRAFTS)
def test_a_draft_not_to_send_gets_its_danger_rule(phase: str, draft: str, danger: str) -> None:
    [result] = judge("en", [draft], phase)
    assert danger in result["danger"], result


@pytest.mark.parametrize(("phase", "draft"), HARMLESS_DRAFTS)
def test_a_harmless_draft_gets_no_danger_from_the_rules_nor_on_the_page(phase: str, draft: str) -> None:
    assert [r["danger"] for r in judge("en", [draft], phase) + page_judge("en", [draft], phase)] == [[], []]


def test_a_draft_that_shows_a_silence_is_not_sent() -> None:
    # No reply is a stop sign: asking why is pushing past it, not a point to reword. No phrase
    # rule has these words; the page's learned backstop stops it.
    [result] = page_judge("en", ["Why won't you answer?"], "reconnect")
    assert result["danger"], result


def test_self_harm_comes_first_whatever_else_fires() -> None:
    [result] = judge("en", ["You'll regret this. I can't go on, I want to die."])
    assert result["danger"][0] == "self-harm" and len(result["danger"]) > 1, result


def test_a_questions_only_point_is_asked_never_judged() -> None:
    # `include` points (own-it's "Says sorry") are questions for the reader: no rule looks, so
    # a draft without "sorry" is not told it fails, and one with it is not told it passes.
    include = [rule.id for phase in CHECKED for rule in phase.message_rules if rule.kind == "include"]
    assert include
    for text in ("I was rude to you for months.", "I'm sorry I was rude to you."):
        [result] = judge("en", [text], "own-it")
        assert not set(result["found"]) & set(include), result


# Found by a read of the Spanish and French pages: harming oneself named as the price of no
# reply gets the crisis lines first; seeing them with someone is watching, not a threat.
OTHER_LANGUAGES = [
    ("es", "Si no vuelves me mato", ["self-harm"]),
    ("fr", "Si tu réponds pas je fais une connerie", ["self-harm"]),
    ("fr", "Je t'ai vue hier au bar avec lui.", ["watching"]),
]


@pytest.mark.parametrize(("language", "draft", "danger"), OTHER_LANGUAGES)
def test_a_draft_in_spanish_or_french_gets_its_danger_rule_and_only_it(
    language: str, draft: str, danger: list[str]
) -> None:
    [result] = judge(language, [draft])
    assert result["danger"] == danger, result
