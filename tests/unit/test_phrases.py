"""A language's message-check phrases (content/xx/phrases.yml): checked against the English rules,
and swapped into the English guide (hooks/guide/message_check/phrases.py).

Each file in fixtures/phrases/bad/ states the exact messages it must produce in `# expect:`
lines at its top, checked against the small English guide in fixtures/phrases/guide.yml; the
line numbers there were counted by hand, not produced by the code.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from guide import ContentError, load_guide
from guide.message_check.phrases import load_phrases, rule_paths, with_phrases
from support import ROOT, site_content

FIXTURES = ROOT / "tests" / "fixtures" / "phrases"
BAD = sorted((FIXTURES / "bad").glob("*.yml"))
ENGLISH = load_guide(FIXTURES / "guide.yml", "guide.yml")
LANGUAGES = ("es", "fr")


def expected(path: Path) -> list[str]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return sorted(line.removeprefix("# expect: ") for line in lines if line.startswith("# expect: "))


@pytest.mark.parametrize("path", BAD, ids=[p.stem for p in BAD])
def test_a_bad_phrases_file_reports_exactly_its_expected_problems(path: Path) -> None:
    with pytest.raises(ContentError) as caught:
        load_phrases(path, ENGLISH, name=path.name, language="es")
    assert sorted(str(p) for p in caught.value.problems) == expected(path)


def test_every_bad_fixture_declares_what_it_expects() -> None:
    assert len(BAD) >= 4
    assert all(expected(path) for path in BAD)


def test_the_rules_that_look_for_words_are_the_ones_a_language_must_give() -> None:
    # The limit rule 'short' has no words, so it has no entry in a language's file.
    assert list(rule_paths(ENGLISH)) == [
        "message_danger.harm",
        "message_danger.pressure",
        "phases.first-step.message_rules.says-sorry",
    ]


def test_the_english_guide_with_a_language_s_words_keeps_everything_else() -> None:
    phrases = load_phrases(FIXTURES / "good.yml", ENGLISH, name="good.yml", language="es")
    swapped = with_phrases(ENGLISH, phrases)
    harm, pressure = swapped.message_danger
    assert harm.phrases == ("hacerme daño", "acabar con todo") and harm.together == ()
    assert pressure.phrases == ("contéstame",)
    assert pressure.together == (("dijiste ... (parar|espacio)",), ("pero", "por favor"))
    sorry = swapped.phases[0].message_rules[1]
    assert sorry.phrases == ("lo siento", "perdón")
    assert swapped.message_spellings == {"xq": "porque", "j'": "je"}
    # Ids, kinds, labels, sections and limits are the English ones; so is every other field.
    for english, other in zip(ENGLISH.message_danger, swapped.message_danger, strict=True):
        assert (other.id, other.kind, other.label, other.section) == (
            english.id,
            english.kind,
            english.label,
            english.section,
        )
    assert swapped.phases[0].message_rules[0] == ENGLISH.phases[0].message_rules[0]
    assert swapped.model_dump(exclude={"message_danger", "phases", "message_spellings"}) == ENGLISH.model_dump(
        exclude={"message_danger", "phases", "message_spellings"}
    )
    assert swapped.phases[1] == ENGLISH.phases[1]
    assert ENGLISH.message_danger[0].phrases == ("hurt myself", "end it all")  # the English is untouched


@pytest.mark.parametrize("language", LANGUAGES)
def test_each_language_gives_every_english_rule_its_words(language: str) -> None:
    english = site_content().guide
    name = f"content/{language}/phrases.yml"
    phrases = load_phrases(ROOT / name, english, name=name, language=language)
    assert set(phrases.rules) == set(rule_paths(english))
    swapped = with_phrases(english, phrases)
    for path, rule in rule_paths(swapped).items():
        words = phrases.rules[path]
        assert (rule.phrases, rule.together) == (words.phrases, words.together), path
        english_rule = rule_paths(english)[path]
        assert bool(rule.phrases) == bool(english_rule.phrases) and bool(rule.together) == bool(english_rule.together)
        assert (rule.phrases, rule.together) != (english_rule.phrases, english_rule.together), path  # swapped


def test_a_broken_phrases_file_is_reported_without_a_traceback(tmp_path: Path) -> None:
    # As a build would meet it: the loader run on its own, the message on stderr, no traceback.
    broken = tmp_path / "phrases.yml"
    broken.write_text("language: es\nrules:\n  message_danger.renamed:\n    phrases: [hola]\n", encoding="utf-8")
    script = (
        "import sys; from pathlib import Path; sys.path.insert(0, 'hooks'); from guide import ContentError, load_guide\n"
        "from guide.message_check.phrases import load_phrases\n"
        "guide = load_guide(Path('tests/fixtures/phrases/guide.yml'), 'guide.yml')\n"
        "try:\n    load_phrases(Path(sys.argv[1]), guide, name='content/es/phrases.yml')\n"
        "except ContentError as error:\n    sys.exit(str(error))\n"
    )
    result = subprocess.run([sys.executable, "-c", script, str(broken)], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "content/es/phrases.yml:3: message_danger.renamed: the English has no such rule with phrases (renamed?)" in (
        result.stderr
    )
