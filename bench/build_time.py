"""Section 3: build time of the real site, and hooks vs plain Markdown at N phases."""

from __future__ import annotations

import copy
import re
import shutil
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from shared import (
    CONTENT_HOOK,
    Build,
    Plan,
    build,
    copy_project,
    edit_config,
    log,
    median,
    table,
)

# --- 3. Build time ---------------------------------------------------------------------------


@dataclass
class BuildComparison:
    phases: int
    hooks: list[Build]
    plain: list[Build]
    identical: str  # how many HTML pages the two builds render the same
    pipeline: Pipeline

    def built(self, variant: str) -> float:
        return median([b.reported for b in (self.hooks if variant == "hooks" else self.plain)])

    def wall(self, variant: str) -> float:
        return median([b.wall for b in (self.hooks if variant == "hooks" else self.plain)])


@dataclass
class Pipeline:
    """The pure content pipeline timed in this process, once, outside MkDocs."""

    load: float  # load_content: YAML, pydantic model, validation
    render: float  # site_pages + phases_at_a_glance: Jinja2 templates and link resolution


def synthetic_project(snapshot: Path, target: Path, count: int) -> Path:
    """The project with `count` phases, the real ones repeated with ids p1..pN.

    Titles and summaries get the phase number (summaries must be unique), checklist ids get the
    phase id as a prefix, and links to the real phase ids point at their first copy (p1, p2...).
    """
    copy_project(target, source=snapshot)
    guide_file = target / "content" / "guide.yml"
    guide = yaml.safe_load(guide_file.read_text(encoding="utf-8"))
    originals: list[dict[str, Any]] = guide["phases"]
    first_copy = {phase["id"]: f"p{index}" for index, phase in enumerate(originals, start=1)}
    if count < len(originals):
        raise ValueError(f"need at least {len(originals)} phases, so every phase link has a target")
    phases = []
    for number in range(1, count + 1):
        phase = copy.deepcopy(originals[(number - 1) % len(originals)])
        phase["id"] = f"p{number}"
        phase["title"] = f"{phase['title']} ({number})"
        phase["summary"] = f"{phase['summary']} ({number})"
        for item in phase["checklist"]:
            item["id"] = f"p{number}-{item['id']}"
            item.pop("former_ids", None)
        phases.append(phase)
    guide["phases"] = phases
    link = re.compile(r"\(guide:(" + "|".join(map(re.escape, first_copy)) + r")([)#])")

    def relink(text: str) -> str:
        return link.sub(lambda m: f"(guide:{first_copy[m[1]]}{m[2]}", text)

    guide_file.write_text(
        relink(yaml.safe_dump(guide, sort_keys=False, allow_unicode=True, width=100)), encoding="utf-8"
    )
    safety_file = target / "content" / "safety.yml"
    safety_file.write_text(relink(safety_file.read_text(encoding="utf-8")), encoding="utf-8")
    page_link = re.compile(r"\]\(phases/(" + "|".join(map(re.escape, first_copy)) + r")\.md")
    for page in (target / "docs").rglob("*.md"):
        page.write_text(
            page_link.sub(lambda m: f"](phases/{first_copy[m[1]]}.md", page.read_text(encoding="utf-8")),
            encoding="utf-8",
        )
    return target


def plain_project(hooked: Path, target: Path) -> tuple[Path, Pipeline]:
    """The same site as plain Markdown files in docs/, built by MkDocs with no content hook.

    The project's own export (`guide.export`, what `make export` writes) gives every page:
    hand-written ones with their markers filled, generated ones with `guide:` links resolved.
    mkdocs.yml loses only `hooks/guide_pages.py` (other hooks stay, so the comparison isolates
    the content pipeline) and gets the phase nav and the theme data that hook adds.
    """
    copy_project(target, source=hooked)
    hooks_dir = str(target / "hooks")
    sys.path.insert(0, hooks_dir)
    try:
        from guide.content.loading import load_content
        from guide.export import export
        from guide.rendering.markdown import site_pages
        from guide.rendering.site import splice_nav, theme_extra

        start = time.perf_counter()
        content = load_content(target / "content")
        loaded = time.perf_counter()
        site_pages(content)
        pipeline = Pipeline(load=loaded - start, render=time.perf_counter() - loaded)
        exported = export(target)
        for src_uri, markdown in exported.pages.items():
            path = target / exported.docs_dir / src_uri
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(markdown, encoding="utf-8")
        extra = theme_extra(content)

        def change(config: dict[str, Any]) -> None:
            config["hooks"] = [hook for hook in config.get("hooks", []) if Path(hook).name != CONTENT_HOOK]
            if not config["hooks"]:
                del config["hooks"]
            config["nav"] = splice_nav(config["nav"], content)
            config.setdefault("extra", {}).update(extra)

        edit_config(target, change)
    finally:
        sys.path.remove(hooks_dir)
        for module in [m for m in sys.modules if m == "guide" or m.startswith("guide.")]:
            del sys.modules[module]  # the next call may load another copy's package
    return target, pipeline


EDIT_LINK = re.compile(r'<a href="[^"]*/edit/[^"]*"[^>]*>')


