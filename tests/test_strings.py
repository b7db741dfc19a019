"""The site's own words (content/strings.yml, hooks/guide/content/strings.py): a broken catalog, or a key
a template, an override or a script uses that the catalog lacks, is named as `file:line`, and
the build stops with that message and no traceback."""

from __future__ import annotations

import dataclasses
import re
import shutil
from pathlib import Path

import pytest
import yaml

from guide.content.loading import load_content
from guide.content.problems import ContentError
from guide.content.strings import (
    SCRIPT_PREFIXES,
    TEMPLATES,
    StringsCatalog,
    component_uses,
    config_uses,
    forms,
    template_uses,
    theme_uses,
    word,
)
from guide.rendering.markdown import site_pages
from support import ROOT, copy_project, run_mkdocs, site_content

CATALOG = ROOT / "content" / "strings.yml"
WORDS = site_content().strings


def content_with(tmp_path: Path, old: str, new: str) -> Path:
    """A copy of the content folder with `old` replaced once by `new` in strings.yml."""
    folder = tmp_path / "content"
    shutil.copytree(ROOT / "content", folder)
    text = CATALOG.read_text(encoding="utf-8")
    assert old in text, f"content/strings.yml no longer has {old!r}: update this test"
    (folder / "strings.yml").write_text(text.replace(old, new, 1), encoding="utf-8")
    return folder


def problems(folder: Path, *, theme: Path | None = None) -> list[str]:
    with pytest.raises(ContentError) as caught:
        load_content(folder, shown_as="content", theme=theme, theme_shown_as="overrides")
    return [str(problem) for problem in caught.value.problems]


def unsuggested(found: list[str]) -> list[str]:
    """Problems without their "did you mean" (a guess at the nearest key, tested on its own)."""
    return [problem.split(" (did you mean")[0] for problem in found]


