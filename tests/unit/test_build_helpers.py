"""What the thin hooks hand to `guide`, tested without a build: the script bundles, the
stylesheet bundle, what the component folders serve, the minifier, the quiet permalinks, link lines, French search words, and the page a broken
`make serve` shows."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from guide.assets.bundle import (
    BUNDLE,
    FIRST,
    FIRST_BUNDLE,
    STYLE_BUNDLE,
    ScriptError,
    bundled_entries,
    bundled_styles,
    bundles,
    is_closed,
    join_scripts,
    style_bundle,
)
from guide.assets.minify import minified, minify_site
from guide.components import ComponentError, served, templates
from guide.content.lines import LinkFinder
from guide.rendering.permalinks import quiet_permalinks
from guide.rendering.problem_page import MARKER, error_page, site_look

EXIT, ENTRY = FIRST
DRAWER = "assets/js/drawer.js"


def test_our_scripts_leave_the_list_for_two_bundles_the_exit_first_and_others_stay() -> None:
    ours, loaded = bundled_entries([EXIT, ENTRY, "https://example.org/x.js", DRAWER])
    assert ours == [EXIT, ENTRY, DRAWER]
    assert loaded == [FIRST_BUNDLE, "https://example.org/x.js", BUNDLE]


def test_the_exit_bundle_holds_only_the_exit_and_each_script_runs_in_its_own_block() -> None:
    texts = {EXIT: "var a = 1;", ENTRY: "var b = 2;", DRAWER: "throw new Error('x');"}
    joined = bundles([EXIT, ENTRY, DRAWER], texts)
    assert joined[FIRST_BUNDLE] == join_scripts([(EXIT, texts[EXIT]), (ENTRY, texts[ENTRY])])
    assert "drawer" not in joined[FIRST_BUNDLE] and joined[BUNDLE].count("try {") == 1
    assert f'console.error("Second Chance: {DRAWER} stopped."' in joined[BUNDLE]


def test_a_syntax_error_is_named_by_file_line_and_column() -> None:
    texts = {EXIT: "var a = 1;", ENTRY: "var b = 2;", DRAWER: "\n(() => { if ( })();\n"}
    with pytest.raises(ScriptError, match=r"overrides/assets/js/drawer\.js:2:15: SyntaxError"):
        bundles([EXIT, ENTRY, DRAWER], texts)


def test_modern_syntax_passes_the_check() -> None:
    texts = {EXIT: "var a = window?.x ?? 1;", ENTRY: "class A { #p = 1; }", DRAWER: "const f = async () => {};"}
    assert set(bundles([EXIT, ENTRY, DRAWER], texts)) == {FIRST_BUNDLE, BUNDLE}


@pytest.mark.parametrize(
    ("sources", "texts", "message"),
    [
        (
            [EXIT, ENTRY, DRAWER],
            {EXIT: "", ENTRY: "", DRAWER: None},
            "lists assets/js/drawer.js, but neither overrides/assets/js/drawer.js nor a component's folder",
        ),
        ([EXIT, DRAWER], {EXIT: "", DRAWER: ""}, "must list assets/js/one-entry.js: the quick exit needs it"),
    ],
)
def test_a_missing_script_is_named(sources: list[str], texts: dict[str, str | None], message: str) -> None:
    with pytest.raises(ScriptError, match=re.escape(message)):
        bundles(sources, texts)


def test_a_syntax_error_names_the_component_s_own_file() -> None:
    texts = {EXIT: "var a = 1;", ENTRY: "var b = 2;", DRAWER: "(() => { if ( })();"}
    with pytest.raises(ScriptError, match=r"\ncomponents/drawer/drawer\.js:1:15: SyntaxError"):
        bundles([EXIT, ENTRY, DRAWER], texts, {DRAWER: "components/drawer/drawer.js"})


# --- the stylesheet bundle ---------------------------------------------------------------------

TRIAGE_CSS = "assets/css/triage.css"


def test_our_stylesheets_leave_the_list_for_one_bundle_and_others_stay() -> None:
    ours, loaded = bundled_styles([STYLE_BUNDLE, "https://example.org/x.css", TRIAGE_CSS])
    assert ours == [STYLE_BUNDLE, TRIAGE_CSS]
    assert loaded == [STYLE_BUNDLE, "https://example.org/x.css"]
    assert bundled_styles(["https://example.org/x.css"]) == ([], ["https://example.org/x.css"])
    with pytest.raises(ScriptError, match=r"must list assets/css/site\.css first"):
        bundled_styles([TRIAGE_CSS, STYLE_BUNDLE])


def test_the_stylesheets_are_joined_in_order_each_under_its_source() -> None:
    texts = {STYLE_BUNDLE: "html { color: red; }\n", TRIAGE_CSS: ".sc-triage { margin: 0; }"}
    joined = style_bundle([STYLE_BUNDLE, TRIAGE_CSS], texts, {TRIAGE_CSS: "components/triage/triage.css"})
    assert joined == (
        "/* --- overrides/assets/css/site.css --- */\nhtml { color: red; }\n"
        "/* --- components/triage/triage.css --- */\n.sc-triage { margin: 0; }\n"
    )


@pytest.mark.parametrize(
    "text", ["a { color: red", "a { color: red; } }", "/* why", "@media print { a { b: c; }", 'a { content: "x }']
)
def test_a_stylesheet_that_leaves_a_block_open_is_named(text: str) -> None:
    """Joined, it would swallow the next stylesheet's first rule (or all of them): the build stops."""
    assert not is_closed(text)
    texts = {STYLE_BUNDLE: text, TRIAGE_CSS: ".sc-triage { margin: 0; }"}
    with pytest.raises(ScriptError, match=r"^overrides/assets/css/site\.css: a block, comment or string is left open"):
        style_bundle([STYLE_BUNDLE, TRIAGE_CSS], texts, {})