def same_html(one: Path, other: Path) -> str:
    """How many HTML pages match, edit buttons aside (generated pages edit the YAML they come from)."""
    pages = sorted(p.relative_to(one) for p in one.rglob("*.html"))
    same = sum(
        (other / page).exists()
        and EDIT_LINK.sub("", (one / page).read_text(encoding="utf-8"))
        == EDIT_LINK.sub("", (other / page).read_text(encoding="utf-8"))
        for page in pages
    )
    return f"{same}/{len(pages)}"


def measure_build(snapshot: Path, work: Path, plan: Plan) -> tuple[list[Build], list[BuildComparison]]:
    log(f"build: real site x{plan.build_repeats}")
    real = [build(snapshot, work / "site-real") for _ in range(plan.build_repeats)]
    comparisons = []
    for count in plan.sizes:
        hooked = synthetic_project(snapshot, work / f"hooks-{count}", count)
        plain, pipeline = plain_project(hooked, work / f"plain-{count}")
        repeats = plan.build_repeats
        hook_runs: list[Build] = []
        plain_runs: list[Build] = []
        for repeat in range(repeats):  # interleaved, so drift in the machine hits both alike
            log(f"build: {count} phases, run {repeat + 1}/{repeats}")
            hook_runs.append(build(hooked, work / f"site-hooks-{count}"))
            plain_runs.append(build(plain, work / f"site-plain-{count}"))
        identical = same_html(work / f"site-hooks-{count}", work / f"site-plain-{count}")
        comparisons.append(BuildComparison(count, hook_runs, plain_runs, identical, pipeline))
        for name in (f"site-hooks-{count}", f"site-plain-{count}", f"hooks-{count}", f"plain-{count}"):
            shutil.rmtree(work / name, ignore_errors=True)  # 1000 phases is a lot of disk
    return real, comparisons


def build_section(real: list[Build], comparisons: list[BuildComparison]) -> list[str]:
    def fmt(seconds: float) -> str:
        return f"{seconds:.2f}"

    out = [
        "## 3. Build time",
        "",
        "`mkdocs build --strict` in a subprocess. *wall*: the whole process, Python start-up and imports "
        'included; *built*: MkDocs\' own "Documentation built in X seconds", which covers the build '
        "from the `config` event on (so it includes our hooks) but not start-up.",
        "",
        f"Real site ({len(real)} runs): wall median {fmt(median([b.wall for b in real]))} s "
        f"({', '.join(fmt(b.wall) for b in real)}), built median {fmt(median([b.reported for b in real]))} s.",
        "",
        "Synthetic guides: the real phases repeated to N, ids `p1..pN`, unique titles, summaries and "
        "checklist ids. *hooks* is the project as it is (content in YAML, pages generated by "
        "`hooks/guide_pages.py`). *plain* is the same pages as Markdown files: the project's own pure "
        "renderer (`guide.rendering.markdown.site_pages`, `guide.phases_at_a_glance`) wrote them into `docs/` with "
        "`guide:` links resolved, and `mkdocs.yml` lost the `hooks/guide_pages.py` hook (other hooks stay) and got the phase nav and "
        "`extra.quick_exit` that the hook adds. Rendering the plain files is not timed. *same HTML* counts "
        "the pages both builds render identically once edit buttons are removed (generated pages edit the "
        "YAML). Runs are interleaved, median shown.",
        "",
    ]
    rows = []
    previous: BuildComparison | None = None
    for c in comparisons:
        hooks, plain = c.built("hooks"), c.built("plain")
        marginal = "–"
        if previous is not None:
            step = (hooks - previous.built("hooks")) / (c.phases - previous.phases) * 1000
            marginal = f"{step:.1f}"
        rows.append(
            [
                str(c.phases),
                fmt(c.wall("hooks")),
                fmt(c.wall("plain")),
                f"{c.wall('hooks') / c.wall('plain'):.2f}",
                fmt(hooks),
                fmt(plain),
                f"**{hooks / plain:.2f}**",
                f"{(hooks - plain) / c.phases * 1000:.1f}",
                f"{hooks / c.phases * 1000:.1f}",
                marginal,
                f"{c.pipeline.load * 1000:.0f}",
                f"{c.pipeline.render * 1000:.0f}",
                c.identical,
            ]
        )
        previous = c
    out += table(
        [
            "phases",
            "hooks wall s",
            "plain wall s",
            "wall ratio",
            "hooks built s",
            "plain built s",
            "built ratio",
            "overhead ms/phase",
            "hooks ms/phase",
            "marginal ms/phase",
            "load ms",
            "render ms",
            "same HTML",
        ],
        rows,
        "rrrrrrrrrrrrr",
    )
    out += [
        "",
        "- *ratio* = hooks / plain; 1.10 would be 10 % overhead. *overhead ms/phase* = (hooks - plain) "
        "built time / N: the content hook's cost per phase.",
        "- *hooks ms/phase* = hooks built time / N; *marginal ms/phase* = extra built time per extra phase "
        "since the previous N. Flat marginal cost means linear growth. Every page's navigation lists every "
        "phase, so the HTML MkDocs writes grows with N x N, in both variants alike.",
        "- *load ms* / *render ms*: `load_content` (YAML, pydantic, validation) and rendering every page "
        "(Jinja2, `guide:` links), timed once in this process for the same content: the bulk of the "
        "hook's work.",
        "",
    ]
    return out
