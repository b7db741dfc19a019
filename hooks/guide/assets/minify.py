"""The site's own CSS and JavaScript minified in a built site. Pure: the build runs it after
writing the site, except under `mkdocs serve`, which keeps the files as written.

The sources (`components/`, `overrides/assets/`) keep their comments, which say why the code is as it is
(most of `site.css` was comments); readers on phones and prepaid data get the files without
them. Only our own folders are touched (`assets/css/`, `assets/js/`, where the bundles are
written): Material's files are minified already. The minifier is tdewolff/minify (PyPI
`tdewolff-minify`, the Go minifier Hugo uses): it parses the CSS and JavaScript, so it removes
comments and white space without misreading modern syntax, and shortens local names.
MAINTAINING.md says why this one (rjsmin, tried first, broke site.js).

The Content-Security-Policy hashes only inline scripts in the HTML (policy/csp.py), never these
files, so minifying them changes no hash.
"""

from __future__ import annotations

from pathlib import Path

import minify as tdewolff  # the tdewolff-minify package (absolute: not this module)

OURS = ("assets/css", "assets/js")
MEDIA_TYPES = {".css": "text/css", ".js": "application/javascript"}

# Local names are shortened too: about 1 KiB less on every page, gzipped. Each script is an
# IIFE, so no name is seen from outside; the sources keep theirs.
tdewolff.config({"js-keep-var-names": False})


def minified(text: str, media_type: str) -> str:
    """`text` minified as `media_type`; ValueError if the minifier cannot parse it."""
    try:
        out: str = tdewolff.string(media_type, text)
    except tdewolff.MinifyError as error:
        raise ValueError(str(error)) from None
    return out


def minify(path: Path) -> bool:
    """Minify one built file in place if it is CSS or JavaScript; whether it was. ValueError
    if it does not parse."""
    media_type = MEDIA_TYPES.get(path.suffix)
    if media_type is None:
        return False
    path.write_text(minified(path.read_text(encoding="utf-8"), media_type), encoding="utf-8")
    return True


def minify_site(site: Path) -> list[Path]:
    """Minify every CSS and JavaScript file under our own asset folders of a built site.
    ValueError, naming the file, for one that does not parse."""
    done = []
    for folder in OURS:
        for path in sorted((site / folder).rglob("*")):
            try:
                if path.is_file() and minify(path):
                    done.append(path)
            except ValueError as error:
                name = path.relative_to(site).as_posix()
                # A built file: the bundles join several sources, each marked in it by a comment.
                raise ValueError(f"{name}, as built: cannot be minified: {error}") from None
    return done
