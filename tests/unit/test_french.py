"""French copy (issue 28): the reader is `vous` everywhere, the calques and wrong meanings the
fluent review found do not come back, and each file keeps its review record. See
CONTRIBUTING.md, "French". Typography is tested in test_typography.py."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

from support import ROOT

FRENCH = ROOT / "content" / "fr"
# The files of French copy, by field; helplines.yml is the helplines' own data, read whole
# (every string in it); phrases.yml matches what readers type.
YAML_FILES = ["guide.yml", "safety.yml", "strings.yml"]
HELPLINES = FRENCH / "helplines.yml"
PAGES = sorted((FRENCH / "docs").glob("*.md"))

# Words a reader sends or says (to an ex, to a friend) are theirs, in tu: example messages, and
# anything in « ».
MESSAGE_FIELD = re.compile(r"\.examples\.\d+\.message$")
QUOTED = re.compile(r"«[^»]*»")
TONE = re.compile(r"\b(?:le|un|même|du|ce) ton\b")  # "ton" the noun: the tone of a message
TU = re.compile(r"\b(?:[Tt]u|[Tt]on|[Tt]a|[Tt]es|[Tt]oi|[Tt]e|[Tt]')(?=\W)|-toi\b|\bs'il te plaît\b")


def texts() -> list[tuple[str, str]]:
    """(where, text) for every French text of the site's copy."""
    found = []
    for name in YAML_FILES:
        data = yaml.safe_load((FRENCH / name).read_text(encoding="utf-8"))
        for key, entry in data["fields"].items():
            if not MESSAGE_FIELD.search(key):
                found.append((f"content/fr/{name}: {key}", str(entry["text"])))
    for page in PAGES:
        found.append((f"content/fr/docs/{page.name}", page.read_text(encoding="utf-8")))
    return found + list(_strings(yaml.safe_load(HELPLINES.read_text(encoding="utf-8")), "content/fr/helplines.yml"))


def _strings(node: object, where: str) -> Iterator[tuple[str, str]]:
    if isinstance(node, str) and not node.startswith(("http", "tel:", "sms:")):
        yield where, node
    elif isinstance(node, dict):
        for key, value in node.items():
            yield from _strings(value, f"{where}: {key}")
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _strings(value, f"{where}.{i}")


TEXTS = texts()


def test_the_reader_is_vous_everywhere() -> None:
    problems = [
        f"{where}: {match.group(0)!r} in ...{text[max(0, match.start() - 40) : match.end() + 20]!r}"
        for where, text in TEXTS
        for match in TU.finditer(TONE.sub("", QUOTED.sub("«»", text)))
    ]
    assert not problems, "\n".join(problems)


# What the fluent review found, as it was written: each must stay gone.
RETIRED = [
    "te faire entendre",  # a wish to be heard; the English names an urge to make them listen
    "retenter ta chance",  # a lottery, not getting back together
    "retenter votre chance",
    "pour son bien",  # "for their own good", the controlling partner's phrase
    "un autre mal",
    "Garde l'essentiel",
    "Gardez l'essentiel",
    "risques de recevoir de la froideur",
    "quoi faire à la place",  # "quoi faire" as a noun
    "règle d'arrêt",  # a term the reader meets nowhere else
    "juste amis",
    "en amis",
    "aucun message à la fin de la semaine",  # a description, not the reader's rule
    "(e)",  # a bracketed gender: neutral or paired forms instead
]


@pytest.mark.parametrize("phrase", RETIRED)
def test_a_retired_phrase_stays_gone(phrase: str) -> None:
    assert not [where for where, text in TEXTS if phrase in " ".join(text.split())]


def test_the_reader_s_own_rule_on_the_calendar_and_the_coercive_urge_in_the_triage() -> None:
    strings = dict(TEXTS)
    assert (
        "vous n'envoyez rien : ni à la fin de la semaine, ni après"
        in strings["content/fr/strings.yml: space_calendar.rule_lead"]
    )
    assert "forcer votre ex à vous écouter" in " ".join(
        strings["content/fr/safety.yml: triage.questions.fear.detail"].split()
    )
    assert strings["content/fr/strings.yml: checklist.items.other"] == "{count} points"
    assert strings["content/fr/strings.yml: date.first_day"] == "1er"
    assert "texto (SMS)" in strings["content/fr/strings.yml: helpline.text"]


def test_no_field_says_votre_ex_three_times() -> None:
    assert not [where for where, text in TEXTS if text.count("votre ex") >= 3 and "/docs/" not in where]


@pytest.mark.parametrize("path", [*(FRENCH / name for name in YAML_FILES), *PAGES], ids=lambda p: p.name)
def test_each_file_has_a_review_record_by_role_and_no_claim_of_fluency(path: Path) -> None:
    head = path.read_text(encoding="utf-8")[:600]
    assert "Review record" in head and "not a fluent speaker's review" in head
    if path.suffix == ".yml":
        assert yaml.safe_load(path.read_text(encoding="utf-8"))["reviewed"] is False