def test_a_closed_stylesheet_passes() -> None:
    assert all(
        is_closed(t) for t in ["", "/* c */", "a { b: c; }", 'a { content: "}"; }', "@media print { a { b: c } }"]
    )


def test_a_missing_stylesheet_is_named() -> None:
    with pytest.raises(ScriptError, match=r"extra_css lists assets/css/triage\.css, but neither overrides/"):
        style_bundle([STYLE_BUNDLE, TRIAGE_CSS], {STYLE_BUNDLE: "", TRIAGE_CSS: None}, {})


# --- what the component folders serve ----------------------------------------------------------


def test_a_component_folder_serves_its_scripts_and_stylesheet_only(tmp_path: Path) -> None:
    for name in [
        "components.js",
        "checklist/checklist.js",
        "checklist/checklist-record.js",
        "checklist/checklist.css",
        "checklist/checklist.html.j2",
        "checklist/checklist-record.test.cjs",
        "checklist/test_browser_checklist.py",
        "checklist/notes/deeper.js",
    ]:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("", encoding="utf-8")
    assert served(tmp_path) == {
        "assets/js/components.js": tmp_path / "components.js",
        "assets/js/checklist-record.js": tmp_path / "checklist" / "checklist-record.js",
        "assets/css/checklist.css": tmp_path / "checklist" / "checklist.css",
        "assets/js/checklist.js": tmp_path / "checklist" / "checklist.js",
    }
    assert templates(tmp_path) == [tmp_path / "checklist" / "checklist.html.j2"]


def test_two_components_serving_one_address_are_named(tmp_path: Path) -> None:
    for name in ["a/shared.js", "b/shared.js"]:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("", encoding="utf-8")
    with pytest.raises(ComponentError, match=r"components/a/shared\.js and components/b/shared\.js would both"):
        served(tmp_path)


