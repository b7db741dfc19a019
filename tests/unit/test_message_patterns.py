"""The message check's pattern language: what the build accepts (hooks/guide/message_check/patterns.py), and
what the page's own reading (message-match.js, run by Node) makes of it, as CONTRIBUTING.md
describes it."""

from __future__ import annotations

import pytest

from guide.message_check.patterns import PatternError, check_pattern
from message_corpus import judge_with

GOOD = [
    "i know where you (live|work)",
    "block*",
    "i (just|really)? want",
    "you said ... space",
    "i am outside .",
    "(a|b c (d|e)?)? f",
    "don't",
    "(i'm|i am) sorry",
    "(qué|que)? haces",
    "j'ai (envie|besoin) de",
    "tú*",
]
BAD = [
    ("(a|)", "empty alternative before ')' at character 4"),
    ("a|b", "'|' at character 2 is outside ( ): write alternatives as (a|b)"),
    ("(a", "a '(' is never closed with ')'"),
    ("a)", "')' at character 2 has no '(' before it"),
    ("... a", "'...' needs a word or group on each side, inside the same ( )"),
    ("a ... ... b", "'...' needs a word or group on each side, inside the same ( )"),
    ("a? (b)?", "every part of it is optional, so it would match any message"),
    ("Sorry", "must be lower case: capitals in the draft don't matter"),
    (" sorry", "must not start or end with a space"),
    ("break-up", "'-' at character 6 is not allowed: use lower-case words, apostrophes, spaces and ( | ) ? * ... ."),
    ("can't*", "'*' at character 6 goes right after a plain word, as in block*"),
    ("don't? go", "'?' at character 6 goes right after a word or a ( ) group; put a word with an apostrophe in ( )"),
    ("' a", "an apostrophe at character 1 needs a word around it"),
    ("Qué", "must be lower case: capitals in the draft don't matter"),
    ("¿qué", "'¿' at character 1 is not allowed: use lower-case words, apostrophes, spaces and ( | ) ? * ... ."),
    ("réponds-moi", "'-' at character 8 is not allowed: use lower-case words, apostrophes, spaces and ( | ) ? * ... ."),
]


@pytest.mark.parametrize("pattern", GOOD)
def test_the_build_accepts_well_formed_patterns(pattern: str) -> None:
    check_pattern(pattern)


@pytest.mark.parametrize(("pattern", "message"), BAD)
def test_the_build_says_what_is_wrong_with_a_pattern(pattern: str, message: str) -> None:
    with pytest.raises(PatternError) as caught:
        check_pattern(pattern)
    assert str(caught.value) == message


# (pattern, draft, whether the page's script finds the pattern in the draft)
IN_THE_PAGE = [
    ("i'll come over", "I will come over later", True),
    ("i will come over", "ill be fine, I’ll come over", True),  # curly apostrophe
    ("i'm outside", "IM OUTSIDE!!", True),
    ("don't want to live", "i dont want to live", True),
    ("won't stop", "I will not stop.", True),
    ("you said", "u said so", True),  # a little text-speak
    ("hurt you", "I'm sorry I hurt your feelings", False),  # whole words only
    ("block*", "why did you blocked me", True),
    ("block*", "a roadblock", False),
    ("(live|work)", "where you work", True),
    ("i (just|really)? want", "i want", True),
    ("i (just|really)? want", "i really want", True),
    ("i (just|really)? want", "i so want", False),
    ("you said ... space", "you said that you need some space", True),
    ("you said ... space", "you said it was fine and then asked for more space", False),  # over four words
    ("you said ... space", "You said it. Space is good.", False),  # not across a sentence
    ("i am outside .", "I'm outside", True),
    ("i am outside .", "I'm outside in the garden", False),
    ("sisters", "your sister's friend", True),
]


def finds(draft: str, *, lang: str = "en", spellings: str = "", **rule: object) -> bool:
    """Whether the page's reading finds a one-rule check (`phrases=[...]` or `together=[[...]]`) in `draft`."""
    data = {
        "lang": lang,
        "spellings": dict(pair.split("=") for pair in spellings.split(",") if pair),
        "danger": [{"id": "probe", "kind": "danger", **rule}],
    }
    [result] = judge_with(data, [draft])
    return result["danger"] == ["probe"]


def test_the_page_reads_patterns_as_documented() -> None:
    for pattern, draft, expected in IN_THE_PAGE:
        check_pattern(pattern)  # each one the build would accept
        assert finds(draft, phrases=[pattern]) is expected, (pattern, draft)


def test_together_needs_every_part_each_in_words_the_others_left() -> None:
    parts = [["you said ... (space|talk)"], ["but", "please", "talk"]]
    assert finds("You said you need space, but can we talk?", together=parts) is True
    assert finds("You said you need space.", together=parts) is False  # no second part
    assert finds("Please take care.", together=parts) is False  # no first part
    # "talk" is used by the first part, so it cannot also be the second.
    assert finds("You said you don't want to talk.", together=parts) is False


# (language, its spellings (content/xx/phrases.yml), pattern, draft, whether the reading finds it):
# accents, elision and the languages' spellings, read the way <html lang> says.
FR = "j'=je,t'=te,qu'=que,t'es=tu es,s'il=si il,jai=je ai,chui=je suis,stp=si il te plait"
ES = "q=que,xq=porque,pa=para,tqm=te quiero mucho"
IN_A_LANGUAGE = [
    ("es", ES, "qué haces", "QUE HACES", True),  # with or without accents
    ("es", ES, "que haces", "¿Qué haces?", True),
    ("es", ES, "que haces", "que\u0301 haces", True),  # an accent typed as its own mark (NFD)
    ("es", ES, "niño", "el nino", True),
    ("es", ES, "porque", "xq", True),  # an SMS spelling, read as its word
    ("es", ES, "para que", "pa q me contestes", True),
    ("es", ES, "te quiero", "tqm", True),
    ("es", ES, "dijiste que no .", "Dijiste que no ¿pero por qué?", True),  # ¿ opens a sentence
    ("es", ES, "dijiste que no .", "Dijiste que no pero", False),
    ("es", ES, "you", "u", False),  # English text-speak is for English pages
    ("fr", FR, "j'ai", "J’ai", True),  # curly apostrophe
    ("fr", FR, "je ai", "j'ai", True),  # elision written out
    ("fr", FR, "j'ai", "jai", True),
    ("fr", FR, "je suis", "chui", True),
    ("fr", FR, "tu es", "t'es où", True),
    ("fr", FR, "te aime", "je t'aime", True),
    ("fr", FR, "que il", "qu'il", True),
    ("fr", FR, "si il te plait", "stp", True),
    ("fr", FR, "si il te plait", "s'il te plaît", True),
    ("fr", FR, "reponds moi", "Réponds-moi", True),  # a hyphen is a space
    ("fr", FR, "tu vas voir .", "« Tu vas voir »", True),  # guillemets are punctuation
    ("fr", FR, "je suis la .", "Je suis là…", True),  # … ends a sentence
    ("fr", FR, "do not", "le livre dont je parle", False),  # French "dont" is not "don't"
    ("en", "", "do not", "dont", True),
    ("en", "", "constructor", "constructor", True),  # a word that names a property of objects
]


def test_the_page_reads_accents_elision_and_spellings_by_the_page_s_language() -> None:
    for lang, spellings, pattern, draft, expected in IN_A_LANGUAGE:
        check_pattern(pattern)
        assert finds(draft, lang=lang, spellings=spellings, phrases=[pattern]) is expected, (lang, pattern, draft)
