"""Build the hook-free export in every language with Zensical, as `make zensical` does:

  PYTHONPATH=hooks python hooks/build_zensical.py EXPORT_DIR [ZENSICAL]

EXPORT_DIR is what `python -m guide pages EXPORT_DIR` wrote. English first (`mkdocs.yml` into
EXPORT_DIR/site; Zensical empties that folder), then every `mkdocs.xx.yml` into site/xx/ at the
same time, each with `--strict`. Then what the hooks do to built HTML, over the whole tree:
the quiet ¶ links (hooks/permalinks.py's work), French typography on site/fr/
(hooks/typography.py's), the search index when that command exists, and last one
Content-Security-Policy for all (guide.csp), so the site has the same addresses and policy as
`make build`'s. Not done: hooks/bundle.py's two bundles (each script is its own file here),
nor the minifying and pruning of CSS (MAINTAINING.md, "Zensical, measured"). ZENSICAL defaults to .venv-zensical's.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from build_languages import run_together

from guide.export import config_name
from guide.policy.csp import apply_policy
from guide.rendering.permalinks import quiet_permalinks
from guide.rendering.typography import french_html
from guide.search_index import write_indexes
from guide.translations.languages import TRANSLATED

HOOKS = Path(__file__).resolve().parent
DEFAULT_ZENSICAL = HOOKS.parent / ".venv-zensical" / "bin" / "zensical"
FRENCH = "fr"


def build(export: Path, zensical: str) -> int:
    if "/" in zensical:  # a path, from here: the builds run in the export's folder
        zensical = str(Path(zensical).resolve())

    def command(config: str) -> list[str]:
        return [zensical, "build", "--strict", "-f", config]

    english = subprocess.run(command(config_name("en")), cwd=export, check=False)
    if english.returncode != 0:
        print("mkdocs.yml: the Zensical build failed (its messages are above)", file=sys.stderr)
        return 1
    # Each other language builds into a folder below the English site: at the same time, one
    # process each, their messages printed together once each ends.
    configs = [config_name(lang.code) for lang in TRANSLATED]
    if not run_together({config: command(config) for config in configs}, what="Zensical build", cwd=export):
        return 1
    site = export / "site"
    finish(site)
    return 0


def finish(site: Path) -> None:
    """What the hooks do to the built HTML, for a site no hook ran on: the quiet ¶ links
    (hooks/permalinks.py) and French typography (hooks/typography.py), page by page."""
    french = site / FRENCH
    for page in sorted(site.rglob("*.html")):
        html = quiet_permalinks(page.read_text(encoding="utf-8"))
        if page.is_relative_to(french):
            html = french_html(html)
        page.write_text(html, encoding="utf-8")
    # Search's index (ours, the same whatever engine built the site) after the pages' last
    # change, and the policy last of all.
    write_indexes(site)
    count = apply_policy(site)
    print(f"{site}: {1 + len(TRANSLATED)} languages built by Zensical, Content-Security-Policy on {count} pages")


if __name__ == "__main__":
    if len(sys.argv) not in (2, 3):
        print(__doc__, file=sys.stderr)
        raise SystemExit(2)
    raise SystemExit(build(Path(sys.argv[1]), sys.argv[2] if len(sys.argv) == 3 else str(DEFAULT_ZENSICAL)))