def test_minified_script_keeps_its_behaviour_words_and_modern_syntax() -> None:
    script = "/* why */ (() => { const msg = `a ${1 + 1} b`; // note\n return /['’`]/g.test(msg) ?? msg; })();"
    out = minified(script, "application/javascript")
    assert "why" not in out and "note" not in out
    assert "`a ${1+1} b`" in out and "/['’`]/g" in out and "??" in out


def test_only_our_css_and_js_are_minified(tmp_path: Path) -> None:
    for name, text in {"assets/css/a.css": "a { color : red ; } /* c */", "assets/js/a.txt": "/* c */"}.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    (tmp_path / "theme.css").write_text("a { color : red ; }", encoding="utf-8")
    assert minify_site(tmp_path) == [tmp_path / "assets/css/a.css"]
    assert (tmp_path / "assets/css/a.css").read_text(encoding="utf-8") == "a{color:red}"
    assert (tmp_path / "theme.css").read_text(encoding="utf-8") == "a { color : red ; }"


def test_a_file_that_does_not_parse_is_named(tmp_path: Path) -> None:
    (tmp_path / "assets" / "js").mkdir(parents=True)
    (tmp_path / "assets" / "js" / "broken.js").write_text("const x = ;\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"^assets/js/broken\.js, as built: cannot be minified: unexpected ;"):
        minify_site(tmp_path)


def test_permalinks_leave_the_tab_order_and_the_heading_s_name() -> None:
    html = '<h2 id="a">A<a class="headerlink" href="#a" title="Link">¶</a></h2><a class="other" href="#b">b</a>'
    assert quiet_permalinks(html) == (
        '<h2 id="a">A<a class="headerlink" tabindex="-1" aria-hidden="true" href="#a" title="Link">¶</a></h2>'
        '<a class="other" href="#b">b</a>'
    )


def test_each_warning_about_the_same_link_names_its_own_line(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "about.md").write_text("# About\n\nSee [a](nope.md).\n\n```\n[a](nope.md)\n```\n[b](nope.md)\n")
    finder = LinkFinder(docs, tmp_path)
    assert [finder.where("about.md", "nope.md") for _ in range(2)] == ["docs/about.md:3", "docs/about.md:8"]
    assert finder.where("generated.md", "nope.md") is None


def test_the_problem_page_lists_content_problems_and_warnings_apart(tmp_path: Path) -> None:
    page = error_page(
        [
            "2 problems in the guide's content:\n  content/guide.yml:3: a: bad\n  content/guide.yml:9: b: <worse>",
            "docs/about.md:4: Doc file 'about.md' contains a link 'x.md'",
        ],
        closing="Aborted with 1 warnings in strict mode!",
        site_name="Second & Chance",
        stylesheets=["/assets/css/site.css"],
        body=' data-md-color-scheme="default"',
    )
    assert f'id="{MARKER}"' in page and "<title>The site could not be built - Second &amp; Chance</title>" in page
    assert "<h2>1 warning; the build is strict, so each one stops it:</h2>" in page
    assert "<li><code>content/guide.yml:9: b: &lt;worse&gt;</code></li>" in page
    assert page.index("1 warning;") < page.index("2 problems in the guide") < page.index("Aborted with 1 warnings")
    assert '<link rel="stylesheet" href="/assets/css/site.css">' in page
    assert '<body data-md-color-scheme="default">' in page


def test_the_problem_page_borrows_a_good_build_s_styles(tmp_path: Path) -> None:
    (tmp_path / "assets").mkdir()
    (tmp_path / "assets" / "site.css").write_text("a{}", encoding="utf-8")
    (tmp_path / "404.html").write_text(
        '<link rel="stylesheet" href="/sc/assets/site.css"><link rel="stylesheet" href="/sc/gone.css">'
        '<body dir="ltr" data-md-color-scheme="default">',
        encoding="utf-8",
    )
    look = site_look(tmp_path, "/sc/")
    assert look is not None
    assert look.styles == {"/sc/assets/site.css": b"a{}"}
    assert look.body_attributes == ' dir="ltr" data-md-color-scheme="default"'
    assert site_look(tmp_path / "empty", "/") is None
