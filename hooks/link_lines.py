"""MkDocs hook: MkDocs' own warnings about links in docs/*.md name the file and the line.

MkDocs says "Doc file 'about.md' contains a link 'nope.md', but the target is not found among
documentation files." and no line. A logging filter on the logger that says it finds the link
in the page's source and puts `docs/about.md:12: ` in front, so the terminal, `make build`,
CI and the error page `make serve` shows (serve_errors.py) all name the line to open.
"""

from __future__ import annotations

import logging
import os
import re
from collections import Counter
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig

from guide.lines import line_of_link

_LOGGER = "mkdocs.structure.pages"  # where MkDocs logs its link warnings
_NAME = "second-chance: link lines"  # marks our filter, to replace it on each rebuild
_DOC_LINK = re.compile(
    r"Doc file '(?P<src>[^']+)' contains (?:a link|an absolute link|an unrecognized relative link) '(?P<url>[^']+)'"
)


class LinkLines(logging.Filter):
    """Prefix each link warning about a page in `docs_dir` with `file:line: `."""

    def __init__(self, docs_dir: Path, root: Path) -> None:
        super().__init__(_NAME)
        self.docs_dir = docs_dir
        self.root = root
        self.seen: Counter[tuple[str, str]] = Counter()  # the same link twice: the next line

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        found = _DOC_LINK.match(message)
        if found:
            where = self.where(found["src"], found["url"])
            if where:
                record.msg, record.args = f"{where}: {message}", ()
        return True

    def where(self, src: str, url: str) -> str | None:
        path = self.docs_dir / src
        try:
            source = path.read_text(encoding="utf-8-sig")
        except OSError:  # a generated page: it has no file of its own in docs/
            return None
        shown = os.path.relpath(path, self.root).replace(os.sep, "/")
        line = line_of_link(source, url, skip=self.seen[(src, url)])
        self.seen[(src, url)] += 1
        return f"{shown}:{line}" if line else shown


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    logger = logging.getLogger(_LOGGER)
    # MkDocs runs the hooks' module again for each rebuild under `serve`: one filter at a time.
    for old in [f for f in logger.filters if isinstance(f, logging.Filter) and f.name == _NAME]:
        logger.removeFilter(old)
    root = Path(config.config_file_path).parent
    logger.addFilter(LinkLines(Path(config.docs_dir), root))
    return config
