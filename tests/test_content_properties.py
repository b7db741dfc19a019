"""Property: whatever a contributor writes, the content either fails cleanly or builds a safe site.

Hypothesis generates content models, mostly valid and then mutated as a careless or hostile
contributor would (line breaks, Markdown and HTML fragments, odd addresses, reserved ids,
impossible dates, YAML aliases and tags, bad bytes), writes them as YAML files and loads them.
Each example must end in exactly one of two ways:

- a ContentError whose every problem names one of the two files and a line in it; or
- pages, rendered here by the pure generator and Python-Markdown with the site's extensions
  (a full MkDocs build per example would take minutes), where every page is present, every
  link uses an allowed scheme, nothing is fetched from another origin, and no element has an
  event handler, an inline style, or a control attribute (quick exit, checklist action) that
  the templates did not put there.

Two full `mkdocs build --strict` runs at the end check the same on real builds. In CI (the
CI variable set) the examples are fixed (`derandomize`); see CONTRIBUTING.md for reruns.
"""

from __future__ import annotations

import copy
import re
from datetime import date
from pathlib import Path
from typing import Any

import markdown
import pytest
import yaml
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from mkdocs.utils.meta import get_data

from guide import ContentError
from guide.content.loading import load_content
from guide.policy.markup import EXTENSION_CONFIGS, SITE_EXTENSIONS, url_scheme
from guide.rendering.markdown import phases_at_a_glance, site_pages
from guide.rendering.routes import FIXED_PAGES
from sitetools import Element, parse_html
from support import FIXTURES, copy_project, run_mkdocs

FILES = ("content/guide.yml", "content/safety.yml")
LINK_SCHEMES = {"http", "https", "mailto", "tel", "sms"}
RESOURCE_ATTRS = {"src", "srcset", "poster", "data", "background", "xlink:href"}

# --- what contributors write ------------------------------------------------------------------

WORDS = st.text(alphabet="abcdefghij klmnopqrstuvwxyz.,'’é", min_size=1, max_size=30).map(str.strip).filter(bool)
FRAGMENTS = [
    "\n",
    "\n\n",
    "\n\n    indented code",
    "\r\n",
    "\u2028",
    "# Heading",
    "- item",
    "1. item",
    "> quote",
    "```",
    "!!! danger",
    "***",
    "**bold**",
    "`code`",
    "[safety](guide:safety)",
    "[phase](guide:first)",
    "[nowhere](guide:nowhere)",
    "[web](https://example.org/a_(b))",
    "[mail](mailto:a@example.org)",
    "[call](tel:999)",
    "[js](javascript:alert(1))",
    "[js](JaVa&#115;cript:alert(1))",
    "[js](<javascript:alert(1)>)",
    "](javascript:alert(1)) [",
    "[data](data:text/html,hi)",
    "[proto](//evil.example/)",
    "![img](https://example.com/x.png)",
    "![img](//example.com/x.png)",
    "![img](data:image/png;base64,AAAA)",
    "![img](x.png)",
    "[ref][r]\n\n[r]: javascript:alert(1)",
    '{: onclick="alert(1)" }',
    '\n{: onclick="alert(1)" }',
    "{ data-sc-quick-exit }",
    "[leave](https://example.org/){ data-sc-quick-exit }",
    '{: data-sc-checklist-file-action="clear" }',
    '\n{: data-sc-checklist-file-action="clear" }',
    '\n{: style="color:red" }',
    "\\{ literal",
    "<script>alert(1)</script>",
    '<img src="x" onerror="alert(1)">',
    "<https://example.org/>",
    "&lt;script&gt;",
    "\u202e",
    "\x07",
    "   ",
    "]",
    "[",
    "(",
    ")",
    '"',
    "*",
    "&",
]
URLS = [
    "https://example.org/help",
    "https://example.org/a%28b%29?q=1#top",
    "https://www.thehotline.org/)![t](https://example.com/track.png",
    "https://a.example/)[click](javascript:alert(1)",
    "javascript:alert(1)",
    "http://example.org/",
    "https://example.org/a b",
    "//example.org/",
    "data:,x",
    'https://example.org/"onmouseover="x',
    "https://localhost/",
]
DATES: list[Any] = ["2026-11-25", "2026-13-45", "2026-02-30", "20261125", "yesterday", date(2026, 1, 1), 1700006400]
IDS = ["first", "second", "third", "a-b", *FIXED_PAGES, "index", "Bad Id", "a--b", "constructor", "-x"]


