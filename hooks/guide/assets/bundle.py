"""The site's own scripts as two files, each checked before it is joined. Pure: the build
hands it the scripts `extra_javascript` lists and serves what it returns.

The scripts stay one component per file in `overrides/assets/js/` (each tested under 3 KiB
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
browser compiles a classic script: the build fails on the first error of each file, named as
`overrides/assets/js/<file>:<line>:<column>`. Node is used rather than a parser from PyPI
because the pure-Python ones stop at older JavaScript (esprima-python at ES2017, pyjsparser at
ES5: neither reads `?.`) and tree-sitter's grammar is built to tolerate errors, not to find
them as a browser does. Scripts from elsewhere (none today) are left as they are.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

OURS = "assets/js/"
FIRST_BUNDLE = OURS + "exit.js"
BUNDLE = OURS + "site.js"
# Standalone: they use nothing from components.js and must work if everything else fails.
FIRST = (OURS + "quick-exit.js", OURS + "one-entry.js")


class ScriptError(ValueError):
    """Scripts that cannot be bundled: the message says which and why."""


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


def bundles(sources: list[str], texts: Mapping[str, str | None]) -> dict[str, str]:
    """The two bundles, by path, from our scripts in order (`sources`) and each one's text
    (None for a file that does not exist). ScriptError names what is missing or cannot run."""
    missing_files = [path for path in sources if texts.get(path) is None]
    if missing_files:
        path = missing_files[0]
        raise ScriptError(f"mkdocs.yml: extra_javascript lists {path}, but overrides/{path} does not exist")
    missing = [path for path in FIRST if path not in sources]
    if missing:
        raise ScriptError(f"mkdocs.yml: extra_javascript must list {', '.join(missing)}: the quick exit needs it")
    scripts = [(path, str(texts[path])) for path in sources]
    first = join_scripts([script for script in scripts if script[0] in FIRST])
    rest = join_scripts([script for script in scripts if script[0] not in FIRST])
    problems = syntax_problems([(f"overrides/{path}", text) for path, text in scripts])
    problems = problems or syntax_problems([(f"{FIRST_BUNDLE} (joined)", first), (f"{BUNDLE} (joined)", rest)])
    if problems:
        raise ScriptError("JavaScript that browsers cannot run:\n" + "\n".join(map(str, problems)))
    return {FIRST_BUNDLE: first, BUNDLE: rest}
