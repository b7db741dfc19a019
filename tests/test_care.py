"""A stop is a stop (issue 17), checked on the built pages: what the words say after a "no", to
the reader who was harmed, to the reader whose behaviour frightened someone, and what they no
longer say anywhere on the site."""

from __future__ import annotations

import html as htmllib
import re

import pytest

from sitetools import BuiltSite
from support import site_content

CONTENT = site_content()
GUIDE = CONTENT.guide
SAFETY = CONTENT.safety
SECTIONS = {SAFETY.safety.crisis.id, *(s.id for s in SAFETY.safety.sections), "instead", "helplines", "in-an-emergency"}


def page_text(built_site: BuiltSite, path: str) -> str:
    """A built page's article as it reads: tags removed, entities decoded, spaces collapsed."""
    raw = (built_site.root / path / "index.html").read_text(encoding="utf-8")
    article = raw[raw.index("<article") : raw.index("</article>")]
    return " ".join(htmllib.unescape(re.sub(r"<[^>]+>", " ", article)).split())


def article_html(built_site: BuiltSite, path: str) -> str:
    raw = htmllib.unescape((built_site.root / path / "index.html").read_text(encoding="utf-8"))
    return raw[raw.index("<article") : raw.index("</article>")]


def every_page(built_site: BuiltSite) -> list[str]:
    return [
        *sorted(
            str(p.parent.relative_to(built_site.root)) + "/"
            for p in built_site.root.rglob("index.html")
            if p.parent != built_site.root
        ),
        "",
    ]


# Lines the care review found that push after a "no", ask the reader to put up with cruelty,
# or lean on urgency and persuasion. None may come back, on any page (the whole guide too).
RETIRED = [
    "the talk is over",
    "gave up at the very first no",
    "give up on what you came to say",
    "met a dead end",
    "guarding your pride",
    "cold or even cruel",
    "duty to give them",
    "kindness, patience or fairness",
    "even when they aren't",
    "let cutting remarks slide",
    "get used to living without you",
    "get used to life without you",
    "separate routines",
    "flattered",
    "unwise to lose",
    "without you ever spelling it out",
    "treated so well",
    "from here you give them space",
    "may have upset you too",
    "cold or short",
    "two or three times",
    "coming back around the six-month mark",
    "too eager",
    "old problems are gone",
    "familiar can feel easy",
    "see each other often",
    "it is their right, and it is okay",
    "a talk turns cruel",
    "contact your ex to try again",
    "to reach you after you said no",
    "call one of the lines below",
    "did all you could",
    "Let yourself stop trying when the time feels right",
    "Be friends first",
    "Words of love can wait",
    "So do no reply",
    # A read of the path as someone told to stop, looking for a way round it (2026-12-07):
    "room to think",
    "let them think",
    "could make it right",
    "could put things right",
    "accept it for now",
    "six months after the break-up",
    "they may never want contact",
    "pick something your ex likes",
    "one light message shows interest",
    "a home, money or belongings",
    "such as a bill",
]


def test_no_page_pushes_after_a_no_or_asks_the_reader_to_bear_cruelty(built_site: BuiltSite) -> None:
    found = []
    for path in every_page(built_site):
        if path.startswith(("search/", "assets/")):
            continue
        text = page_text(built_site, path).lower().replace("’", "'")
        found += [(path or "/", line) for line in RETIRED if line.lower() in text]
    assert found == []


def test_own_it_asks_first_and_a_no_or_no_reply_ends_contact(built_site: BuiltSite) -> None:
    text = page_text(built_site, "phases/own-it")
    steps = re.findall(r"\d\. ([A-Z][^.]*?) ¶", text)
    assert steps[0].startswith("Ask first, in a short text"), steps
    assert "A no is the answer. So is no reply. Either one ends contact" in text
    assert "If they don't want to talk about it, that is a stop sign" in text
    assert "That is the end of contact, not just of the talk." in text
    assert "they may still say no to getting back together. That is their answer, and it ends contact too" in text
    # The last step sends on to the week of quiet only those who were not told to stop.
    last = text[text.index("Thank them and go") :]
    assert last.index("contact ends here, for good") < last.index("week of quiet")
    # Going on takes their word that they are open to it: their not saying no is not enough.
    assert "Go on only if they said they are open to hearing from you, and no stop sign has happened" in last


