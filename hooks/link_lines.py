"""MkDocs hook: MkDocs' own warnings about links in docs/*.md name the file and the line.

MkDocs says "Doc file 'about.md' contains a link 'nope.md', but the target is not found among
documentation files." and no line. A logging filter on the logger that says it puts the place
guide/content/lines.py finds (`docs/about.md:12`) in front, so the terminal, `make build`, CI and the
error page `make serve` shows (serve_errors.py) all name the line to open.
"""

from __future__ import annotations

import logging
import re
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig

from guide.content.lines import LinkFinder

_LOGGER = "mkdocs.structure.pages"  # where MkDocs logs its link warnings
_NAME = "second-chance: link lines"  # marks our filter, to replace it on each rebuild
_DOC_LINK = re.compile(
    r"Doc file '(?P<src>[^']+)' contains (?:a link|an absolute link|an unrecognized relative link) '(?P<url>[^']+)'"
)


class LinkLines(logging.Filter):
    def __init__(self, finder: LinkFinder) -> None:
        super().__init__(_NAME)
        self.finder = finder

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        found = _DOC_LINK.match(message)
        where = self.finder.where(found["src"], found["url"]) if found else None
        if where:
            record.msg, record.args = f"{where}: {message}", ()
        return True


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    logger = logging.getLogger(_LOGGER)
    # MkDocs runs the hooks' module again for each rebuild under `serve`: one filter at a time.
    for old in [f for f in logger.filters if isinstance(f, logging.Filter) and f.name == _NAME]:
        logger.removeFilter(old)
    logger.addFilter(LinkLines(LinkFinder(Path(config.docs_dir), Path(config.config_file_path).parent)))
    return config