def line_in(path: Path, text: str) -> int:
    """The line of `text` in `path`, counted here rather than by the code under test."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(n for n, line in enumerate(lines, 1) if text in line)


# --- the catalog itself ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("checklist.print: Print this checklist", "checklist.print: 3", "must be text, not a number; put it in quotes"),
        ('triage.yes: "Yes"', "triage.yes: Yes", "must be text: put yes, no, true and false in quotes"),
        ("phase.steps_heading: Steps", "phase.steps_heading:", "must not be empty"),
        ("phase.steps_heading: Steps", 'phase.steps_heading: " "', "must not be empty"),
        ("phase.steps_heading: Steps", "phase.steps_heading: <b>Steps</b>", "must not contain HTML"),
        (
            "phase.steps_heading: Steps",
            "phase.steps_heading: Steps { .big }",
            "has a '{' or '}' that is not a placeholder",
        ),
        ("phase.steps_heading: Steps", "phase.steps_heading: [Steps, Stages]", "must be text, not a list"),
        ("phase.steps_heading: Steps", "phase.steps_heading:\n  big: Steps", "must be text: write each key in full"),
        ("phase.steps_heading: Steps", "Phase.Steps: Steps", "a key is lower-case words joined by dots"),
    ],
)
def test_a_broken_catalog_entry_is_named_at_its_line(tmp_path: Path, old: str, new: str, message: str) -> None:
    folder = content_with(tmp_path, old, new)
    line = line_in(folder / "strings.yml", new.splitlines()[0].split(":")[0] + ":")
    found = problems(folder)
    assert any(p.startswith(f"content/strings.yml:{line}: ") and message in p for p in found), found


def test_a_counted_text_without_its_pair_is_named_at_the_one_there_is(tmp_path: Path) -> None:
    folder = content_with(tmp_path, "js.quick_exit.presses.other: ", "js.quick_exit.presses.others: ")
    line = line_in(folder / "strings.yml", "js.quick_exit.presses.one:")
    assert problems(folder) == [
        f"content/strings.yml:{line}: js.quick_exit.presses.one: 'js.quick_exit.presses.one' needs its pair "
        "'js.quick_exit.presses.other': one text for a count of 1, one for any other"
    ]


def test_a_catalog_that_is_not_a_mapping_says_what_it_should_be(tmp_path: Path) -> None:
    folder = tmp_path / "content"
    shutil.copytree(ROOT / "content", folder)
    (folder / "strings.yml").write_text("- Steps\n- Do\n", encoding="utf-8")
    assert problems(folder) == [
        "content/strings.yml:1: must be a mapping of keys to texts, like 'phase.steps_heading: Steps'"
    ]


def test_a_key_given_twice_is_named_at_its_second_line(tmp_path: Path) -> None:
    folder = content_with(tmp_path, "phase.dos_heading: Do\n", "phase.dos_heading: Do\nphase.dos_heading: Do it\n")
    line = line_in(folder / "strings.yml", "phase.dos_heading: Do it")
    assert problems(folder) == [f"content/strings.yml:{line}: 'phase.dos_heading' is given twice"]


def test_the_published_schema_accepts_the_catalog_and_refuses_a_number() -> None:
    data = yaml.safe_load(CATALOG.read_text(encoding="utf-8"))
    StringsCatalog.model_validate(data)
    with pytest.raises(ValueError):
        StringsCatalog.model_validate({**data, "checklist.print": 3})


# --- the catalog against its uses --------------------------------------------------------------


def test_a_template_key_missing_from_the_catalog_names_the_template_line_and_key(tmp_path: Path) -> None:
    folder = content_with(tmp_path, "phase.steps_heading: Steps\n", "")
    line = line_in(TEMPLATES / "phase_body.md.j2", "t('phase.steps_heading')")
    assert unsuggested(problems(folder)) == [
        f"hooks/guide/rendering/templates/phase_body.md.j2:{line}: t('phase.steps_heading'): "
        "'phase.steps_heading' is not in content/strings.yml"
    ]


def test_a_placeholder_the_template_does_not_fill_is_named(tmp_path: Path) -> None:
    folder = content_with(
        tmp_path, "phase.step_label: Phase {number} of {total}", "phase.step_label: Phase {number} of {all}"
    )
    line = line_in(TEMPLATES / "phase.md.j2", "t('phase.step_label'")
    assert problems(folder) == [
        f"hooks/guide/rendering/templates/phase.md.j2:{line}: t('phase.step_label'): "
        "'phase.step_label' in content/strings.yml has {all}, which this use does not fill in"
    ]


def test_a_near_miss_is_suggested(tmp_path: Path) -> None:
    folder = content_with(tmp_path, "phase.dos_heading: Do", "phase.do_heading: Do")
    [found] = problems(folder)
    assert found.endswith("'phase.dos_heading' is not in content/strings.yml (did you mean 'phase.do_heading'?)")


def test_keys_the_theme_and_scripts_use_are_checked_with_their_lines(tmp_path: Path) -> None:
    folder = content_with(tmp_path, "banner.hint: Press Shift three times to leave this site quickly.\n", "")
    text = (folder / "strings.yml").read_text(encoding="utf-8").replace("js.regions.rest: ", "js.regions.others: ")
    (folder / "strings.yml").write_text(text, encoding="utf-8")
    theme = ROOT / "overrides"
    main = line_in(theme / "main.html", 't["banner.hint"]')
    script = line_in(ROOT / "components" / "regions" / "regions.js", 'word("js.regions.rest")')
    assert unsuggested(problems(folder, theme=theme)) == [
        f"components/regions/regions.js:{script}: word(\"js.regions.rest\"): 'js.regions.rest' is not in "
        "content/strings.yml",
        f"overrides/main.html:{main}: t[\"banner.hint\"]: 'banner.hint' is not in content/strings.yml",
    ]


def test_a_script_may_only_use_the_words_the_page_gives_scripts(tmp_path: Path) -> None:
    theme = tmp_path / "overrides"
    (theme / "assets" / "js").mkdir(parents=True)
    (theme / "assets" / "js" / "x.js").write_text('sc.word("phase.steps_heading");\n', encoding="utf-8")
    assert problems(ROOT / "content", theme=theme) == [
        'overrides/assets/js/x.js:1: word("phase.steps_heading"): scripts only get the words whose keys start with '
        "'js.' or 'date.'"
    ]


def test_every_use_in_the_project_is_found_and_every_word_is_used() -> None:
    """The checks see the uses (a template, an override and a script each), and no word in the
    catalog is left over, unused by anything: a dead entry would be translated for nothing."""
    uses = [
        *template_uses(),
        *theme_uses(ROOT / "overrides", "overrides"),
        *component_uses(),
        *config_uses(ROOT / "mkdocs.yml", "mkdocs.yml"),
    ]
    files = {use.file for use in uses}
    assert {
        "hooks/guide/rendering/templates/phase_body.md.j2",
        "components/checklist/checklist.html.j2",
        "overrides/main.html",
        "components/checklist/checklist.js",
    } <= files
    assert "components/quick-exit/quick-exit.js" in files
    used: set[str] = set()
    for use in uses:
        used.update(
            [key for key in WORDS if key.startswith(use.key)]
            if use.prefix
            else forms(WORDS, use.key, counted=True) or []
        )
    assert set(WORDS) - used == set()


def test_the_scripts_words_are_all_under_the_prefixes_the_page_carries() -> None:
    for use in [*theme_uses(ROOT / "overrides", "overrides"), *component_uses()]:
        if use.script:
            assert use.key.startswith(SCRIPT_PREFIXES), use


def test_no_sentence_is_left_written_in_a_script() -> None:
    """No string in a script (comments and console messages aside) starts like a sentence, a
    capital and a second word ("Not yet.", `Numbers for ${...}`): words written there would
    stay English in every language. It found every sentence the scripts held before the catalog
    but one whose text had a quote inside it."""
    sentence = re.compile(r"""(["'`])[A-Z][a-z]*[,.:!?]? [a-z$][^"'`\n]*\1""")
    found = []
    for script in sorted((ROOT / "components").rglob("*.js")):
        code = re.sub(r"/\*.*?\*/|(?<![:\"'`])//[^\n]*", "", script.read_text(encoding="utf-8"), flags=re.S)
        code = re.sub(r"console\.\w+\([^;]*;", "", code)
        found += [f"{script.name}: {m.group(0)}" for m in sentence.finditer(code)]
    assert found == []


def test_a_computed_key_the_catalog_lacks_is_named_at_its_template_line_when_rendering() -> None:
    """`'audience.' ~ who` can only be checked for its start before rendering; a missing
    audience's words still stop with the template and line, not a traceback."""
    content = dataclasses.replace(site_content(), strings={k: v for k, v in WORDS.items() if k != "audience.anyone"})
    with pytest.raises(ContentError) as caught:
        site_pages(content)
    line = line_in(TEMPLATES / "helpline.md.j2", "t('audience.' ~ who)")
    assert [str(p) for p in caught.value.problems] == [
        f"hooks/guide/rendering/templates/helpline.md.j2:{line}: t('audience.anyone'): 'audience.anyone' is not in the site's words"
    ]


# --- lookups -----------------------------------------------------------------------------------


def test_a_counted_word_takes_the_form_for_its_count() -> None:
    assert word(WORDS, "checklist.items", count=1) == "1 item"
    assert word(WORDS, "checklist.items", count=0) == "0 items"
    assert word(WORDS, "phase.step_label", number=2, total=8) == "Phase 2 of 8"
    # A value the text does not name is ignored; a placeholder with no value stays as written.
    assert word({"a.b": "{x} and {y}"}, "a.b", x=1, z=3) == "1 and {y}"


# --- the build ---------------------------------------------------------------------------------


def test_the_build_stops_on_a_missing_template_key_with_the_template_and_key(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    catalog = project / "content" / "strings.yml"
    catalog.write_text(catalog.read_text(encoding="utf-8").replace("phase.dos_heading: Do\n", ""), encoding="utf-8")
    template = project / "components" / "checklist" / "checklist.html.j2"
    template.write_text(
        template.read_text(encoding="utf-8").replace("t('checklist.print')", "t('checklist.printt')"),
        encoding="utf-8",
    )
    result = run_mkdocs(project, "build", "--strict")
    log = result.stdout + result.stderr
    assert result.returncode != 0
    assert "Traceback" not in log
    dos = line_in(TEMPLATES / "phase_body.md.j2", "t('phase.dos_heading')")
    printing = line_in(template, "t('checklist.printt')")
    assert f"hooks/guide/rendering/templates/phase_body.md.j2:{dos}: t('phase.dos_heading'): " in log
    assert f"components/checklist/checklist.html.j2:{printing}: t('checklist.printt'): 'checklist.printt' is not" in log
    assert not (project / "site" / "index.html").exists()


def test_the_build_names_the_line_of_a_number_in_the_catalog(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    catalog = project / "content" / "strings.yml"
    catalog.write_text(
        catalog.read_text(encoding="utf-8").replace("checklist.print: Print this checklist", "checklist.print: 42"),
        encoding="utf-8",
    )
    result = run_mkdocs(project, "build", "--strict")
    log = result.stdout + result.stderr
    line = line_in(catalog, "checklist.print: 42")
    assert result.returncode != 0 and "Traceback" not in log
    assert f"content/strings.yml:{line}: checklist.print: must be text, not a number; put it in quotes" in log
