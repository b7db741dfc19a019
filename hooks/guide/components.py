"""Where the components live: one folder each, `components/NAME/`, as GOV.UK Frontend keeps
`src/govuk/components/NAME/` (MAINTAINING.md, "How a component is written").

A folder holds everything of one component: its script `NAME.js` and any pure module of its
own (`checklist-record.js`), its stylesheet `NAME.css`, its Jinja templates (`*.j2`, which the
page templates include as `NAME/FILE`), and its tests (`*.test.cjs` for Node, `test_*.py` for
pytest). The runner every component starts through, `components.js`, sits at the top.

Only scripts and stylesheets reach the built site, at the addresses they always had
(`assets/js/FILE`, `assets/css/FILE`, as if they were in `overrides/assets/`); templates and
tests never do. Pure: paths in, paths out.
"""

from __future__ import annotations

from pathlib import Path

FOLDER = "components"  # beside mkdocs.yml
# The project this package belongs to (hooks/guide/ -> the project), as the page templates'
# folder is found (content/strings.py): a copy of the project renders with its own.
COMPONENTS = Path(__file__).parents[2] / FOLDER
SERVED_AS = {".js": "assets/js/", ".css": "assets/css/"}


class ComponentError(ValueError):
    """Component folders the site cannot be built from: the message says which and why."""


def served(folder: Path = COMPONENTS) -> dict[str, Path]:
    """What the site serves from the component folders: each script and stylesheet by its path
    in the site (`assets/js/checklist.js`), to its source. Two files of one name would be one
    address: that is an error."""
    found: dict[str, Path] = {}
    for path in sorted([*folder.glob("*"), *folder.glob("*/*")]):
        prefix = SERVED_AS.get(path.suffix)
        if prefix is None or not path.is_file():
            continue
        name = prefix + path.name
        if name in found:
            raise ComponentError(
                f"{shown(found[name], folder)} and {shown(path, folder)} would both be served as {name}: rename one"
            )
        found[name] = path
    return found


def templates(folder: Path = COMPONENTS) -> list[Path]:
    """Every component's Jinja templates, in name order."""
    return sorted(folder.glob("*/*.j2"))


def shown(path: Path, folder: Path = COMPONENTS) -> str:
    """A file in the component folders as messages name it: `components/checklist/checklist.js`."""
    return f"{FOLDER}/{path.relative_to(folder).as_posix()}"
