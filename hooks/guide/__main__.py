"""Check the content folder without building the site:  PYTHONPATH=hooks python -m guide content

Prints every problem as `file:line: where: what` (exit status 1), or a one-line summary.
"""

from __future__ import annotations

import sys
from pathlib import Path

from .content import load_content
from .problems import ContentError


def main(argv: list[str]) -> int:
    folder = Path(argv[1]) if len(argv) > 1 else Path("content")
    try:
        content = load_content(folder, shown_as=folder.as_posix())
    except ContentError as error:
        print(error, file=sys.stderr)
        return 1
    items = sum(len(phase.checklist) for phase in content.guide.phases)
    helplines = len(content.safety.safety.helplines)
    crisis = len(content.safety.safety.crisis.helplines)
    print(
        f"{folder}: {len(content.guide.phases)} phases, {items} checklist items, "
        f"{crisis} crisis lines, {helplines} helplines: all valid"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
