"""The ¶ permalink after each heading stays for anyone who wants to copy a link, but is not a
Tab stop of its own and is not read out as part of the heading ("Checklist ¶").

Python-Markdown's toc extension has no option for either, so the attributes are added to the
links it writes: by a build hook to each page's rendered body, by a build that runs no hooks
to each built page.
"""

from __future__ import annotations

import re

# A toc permalink not yet quieted (so running quiet_permalinks twice changes nothing).
_PERMALINK = re.compile(r'<a class="headerlink" (?!tabindex="-1")')


def quiet_permalinks(html: str) -> str:
    """Every toc permalink in `html`, out of the Tab order and hidden from screen readers."""
    return _PERMALINK.sub('<a class="headerlink" tabindex="-1" aria-hidden="true" ', html)
