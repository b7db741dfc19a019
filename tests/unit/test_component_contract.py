"""The components' one naming rule, read off their folders (MAINTAINING, "How a component is
written"): a component NAME is a folder, `components/NAME/`, whose script is `NAME.js`; it
starts once as `sc.component("NAME", ...)`, reads only its own markup (`data-sc-NAME`,
`data-sc-NAME-*`), speaks only its own words (`js.NAME.*`, with `_` for `-`), and leaves no
global behind but `sc`; its templates mark up only it, and its stylesheet `NAME.css` styles only
its own classes (`.sc-NAME*`). Components that need each other go
through `sc.provide`/`sc.need`. Static and pure: no build, no browser."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import tinycss2
import yaml

from guide.components import FOLDER
from support import ROOT

COMPONENTS = ROOT / FOLDER
FOLDERS = sorted(path for path in COMPONENTS.iterdir() if path.is_dir() and path.name != "__pycache__")
NAMES = [folder.name for folder in FOLDERS]
RUNNER = COMPONENTS / "components.js"  # the runner every component starts through, and sc itself
SCRIPTS = sorted([RUNNER, *(path for folder in FOLDERS for path in folder.glob("*.js"))])
# Scripts that do not start through the runner, each for a reason: the exit and its history
# entry load on their own, first, so nothing can stop them; search's two halves are the dialog's
# opener in site.js and the search it fetches on the first open.
STANDALONE = {"quick-exit.js", "one-entry.js", "search-open.js", "search.js"}
# Pure modules: a component's logic with no page, which Node runs in its `*.test.cjs` and the page
# through sc.provide, each under its file's name (message-match.js, checklist-record.js).
WRAPPER = '})(typeof module === "object" && module.exports ? (_, api) => { module.exports = api; } : (name, api) => sc.provide(name, api));'
# Each pure module is tested under Node beside it (NAME.test.cjs), but one: the message check's
# reading is tested on the whole labelled corpus, from Python (tests/unit/test_message_match.py,
# tests/unit/test_message_corpus.py, through tests/js/judge.cjs).
TESTED_ON_THE_CORPUS = {"message-match"}
SHARED_WORDS = ("date.",)  # the site's date words (month names, "1st"), shared by design
# What a component's folder may hold besides its script and its pure modules.
KINDS = {".css": "its stylesheet", ".j2": "a template", ".cjs": "a Node test", ".py": "a pytest module"}


def code(path: Path) -> str:
    """The script without its comments (a comment may name anything)."""
    text = path.read_text(encoding="utf-8")
    text = re.sub(r"/\*.*?\*/", "", text, flags=re.S)
    return re.sub(r"(?<![:\"'\\])//[^\n]*", "", text)


def name_of(path: Path) -> str | None:
    """The component a file belongs to: its folder's name (None for the runner)."""
    return None if path == RUNNER else path.parent.name


def owner(attribute: str) -> str | None:
    """The component a `sc-...` name belongs to: the longest component name it starts with
    (`sc-checklist-file-action` is checklist-file's, not checklist's)."""
    found = [n for n in NAMES if attribute == f"sc-{n}" or attribute.startswith((f"sc-{n}-", f"sc-{n}_"))]
    return max(found, key=len) if found else None


def kebab(camel: str) -> str:
    return re.sub(r"[A-Z]", lambda m: "-" + m.group().lower(), camel)


PURE = [p for p in SCRIPTS if f'define("{p.stem}"' in code(p)]
STARTED = [p for p in SCRIPTS if p != RUNNER and p.name not in STANDALONE and p not in PURE]
NAMED = [p for p in SCRIPTS if p != RUNNER]
TEMPLATES = sorted(COMPONENTS.glob("*/*.j2"))


def test_every_component_folder_has_its_script_named_after_it_and_only_its_own_kinds_of_file() -> None:
    assert len(FOLDERS) >= 10
    for folder in FOLDERS:
        assert (folder / f"{folder.name}.js").is_file(), f"{folder.name}/ has no {folder.name}.js"
        for path in folder.iterdir():
            if path.name == "__pycache__" or path.suffix == ".js":
                continue
            assert path.suffix in KINDS, f"{path.relative_to(ROOT)}: not a script, stylesheet, template or test"
            if path.suffix == ".css":
                assert path.name == f"{folder.name}.css", (
                    f"{path.relative_to(ROOT)}: a component's stylesheet is NAME.css"
                )
            if path.suffix == ".py":
                assert path.name.startswith("test_"), f"{path.relative_to(ROOT)}: only test modules live here"
            if path.suffix == ".cjs":
                assert path.name.endswith(".test.cjs"), f"{path.relative_to(ROOT)}: only Node tests live here"