def one_in(n: int) -> st.SearchStrategy[bool]:
    """True about once in `n` draws (Hypothesis favours the ends of a range, so not 0 or n)."""
    return st.integers(1, n).map(lambda k: k == n // 2)


@st.composite
def text(draw: st.DrawFn) -> str:
    return draw(WORDS)


# Fields with their own mutations above (ids, addresses, dates) or a fixed shape.
NOT_TEXT = {"id", "former_ids", "url", "web", "source", "checked", "phone", "number", "audience"}


def leaves(data: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """The path of every text field in a content model, to pick one to break."""
    if isinstance(data, str):
        return [path]
    items = data.items() if isinstance(data, dict) else enumerate(data) if isinstance(data, list) else []
    return [leaf for key, value in items if key not in NOT_TEXT for leaf in leaves(value, (*path, key))]


@st.composite
def spliced(draw: st.DrawFn, model: Any) -> None:
    """Up to two fragments from the list above, each spliced into some text of `model`."""
    paths = leaves(model)
    for _ in range(draw(st.integers(0, 2))):
        *parents, key = draw(st.sampled_from(paths))
        holder = model
        for part in parents:
            holder = holder[part]
        value: str = holder[key]
        at = draw(st.integers(0, len(value)))
        holder[key] = value[:at] + draw(st.sampled_from(FRAGMENTS)) + value[at:]


@st.composite
def phase(draw: st.DrawFn, phase_id: str) -> dict[str, Any]:
    def items(low: int = 1, high: int = 3) -> list[str]:
        return draw(st.lists(text(), min_size=low, max_size=high))

    record: dict[str, Any] = {
        "id": phase_id,
        "title": draw(text()),
        "summary": draw(text()),
        "why": draw(text()),
        "steps": [{"title": draw(text()), "detail": draw(text())} for _ in range(draw(st.integers(1, 2)))],
        "dos": items(),
        "donts": items(),
        "ready_when": items(),
        "checklist": [{"id": f"{phase_id}-{n}".lower().replace(" ", "-"), "text": draw(text())} for n in range(2)],
    }
    if draw(st.booleans()):
        record["timing"] = draw(text())
    if draw(st.booleans()):
        record["limit"] = draw(text()) + " See the [safety page](guide:safety)."
    if draw(st.booleans()):
        record["examples"] = [{"message": draw(text()), "note": draw(text())}]
    return record


VALID_SAFETY = yaml.safe_load((FIXTURES / "valid" / "safety.yml").read_text(encoding="utf-8"))


@st.composite
def safety(draw: st.DrawFn, first_phase: str) -> dict[str, Any]:
    data: dict[str, Any] = copy.deepcopy(VALID_SAFETY)
    data["triage"]["if_no"] = f"Start with [phase one](guide:{first_phase})."
    data["triage"]["intro"] = draw(text())
    data["safety"]["sections"][0]["body"] = draw(text())
    data["safety"]["emergency"][0]["note"] = draw(text())
    data["quick_exit"]["label"] = draw(text())
    line = data["safety"]["helplines"][1]
    if draw(one_in(8)):
        data["quick_exit"]["url"] = draw(st.sampled_from(URLS))
        line["web"] = draw(st.sampled_from(URLS))
        line["source"] = draw(st.sampled_from(URLS))
    if draw(one_in(8)):
        line["checked"] = draw(st.sampled_from(DATES))
    return data


# Whole-file changes, applied to the YAML text after it is written.
YAML_MUTATIONS = [
    lambda text: text.replace("title:", "title: &t", 1) + "extra: *t\n",
    lambda text: text.replace("title:", "title: !!binary", 1),
    lambda text: text.replace("- id:", "- id: !!python/name:os.system", 1),
    lambda text: text[: len(text) // 2],
    lambda text: "",
    lambda text: "a: &a [x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: [*b,*b,*b,*b,*b,*b,*b,*b,*b]\n",
]


@st.composite
def content_files(draw: st.DrawFn) -> tuple[bytes, bytes]:
    some_id = one_in(8).flatmap(lambda odd: st.sampled_from(IDS if odd else IDS[:4]))
    ids = draw(st.lists(some_id, min_size=1, max_size=3, unique=True))
    model = [{"title": draw(text()), "phases": [draw(phase(pid)) for pid in ids]}, draw(safety(ids[0]))]
    draw(spliced(model))
    texts = [yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000) for data in model]
    which = draw(st.integers(0, 1))
    if draw(one_in(5)):
        texts[which] = draw(st.sampled_from(YAML_MUTATIONS))(texts[which])
    raw = [t.encode("utf-8") for t in texts]
    if draw(one_in(20)):  # a stray byte that is not UTF-8, on some line
        lines = raw[which].split(b"\n")
        at = draw(st.integers(0, max(len(lines) - 1, 0)))
        lines[at] += b"\xff"
        raw[which] = b"\n".join(lines)
    return raw[0], raw[1]


# --- the property -----------------------------------------------------------------------------


def render(markdown_text: str) -> str:
    body, _meta = get_data(markdown_text)  # MkDocs takes the front matter off first
    return markdown.markdown(body, extensions=list(SITE_EXTENSIONS), extension_configs=EXTENSION_CONFIGS)


def unsafe(element: Element) -> list[str]:
    """What is wrong with one element of a page, judged independently of guide/policy/markup.py."""
    found = [f"{name}=" for name in element.attrs if name.startswith("on") or name == "style"]
    if element.tag in ("script", "style", "iframe", "object", "embed", "base", "form", "meta", "link"):
        found.append(f"<{element.tag}>")
    for name, value in element.attrs.items():
        squeezed = re.sub(r"[\x00-\x20]", "", value)
        if name in RESOURCE_ATTRS and (url_scheme(squeezed) or squeezed.startswith(("//", "/\\", "\\"))):
            found.append(f"{name}={value}")
        if name == "href" and element.tag in ("a", "area"):
            scheme = url_scheme(squeezed)
            if (scheme and scheme not in LINK_SCHEMES) or squeezed.startswith("//"):
                found.append(f"href={value}")
    if "data-sc-quick-exit" in element.attrs and not (
        element.tag == "a" and "sc-quick-exit" in element.attrs.get("class", "")
    ):
        found.append("data-sc-quick-exit")
    if "data-sc-checklist-action" in element.attrs and element.tag != "button":
        found.append("data-sc-checklist-action")
    return found


def check_site(pages: dict[str, str], phase_ids: list[str]) -> None:
    expected = {f"phases/{pid}.md" for pid in phase_ids} | {"checklists.md", "whole-guide.md", "triage.md", "safety.md"}
    assert set(pages) == expected | {"index.md"}
    for name, text in pages.items():
        html = render(text)
        page = parse_html(html)
        assert name == "index.md" or page.find("h1"), f"{name} has no heading"
        problems = [p for element in page.elements for p in unsafe(element)]
        assert problems == [], f"{name}: {problems}"
        assert "guide:" not in " ".join(e.attrs.get("href", "") for e in page.find("a")), name
    assert sum("data-sc-quick-exit" in e.attrs for e in parse_html(render(pages["safety.md"])).elements) == 1


def check_error(error: ContentError, files: dict[str, bytes]) -> None:
    assert error.problems
    for problem in error.problems:
        assert problem.file in files, problem
        assert 1 <= problem.line <= files[problem.file].count(b"\n") + 1, problem
        assert problem.message and "Traceback" not in problem.message, problem


def fails_cleanly_or_builds_a_safe_site(folder: Path, files: tuple[bytes, bytes]) -> None:
    folder.mkdir(exist_ok=True)
    written = {name: raw for name, raw in zip(FILES, files, strict=True)}
    for name, raw in written.items():
        (folder / Path(name).name).write_bytes(raw)
    # The site's own words, as they are: these properties are about what contributors write.
    (folder / "strings.yml").write_bytes((FIXTURES / "valid" / "strings.yml").read_bytes())
    try:
        content = load_content(folder, shown_as="content")
    except ContentError as error:
        event("refused")
        check_error(error, written)
        return
    event("built")
    pages = {page.src_uri: page.markdown for page in site_pages(content)}
    pages["index.md"] = phases_at_a_glance(content, from_path="index.md")
    check_site(pages, [p.id for p in content.guide.phases])


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.function_scoped_fixture],
)
@given(content_files())
def test_generated_content_fails_cleanly_or_builds_a_safe_site(tmp_path: Path, files: tuple[bytes, bytes]) -> None:
    fails_cleanly_or_builds_a_safe_site(tmp_path / "content", files)


