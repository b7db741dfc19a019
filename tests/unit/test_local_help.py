"""Each language's own helplines (content/xx/helplines.yml): they load, every line says where it
was checked, when, its hours and its languages, and the lines issue 21 asks for are in the regions
it names. Broken files get `file:line: where: what` (fixtures/local_help/bad/, whose `# expect:`
lines were counted by hand), never a traceback.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from guide.content.local_help import FILE_NAME, load_local_help
from guide.content.model import Helpline, LocalHelp
from guide.content.problems import ContentError
from support import FIXTURES, ROOT

LANGUAGES = ("es", "fr")
BAD = sorted((FIXTURES / "local_help" / "bad").glob("*.yml"))

# What the issues ask for, region by region: the emergency numbers, in order, and the numbers
# (as digits, matched at their end so 1-800-... matches the issue's 800-...) that its lines must
# have. Issue 28: France's medical number (15, the SAMU) beside the police's 17, and
# Switzerland's ambulance (144) beside the police's 117, the medical one first.
REQUIRED: dict[str, dict[str, tuple[tuple[str, ...], set[str]]]] = {
    "es": {
        "united-states": (("911",), {"988", "8007997233"}),
        "spain": (("112",), {"016", "024"}),
        "mexico": (("911",), {"8009112000", "079"}),
    },
    "fr": {
        "france": (("15", "17"), {"3919", "3114"}),
        "quebec": (("911",), {"8003639010", "988"}),
        "belgium": (("112",), {"080030030", "080032123"}),
        "switzerland": (("144", "117"), {"143"}),
    },
}


def load(language: str) -> LocalHelp:
    path = ROOT / "content" / language / FILE_NAME
    return load_local_help(path, f"content/{language}/{FILE_NAME}", language=language)


def lines_of(help: LocalHelp) -> dict[str, Helpline]:
    return {line.id: line for line in (*help.crisis_helplines, *help.helplines, help.directory)}


def digits(number: str | None) -> str:
    return re.sub(r"\D", "", number or "")


@pytest.mark.parametrize("language", LANGUAGES)
def test_each_language_file_loads_for_its_language_and_points_editors_at_its_schema(language: str) -> None:
    help = load(language)
    assert help.language == language
    first = (ROOT / "content" / language / FILE_NAME).read_text(encoding="utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=../schema/helplines.schema.json"
    schema = json.loads((ROOT / "content" / "schema" / "helplines.schema.json").read_text(encoding="utf-8"))
    assert schema["title"] == "LocalHelp" and "crisis_helplines" in schema["required"]


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_line_has_its_source_checked_date_hours_and_languages(language: str) -> None:
    help = load(language)
    for line in lines_of(help).values():
        assert line.source.startswith("https://"), line.id
        assert date(2026, 1, 1) <= line.checked <= date.today(), line.id
        assert line.languages, line.id
        if line.phone:
            assert line.hours, f"{line.id} has a number but no hours"
    # The lines are for readers of this language: every crisis line and helpline answers in it
    # (the international directory may not, and says so in its description).
    for line in (*help.crisis_helplines, *help.helplines):
        assert language in line.languages, line.id
    if language not in help.directory.languages:
        assert re.search(r"(?i)no hemos podido|nous n'avons pas pu", help.directory.description)


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_issues_numbers_are_in_the_regions_it_names(language: str) -> None:
    help = load(language)
    lines = lines_of(help)
    regions = {region.id: region for region in help.regions}
    assert set(regions) == set(REQUIRED[language])
    for region_id, (emergency, numbers) in REQUIRED[language].items():
        region = regions[region_id]
        assert region.numbers == emergency, region_id
        shown = [lines[line_id] for line_id in region.helplines]
        for number in numbers:
            assert any(digits(line.phone).endswith(number) for line in shown), (region_id, number)
        # The crisis line comes first, as on the English page.
        assert shown[0] in help.crisis_helplines, region_id


def test_the_spanish_lines_say_how_to_reach_them_as_the_issue_asks() -> None:
    help = load("es")
    lines = lines_of(help)
    us = lines["us-988"]
    assert us.text is not None and (us.text.number, us.text.keyword) == ("988", "AYUDA")
    assert "marca el 2" in us.description
    assert "600 000 016" in lines["es-016"].description  # WhatsApp: no sms: link for it
    assert lines["es-016"].text is None
    assert "079" in lines["mx-linea-mujeres"].description and "opción 1" in lines["mx-linea-mujeres"].description
    # Issue 21: the bill, but not the call log. The note says both, and promises nothing.
    note = " ".join((help.call_log_note or "").split())  # as read: Markdown's line breaks are spaces
    assert "016" in note and "factura" in note and "registro de llamadas" in note
    assert "garantía" in note


def test_the_french_page_has_both_emergency_numbers_for_france_and_an_honest_call_log_note() -> None:
    help = load("fr")
    numbers = {entry.number: entry for entry in help.emergency}
    assert "France" in numbers["17"].region and "France" in numbers["112"].region
    # Issue 28: the SAMU beside the police (for self-harm the police alone is the wrong door),
    # the SMS to 114 for anyone who cannot speak, and Switzerland's ambulance beside its police.
    assert "France" in numbers["15"].region and "SAMU" in (numbers["15"].note or "")
    for number in ("15", "17"):
        assert "[114](sms:114)" in (numbers[number].note or ""), number
    assert "Suisse" in numbers["144"].region and "Suisse" in numbers["117"].region
    order = [entry.number for entry in help.emergency]
    assert order.index("15") < order.index("17") and order.index("144") < order.index("117")
    note = " ".join((help.call_log_note or "").split())
    assert "3919" in note and "liste des appels" in note
    assert "pas pu le vérifier" in note  # the only source on the bill is not the 3919's own


# Issue 28's changed entries: each keeps the page it was checked against (the service's own,
# or second-hand and saying so) and the day it was checked.
CHECKED_2026_12_07 = {
    "fr": {
        "ch-143": ("https://www.143.ch/fr/Service/FAQ", False),
        "ch-violencequefaire": ("https://www.violencequefaire.ch/auteur/", False),
    },
    "es": {
        "es-016": (
            "https://www.europapress.es/epsocial/igualdad/noticia-suben-levemente-consultas-016-primer-semestre-2025-"
            "59317-casi-330-diarias-20250807133253.html",
            True,
        ),
    },
}


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_lines_issue_28_changed_keep_their_source_and_the_day_they_were_checked(language: str) -> None:
    lines = lines_of(load(language))
    for line_id, (source, second_hand) in CHECKED_2026_12_07[language].items():
        line = lines[line_id]
        assert (line.source, line.second_hand, line.checked) == (source, second_hand, date(2026, 12, 7)), line_id
    if language == "fr":
        # The cost, as 143.ch's own FAQ gives it; the site for people who use violence, as its own page.
        assert "20 centimes" in lines["ch-143"].description
        assert lines["ch-violencequefaire"].audience == ("own-behaviour",)
        switzerland = next(region for region in load("fr").regions if region.id == "switzerland")
        assert "ch-violencequefaire" in switzerland.helplines
    else:
        # The WhatsApp number takes messages only; no sms: link, as WhatsApp is not SMS.
        assert "600 000 016" in lines["es-016"].description and "solo mensajes" in lines["es-016"].description


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_directorys_english_name_is_marked_as_english(language: str) -> None:
    help = load(language)
    assert help.directory.name == "Find A Helpline" and help.directory.name_lang == "en"


def test_a_file_for_another_language_is_refused_at_its_language_line() -> None:
    path = FIXTURES / "local_help" / "valid.yml"
    load_local_help(path, "valid.yml", language="es")
    with pytest.raises(ContentError) as caught:
        load_local_help(path, "content/fr/helplines.yml", language="fr")
    assert [str(p) for p in caught.value.problems] == [
        "content/fr/helplines.yml:2: language: must be 'fr', the language this file is read for (not 'es')"
    ]


def expected(path: Path) -> list[str]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return sorted(line.removeprefix("# expect: ") for line in lines if line.startswith("# expect: "))


@pytest.mark.parametrize("path", BAD, ids=[p.stem for p in BAD])
def test_a_broken_file_reports_exactly_its_expected_problems(path: Path) -> None:
    with pytest.raises(ContentError) as caught:
        load_local_help(path, path.name, language="es")
    assert sorted(str(p) for p in caught.value.problems) == expected(path)


def test_the_broken_fixtures_cover_the_slips_that_matter() -> None:
    messages = "\n".join(line for path in BAD for line in expected(path))
    for slip in ("unknown field", "must be a number as dialled", "no line has the id", "no emergency entry"):
        assert slip in messages, slip


def test_a_broken_file_is_reported_without_a_traceback(tmp_path: Path) -> None:
    """As a contributor sees it: a script that loads the file prints the problem, not Python's
    internals. (Syntax errors go through the same reader as every other content file.)"""
    broken = tmp_path / "helplines.yml"
    broken.write_text("language: es\nemergency: [\n", encoding="utf-8")
    script = (
        "import sys; from pathlib import Path; from guide.content.local_help import load_local_help\n"
        "from guide.content.problems import ContentError\n"
        "try: load_local_help(Path(sys.argv[1]), 'content/es/helplines.yml')\n"
        "except ContentError as e: sys.exit(str(e))\n"
    )
    run = subprocess.run(
        [sys.executable, "-c", script, str(broken)],
        capture_output=True,
        text=True,
        env={"PYTHONPATH": str(ROOT / "hooks")},
        timeout=60,
    )
    assert run.returncode == 1
    assert "Traceback" not in run.stderr
    assert re.search(r"^  content/es/helplines\.yml:\d+: YAML syntax error", run.stderr, re.MULTILINE), run.stderr
