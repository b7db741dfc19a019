"""Command line, from the project folder (the one with mkdocs.yml):

  PYTHONPATH=hooks python -m guide content [FOLDER]   check the content without building the site
  PYTHONPATH=hooks python -m guide pages OUT          write the site, every language, as projects with no hooks
  PYTHONPATH=hooks python -m guide translations       per language: fields current, stale, missing
  PYTHONPATH=hooks python -m guide translations todo LANG FILE
                                                      the entries LANG's FILE lacks or must update
  PYTHONPATH=hooks python -m guide message-model      retrain the message check's learned backstop
  PYTHONPATH=hooks python -m guide words SITE         body words per page of the reader's path, built in SITE
  PYTHONPATH=hooks python -m guide search-index SITE  the search index of each language built in SITE

`content` prints every problem as `file:line: where: what` (exit status 1), or a one-line
summary. `pages` writes OUT/mkdocs.yml, OUT/mkdocs.xx.yml, each language's docs and OUT/overrides/
(see export.py), for an engine that runs no hooks: `cd OUT && zensical build -f mkdocs.yml`,
then each mkdocs.xx.yml, then `python -m csp_site OUT/site`. `message-model`
writes content/message-model/xx.json from tests/data/drafts/tune.xx.yml (see message_check/model.py).
`search-index` runs after any engine's build: SITE is a language's folder (site/, site/es/) or
the folder holding them all; every language found in it gets its own search/index.json (see
search_index.py). A hook of the MkDocs build does the same for the language it builds.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import yaml

from .content import word_count
from .content.loading import MODEL_FOLDER, TRANSLATED_FILES, english_fields, load_content
from .content.problems import ContentError, Problem
from .export import ExportError, write_export
from .search_index import INDEX_PATH, SearchIndexError, write_indexes
from .translations.fields import status, todo
from .translations.languages import ENGLISH, TRANSLATED


def main(argv: list[str]) -> int:
    if len(argv) > 1 and argv[1] == "pages":
        if len(argv) != 3:
            print("usage: python -m guide pages OUT", file=sys.stderr)
            return 2
        return pages(Path(argv[2]))
    if len(argv) > 1 and argv[1] == "translations":
        return translations(argv[2:])
    if len(argv) > 1 and argv[1] == "message-model":
        return message_model(Path.cwd())
    if len(argv) > 1 and argv[1] == "words":
        if len(argv) != 3:
            print("usage: python -m guide words SITE", file=sys.stderr)
            return 2
        guide = load_content(Path("content")).guide
        print(word_count.report(word_count.reader_path(Path(argv[2]), [phase.id for phase in guide.phases])))
        return 0
    if len(argv) > 1 and argv[1] == "search-index":
        if len(argv) != 3:
            print("usage: python -m guide search-index SITE", file=sys.stderr)
            return 2
        return search_index(Path(argv[2]))
    return check_content(Path(argv[1]) if len(argv) > 1 else Path("content"))


def translations(args: list[str], folder: Path = Path("content")) -> int:
    if args[:1] == ["todo"] and len(args) == 3 and args[2] in TRANSLATED_FILES:
        code, name = args[1], args[2]
        print(f"# Paste under `fields:` in {folder / code / name}; each text is still to write.")
        print("".join(todo(english_fields(folder, name), _raw(folder / code / name))), end="")
        return 0
    if args:
        print(f"usage: python -m guide translations [todo LANG {'|'.join(TRANSLATED_FILES)}]", file=sys.stderr)
        return 2
    for language in TRANSLATED:
        counts = [
            status(english_fields(folder, name), _raw(folder / language.code / name)) for name in TRANSLATED_FILES
        ]
        current, stale, missing = (sum(column) for column in zip(*counts, strict=True))
        print(f"{language.code} ({language.name}): {current} translated, {stale} stale, {missing} missing")
        for name, (c, s, m) in zip(TRANSLATED_FILES, counts, strict=True):
            print(f"  {folder / language.code / name}: {c} translated, {s} stale, {m} missing")
    return 0


def _raw(path: Path) -> Any:
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError):
        return None  # counted as all missing; the build names the real problem with its line


def message_model(project: Path) -> int:
    """Each language's model, trained from its tuning drafts (deterministic: same drafts, same bytes)."""
    from .message_check.model import languages, summary, train  # numpy: installed with the tests, not the build

    folder = project / "content" / MODEL_FOLDER
    folder.mkdir(exist_ok=True)
    for code in languages(project):
        text, report = train(project, code)
        path = folder / f"{code}.json"
        path.write_text(text, encoding="utf-8")
        print(f"{path.relative_to(project)}: {len(text.encode())} bytes; cross-validated: {summary(report)}")
    return 0


def check_content(folder: Path) -> int:
    """The English, then every language's translation and local help over it."""
    problems: list[Problem] = []
    summaries = []
    # A folder without a language's subfolder (a test fixture) is checked in English only; the
    # site's build fails on its own if mkdocs.xx.yml has no content/xx/.
    languages = [language.code for language in TRANSLATED if (folder / language.code).is_dir()]
    # The theme beside the content folder, as in this project, is checked for the words it uses.
    theme = folder.parent / "overrides"
    for code in (ENGLISH.code, *languages):
        try:
            content = load_content(
                folder,
                shown_as=folder.as_posix(),
                language=code,
                theme=theme if theme.is_dir() else None,
                theme_shown_as=theme.as_posix(),
            )
        except ContentError as error:
            problems.extend(error.problems)
            if code == ENGLISH.code:
                break  # every translation is checked against the English: nothing to check it against
            continue
        stale = sum(len(t.stale) for t in content.translations)
        items = sum(len(phase.checklist) for phase in content.guide.phases)
        safety = content.safety.safety
        summaries.append(
            f"{code}: {len(content.guide.phases)} phases, {items} checklist items, "
            f"{len(safety.crisis.helplines)} crisis lines, {len(safety.helplines)} helplines"
            + (f", {stale} stale translations (see `make translations`)" if stale else "")
        )
    if problems:
        print(ContentError(problems), file=sys.stderr)
        return 1
    print(f"{folder}: all valid\n  " + "\n  ".join(summaries))
    return 0


def search_index(site: Path) -> int:
    try:
        written = write_indexes(site)
    except SearchIndexError as error:
        print(error, file=sys.stderr)
        return 1
    for index in written:
        target = index.root / INDEX_PATH
        size = target.stat().st_size
        print(f"{target}: {index.lang}, {len(index.pages)} pages, {len(index.docs)} entries, {size:,} bytes")
    return 0


def pages(out: Path) -> int:
    try:
        results = write_export(Path.cwd(), out)
    except (ContentError, ExportError) as error:
        print(error, file=sys.stderr)
        return 1
    for result in results:
        print(f"{out / result.config_name}: {len(result.pages)} pages into {out / result.site_dir}, no hooks")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