def test_the_week_of_quiet_is_a_pause_the_reader_chooses_not_a_request_for_space(built_site: BuiltSite) -> None:
    phase = next(p for p in GUIDE.phases if p.space_days)
    assert "space" not in phase.title.lower()
    text = page_text(built_site, f"phases/{phase.id}")
    assert "a pause you choose" in text
    assert '"I need space" is one of the stop signs. It means contact is over' in text
    assert "If your ex asked for space, that is a stop sign, not this week." in text


def test_each_triage_yes_leads_beside_its_question_to_the_sections_that_fit(built_site: BuiltSite) -> None:
    html = article_html(built_site, "triage")
    notes = re.findall(r'<div class="sc-triage__stop">(.*?)</fieldset>', html, re.S)
    assert len(notes) == len(SAFETY.triage.questions)
    for question, note in zip(SAFETY.triage.questions, notes, strict=True):
        anchors = set(re.findall(r'href="\.\./safety/#([a-z0-9-]+)"', note))
        assert anchors and anchors <= SECTIONS, question.id
        assert "instead" not in anchors, question.id  # the section for the one who keeps contacting
        if question.id in ("harm", "fear"):
            assert {"if-you-were-harmed", "if-you-worry-about-yourself"} <= anchors, question.id
        if question.stop_signals:
            assert "if-they-said-stop" in anchors
        if question.crisis:
            assert "crisis" in anchors


def test_if_you_were_harmed_comes_early_and_is_linked_from_home_and_the_safety_intro(built_site: BuiltSite) -> None:
    html = article_html(built_site, "safety")
    harmed = html.index('id="if-you-were-harmed"')
    assert html.index('id="crisis"') < harmed < html.index('id="instead"') < html.index('id="helplines"')
    intro = html[html.index('id="instead"') : html.index('id="helplines"')]
    assert 'href="./#if-you-were-harmed"' in intro
    assert 'href="safety/#if-you-were-harmed"' in article_html(built_site, "")
    section = page_text(built_site, "safety")
    section = section[section.index("If you were harmed ¶") :]
    assert (
        "If someone is using steps like the ones on this site to reach you, you owe them no reply. "
        "That holds whether or not you ever said no." in (section)
    )


def test_change_names_anger_jealousy_and_control_and_links_to_help(built_site: BuiltSite) -> None:
    text = page_text(built_site, "phases/change").lower()
    for sign in ("anger", "jealous", "control", "check their phone", "decide where they could go", "afraid of you"):
        assert sign in text, sign
    html = article_html(built_site, "phases/change")
    assert 'href="../../safety/#if-you-worry-about-yourself"' in html
    assert 'href="../../safety/#looking-after-yourself"' in html and "counsellor" in text


@pytest.mark.parametrize("phase", [p.id for p in GUIDE.phases if p.id in ("friends", "start-new")])
def test_being_pushed_away_ends_contact_in_the_phases_with_time_together(built_site: BuiltSite, phase: str) -> None:
    text = page_text(built_site, f"phases/{phase}")
    note = text[text.index("When to stop ¶") :]
    note = note[: note.index("Read more on the safety page")]
    assert "contact ends" in note
    assert "trying harder" not in note and "more room" not in note


def test_the_phases_the_care_review_named_open_with_the_check_in() -> None:
    """Issue 17: own-it, reconnect, change, friends and start-new are contact phases. Adding a
    phase does not touch this; renaming one of these means saying here that it still checks in."""
    named = {"own-it", "reconnect", "change", "friends", "start-new"}
    assert {p.id for p in GUIDE.phases if p.check_in} >= named & {p.id for p in GUIDE.phases}


def test_the_checklists_stop_summary_names_threats() -> None:
    assert GUIDE.stop is not None and "threat" in GUIDE.stop.summary


def test_the_about_page_names_what_was_left_out_and_why(built_site: BuiltSite) -> None:
    text = page_text(built_site, "about")
    left_out = text[text.index("What the guide leaves out, and why") :]
    left_out = left_out[: left_out.index("Its limits")]
    for tactic in ("brave face", "fear of losing you", "years and money", "after a no", "foolish to lose"):
        assert tactic in left_out, tactic


def test_a_second_hand_helpline_source_is_named_as_such() -> None:
    lines = [*SAFETY.safety.crisis.helplines, *SAFETY.safety.helplines]
    second_hand = {line.id for line in lines if line.second_hand}
    own_pages = {"samaritans": "samaritans.org", "us-988": "988lifeline.org", "au-mens-referral": "ntvmrs.org.au"}
    for line in lines:
        if line.id in own_pages:
            assert own_pages[line.id] in line.source and line.id not in second_hand
    assert any(line.region == "Ireland" and "harmed" in line.audience for line in lines)
