"""The site's own scripts as two files, and its own stylesheets as one, each file checked
before it is joined. Pure: the build hands it what `extra_javascript` and `extra_css` list and
serves what it returns.

The scripts stay one component per file (`components/NAME/NAME.js`, each tested under 3 KiB
gzipped), listed in `extra_javascript` in the order they must run. Served separately, they
were nine requests on every page of a site read on phones and slow connections; joined, they
are two:

- `assets/js/exit.js`: the quick exit and the one history entry it relies on (`FIRST`), on
  their own and first, so that nothing in the other file can stop them, not even a line a
  browser cannot parse (which stops a whole file);
- `assets/js/site.js`: `components.js` and every component after it.

Each file is put in its own `try` block, so a throw while one starts stops that one only (the
error is logged with the file's name). A syntax error would stop a whole joined file, so every
file is first compiled by Node.js, with V8, the engine of Chromium and of most phones, as the
browser compiles a classic script: the build fails on the first error of each file, named by
its source (`components/drawer/drawer.js:<line>:<column>`). Node is used rather than a parser
from PyPI because the pure-Python ones stop at older JavaScript (esprima-python at ES2017,
pyjsparser at ES5: neither reads `?.`) and tree-sitter's grammar is built to tolerate errors,
not to find them as a browser does. Scripts from elsewhere (none today) are left as they are.

The stylesheets, `extra_css` in order (the site-wide `overrides/assets/css/site.css`, then each
component's `NAME.css`), are one file, `assets/css/site.css`: one request, in the same cascade
order as listed. A block one of them leaves open would swallow the rules of the next, so each
must end closed (read with tinycss2, as the theme's pruning reads CSS), or the build names it.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import tinycss2

OURS = "assets/js/"
FIRST_BUNDLE = OURS + "exit.js"
BUNDLE = OURS + "site.js"
# Standalone: they use nothing from components.js and must work if everything else fails.
FIRST = (OURS + "quick-exit.js", OURS + "one-entry.js")
OUR_STYLES = "assets/css/"
STYLE_BUNDLE = OUR_STYLES + "site.css"  # the site-wide stylesheet, first, then the components'


class ScriptError(ValueError):
    """Scripts or stylesheets that cannot be bundled: the message says which and why."""


# Reads [[name, text], ...] on stdin; prints one [name, line, column, message] per file that
# does not compile as a classic script (what a <script src> is).
_CHECK = r"""
const vm = require("vm");
const problems = [];
for (const [name, text] of JSON.parse(require("fs").readFileSync(0, "utf8"))) {
  try {
    new vm.Script(text, { filename: name });
  } catch (error) {
    const [where, , caret = ""] = String(error.stack).split("\n");
    const line = Number(where.slice(name.length + 1)) || 0;
    problems.push([name, line, caret.indexOf("^") + 1, `${error.name}: ${error.message}`]);
  }
}
process.stdout.write(JSON.stringify(problems));
"""


@dataclass(frozen=True)
class SyntaxProblem:
    path: str
    line: int
    column: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}: {self.message}"


def syntax_problems(scripts: list[tuple[str, str]]) -> list[SyntaxProblem]:
    """The first syntax error of each (name, text) script, as V8 reports it."""
    node = shutil.which("node") or shutil.which("nodejs")
    if node is None:
        raise ScriptError(
            "Node.js is needed to check the site's scripts before they are joined: "
            "install Debian's nodejs package (make system-deps does)"
        )
    result = subprocess.run(
        [node, "-e", _CHECK], input=json.dumps(scripts), capture_output=True, text=True, timeout=60, check=False
    )
    if result.returncode != 0:
        raise ScriptError(f"the script check (Node.js) failed: {result.stderr.strip()}")
    return [SyntaxProblem(*problem) for problem in json.loads(result.stdout)]


def join_scripts(scripts: list[tuple[str, str]]) -> str:
    """One script from (path, text) pairs, in order, each marked with where it comes from and
    in its own block, so that a throw while one runs is logged and the next still runs."""
    return "".join(
        f"/* --- {path} --- */\ntry {{\n{text.rstrip()}\n}} catch (error) {{\n"
        f'  console.error("Second Chance: {path} stopped.", error);\n}}\n'
        for path, text in scripts
    )


def bundled_entries(entries: Iterable[str]) -> tuple[list[str], list[str]]:
    """`extra_javascript` as listed -> (our scripts, in order, to join; the list the pages load:
    the exit bundle first, anything from elsewhere, then the site bundle)."""
    listed = list(entries)
    ours = [entry for entry in listed if entry.startswith(OURS)]
    others = [entry for entry in listed if not entry.startswith(OURS)]
    return ours, [FIRST_BUNDLE, *others, BUNDLE]


def bundles(
    sources: list[str], texts: Mapping[str, str | None], origins: Mapping[str, str] | None = None
) -> dict[str, str]:
    """The two bundles, by path, from our scripts in order (`sources`), each one's text (None
    for a file that does not exist) and, for messages, each one's source file (`origins`; by
    default `overrides/PATH`). ScriptError names what is missing or cannot run."""
    origin = {path: f"overrides/{path}" for path in sources} | dict(origins or {})
    missing_files = [path for path in sources if texts.get(path) is None]
    if missing_files:
        path = missing_files[0]
        raise ScriptError(
            f"mkdocs.yml: extra_javascript lists {path}, but neither overrides/{path} "
            "nor a component's folder (components/NAME/) has it"
        )
    missing = [path for path in FIRST if path not in sources]
    if missing:
        raise ScriptError(f"mkdocs.yml: extra_javascript must list {', '.join(missing)}: the quick exit needs it")
    scripts = [(path, str(texts[path])) for path in sources]
    first = join_scripts([script for script in scripts if script[0] in FIRST])
    rest = join_scripts([script for script in scripts if script[0] not in FIRST])
    problems = syntax_problems([(origin[path], text) for path, text in scripts])
    problems = problems or syntax_problems([(f"{FIRST_BUNDLE} (joined)", first), (f"{BUNDLE} (joined)", rest)])
    if problems:
        raise ScriptError("JavaScript that browsers cannot run:\n" + "\n".join(map(str, problems)))
    return {FIRST_BUNDLE: first, BUNDLE: rest}


# --- stylesheets -------------------------------------------------------------------------------


def bundled_styles(entries: Iterable[str]) -> tuple[list[str], list[str]]:
    """`extra_css` as listed -> (our stylesheets, in order, to join; the list the pages load:
    the one bundle, then anything from elsewhere)."""
    listed = list(entries)
    ours = [entry for entry in listed if entry.startswith(OUR_STYLES)]
    if ours and ours[0] != STYLE_BUNDLE:
        raise ScriptError(f"mkdocs.yml: extra_css must list {STYLE_BUNDLE} first, the site-wide rules")
    others = [entry for entry in listed if not entry.startswith(OUR_STYLES)]
    return ours, ([STYLE_BUNDLE] if ours else []) + others


def is_closed(text: str) -> bool:
    """Whether a stylesheet leaves no block, comment or string open: CSS that follows it starts
    a rule of its own."""
    rules = tinycss2.parse_stylesheet(text + "\n.sc-next {}", skip_comments=True, skip_whitespace=True)
    last = rules[-1] if rules else None
    return isinstance(last, tinycss2.ast.QualifiedRule) and tinycss2.serialize(last.prelude).strip() == ".sc-next"


def style_bundle(sources: list[str], texts: Mapping[str, str | None], origins: Mapping[str, str]) -> str:
    """Our stylesheets (`sources`, in order) as one, each marked with its source file
    (`origins`; by default `overrides/PATH`). ScriptError names a stylesheet that is missing or
    leaves a block open."""

    def shown(path: str) -> str:
        return origins.get(path, f"overrides/{path}")

    for path in sources:
        text = texts.get(path)
        if text is None:
            raise ScriptError(
                f"mkdocs.yml: extra_css lists {path}, but neither overrides/{path} "
                "nor a component's folder (components/NAME/) has it"
            )
        if not is_closed(text):
            raise ScriptError(
                f"{shown(path)}: a block, comment or string is left open; the stylesheets after it would be lost"
            )
    return "".join(f"/* --- {shown(path)} --- */\n{str(texts[path]).rstrip()}\n" for path in sources)
