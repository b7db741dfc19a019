"""Command line, from the project folder (the one with mkdocs.yml):

  PYTHONPATH=hooks python -m guide content [FOLDER]   check the content without building the site
  PYTHONPATH=hooks python -m guide pages OUT          write the site as a project with no hooks

`content` prints every problem as `file:line: where: what` (exit status 1), or a one-line
summary. `pages` writes OUT/mkdocs.yml, OUT/docs/ and OUT/overrides/ (see export.py), for an
engine that runs no hooks: `cd OUT && zensical build`, or `mkdocs build`.
"""

from __future__ import annotations

import sys
from pathlib import Path

from .content import load_content
from .export import ExportError, write_export
from .problems import ContentError


def main(argv: list[str]) -> int:
    if len(argv) > 1 and argv[1] == "pages":
        if len(argv) != 3:
            print("usage: python -m guide pages OUT", file=sys.stderr)
            return 2
        return pages(Path(argv[2]))
    return check_content(Path(argv[1]) if len(argv) > 1 else Path("content"))


def check_content(folder: Path) -> int:
    # The theme beside the content folder, as in this project, is checked for the words it uses.
    theme = folder.parent / "overrides"
    try:
        content = load_content(
            folder,
            shown_as=folder.as_posix(),
            theme=theme if theme.is_dir() else None,
            theme_shown_as=theme.as_posix(),
        )
    except ContentError as error:
        print(error, file=sys.stderr)
        return 1
    items = sum(len(phase.checklist) for phase in content.guide.phases)
    helplines = len(content.safety.safety.helplines)
    crisis = len(content.safety.safety.crisis.helplines)
    print(
        f"{folder}: {len(content.guide.phases)} phases, {items} checklist items, "
        f"{crisis} crisis lines, {helplines} helplines, {len(content.strings)} of the site's own words: all valid"
    )
    return 0


def pages(out: Path) -> int:
    try:
        result = write_export(Path.cwd(), out)
    except (ContentError, ExportError) as error:
        print(error, file=sys.stderr)
        return 1
    print(f"{out}: {len(result.pages)} pages and a mkdocs.yml without hooks")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
