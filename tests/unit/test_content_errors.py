"""Broken content gets every problem reported at once, as `file:line: where: what`.

Each file in fixtures/content/bad/ states the exact messages it must produce in `# expect:`
lines at its top; the line numbers there were counted by hand, not produced by the code.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from guide import ContentError, load_guide
from guide.content.loading import load_content
from support import ALIAS_BOMB, ROOT, site_content

BAD = sorted((ROOT / "tests" / "fixtures" / "content" / "bad").glob("*.yml"))


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
    for name, text in (("guide.yml", guide), ("safety.yml", safety), ("strings.yml", None)):
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


def test_a_checklist_item_indented_one_space_short_is_named_at_its_own_line(tmp_path: Path) -> None:
    """Issue 18's slip on the real guide (the last item of a phase): the message names the
    item's `- id:` line, not the first line of its phase far above, and gives the phase's line
    as context."""
    shutil.copytree(ROOT / "content", tmp_path / "content")
    model = tmp_path / "content" / "guide.yml"
    lines = model.read_text(encoding="utf-8").splitlines(keepends=True)
    phase = site_content().guide.phases[-1]
    phase_line = next(n for n, line in enumerate(lines, 1) if line == f"  - id: {phase.id}\n")
    item_line = next(n for n, line in enumerate(lines, 1) if line == f"      - id: {phase.checklist[-1].id}\n")
    lines[item_line - 1] = lines[item_line - 1][1:]
    model.write_text("".join(lines), encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        load_content(tmp_path / "content", shown_as="content")
    assert [str(p) for p in caught.value.problems] == [
        f"content/guide.yml:{item_line}: YAML syntax error: did not find expected key, "
        f"while parsing a block mapping that starts at line {phase_line}"
    ]


def test_the_stop_rule_must_point_at_a_safety_section_that_exists(tmp_path: Path, fixtures: Path) -> None:
    guide = (fixtures / "valid" / "guide.yml").read_text(encoding="utf-8")
    guide = guide.replace("  section: said-stop", "  section: said-stpo")
    with pytest.raises(ContentError) as caught:
        load_content(_content_folder(tmp_path, fixtures, guide=guide))
    line = guide.splitlines().index("  section: said-stpo") + 1
    assert [str(p) for p in caught.value.problems] == [
        f"content/guide.yml:{line}: stop > section: "
        "no safety page section has the id 'said-stpo' (did you mean 'said-stop'?)"
    ]


def test_a_check_in_in_its_own_words_is_refused(tmp_path: Path, fixtures: Path) -> None:
    """A check-in that names its own subset of the stop signs would say the others do not count
    on that page: the model takes only `check_in: true`, which shows the whole list."""
    guide = (fixtures / "valid" / "guide.yml").read_text(encoding="utf-8")
    guide = guide.replace(
        "    check_in: true\n", "    check_in:\n      question: Have they blocked you?\n      section: said-stop\n"
    )
    with pytest.raises(ContentError) as caught:
        load_content(_content_folder(tmp_path, fixtures, guide=guide))
    line = guide.splitlines().index("    check_in:") + 1
    assert [str(p) for p in caught.value.problems] == [
        f"content/guide.yml:{line}: phase 'second-step' > check_in: must be true or false: the check-in asks "
        "`stop.check_in` over every sign in `stop.signals`, so it takes no question or list of its own"
    ]


def test_the_site_content_must_have_the_stop_rule(tmp_path: Path, fixtures: Path) -> None:
    guide = (fixtures / "valid" / "guide.yml").read_text(encoding="utf-8")
    guide = guide[: guide.index("\nstop:")] + "\n"
    with pytest.raises(ContentError) as caught:
        load_content(_content_folder(tmp_path, fixtures, guide=guide))
    assert [str(p) for p in caught.value.problems] == [
        "content/guide.yml:1: missing 'stop': the one rule for when contact is over"
    ]


# --- rows of issue 11: each ends in a clean error naming file, line and field ------------------


def _problems(tmp_path: Path, fixtures: Path, *, guide: str | None = None, safety: str | None = None) -> list[str]:
    with pytest.raises(ContentError) as caught:
        load_content(_content_folder(tmp_path, fixtures, guide=guide, safety=safety), shown_as="content")
    return [str(p) for p in caught.value.problems]


def _valid(fixtures: Path, name: str) -> str:
    return (fixtures / "valid" / name).read_text(encoding="utf-8")


@pytest.mark.parametrize("reserved", ["safety", "triage", "about", "checklists", "whole-guide", "index", "home"])
def test_a_phase_cannot_take_the_id_of_a_fixed_page(tmp_path: Path, fixtures: Path, reserved: str) -> None:
    guide = _valid(fixtures, "guide.yml").replace("id: second-step", f"id: {reserved}")
    guide = guide.replace("guide:second-step", f"guide:{reserved}")
    problems = _problems(tmp_path, fixtures, guide=guide)
    assert problems == [
        f"content/guide.yml:37: phase '{reserved}' > id: phase id '{reserved}' is reserved for "
        + ("the home page" if reserved == "index" else f"the page guide:{reserved} links to")
        + "; choose another id"
    ]


def test_every_fixed_page_name_is_reserved() -> None:
    from guide.rendering.routes import FIXED_PAGES, RESERVED_IDS, targets

    assert set(FIXED_PAGES) <= RESERVED_IDS and "index" in RESERVED_IDS
    # Even unvalidated content could not take a fixed page's link over.
    assert targets(["safety"])["safety"] == "safety.md"


@pytest.mark.parametrize(
    ("checked", "message"),
    [
        (
            "2026-13-45",
            "must be a real date written YYYY-MM-DD, like '2026-11-25' (month value is outside expected range of 1-12)",
        ),
        (
            "2026-02-30",
            "must be a real date written YYYY-MM-DD, like '2026-11-25' (day value is outside expected range)",
        ),
        ("20261125", "must be a date written YYYY-MM-DD, like '2026-11-25'"),
        ("1700006400", "must be a date written YYYY-MM-DD, like '2026-11-25'"),
        ("next week", "must be a real date written YYYY-MM-DD, like '2026-11-25' (input is too short)"),
    ],
)
def test_an_impossible_date_is_a_content_error_not_a_traceback(
    tmp_path: Path, fixtures: Path, checked: str, message: str
) -> None:
    safety = _valid(fixtures, "safety.yml").replace("checked: 2026-11-25", f"checked: {checked}", 1)
    line = _line_with(safety, f"checked: {checked}")
    assert _problems(tmp_path, fixtures, safety=safety) == [
        f"content/safety.yml:{line}: safety > crisis > helplines[0] > checked: {message}"
    ]


def _line_with(text: str, needle: str) -> int:
    """The 1-based number of the first line of `text` that holds `needle`."""
    return next(n for n, line in enumerate(text.splitlines(), 1) if needle in line)


def test_invalid_utf8_is_reported_at_its_own_line(tmp_path: Path) -> None:
    (tmp_path / "guide.yml").write_bytes(b"title: Fixture\nphases:\n  - id: only\n    title: Only\n    why: caf\xe9\n")
    with pytest.raises(ContentError) as caught:
        load_guide(tmp_path / "guide.yml", "guide.yml")
    assert [str(p) for p in caught.value.problems] == [
        "guide.yml:5: not valid UTF-8 (byte 0xe9); save the file with UTF-8 encoding"
    ]


@pytest.mark.parametrize("empty", ["", "# nothing yet\n", "phases: []\ntitle: Empty\n"])
def test_an_empty_guide_reports_only_itself_not_every_phase_link(tmp_path: Path, fixtures: Path, empty: str) -> None:
    problems = _problems(tmp_path, fixtures, guide=empty)
    # What the file itself lacks, at its top (for `phases: []` that is the phases and the stop
    # rule, both required), and nothing about what other files link to.
    assert 1 <= len(problems) <= 2 and all(p.startswith("content/guide.yml:1: ") for p in problems), problems
    assert not any("unknown page" in p for p in problems)


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("web: https://example.org/two/", "https://www.thehotline.org/)![t](https://example.com/track.png"),
        ("source: https://example.org/line-one", "https://a.example/)[click](javascript:alert(1)"),
        ("url: https://example.org/weather", "https://example.org/w x"),
        ("url: https://example.org/weather", "'https://example.org/\"onmouseover=\"alert(1)'"),
    ],
)
def test_an_address_that_could_break_out_of_its_link_is_refused(
    tmp_path: Path, fixtures: Path, field: str, value: str
) -> None:
    name = field.split(":")[0]
    safety = _valid(fixtures, "safety.yml").replace(field, f"{name}: {value}")
    line = _line_with(safety, f"{name}: {value}")
    [problem] = _problems(tmp_path, fixtures, safety=safety)
    assert problem.startswith(f"content/safety.yml:{line}: ")
    assert problem.endswith(
        f"> {name}: must be an address with no spaces, quotes, brackets, parentheses or other characters that could end a link: write them encoded (%20, %22, %28, %29...)"
    )


def test_addresses_are_percent_encoded_where_they_enter_a_link() -> None:
    from guide.rendering.markdown import href

    assert href("https://example.org/a_b-c~d?x=1&y=%20#top") == "https://example.org/a_b-c~d?x=1&y=%20#top"
    assert (
        href("https://a.example/)[click](javascript:alert(1)")
        == "https://a.example/%29%5Bclick%5D%28javascript:alert%281%29"
    )
    assert href('https://a.example/"> <x') == "https://a.example/%22%3E%20%3Cx"


def test_an_alias_bomb_is_refused_in_seconds_and_megabytes(tmp_path: Path) -> None:
    """9 levels of 9: a billion strings if expanded. Measured in a child process, so its peak
    memory is its own and a runaway cannot take the test run with it."""
    (tmp_path / "guide.yml").write_text(ALIAS_BOMB, encoding="utf-8")
    script = (
        "import resource, sys, time\n"
        "from pathlib import Path\n"
        "from guide import ContentError, load_guide\n"
        "start = time.monotonic()\n"
        "try:\n"
        f"    load_guide(Path({str(tmp_path / 'guide.yml')!r}), 'guide.yml')\n"
        "except ContentError as error:\n"
        "    print(error.problems[0])\n"
        "print(time.monotonic() - start, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        env={**os.environ, "PYTHONPATH": str(ROOT / "hooks")},
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert result.returncode == 0, result.stderr
    first, numbers = result.stdout.splitlines()
    seconds, kib = numbers.split()
    assert first == "guide.yml:1: a: YAML anchor '&a' is not allowed; write the value out in full each time"
    assert float(seconds) < 5 and int(kib) < 500 * 1024


def test_two_paragraph_list_items_stay_one_item_and_their_neighbours_stay_items() -> None:
    import markdown

    from guide.policy.markup import EXTENSION_CONFIGS, SITE_EXTENSIONS
    from guide.rendering.markdown import environment

    template = environment().from_string("{% for text in items %}\n- {{ text | bullet }}\n{% endfor %}\n\nAfter.\n")
    text = template.render(items=["One.", "Two, first paragraph.\n\nTwo, second paragraph.\n", "Three.", "Four."])
    html = markdown.markdown(text, extensions=list(SITE_EXTENSIONS), extension_configs=EXTENSION_CONFIGS)
    items = re.findall(r"<li>(.*?)</li>", html, re.S)
    assert len(items) == 4, html
    assert re.findall(r"<p>(.*?)</p>", items[1]) == ["Two, first paragraph.", "Two, second paragraph."]
    assert "Three." in items[2] and items[3] == "Four." and "<p>After.</p>" in html


def _real_content(tmp_path: Path, **changes: tuple[str, str]) -> Path:
    """The site's own content, with `old -> new` replaced once in the file named by each key."""
    for name in ("guide", "safety", "strings"):
        text = (ROOT / "content" / f"{name}.yml").read_text(encoding="utf-8")
        if name in changes:
            old, new = changes[name]
            assert old in text
            text = text.replace(old, new, 1)
        (tmp_path / f"{name}.yml").write_text(text, encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        (
            "        kind: limit\n        limits:\n          words: 40",
            "        kind: avoid\n        limits:\n          words: 40",
            "a rule of kind 'avoid' needs 'phrases'",
        ),
        (
            "        kind: limit\n        limits:\n          words: 40\n          lines: 3",
            "        kind: limit",
            "a rule of kind 'limit' needs 'limits' and no 'phrases'",
        ),
        ("    section: crisis\n", "    section: crisis-lines\n", "no safety page section has the id 'crisis-lines'"),
        ("  - id: threat\n", "  - id: self-harm\n", "rule id 'self-harm' is already used at line"),
        ("      - id: light\n", "      - id: short\n", "rule id 'short' is already used at line"),
        ("phrases: [lonely,", "phrases: [Lonely,", "message_rules[1] > phrases[0]"),
        ("      longest: 7", "      longest: 4", "'longest' must be at least 'shortest'"),
        ("      - unblock*\n", "      - Unblock*\n", "must be lower case: capitals in the draft don't matter"),
        ("      - or else\n", "      - (or|) else\n", "empty alternative before ')' at character 5"),
        ("      - nudes\n", "      - (nudes)?\n", "every part of it is optional, so it would match any message"),
        ("      - overdos*\n", "      - over-dos*\n", "'-' at character 5 is not allowed"),
        ("      - hide from me\n", "      - hide ... ...\n", "'...' needs a word or group on each side"),
        (
            "        kind: avoid\n        phrases: [lonely,",
            "        kind: avoid\n        together: [[a], [b]]\n        phrases: [lonely,",
            "only a rule of kind 'danger' has 'together'",
        ),
    ],
)
def test_message_rules_and_space_days_are_checked(tmp_path: Path, old: str, new: str, message: str) -> None:
    with pytest.raises(ContentError) as caught:
        load_content(_real_content(tmp_path, guide=(old, new)))
    assert any(message in str(problem) for problem in caught.value.problems), caught.value.problems
    assert all(str(problem).startswith("content/guide.yml:") for problem in caught.value.problems)


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        (
            '      emergency: "999"\n',
            '      emergency: "998"\n',
            "no emergency entry has the number '998' (use one of: 911, 999, 000, 112)",
        ),
        (
            "helplines: [us-988, us-hotline,",
            "helplines: [us-989, us-hotline,",
            "no line has the id 'us-989' (did you mean 'us-988'?)",
        ),
    ],
)
def test_regions_name_numbers_and_lines_the_safety_page_has(tmp_path: Path, old: str, new: str, message: str) -> None:
    with pytest.raises(ContentError) as caught:
        load_content(_real_content(tmp_path, safety=(old, new)))
    assert [p.message for p in caught.value.problems] == [message]


def test_a_bad_message_pattern_names_its_file_line_rule_and_place(tmp_path: Path) -> None:
    text = (ROOT / "content" / "guide.yml").read_text(encoding="utf-8")
    lines = text.splitlines()
    line = lines.index("      - suicid*") + 1
    rule_start = lines.index("  - id: self-harm")
    index = [row for row in lines[rule_start:line] if row.startswith("      - ")].index("      - suicid*")
    with pytest.raises(ContentError) as caught:
        load_content(_real_content(tmp_path, guide=("      - suicid*\n", "      - suicid*)\n")))
    assert [str(problem) for problem in caught.value.problems] == [
        f"content/guide.yml:{line}: message_danger 'self-harm' > phrases[{index}]: "
        "')' at character 8 has no '(' before it"
    ]
