"""The "changed in English" note goes on the pages that show a stale field, and only those:
which fields a page shows is recorded while it renders (guide/translations/field_use.py), not guessed by
finding a stale text's words in the page."""

from __future__ import annotations

import dataclasses
from functools import cache
from pathlib import Path

from guide.content.loading import GUIDE_FILE, LOCAL_SAFETY, SAFETY_FILE, Content, load_content
from guide.content.problems import Problem
from guide.rendering.markdown import GeneratedPage, site_pages
from guide.rendering.site import filled_page
from guide.translations.field_use import FieldRef, field_index, reading, stale_fields
from guide.translations.language_build import needs_stale_note
from support import ROOT

HOME = "index.md"


@cache
def spanish() -> Content:
    return load_content(ROOT / "content", language="es")


def with_stale(content: Content, *fields: FieldRef) -> Content:
    """`content` as if the English of `fields` had changed since they were translated."""
    translations = []
    for translation in content.translations:
        file = Path(translation.name).name
        stale = tuple(Problem(translation.name, 1, path, "changed") for f, path in fields if f == file)
        translations.append(dataclasses.replace(translation, stale=stale))
    return dataclasses.replace(content, translations=tuple(translations))


def noted(content: Content) -> list[str]:
    """The pages, generated and the home page, that get the stale note."""
    pages: list[GeneratedPage] = site_pages(content)
    home = (ROOT / "content" / content.language / "docs" / HOME).read_text(encoding="utf-8")
    read = {page.src_uri: page.fields for page in pages}
    read[HOME] = filled_page(home, content, src_uri=HOME)[1]
    stale = stale_fields(content)
    return sorted(src for src, fields in read.items() if needs_stale_note(src, fields, stale, ()))


def test_a_stale_one_word_string_shown_on_one_page_marks_only_that_page() -> None:
    content = spanish()
    assert content.strings["triage.no"] == "No"
    # Every page holds the word, so finding it in the Markdown would mark them all.
    assert all("No" in page.markdown for page in site_pages(content))
    assert noted(with_stale(content, ("strings.yml", "triage.no"))) == ["triage.md"]


def test_a_stale_phase_summary_marks_its_page_and_those_that_list_it_but_not_other_phases() -> None:
    content = spanish()
    first, last = content.guide.phases[0].id, content.guide.phases[-1].id
    marked = noted(with_stale(content, (GUIDE_FILE, f"phases.{first}.summary")))
    # The home page's phases at a glance, and the whole guide, show every summary.
    assert HOME in marked and "whole-guide.md" in marked
    assert f"phases/{first}.md" in marked
    assert f"phases/{last}.md" not in marked and "triage.md" not in marked


def test_with_nothing_stale_no_page_is_marked() -> None:
    assert noted(spanish()) == []


def test_a_hand_written_page_whose_english_changed_is_marked_whatever_it_reads() -> None:
    assert needs_stale_note("about.md", frozenset(), frozenset(), {"about.md"})
    assert not needs_stale_note("index.md", frozenset(), frozenset(), {"about.md"})


def test_the_fields_found_on_the_records_are_the_fields_translation_files_name() -> None:
    """The paths noted while rendering are the paths a stale field is reported under: the same
    walk over the typed records as translations/fields.py's over the YAML."""
    content = spanish()
    found = {field for fields in field_index(content).values() for field in fields}
    translated = {
        (Path(t.name).name, path)
        for t in content.translations
        if Path(t.name).name in (GUIDE_FILE, SAFETY_FILE)
        for path in t.entries
    }
    # The safety page's helplines are each language's own (local_help.py), not translations.
    local = {(file, path) for file, path in found if any(path == s or path.startswith(s + ".") for s in LOCAL_SAFETY)}
    assert translated and found - local == translated


def test_a_reading_inside_another_counts_for_both() -> None:
    content = spanish()
    phase = content.guide.phases[0]
    with reading(content) as outer, reading(content) as inner:
        page = site_pages(content)[0]
    assert inner and inner <= outer
    assert (GUIDE_FILE, f"phases.{phase.id}.title") in page.fields
