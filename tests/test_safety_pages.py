"""The safety branch in the built site: triage before phase one, safety page, links everywhere."""

from __future__ import annotations

import re
import shutil
from html import escape as html_escape
from html import unescape as html_unescape
from pathlib import Path

import yaml

from guide.content.loading import load_content
from guide.rendering.markdown import dial, safety_pages, sms
from sitetools import BuiltSite, parse_html
from support import ROOT, site_content

CONTENT = site_content()
SAFETY = CONTENT.safety


def test_every_page_links_to_the_safety_page_and_carries_the_quick_exit(built_site: BuiltSite) -> None:
    pages = [p for p in built_site.html_files() if p.name == "index.html"]
    assert len(pages) >= len(CONTENT.guide.phases) + 4
    for html in pages:
        page = parse_html(html.read_text(encoding="utf-8"))
        depth = len(html.relative_to(built_site.root).parts) - 1
        to_safety = "../" * depth + "safety/" if depth else "safety/"
        hrefs = [a.attrs.get("href") for a in page.find("a")]
        assert to_safety in hrefs or (depth == 1 and "./" in hrefs and "safety" in str(html)), html
        exits = [a for a in page.find("a") if "data-sc-quick-exit" in a.attrs]
        assert exits, html
        for link in exits:
            assert link.attrs["href"] == SAFETY.quick_exit.url
            assert "noreferrer" in link.attrs.get("rel", "")


def test_triage_comes_before_phase_one_in_the_nav_and_on_the_home_page(built_site: BuiltSite) -> None:
    home = built_site.page("")
    nav = [a.attrs["href"] for a in home.find("a") if "md-nav__link" in a.attrs.get("class", "")]
    assert nav.index("triage/") < nav.index(f"phases/{CONTENT.guide.phases[0].id}/")
    article = home.find("article")[0]
    links = [
        a.attrs["href"] for a in home.find("a") if a.text and a.attrs.get("href", "").startswith(("triage", "phases"))
    ]
    body_links = [h for h in links if h in ("triage/", f"phases/{CONTENT.guide.phases[0].id}/")]
    assert body_links and "safety" in article.text.lower()


def test_triage_asks_every_question_and_both_answers_are_plain_links(built_site: BuiltSite) -> None:
    triage = built_site.page("triage/")
    legends = [e.text for e in triage.find("legend")]
    assert [re.sub(r"^\d+\. ", "", t.strip()) for t in legends] == [q.question for q in SAFETY.triage.questions]
    for question in SAFETY.triage.questions:
        radios = triage.find("input", name=f"sc-triage-{question.id}")
        assert sorted(r.attrs["value"] for r in radios) == ["no", "yes"]
    results = [d for d in triage.find("div") if "sc-triage__result" in d.attrs.get("class", "")]
    yes_box = next(d for d in results if "--yes" in d.attrs["class"])
    no_box = next(d for d in results if "--no" in d.attrs["class"])
    html = (built_site.root / "triage" / "index.html").read_text(encoding="utf-8")
    assert 'href="../safety/"' in html
    assert f'href="../phases/{CONTENT.guide.phases[0].id}/"' in html
    assert yes_box.text and no_box.text


def test_safety_page_puts_crisis_lines_then_emergency_numbers_first_and_lists_every_helpline(
    built_site: BuiltSite,
) -> None:
    safety = built_site.page("safety/")
    headings = [h.text.strip().rstrip("¶").strip() for h in safety.find("h2")]
    crisis = SAFETY.safety.crisis
    # Emergency numbers first (a phone shows them on its first screen; issue 9), the crisis
    # lines right after them, before everything else (issue 10).
    assert headings[:2] == ["In an emergency", crisis.title]
    html = html_unescape((built_site.root / "safety" / "index.html").read_text(encoding="utf-8"))
    assert f'id="{crisis.id}"' in html
    for place in SAFETY.safety.emergency:
        assert f'href="{dial(place.number)}"' in html
    for line in (*crisis.helplines, *SAFETY.safety.helplines, SAFETY.safety.directory):
        assert line.name in html
        assert line.source in html
        if line.phone:
            assert dial(line.phone) in html
    assert html.index("In an emergency") < html.index(SAFETY.safety.helplines[0].name)
    # In the page's own text, the crisis lines come before every other helpline.
    article = html[html.index("<article") :]
    first_other = min(article.index(line.name) for line in SAFETY.safety.helplines)
    assert all(article.index(line.name) < first_other for line in crisis.helplines)


def test_crisis_section_has_the_us_uk_ireland_australia_and_canada_lines() -> None:
    numbers = {line.region: dial(line.phone or "") for line in SAFETY.safety.crisis.helplines}
    assert numbers == {
        "United States": "tel:988",
        "United Kingdom and Ireland": "tel:116123",
        "Australia": "tel:131114",
        "Canada": "tel:988",
    }
    texts = {line.region: sms(line.text) for line in SAFETY.safety.crisis.helplines if line.text}
    assert texts == {"United States": "sms:988", "Canada": "sms:988"}
    for line in SAFETY.safety.crisis.helplines:
        assert line.source.startswith("https://") and line.checked and line.hours


