"""Put the Content-Security-Policy into an already built site, whatever engine built it:

  PYTHONPATH=hooks python -m csp_site SITE_DIR

The same step hooks/security_headers.py runs after `mkdocs build`, for engines that run no
hooks (Zensical builds of `python -m guide pages`, MkDocs 2): every page gets one policy that
allows, by hash, the inline scripts the templates wrote on all pages (those outside each
page's content article); a script inside the content is refused. SITE_DIR/_headers gets the
header form.
Running it twice gives the same result (csp.with_policy replaces an earlier policy).
"""

from __future__ import annotations

import sys
from pathlib import Path

from csp import article_body, headers_file, policy, script_tags, theme_script_hashes, with_policy


def apply_policy(site: Path) -> int:
    """Write the policy into every HTML page under `site` and `site/_headers`; the page count."""
    pages = sorted(site.rglob("*.html"))
    if not pages:
        raise ValueError(f"{site}: no HTML pages, so no built site to protect")
    texts = {path: path.read_text(encoding="utf-8") for path in pages}
    # As in the MkDocs build, only scripts the templates wrote are allowed: here the page's own
    # content is its article, and a script in it is refused rather than hashed.
    bodies = {path: article_body(text) for path, text in texts.items()}
    strays = [path.relative_to(site).as_posix() for path, body in bodies.items() if script_tags(body)]
    if strays:
        raise ValueError(f"{site}: a <script> in the page content of: {', '.join(strays)}")
    hashes = set().union(*(theme_script_hashes(texts[path], body) for path, body in bodies.items()))
    meta_policy = policy(hashes)
    for path, text in texts.items():
        path.write_text(with_policy(text, meta_policy), encoding="utf-8")
    (site / "_headers").write_text(headers_file(policy(hashes, for_meta=False)), encoding="utf-8")
    return len(pages)


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print("usage: PYTHONPATH=hooks python -m csp_site SITE_DIR", file=sys.stderr)
        return 2
    try:
        count = apply_policy(Path(argv[1]))
    except (OSError, ValueError) as error:
        print(error, file=sys.stderr)
        return 1
    print(f"{argv[1]}: Content-Security-Policy on {count} pages, and _headers")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
