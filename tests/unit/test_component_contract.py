"""The components' one naming rule, read off the scripts themselves (MAINTAINING, "Components"):
a component NAME is `NAME.js`, starts once as `sc.component("NAME", ...)`, reads only its own
markup (`data-sc-NAME`, `data-sc-NAME-*`), speaks only its own words (`js.NAME.*`, with `_`
for `-`), and leaves no global behind but `sc`. Components that need each other go through
`sc.provide`/`sc.need`. Static and pure: no build, no browser."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from support import ROOT

JS = ROOT / "overrides" / "assets" / "js"
SCRIPTS = sorted(JS.glob("*.js"))
# Not components, each for a reason: the runner itself; the exit and its history entry, which
# load on their own so nothing can stop them; search's two halves (name "search"): the dialog's
# opener in site.js, and the search it fetches on the first open.
STANDALONE = {
    "components.js": None,
    "quick-exit.js": "quick-exit",
    "one-entry.js": "one-entry",
    "search-open.js": "search",
    "search.js": "search",
}
# Pure modules: a component's logic with no page, which Node runs in tests/js/ and the page
# through sc.provide, each under its file's name (message-match.js, checklist-record.js).
WRAPPER = '})(typeof module === "object" && module.exports ? (_, api) => { module.exports = api; } : (name, api) => sc.provide(name, api));'
SHARED_WORDS = ("date.",)  # the site's date words (month names, "1st"), shared by design


def code(path: Path) -> str:
    """The script without its comments (a comment may name anything)."""
    text = path.read_text(encoding="utf-8")
    text = re.sub(r"/\*.*?\*/", "", text, flags=re.S)
    return re.sub(r"(?<![:\"'\\])//[^\n]*", "", text)


def name_of(path: Path) -> str | None:
    """The component name a script's markup and words go by (None for the runner itself)."""
    return STANDALONE.get(path.name, path.stem)


def kebab(camel: str) -> str:
    return re.sub(r"[A-Z]", lambda m: "-" + m.group().lower(), camel)


PURE = [p for p in SCRIPTS if f'define("{p.stem}"' in code(p)]
COMPONENTS = [p for p in SCRIPTS if p.name not in STANDALONE and p not in PURE]
NAMED = [p for p in SCRIPTS if name_of(p)]


def test_every_script_is_a_component_a_pure_module_or_a_named_exception() -> None:
    assert {p.name for p in SCRIPTS} - {p.name for p in COMPONENTS} == set(STANDALONE) | {p.name for p in PURE}
    assert len(COMPONENTS) >= 7 and {p.name for p in PURE} >= {"message-match.js", "checklist-record.js"}


@pytest.mark.parametrize("path", PURE, ids=lambda p: p.name)
def test_a_pure_module_touches_no_page_and_runs_under_node_and_the_page_alike(path: Path) -> None:
    text = code(path)
    assert text.rstrip().endswith(WRAPPER)  # module.exports under Node, sc.provide on the page
    body = text.rstrip().removesuffix(WRAPPER)
    assert not re.search(r"\b(document|window|localStorage|sessionStorage|location|sc)\b", body)
    assert re.findall(r"\bdefine\(\s*\"([^\"]+)\"", body) == [path.stem]


@pytest.mark.parametrize("path", COMPONENTS, ids=lambda p: p.name)
def test_a_component_starts_once_under_its_file_s_name(path: Path) -> None:
    assert re.findall(r"sc\.component\(\s*\"([^\"]+)\"", code(path)) == [path.stem]


@pytest.mark.parametrize("path", SCRIPTS, ids=lambda p: p.name)
def test_no_script_leaves_a_global_but_sc(path: Path) -> None:
    text = code(path)
    assigned = re.findall(r"\b(?:window|globalThis|self)\.([A-Za-z_$][\w$]*)\s*=(?!=)", text)
    assert assigned == (["sc"] if path.name == "components.js" else []), assigned
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
    strangers = sorted(a for a in attributes if not own.fullmatch(a))
    assert strangers == [], f"{path.name} reads {strangers}; its markup is data-sc-{name}-*"


@pytest.mark.parametrize("path", NAMED, ids=lambda p: p.name)
def test_a_script_speaks_only_its_own_words(path: Path) -> None:
    name = str(name_of(path)).replace("-", "_")
    keys = re.findall(r"[\"`']((?:js|date)\.[a-z0-9_.]+)[\"`']", code(path))
    strangers = [k for k in keys if not k.startswith(f"js.{name}.") and not k.startswith(SHARED_WORDS)]
    assert strangers == []


def test_every_script_word_belongs_to_a_script_that_exists() -> None:
    words = yaml.safe_load((ROOT / "content" / "strings.yml").read_text(encoding="utf-8"))
    owners = {key.split(".")[1] for key in words if key.startswith("js.")}
    names = {str(name_of(p)).replace("-", "_") for p in NAMED}
    assert owners and owners <= names, owners - names


def test_what_a_component_needs_another_provides_under_that_name() -> None:
    provided = {}
    for path in SCRIPTS:
        for name in re.findall(r"(?:sc\.provide|define)\(\s*\"([^\"]+)\"", code(path)):
            provided[name] = path.stem
    needed = {n for path in SCRIPTS for n in re.findall(r"sc\.need\(\s*\"([^\"]+)\"", code(path))}
    assert needed and all(provided.get(n) == n for n in needed), (needed, provided)


def test_the_templates_mark_up_only_components_that_exist() -> None:
    names = {str(name_of(p)) for p in NAMED}
    own = re.compile(rf"sc-({'|'.join(sorted(map(re.escape, names), key=len, reverse=True))})(-[a-z0-9-]+)?")
    templates = [
        *(ROOT / "hooks" / "guide" / "rendering" / "templates").glob("*.j2"),
        *(ROOT / "overrides").rglob("*.html"),
    ]
    found = {
        (t.name, a) for t in templates for a in re.findall(r"\bdata-(sc-[a-z0-9-]+)", t.read_text(encoding="utf-8"))
    }
    assert found
    strangers = sorted((t, a) for t, a in found if not own.fullmatch(a))
    assert strangers == []