VALID_GUIDE = yaml.safe_load((FIXTURES / "valid" / "guide.yml").read_text(encoding="utf-8"))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.data())
def test_one_fragment_in_any_field_fails_cleanly_or_stays_safe(tmp_path: Path, data: st.DataObject) -> None:
    """The valid fixture with exactly one fragment in one field: no other mistake in the same
    example can be the reason it was refused, so a fragment the checks miss shows up."""
    model = copy.deepcopy([VALID_GUIDE, VALID_SAFETY])
    *parents, key = data.draw(st.sampled_from(leaves(model) + [p for p in every_leaf(model) if p[-1] in NOT_TEXT]))
    holder: Any = model
    for part in parents:
        holder = holder[part]
    at = data.draw(st.sampled_from([0, len(str(holder[key])) // 2, len(str(holder[key]))]))
    holder[key] = str(holder[key])[:at] + data.draw(st.sampled_from(FRAGMENTS)) + str(holder[key])[at:]
    files = tuple(yaml.safe_dump(d, allow_unicode=True, sort_keys=False, width=1000).encode("utf-8") for d in model)
    fails_cleanly_or_builds_a_safe_site(tmp_path / "content", (files[0], files[1]))


def every_leaf(data: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    if isinstance(data, dict | list):
        items = data.items() if isinstance(data, dict) else enumerate(data)
        return [leaf for key, value in items for leaf in every_leaf(value, (*path, key))]
    return [path]


# --- and a few real builds ----------------------------------------------------------------------

TRICKY_BUT_VALID = {
    "dos": [
        "First paragraph of a long point.\n\nIts second paragraph, with [a link](https://example.org/a_(b)).\n",
        "A short point with a literal \\{ brace and *emphasis*.",
        "Write to [us](mailto:a@example.org), call [999](tel:999) or text [88788](sms:88788).",
    ],
}


@pytest.mark.parametrize("variant", ["tricky", "hostile"])
def test_real_builds_of_tricky_and_hostile_content(tmp_path: Path, variant: str) -> None:
    project = copy_project(tmp_path)
    path = project / "content" / "guide.yml"
    guide = yaml.safe_load(path.read_text(encoding="utf-8"))
    if variant == "tricky":
        guide["phases"][0]["dos"] = TRICKY_BUT_VALID["dos"] + guide["phases"][0].get("dos", [])
    else:
        guide["phases"][0]["dos"] = ["[x](javascript:alert(1))", "Leave {: data-sc-quick-exit }"]
        guide["phases"][1]["id"] = "safety"
    path.write_text(yaml.safe_dump(guide, allow_unicode=True, sort_keys=False, width=1000), encoding="utf-8")
    result = run_mkdocs(project, "build", "--strict")
    output = result.stdout + result.stderr
    assert "Traceback" not in output
    if variant == "hostile":
        assert result.returncode == 1
        problems = [line.strip() for line in output.splitlines() if line.startswith("  content/")]
        assert len(problems) == 3 and all(re.match(r"content/guide\.yml:\d+: phase '", p) for p in problems), output
        return
    assert result.returncode == 0, output
    pages = sorted((project / "site").rglob("*.html"))
    assert {f"phases/{p['id']}/index.html" for p in guide["phases"]} <= {
        p.relative_to(project / "site").as_posix() for p in pages
    }
    for html in pages:
        body = parse_html(html.read_text(encoding="utf-8"))
        article = [e for e in body.elements if e.tag == "article"]
        assert article, html
    first = parse_html(
        (project / "site" / "phases" / guide["phases"][0]["id"] / "index.html").read_text(encoding="utf-8")
    )
    items = [e.text for e in first.find("li") if "long point" in e.text]
    assert len(items) == 1 and "Its second paragraph" in items[0]
