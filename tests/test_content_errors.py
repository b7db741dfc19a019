"""Broken content gets every problem reported at once, as `file:line: where: what`.

Each file in fixtures/content/bad/ states the exact messages it must produce in `# expect:`
lines at its top; the line numbers there were counted by hand, not produced by the code.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from guide import ContentError, load_guide
from guide.content import load_content

BAD = sorted((Path(__file__).parent / "fixtures" / "content" / "bad").glob("*.yml"))


def expected(path: Path) -> list[str]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return sorted(line.removeprefix("# expect: ") for line in lines if line.startswith("# expect: "))


@pytest.mark.parametrize("path", BAD, ids=[p.stem for p in BAD])
def test_bad_fixture_reports_exactly_its_expected_problems(path: Path) -> None:
    with pytest.raises(ContentError) as caught:
        load_guide(path, path.name)
    assert sorted(str(p) for p in caught.value.problems) == expected(path)


def test_every_bad_fixture_declares_what_it_expects() -> None:
    assert len(BAD) >= 10
    assert all(expected(path) for path in BAD)


def test_all_problems_come_together_in_one_message(fixtures: Path) -> None:
    with pytest.raises(ContentError) as caught:
        load_guide(fixtures / "content" / "many-problems.yml", "content/guide.yml")
    message = str(caught.value)
    assert message.startswith("13 problems in the guide's content:")
    # One line each, in file order, every one naming the file and a line.
    body = message.splitlines()[1:]
    assert len(body) == 13
    numbers = [int(line.split(":")[1]) for line in body]
    assert numbers == sorted(numbers)
    assert all(line.startswith("  content/guide.yml:") for line in body)


def test_missing_file_is_a_content_error_not_a_traceback(tmp_path: Path) -> None:
    with pytest.raises(ContentError, match=r"^1 problem .*\n  nowhere.yml:1: cannot read file"):
        load_guide(tmp_path / "nowhere.yml", "nowhere.yml")


def test_empty_file_reports_what_is_missing(tmp_path: Path) -> None:
    (tmp_path / "empty.yml").write_text("# nothing yet\n", encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        load_guide(tmp_path / "empty.yml", "empty.yml")
    assert [str(p) for p in caught.value.problems] == ["empty.yml:1: must be a mapping of fields"]


def _content_folder(tmp_path: Path, fixtures: Path, *, guide: str | None = None, safety: str | None = None) -> Path:
    for name, text in (("guide.yml", guide), ("safety.yml", safety)):
        original = (fixtures / "valid" / name).read_text(encoding="utf-8")
        (tmp_path / name).write_text(text if text is not None else original, encoding="utf-8")
    return tmp_path


def test_a_bad_phone_or_address_is_described_in_words_not_as_an_id(tmp_path: Path, fixtures: Path) -> None:
    safety = (fixtures / "valid" / "safety.yml").read_text(encoding="utf-8")
    safety = safety.replace("phone: 0808 2000 247", "phone: call 0808 2000 247").replace(
        "web: https://example.org/two/", "web: example.org/two/"
    )
    with pytest.raises(ContentError) as caught:
        load_content(_content_folder(tmp_path, fixtures, safety=safety))
    messages = [p.message for p in caught.value.problems]
    assert messages == [
        "must be a number as dialled: digits, capital letters, spaces and hyphens, like '0808 2000 247'",
        "must be a full https:// address, like 'https://example.org/help'",
    ]


def test_a_guide_with_a_syntax_error_does_not_make_every_phase_link_look_broken(tmp_path: Path, fixtures: Path) -> None:
    broken = (fixtures / "content" / "bad" / "syntax.yml").read_text(encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        load_content(_content_folder(tmp_path, fixtures, guide=broken), shown_as="content")
    assert [str(p).split(": ", 1)[0] for p in caught.value.problems] == ["content/guide.yml:5"]


def test_a_check_in_must_point_at_a_safety_section_that_exists(tmp_path: Path, fixtures: Path) -> None:
    guide = (fixtures / "valid" / "guide.yml").read_text(encoding="utf-8")
    guide = guide.replace("      section: said-stop", "      section: said-stpo")
    with pytest.raises(ContentError) as caught:
        load_content(_content_folder(tmp_path, fixtures, guide=guide))
    assert [str(p) for p in caught.value.problems] == [
        "content/guide.yml:42: phase 'second-step' > check_in > section: "
        "no safety page section has the id 'said-stpo' (did you mean 'said-stop'?)"
    ]


def test_the_site_content_must_have_the_stop_rule(tmp_path: Path, fixtures: Path) -> None:
    guide = (fixtures / "valid" / "guide.yml").read_text(encoding="utf-8")
    guide = guide[: guide.index("\nstop:")] + "\n"
    with pytest.raises(ContentError) as caught:
        load_content(_content_folder(tmp_path, fixtures, guide=guide))
    assert [str(p) for p in caught.value.problems] == [
        "content/guide.yml:1: missing 'stop': the one rule for when contact is over"
    ]