def test_every_script_is_a_component_a_pure_module_or_a_named_exception() -> None:
    assert {p.name for p in SCRIPTS} - {p.name for p in STARTED} == STANDALONE | {p.name for p in PURE} | {
        "components.js"
    }
    assert len(STARTED) >= 7 and {p.name for p in PURE} >= {"message-match.js", "checklist-record.js"}
    for path in STARTED:
        assert path.name == f"{path.parent.name}.js", f"{path.relative_to(ROOT)}: a component's script is NAME.js"


@pytest.mark.parametrize("path", PURE, ids=lambda p: p.name)
def test_a_pure_module_touches_no_page_and_runs_under_node_and_the_page_alike(path: Path) -> None:
    text = code(path)
    assert text.rstrip().endswith(WRAPPER)  # module.exports under Node, sc.provide on the page
    body = text.rstrip().removesuffix(WRAPPER)
    assert not re.search(r"\b(document|window|localStorage|sessionStorage|location|sc)\b", body)
    assert re.findall(r"\bdefine\(\s*\"([^\"]+)\"", body) == [path.stem]
    assert (path.parent / f"{path.stem}.test.cjs").is_file() or path.stem in TESTED_ON_THE_CORPUS


@pytest.mark.parametrize("path", STARTED, ids=lambda p: p.name)
def test_a_component_starts_once_under_its_folder_s_name(path: Path) -> None:
    assert re.findall(r"sc\.component\(\s*\"([^\"]+)\"", code(path)) == [path.parent.name]


@pytest.mark.parametrize("path", SCRIPTS, ids=lambda p: p.name)
def test_no_script_leaves_a_global_but_sc(path: Path) -> None:
    text = code(path)
    assigned = re.findall(r"\b(?:window|globalThis|self)\.([A-Za-z_$][\w$]*)\s*=(?!=)", text)
    assert assigned == (["sc"] if path == RUNNER else []), assigned
    # A declaration outside every function is a global in a classic script.
    top_level = re.findall(r"^(?:var|let|const|function|class)\s+([\w$]+)", text, re.M)
    assert top_level == []
    assert not re.search(r"\bwindow\.sc[A-Z]", text), "a component's API goes through sc.provide"


@pytest.mark.parametrize("path", NAMED, ids=lambda p: p.name)
def test_a_script_reads_only_its_own_markup(path: Path) -> None:
    name = name_of(path)
    text = code(path)
    attributes = set(re.findall(r"\bdata-([a-z][a-z0-9-]*)", text))
    attributes |= {kebab(k) for k in re.findall(r"\bdataset\.([A-Za-z]+)", text)}
    attributes |= {kebab(k) for k in re.findall(r"\b(sc[A-Z][A-Za-z]+)\s*:", text)}  # Object.assign(el.dataset, {...})
    own = re.compile(rf"sc-{re.escape(str(name))}(-[a-z0-9-]*)?")  # "-" alone: a prefix in `${...}`
    strangers = sorted(a for a in attributes if not own.fullmatch(a) or owner(a.rstrip("-")) != name)
    assert strangers == [], f"{path.name} reads {strangers}; its markup is data-sc-{name}-*"


@pytest.mark.parametrize("path", NAMED, ids=lambda p: p.name)
def test_a_script_speaks_only_its_own_words(path: Path) -> None:
    name = str(name_of(path)).replace("-", "_")
    keys = re.findall(r"[\"`']((?:js|date)\.[a-z0-9_.]+)[\"`']", code(path))
    strangers = [k for k in keys if not k.startswith(f"js.{name}.") and not k.startswith(SHARED_WORDS)]
    assert strangers == []


