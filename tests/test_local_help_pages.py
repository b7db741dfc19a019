"""Each language's own help as the built pages show it (read as files): the numbers issue 28
added are on the right language's pages, in the right order and with where they were checked;
the Spanish 988 text option always shows its keyword, AYUDA; and an English service name on a
Spanish or French page is marked as English, so a screen reader says it as English.
"""

from __future__ import annotations

import html
import re

import pytest

from guide.content.loading import load_content
from guide.content.local_help import FILE_NAME, load_local_help
from guide.rendering.markdown import lead
from sitetools import BuiltSite
from support import ROOT

LANGUAGES = ("es", "fr")


def page(site: BuiltSite, path: str) -> str:
    return (site.root / path / "index.html").read_text(encoding="utf-8")


def text(markup: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", markup)).split())


def calls(markup: str, selector_class: str) -> list[str]:
    """The tel: links of the first list with `selector_class`, in order."""
    found = re.search(rf'<ul class="[^"]*\b{selector_class}\b[^"]*">(.*?)</ul>', markup, re.S)
    assert found, selector_class
    return re.findall(r'href="(tel:[^"]+)"', found.group(1))


def test_the_french_safety_page_has_the_samu_before_the_police_and_the_114_by_sms(languages_site: BuiltSite) -> None:
    safety = page(languages_site, "fr/safety")
    tiles = calls(safety, "sc-emergency")
    assert tiles.index("tel:15") < tiles.index("tel:17")
    assert tiles.index("tel:144") < tiles.index("tel:117")
    # The notes under the crisis lines: a paragraph each, not run on inside the last line's card.
    for region in ("France (SAMU)", "France (police)", "Suisse (ambulance)"):
        assert re.search(rf"<p><strong>{re.escape(region)}, en cas d'urgence", safety), region
    assert safety.count('href="sms:114"') == 2  # beside the 15 and the 17
    # The region chooser shows both numbers, the medical one first.
    chooser = dict(re.findall(r'<option value="([a-z-]+)" data-sc-regions-call="([^"]*)"', safety))
    assert chooser["france"] == "tel:15 tel:17" and chooser["switzerland"] == "tel:144 tel:117"
    # The message check keeps them in view too.
    check = text(page(languages_site, "fr/phases/own-it"))
    assert "France (SAMU) 15" in check and "Suisse (ambulance) 144" in check


def test_the_new_numbers_are_on_the_french_pages_only(languages_site: BuiltSite) -> None:
    english, spanish = page(languages_site, "safety"), page(languages_site, "es/safety")
    for other in (english, spanish):
        for number in ("tel:15", "tel:144", "sms:114"):
            assert f'href="{number}"' not in other, number


def test_the_changed_lines_show_where_and_when_they_were_checked(languages_site: BuiltSite) -> None:
    safety = page(languages_site, "fr/safety")
    for line_id, source in (
        ("ch-143", "https://www.143.ch/fr/Service/FAQ"),
        ("ch-violencequefaire", "https://www.violencequefaire.ch/auteur/"),
    ):
        card = re.search(rf'data-sc-regions-line="{line_id}".*?</details>', safety, re.S)
        assert card, line_id
        assert f'href="{source}"' in card.group(0) and "7 décembre 2026" in text(card.group(0)), line_id
    assert "20 centimes" in text(safety)
    spanish = page(languages_site, "es/safety")
    card = re.search(r'data-sc-regions-line="es-016".*?</details>', spanish, re.S)
    # Second-hand (the Ministry's own 016 page could not be read), and the page says so.
    assert card and "7 de diciembre de 2026" in text(card.group(0))
    assert 'href="https://www.europapress.es/' in card.group(0) and "propio servicio" in text(card.group(0))


@pytest.mark.parametrize("path", ["es/triage", "es/safety", "es/phases/own-it"])
def test_every_spanish_text_option_for_988_shows_the_keyword_ayuda(languages_site: BuiltSite, path: str) -> None:
    """The triage, the safety page and the message check's crisis list (on a phase page) all
    say to text AYUDA, and the sms: link fills it in: the keyword comes from the data."""
    markup = page(languages_site, path)
    items = [item for item in re.findall(r"<li>(.*?)</li>", markup, re.S) if 'href="sms:988' in item]
    assert items, path
    for item in items:
        assert 'href="sms:988?&amp;body=AYUDA"' in item, item
        assert "Envía AYUDA por mensaje de texto al 988" in text(item), text(item)


@pytest.mark.parametrize("language", LANGUAGES)
def test_english_service_names_on_a_translated_page_are_marked_english(
    languages_site: BuiltSite, language: str
) -> None:
    help = load_local_help(ROOT / "content" / language / FILE_NAME, FILE_NAME, language=language)
    named = [line for line in (*help.crisis_helplines, *help.helplines, help.directory) if line.name_lang]
    assert named, "the directory, at least, has an English name"
    for line in named:
        marked = f'<span lang="{line.name_lang}">{html.escape(line.name, quote=False)}</span>'
        shown = 0
        for path in (languages_site.root / language).rglob("*.html"):
            markup = path.read_text(encoding="utf-8")
            # Every time the name is shown as text (not in an attribute), it is marked.
            assert markup.count(f">{line.name}<") == markup.count(marked), (path, line.name)
            shown += markup.count(marked)
        assert shown, line.name


def test_the_english_site_marks_no_name_as_another_language(languages_site: BuiltSite) -> None:
    english = load_content(ROOT / "content").safety.safety
    assert not any(line.name_lang for line in (*english.crisis.helplines, *english.helplines, english.directory))
    assert '<span lang="' not in page(languages_site, "safety")


@pytest.mark.parametrize("language", ["en", *LANGUAGES])
def test_the_message_check_lists_each_crisis_line_as_its_own_item(languages_site: BuiltSite, language: str) -> None:
    # Before any typing, beside the stop question: one list item a line, never run together.
    prefix = "" if language == "en" else f"{language}/"
    markup = page(languages_site, f"{prefix}phases/reconnect")
    box = re.search(r'<div class="sc-message-check__help-now">(.*?)</div>', markup, re.S)
    assert box, language
    items = re.findall(r"<li>(.*?)</li>", box.group(1), re.S)
    lines = load_content(ROOT / "content", language=language).safety.safety.crisis.helplines
    assert len(items) == len(lines) >= 2, items
    for item, line in zip(items, lines, strict=True):
        assert text(item).startswith(line.region), item


@pytest.mark.parametrize("language", ["en", *LANGUAGES])
def test_no_do_not_send_box_stops_at_a_colon(languages_site: BuiltSite, language: str) -> None:
    # Each box quotes the opening of its safety section: a paragraph that introduces a list
    # ("These lines talk with people in your place:") brings the list, with its numbers.
    prefix = "" if language == "en" else f"{language}/"
    markup = page(languages_site, f"{prefix}phases/reconnect")
    boxes = re.findall(
        r'<div class="sc-message-check__stop" data-sc-message-check-danger="([^"]+)" hidden="hidden">(.*?)\n</div>',
        markup,
        re.S,
    )
    assert len(boxes) >= 5, len(boxes)
    for danger, box in boxes:
        for paragraph, after in re.findall(r"<p>(.*?)</p>\s*(<\w+)?", box, re.S):
            if text(paragraph).endswith(":"):
                assert after == "<ul", (language, danger, text(paragraph))
    assert "tel:" in dict(boxes)["threat"], "the lines for one's own behaviour, with their numbers"


def test_a_section_s_lead_takes_the_list_its_colon_introduces() -> None:
    body = "First.\n\nThese lines help:\n\n- one\n- two\n\nMore."
    assert lead(body) == "First."
    assert lead("These lines help:\n\n- one\n\nMore.") == "These lines help:\n\n- one"
    assert lead("Only one.") == "Only one."
