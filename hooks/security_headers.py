"""MkDocs hooks: put the Content-Security-Policy into every built page (see csp.py).

Runs after the build, when every page exists, because each page's policy must allow the
inline scripts of all pages. Skipped under `mkdocs serve`: its live-reload script is injected
into pages as they are served and could not be allowed by hash.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from mkdocs.config.defaults import MkDocsConfig

from csp import headers_file, inline_script_hashes, policy, with_policy

_serving = False


def on_startup(*, command: Literal["build", "gh-deploy", "serve"], dirty: bool) -> None:
    global _serving
    _serving = command == "serve"


def on_post_build(*, config: MkDocsConfig) -> None:
    if _serving:
        return
    site = Path(config.site_dir)
    pages = sorted(site.rglob("*.html"))
    texts = {path: path.read_text(encoding="utf-8") for path in pages}
    hashes = set().union(*(inline_script_hashes(text) for text in texts.values()))
    meta_policy = policy(hashes)
    for path, text in texts.items():
        path.write_text(with_policy(text, meta_policy), encoding="utf-8")
    (site / "_headers").write_text(headers_file(policy(hashes, for_meta=False)), encoding="utf-8")