def test_a_helpline_without_hours_never_reads_as_open_all_day(tmp_path: Path) -> None:
    """A number with no hours would read as open all day: the page says where to find them. The
    site's own lines all have hours now, so the fixture's first helpline loses its hours here."""
    folder = tmp_path / "content"
    shutil.copytree(ROOT / "tests" / "fixtures" / "valid", folder)
    safety = folder / "safety.yml"
    text = safety.read_text(encoding="utf-8")
    first_hours = text.index("\n      hours: ", text.index("\n  helplines:"))
    safety.write_text(text[:first_hours] + text[text.index("\n", first_hours + 1) :], encoding="utf-8")
    content = load_content(folder)
    [line, *_] = (line for line in content.safety.safety.helplines if line.phone and not line.hours)
    page = next(p for p in safety_pages(content) if p.src_uri.startswith("safety"))
    entry = page.markdown[page.markdown.index(line.name) :]
    assert "check the hours on their site" in entry[: entry.index("Checked ")]


def test_every_site_helpline_with_a_number_says_its_hours_and_a_second_hand_source_says_so(
    built_site: BuiltSite,
) -> None:
    html = (built_site.root / "safety" / "index.html").read_text(encoding="utf-8")
    for line in (*SAFETY.safety.crisis.helplines, *SAFETY.safety.helplines):
        entry = html[html.rindex(f'data-sc-regions-line="{line.id}"') :]
        entry = entry[: entry.index("</li>\n</ul>")]
        if line.phone:
            assert line.hours and html_escape(line.hours, quote=False) in entry, line.id
        assert ("a second-hand source" in entry) == line.second_hand, line.id
        assert ("we could not check these details" in entry) == line.second_hand, line.id


def test_helplines_only_for_people_who_were_harmed_are_not_offered_to_both_sides() -> None:
    intro = SAFETY.safety.intro
    assert "whichever side" not in intro
    refuge = next(line for line in SAFETY.safety.helplines if line.id == "uk-national-helpline")
    assert "England" in refuge.description
    # "Free" is not true of a 1300 number, nor of Lifeline's 13 number from a landline: say so.
    lines = {line.id: line for line in (*SAFETY.safety.crisis.helplines, *SAFETY.safety.helplines)}
    assert "may not be free" in lines["au-mens-referral"].description
    assert "landline pays" in lines["au-lifeline"].description
    assert "free" not in SAFETY.safety.directory.description.lower()


def test_private_browsing_is_not_offered_as_cover_from_spyware() -> None:
    browsing = next(s for s in SAFETY.safety.sections if s.id == "browsing-safely")
    private = next(item for item in browsing.body.split("\n- ") if "Private browsing" in item)
    assert "spyware" in private and "does not" in private
    # Both sides: people harmed and people worried about their own behaviour.
    audiences = {a for line in SAFETY.safety.helplines for a in line.audience}
    assert {"harmed", "own-behaviour"} <= audiences


def test_every_helpline_records_its_source_and_when_it_was_checked() -> None:
    data = yaml.safe_load((ROOT / "content" / "safety.yml").read_text(encoding="utf-8"))
    for line in data["safety"]["helplines"]:
        assert line["source"].startswith("https://") and line["checked"]


def test_no_copy_promises_that_anything_keeps_a_reader_safe(built_site: BuiltSite) -> None:
    promise = re.compile(
        r"(keeps? you safe|stay safe with|makes? you safe|guarantees? your safety|you will be safe)", re.I
    )
    for html in built_site.html_files():
        text = re.sub(r"<[^>]+>", " ", html.read_text(encoding="utf-8"))
        assert not promise.search(text), html


def test_phase_pages_remind_readers_where_the_advice_meets_a_no(built_site: BuiltSite) -> None:
    for phase in CONTENT.guide.phases:
        if not phase.limit:
            continue
        html = (built_site.root / "phases" / phase.id / "index.html").read_text(encoding="utf-8")
        note = html[html.index('id="when-to-stop"') :]  # the heading, not its table-of-contents entry
        note = note[: note.index("</div>")]
        assert 'href="../../safety/#' in note, phase.id


def test_exit_is_hidden_in_print(built_site: BuiltSite) -> None:
    css = (built_site.root / "assets" / "css" / "site.css").read_text(encoding="utf-8")
    print_rules = css[css.index("@media print") :]
    assert ".sc-quick-exit" in print_rules and ".sc-controls" in print_rules
    assert "display:none" in print_rules.replace(" ", "")  # the built file is minified


def test_quick_exit_target_is_a_neutral_https_site() -> None:
    assert SAFETY.quick_exit.url.startswith("https://")
    assert Path(ROOT / "components" / "quick-exit" / "quick-exit.js").exists()
