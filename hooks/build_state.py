"""What this MkDocs run is, for every hook: set once, by guide_pages.py's on_startup (the first
hook in each mkdocs*.yml), and read by the hooks that skip work under `mkdocs serve`.

A plain module, not a hook: MkDocs loads each hook file as a module of its own, so state shared
between hooks lives here, imported by name.
"""

from __future__ import annotations

serving = False  # `mkdocs serve`: pages are kept as written, with no policy, for whoever edits them
