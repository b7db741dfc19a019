"""One rule for "stop": defined once in the model, shown the same way everywhere it matters."""

from __future__ import annotations

import html as htmllib
import re

import pytest

from sitetools import BuiltSite
from support import site_content

CONTENT = site_content()
GUIDE = CONTENT.guide
STOP = GUIDE.stop
SAFETY = CONTENT.safety
CONTACT_PHASES = [phase for phase in GUIDE.phases if phase.check_in]


def text_of(built_site: BuiltSite, path: str) -> str:
    """A built page's words, tags removed and entities decoded, spaces collapsed."""
    raw = (built_site.root / path / "index.html").read_text(encoding="utf-8")
    return " ".join(htmllib.unescape(re.sub(r"<[^>]+>", " ", raw)).split())


def words(markdown: str) -> str:
    """Markdown source as it reads on the page: emphasis and link targets dropped."""
    return " ".join(re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", markdown).replace("**", "").split())


def test_the_real_content_defines_the_stop_rule_with_every_signal_the_issue_names() -> None:
    assert STOP is not None
    signals = " ".join(STOP.signals).lower()
    for sign in (
        "leave",
        "stop",
        "leave me alone",
        "i need space",
        "no to getting back together",
        "reply",
        "block",
        "unfollow",
        "passes on",
        "threat",
        "afraid",
    ):
        assert sign in signals, sign
    assert "no sorry" in STOP.instruction and "nothing through friends or family" in STOP.instruction.lower()
    assert STOP.section in {section.id for section in SAFETY.safety.sections}


@pytest.mark.parametrize(
    "path",
    ["triage/", "safety/", "whole-guide/", *(f"phases/{p.id}/" for p in GUIDE.phases if p.limit or p.check_in)],
)
def test_every_page_that_needs_it_shows_the_same_signals_and_instruction(built_site: BuiltSite, path: str) -> None:
    assert STOP is not None
    page = text_of(built_site, path)
    for signal in STOP.signals:
        assert " ".join(signal.split()) in page, (path, signal)
    assert words(STOP.instruction) in page, path


def test_every_contact_phase_has_a_when_to_stop_note_that_says_what_to_do_not_the_list_again(
    built_site: BuiltSite,
) -> None:
    # The check-in at the top is the page's one stop list (the next test); "When to stop" says
    # what to do on a stop, and links to the safety page's section.
    assert STOP is not None
    assert CONTACT_PHASES
    for phase in CONTACT_PHASES:
        html = (built_site.root / "phases" / phase.id / "index.html").read_text(encoding="utf-8")
        note = html[html.index('id="when-to-stop"') :]  # the heading, not its table-of-contents entry
        note = htmllib.unescape(note[: note.index("</div>")])
        assert "Then stop at once, and for good." in note, phase.id
        assert not any(signal in note for signal in STOP.signals), phase.id
        assert f'href="../../safety/#{STOP.section}"' in note, phase.id


def test_check_in_comes_first_on_every_contact_phase_with_the_whole_stop_list(built_site: BuiltSite) -> None:
    """Every contact phase opens with the same question over every stop sign from the model (no
    hand-picked subset), before "Why this matters", and a Yes leads to the stop section."""
    assert STOP is not None
    for phase in CONTACT_PHASES:
        html = htmllib.unescape((built_site.root / "phases" / phase.id / "index.html").read_text(encoding="utf-8"))
        article = html[html.index("<article") :]
        start = article.index('<div class="sc-checkin">')
        box = article[start : article.index("</div>", start)]
        assert start < article.index("Why this matters") < article.index("Steps"), phase.id
        assert STOP.check_in in box, phase.id
        items = [" ".join(re.sub(r"<[^>]+>", "", li).split()) for li in re.findall(r"<li>(.*?)</li>", box, re.S)]
        assert items == list(STOP.signals), phase.id
        assert f'href="../../safety/#{STOP.section}"' in box, phase.id


def test_checklists_page_and_its_print_carry_the_rule_in_one_line_above_the_first_checklist(
    built_site: BuiltSite,
) -> None:
    assert STOP is not None
    html = htmllib.unescape((built_site.root / "checklists" / "index.html").read_text(encoding="utf-8"))
    line = re.search(r'<p class="sc-stop-rule">(.*?)</p>', html, re.S)
    assert line and STOP.summary in line.group(1)
    assert "\n" not in line.group(1).strip()
    assert line.start() < html.index('class="sc-checklist"')
    # On paper too: tests/test_print.py reads the rule back from the printed PDF.


def test_triage_yes_result_starts_with_the_crisis_lines_for_question_four(built_site: BuiltSite) -> None:
    crisis = SAFETY.safety.crisis
    number = next(i for i, q in enumerate(SAFETY.triage.questions, 1) if q.crisis)
    assert number == 4
    html = htmllib.unescape((built_site.root / "triage" / "index.html").read_text(encoding="utf-8"))
    result = html[html.index("sc-triage__result--yes") :]
    first = result.index(crisis.title)
    assert f"(question {number})" in result[first : first + 200]
    assert first < result.index("This guide does not apply")
    for line in crisis.helplines:
        assert line.phone and f'href="tel:{re.sub(r"[^0-9]", "", line.phone)}"' in result
    assert '<a href="../safety/#crisis">' in result
