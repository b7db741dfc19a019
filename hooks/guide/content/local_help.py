"""A language's own helplines (content/xx/helplines.yml): read, checked and typed.

Pure: it reads one file and returns the model, or raises ContentError with every problem as
`file:line: where: what`. Which file to read, and for which language, is the caller's choice.
"""

from __future__ import annotations

from pathlib import Path

from ..content.model import LocalHelp
from ..content.validation import check, local_help_problems
from ..content.yamlsource import read_source

FILE_NAME = "helplines.yml"


def load_local_help(path: Path, shown_as: str, *, language: str | None = None) -> LocalHelp:
    """The helplines in `path` (named `shown_as` in messages). With `language`, the file must
    also say it is for that language, so `content/fr/` cannot silently hold Spanish lines."""
    source = read_source(path, shown_as)
    return check(LocalHelp, source, semantic=lambda s: local_help_problems(s, language))