def test_every_script_word_belongs_to_a_component_that_exists() -> None:
    words = yaml.safe_load((ROOT / "content" / "strings.yml").read_text(encoding="utf-8"))
    owners = {key.split(".")[1] for key in words if key.startswith("js.")}
    assert owners and owners <= {name.replace("-", "_") for name in NAMES}, owners


def test_what_a_component_needs_another_provides_under_that_name() -> None:
    provided = {}
    for path in SCRIPTS:
        for name in re.findall(r"(?:sc\.provide|define)\(\s*\"([^\"]+)\"", code(path)):
            provided[name] = path.stem
    needed = {n for path in SCRIPTS for n in re.findall(r"sc\.need\(\s*\"([^\"]+)\"", code(path))}
    assert needed and all(provided.get(n) == n for n in needed), (needed, provided)


def marked_up(template: Path) -> set[str]:
    return set(re.findall(r"\bdata-(sc-[a-z0-9-]+)", template.read_text(encoding="utf-8")))


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_a_component_s_templates_mark_up_only_that_component(template: Path) -> None:
    """Another component's part comes in through that component's own template (the print
    button, checklist-file's, in a checklist)."""
    strangers = sorted(a for a in marked_up(template) if owner(a) != template.parent.name)
    assert strangers == []


def test_the_other_templates_mark_up_only_components_that_exist() -> None:
    """The page templates and the theme's (`overrides/`, where the engines look for them) use
    the components' markup, never markup of no component."""
    templates = [
        *(ROOT / "hooks" / "guide" / "rendering" / "templates").glob("*.j2"),
        *(ROOT / "overrides").rglob("*.html"),
    ]
    found = {(t.name, a) for t in templates for a in marked_up(t)}
    assert found
    assert sorted((t, a) for t, a in found if owner(a) is None) == []


# --- stylesheets -------------------------------------------------------------------------------

STYLESHEETS = sorted(COMPONENTS.glob("*/*.css"))
SITE_WIDE = ROOT / "overrides" / "assets" / "css" / "site.css"
# Where a component's stylesheet names another's class, each for a reason: the space on a
# calendar's dates print with "Print this checklist", a state checklist-file.js marks the page with.
FOREIGN = {("space-calendar", "sc-checklist-file-print-one")}


def selectors(path: Path) -> list[str]:
    """Every selector list in a stylesheet, those inside @media included."""
    found: list[str] = []

    def walk(rules: list[Any]) -> None:
        for rule in rules:
            if rule.type == "qualified-rule":
                found.append(tinycss2.serialize(rule.prelude))
            elif rule.type == "at-rule" and rule.content is not None:
                walk(tinycss2.parse_rule_list(rule.content, skip_comments=True, skip_whitespace=True))

    walk(tinycss2.parse_stylesheet(path.read_text(encoding="utf-8"), skip_comments=True, skip_whitespace=True))
    return found


def classes(selector: str) -> set[str]:
    return set(re.findall(r"\.(sc-[a-zA-Z0-9_-]+)", selector))


@pytest.mark.parametrize("path", STYLESHEETS, ids=lambda p: p.name)
def test_a_component_s_stylesheet_styles_only_that_component(path: Path) -> None:
    name = path.parent.name
    found = set().union(*map(classes, selectors(path)))
    assert any(owner(c) == name for c in found), f"{path.name} styles nothing of {name}"
    strangers = sorted(c for c in found if owner(c) != name and (name, c) not in FOREIGN)
    assert strangers == [], f"{path.name} styles {strangers}; its classes are .sc-{name}*"


def test_the_site_wide_stylesheet_leaves_each_component_s_rules_to_it() -> None:
    """Only as an exception (`:not(.sc-quick-exit)`: the running text's link rules leave the
    exit alone) may it name a component's class."""
    named = set()
    for selector in selectors(SITE_WIDE):
        while re.search(r":not\([^()]*\)", selector):
            selector = re.sub(r":not\([^()]*\)", "", selector)
        named |= {c for c in classes(selector) if owner(c)}
    assert named == set()


def test_every_component_s_stylesheet_is_served_after_the_site_wide_one() -> None:
    listed = re.findall(r"^\s+- assets/css/(\S+\.css)", (ROOT / "mkdocs.yml").read_text(encoding="utf-8"), re.M)
    assert listed[0] == "site.css"
    assert sorted(listed[1:]) == sorted(path.name for path in STYLESHEETS)
