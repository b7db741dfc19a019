"""Put the Content-Security-Policy into an already built site, whatever engine built it:

  PYTHONPATH=hooks python -m csp_site SITE_DIR

The same policy hooks/security_headers.py writes after `mkdocs build`, for engines that run no
hooks (Zensical builds of `python -m guide pages`, MkDocs 2); the work is guide.policy.csp's
`apply_policy`, this is only its command line. Running it twice gives the same result.
"""

from __future__ import annotations

import sys
from pathlib import Path

from guide.policy.csp import apply_policy


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
