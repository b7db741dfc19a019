"""No page carries a script, an outside resource, an unsafe link or an event handler.

The rules (guide/policy/markup.py) on small pieces of HTML, then real `mkdocs build --strict` runs
on a copy of the project with one hand-written page or content file broken as issue 11 did.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from guide.policy.markup import EXTENSION_CONFIGS, SITE_EXTENSIONS, content_findings, html_findings, is_in_site
from support import ALIAS_BOMB, ROOT, copy_project, run_mkdocs


def messages(html: str) -> list[str]:
    return [finding.message for finding in html_findings(html)]


LINK_RULE = "is not allowed: links may use http:, https:, mailto:, sms:, tel: or a path in this site"
NOT_OURS = "is not from this site: use a file in this site instead"


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        ('<a href="javascript:alert(1)">x</a>', [f"link to 'javascript:alert(1)' {LINK_RULE}"]),
        (
            '<a href="JaVa&#115;cript:alert(1)">x</a>',
            [f"link to 'JaVascript:alert(1)' {LINK_RULE}"],
        ),  # entities are decoded before the browser looks
        (
            '<a href="java\tscript:alert(1)">x</a>',
            [f"link to 'java\tscript:alert(1)' {LINK_RULE}"],
        ),  # and tabs and newlines dropped
        (
            '<a href="&#x10;&#x1e; javascript:alert(1)">x</a>',
            [f"link to ' javascript:alert(1)' {LINK_RULE}"],
        ),  # and controls and spaces at either end
        ('<a href=" data:text/html,hi">x</a>', [f"link to ' data:text/html,hi' {LINK_RULE}"]),
        ('<a href="vbscript:x">x</a>', [f"link to 'vbscript:x' {LINK_RULE}"]),
        (
            '<a href="//evil.example/">x</a>',
            ["link to '//evil.example/' has no scheme: write the full https:// address"],
        ),
        ('<img src="https://example.com/x.png">', [f"image 'https://example.com/x.png' {NOT_OURS}"]),
        ('<img src="//example.com/x.png">', [f"image '//example.com/x.png' {NOT_OURS}"]),
        ('<img src="/\\example.com/x.png">', [f"image '/\\example.com/x.png' {NOT_OURS}"]),
        ('<img src="data:image/png;base64,AAAA">', [f"image 'data:image/png;base64,AAAA' {NOT_OURS}"]),
        (
            '<img src="a.png" srcset="a.png 1x, https://example.com/b.png 2x">',
            [f"image 'https://example.com/b.png' {NOT_OURS}"],
        ),
        (
            '<svg><image href="https://example.com/x.svg"/></svg>',
            [f"<image> href 'https://example.com/x.svg' {NOT_OURS}"],
        ),
        (
            '<video poster="https://example.com/p.png"></video>',
            [f"<video> poster 'https://example.com/p.png' {NOT_OURS}"],
        ),
        ('<p onclick="alert(1)">x</p>', ["an event-handler attribute (onclick) is not allowed"]),
        ('<p ONMOUSEOVER="alert(1)">x</p>', ["an event-handler attribute (onmouseover) is not allowed"]),
        ('<p style="color:red">x</p>', ["a style attribute is not allowed; use a class and site.css"]),
        (
            "<script>alert(1)</script>",
            ["a <script> element: scripts come only from components/, never from a page"],
        ),
        (
            '<script src="https://example.com/x.js"></script>',
            [
                "a <script> element: scripts come only from components/, never from a page",
                f"<script> src 'https://example.com/x.js' {NOT_OURS}",
            ],
        ),
        ("<style>p{}</style>", ["a <style> element: styles belong in overrides/assets/css/site.css"]),
        (
            '<iframe src="https://example.com/"></iframe>',
            ["a <iframe> element is not allowed in a page", f"<iframe> src 'https://example.com/' {NOT_OURS}"],
        ),
        ('<form action="https://example.com/"></form>', ["a <form> element is not allowed in a page"]),
        ('<button formaction="javascript:alert(1)">x</button>', [f"link to 'javascript:alert(1)' {LINK_RULE}"]),
    ],
)
def test_each_unsafe_thing_is_found_with_its_own_message(html: str, expected: list[str]) -> None:
    assert messages(html) == expected


@pytest.mark.parametrize(
    "html",
    [
        '<a href="https://example.org/a(b)">x</a>',
        '<a href="http://example.org/">x</a>',
        '<a href="mailto:a@example.org">x</a> <a href="tel:999">x</a> <a href="sms:88788">x</a>',
        '<a href="../safety/#helplines">x</a> <a href="#top">x</a> <a href="/about/">x</a>',
        '<img src="../assets/x.png" alt="x"> <img src="x.png" srcset="x.png 1x, x2.png 2x">',
        '<a class="sc-quick-exit" href="https://example.org/" rel="nofollow" data-sc-quick-exit>x</a>',
        '<h2 id="a">A<a class="headerlink" href="#a" title="Permanent link">&para;</a></h2>',
        '<input type="checkbox" id="sc-a" data-sc-checklist-item="a"><button type="button" data-sc-checklist-file-action="print">P</button>',
    ],
)
def test_what_the_site_itself_writes_is_allowed(html: str) -> None:
    assert messages(html) == []


def test_in_site_means_no_scheme_and_no_other_host() -> None:
    assert is_in_site("x.png") and is_in_site("../x.png") and is_in_site("/x.png")
    assert not is_in_site("//x.example/a.png") and not is_in_site("\\\\x.example/a.png")
    assert not is_in_site("https://x.example/") and not is_in_site(" data:,x")


@pytest.mark.parametrize(
    ("text", "refused"),
    [("a { x }", True), ("{: .x }", True), ("a \\{ x", False), ("a \\\\{ x", True), ("a \\\\\\{ x", False)],
)
def test_an_attribute_list_is_any_brace_markdown_does_not_escape(text: str, refused: bool) -> None:
    from guide.content.validation import ATTR_LIST

    assert bool(ATTR_LIST.search(text)) is refused


def test_content_may_use_guide_links_but_not_reference_definitions() -> None:
    assert content_findings("See [the safety page](guide:safety).") == []
    assert [f.message for f in content_findings("[a][r]\n\n[r]: https://example.org/")] == [
        "reference links ([name]: address) are not allowed; write [text](address) in place"
    ]


def test_markdown_extensions_are_the_site_s() -> None:
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_Loader)
    names = [next(iter(entry)) if isinstance(entry, dict) else entry for entry in config["markdown_extensions"]]
    assert tuple(names) == SITE_EXTENSIONS
    toc = dict(next(e for e in config["markdown_extensions"] if isinstance(e, dict) and "toc" in e)["toc"])
    toc.pop("permalink_title")  # the ¶'s title, in the page's language: no bearing on what content may say
    assert {"toc": toc} == EXTENSION_CONFIGS


class _Loader(yaml.SafeLoader):
    """mkdocs.yml uses `!ENV`: read it as plain data."""


_Loader.add_constructor("!ENV", lambda loader, node: None)


# --- full builds of a broken copy -------------------------------------------------------------


def _append(path: Path, text: str) -> None:
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


def _line_count(path: Path) -> int:
    return len(path.read_text(encoding="utf-8").splitlines())


@pytest.mark.parametrize(
    ("addition", "message"),
    [
        ("<script>alert(1)</script>\n", "a <script> element: scripts come only from components/"),
        ('<img src="https://example.com/x.png" alt="x">\n', "image 'https://example.com/x.png' is not from this site"),
        ("![x](//example.com/x.png)\n", "image '//example.com/x.png' is not from this site"),
        ("[go](javascript:alert(1))\n", "link to 'javascript:alert(1)' is not allowed"),
        ('Click here.\n{: onclick="alert(1)" }\n', "an event-handler attribute (onclick) is not allowed"),
    ],
)
def test_a_hand_written_page_with_unsafe_markup_fails_the_build_at_its_line(
    tmp_path: Path, addition: str, message: str
) -> None:
    project = copy_project(tmp_path)
    about = project / "docs" / "about.md"
    _append(about, "\nA sample: `<script>alert(1)</script>` is text, not a script.\n\n" + addition)
    result = run_mkdocs(project, "build", "--strict")
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert f"docs/about.md:{_line_count(about)}: {message}" in output
    assert "problem in the site's pages" in output and "Traceback" not in output
    assert not (project / "site" / "about" / "index.html").exists()  # stopped before writing pages


def test_code_samples_that_show_markup_are_not_mistaken_for_it(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    _append(project / "docs" / "about.md", '\nWrite `<script>` or `<img src="https://example.com/x.png">` as code.\n')
    result = run_mkdocs(project, "build", "--strict")
    assert result.returncode == 0, result.stdout + result.stderr


def test_an_html_file_in_docs_with_an_inline_script_fails_the_build(tmp_path: Path) -> None:
    """Copied as it is, so no Markdown check sees it: the CSP step refuses to allow its script."""
    project = copy_project(tmp_path)
    (project / "docs" / "stray.html").write_text(
        '<!doctype html><html><head><meta charset="utf-8"><title>x</title></head><body><script>alert(1)</script></body></html>',
        encoding="utf-8",
    )
    result = run_mkdocs(project, "build", "--strict")
    output = result.stdout + result.stderr
    assert result.returncode == 1 and "inline scripts that no theme template wrote, in: stray.html" in output
    assert "Traceback" not in output


@pytest.mark.parametrize(
    ("edit", "expected"),
    [
        (("id: understand", "id: safety"), "phase id 'safety' is reserved"),
        (("checked: 2026-", "checked: 2026-13-45 #"), "must be a real date written YYYY-MM-DD"),
    ],
)
def test_reserved_ids_and_impossible_dates_fail_the_real_build_cleanly(
    tmp_path: Path, edit: tuple[str, str], expected: str
) -> None:
    project = copy_project(tmp_path)
    for name in ("guide.yml", "safety.yml"):
        path = project / "content" / name
        path.write_text(path.read_text(encoding="utf-8").replace(*edit, 1), encoding="utf-8")
    result = run_mkdocs(project, "build", "--strict")
    output = result.stdout + result.stderr
    assert result.returncode == 1 and expected in output and "Traceback" not in output


def test_an_alias_bomb_in_content_fails_the_build_in_seconds(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    (project / "content" / "guide.yml").write_text(ALIAS_BOMB, encoding="utf-8")
    result = run_mkdocs(project, "build", "--strict", timeout=30)
    output = result.stdout + result.stderr
    assert result.returncode == 1 and "content/guide.yml:1: a: YAML anchor '&a' is not allowed" in output
    assert "Traceback" not in output and "unknown page" not in output


def test_a_dirty_rebuild_keeps_the_template_scripts_of_pages_it_did_not_render(tmp_path: Path) -> None:
    """`--dirty` renders only changed pages; the others keep the hashes their policy allowed."""
    from guide.policy.csp import inline_script_hashes, policy_script_hashes

    project = copy_project(tmp_path)
    assert run_mkdocs(project, "build").returncode == 0
    _append(project / "docs" / "about.md", "\nOne more line.\n")
    result = run_mkdocs(project, "build", "--dirty")
    assert result.returncode == 0, result.stdout + result.stderr
    for page in ("index.html", "about/index.html", "phases/understand/index.html"):
        html = (project / "site" / page).read_text(encoding="utf-8")
        assert html.count("Content-Security-Policy") == 1
        assert inline_script_hashes(html) <= policy_script_hashes(html), page
