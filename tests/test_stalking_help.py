"""Issue 27, "A door for each reader": the page for someone on the receiving end
(docs/getting-messages.md) names help for stalking and harassment, not only for abuse. Each
line it names is a helpline of the safety page, with the page it was checked against, the day
(2026-12-07, or for Women's Aid the day its number was checked), its hours and who it
serves; every number on the page is one of those lines', as dialled; and the page keeps what
it already said (no reply is owed, calls leave a trace).
The Spanish and French copies say that no such line could be checked on a service's own page
for their readers' regions, and point to their safety page's lines.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from guide.content.loading import load_content
from guide.content.model import Helpline
from guide.rendering.markdown import dial
from sitetools import BuiltSite
from support import ROOT

CHECKED = date(2026, 12, 7)

# The stalking and harassment lines, by id: the page each was checked against, the day, and
# what in its description says it covers stalking or harassment. All are the service's own
# page, or (VictimLinkBC) the page of the Province that runs it: none is second-hand. Women's
# Aid keeps the day its number and hours were checked; its stalking page, read on 2026-12-07,
# is named beside it in content/safety.yml.
STALKING_LINES: dict[str, tuple[str, date, str]] = {
    "uk-stalking-helpline": (
        "https://www.suzylamplugh.org/stalking/",
        CHECKED,
        "keeps contacting, following or watching",
    ),
    "ie-womens-aid": ("https://www.womensaid.ie/support/", date(2026, 12, 1), "stalking included"),
    "au-1800respect": ("https://www.1800respect.org.au/violence-and-abuse/stalking", CHECKED, "stalking"),
    "canada-victimlinkbc": (
        "https://www2.gov.bc.ca/gov/content/justice/criminal-justice/bcs-criminal-justice-system/"
        "understanding-criminal-justice/key-parts/victim-services",
        CHECKED,
        "harassment",
    ),
}

PAGE = ROOT / "docs" / "getting-messages.md"
COPIES = {language: ROOT / "content" / language / "docs" / "getting-messages.md" for language in ("es", "fr")}


def helplines() -> dict[str, Helpline]:
    safety = load_content(ROOT / "content").safety.safety
    return {line.id: line for line in (*safety.crisis.helplines, *safety.helplines, safety.directory)}


def body(path: Path) -> str:
    """The page's Markdown after its front matter, with line breaks read as spaces."""
    text = path.read_text(encoding="utf-8")
    return " ".join(text.split("---", 2)[2].split())


@pytest.mark.parametrize("line_id", sorted(STALKING_LINES))
def test_each_stalking_line_keeps_its_source_the_day_it_was_checked_its_hours_and_who_it_serves(line_id: str) -> None:
    line = helplines()[line_id]
    source, checked, covers = STALKING_LINES[line_id]
    assert (line.source, line.second_hand, line.checked) == (source, False, checked), line_id
    assert covers in line.description, line.description
    assert line.phone and line.hours, line_id
    assert "harmed" in line.audience, line_id


def test_the_uk_stalking_helpline_gives_the_hours_its_own_page_gives() -> None:
    hours = helplines()["uk-stalking-helpline"].hours or ""
    assert "9:30am to 4pm" in hours and "Wednesday 1pm to 4pm" in hours and "bank holidays" in hours


def test_victimlinkbc_says_where_it_serves_and_is_in_canadas_region() -> None:
    line = helplines()["canada-victimlinkbc"]
    assert line.region == "Canada" and "British Columbia and Yukon only" in line.description
    safety = load_content(ROOT / "content").safety.safety
    canada = next(region for region in safety.regions if region.id == "canada")
    assert "canada-victimlinkbc" in canada.helplines


def list_items(path: Path) -> list[str]:
    """The page's bulleted items, each with its wrapped lines joined."""
    items: list[str] = []
    for raw in path.read_text(encoding="utf-8").splitlines():
        if raw.startswith("- "):
            items.append(raw[2:].strip())
        elif raw.startswith("  ") and items and raw.strip():
            items[-1] += " " + raw.strip()
    return items


def test_the_page_names_each_stalking_line_with_its_number_and_hours() -> None:
    lines = helplines()
    items = list_items(PAGE)
    for line_id in STALKING_LINES:
        line = lines[line_id]
        assert line.phone
        call = f"[{line.phone}]({dial(line.phone)})"
        found = [item for item in items if call in item]
        assert len(found) == 1, (line_id, call)
        # The hours beside the number say what the data says: all day, or not.
        all_day = (line.hours or "").startswith("24 hours")
        assert ("24 hours a day" in found[0]) == all_day, found[0]
        if not all_day:
            assert "check its times" in found[0], found[0]
    # The rest of the world is sent to the safety page's list.
    assert "[helplines](safety.md#helplines)" in body(PAGE)


def test_every_number_on_the_page_is_a_checked_line_of_the_safety_page() -> None:
    numbers = {dial(line.phone) for line in helplines().values() if line.phone}
    calls = re.findall(r"\]\((tel:[^)]+)\)", PAGE.read_text(encoding="utf-8"))
    assert calls, "the page names the lines with their numbers"
    for call in calls:
        assert call in numbers, call


def test_the_page_still_says_no_reply_is_owed_and_that_calls_leave_a_trace() -> None:
    text = body(PAGE)
    assert "**You owe them no reply.**" in text
    assert "## Calls and messages leave a trace" in text
    assert "[browsing more safely](safety.md#browsing-safely)" in text


@pytest.mark.parametrize("language", sorted(COPIES))
def test_the_copies_say_no_line_could_be_checked_for_their_regions_and_point_to_their_lines(language: str) -> None:
    text = body(COPIES[language])
    said = {"es": "que pudiéramos comprobar", "fr": "que nous ayons pu vérifier"}[language]
    assert said in text
    assert "(safety.md#helplines)" in text
    # No English-only line is offered to them as theirs.
    for line_id in STALKING_LINES:
        assert dial(helplines()[line_id].phone or "") not in text, line_id


def test_the_built_page_shows_the_lines_as_call_links(built_site: BuiltSite) -> None:
    page = built_site.page("getting-messages/")
    calls = {link.attrs.get("href") for link in page.find("a")}
    for line_id in STALKING_LINES:
        assert dial(helplines()[line_id].phone or "") in calls, line_id
    safety = (built_site.root / "safety" / "index.html").read_text(encoding="utf-8")
    card = re.search(r'data-sc-regions-line="canada-victimlinkbc".*?</details>', safety, re.S)
    assert card and "7 December 2026" in card.group(0), "the new line shows where and when it was checked"


def test_the_page_for_someone_getting_messages_never_leads_on_to_the_sender_s_page(built_site: BuiltSite) -> None:
    # Material's footer "Next" follows the nav: a frightened reader must not land on the page
    # written for the person who can't stop writing.
    links = built_site.page("getting-messages/").find("a")
    [after] = [link.attrs.get("href") for link in links if "md-footer__link--next" in (link.attrs.get("class") or "")]
    assert after and "urge-to-contact" not in after, after
