"""Build the site in every language into one folder, as `make build` does:

  PYTHONPATH=hooks python hooks/build_languages.py SITE_DIR [mkdocs build options]

English into SITE_DIR first (its build empties the folder), then every `mkdocs.xx.yml` into
SITE_DIR/xx/ at the same time (one process each, so each core builds one), each with
`--strict`; each build's messages are printed together, in order, once it ends. Last, one
Content-Security-Policy allowing the template scripts of every language (guide.policy.csp), because
a host reads a single _headers file at the root. Tests build the same way, through this script.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from guide.policy.csp import apply_policy
from guide.translations.languages import TRANSLATED


def build(site: Path, extra: list[str]) -> int:
    def command(config: str, out: Path) -> list[str]:
        return [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", config, "--site-dir", str(out), *extra]

    if subprocess.run(command("mkdocs.yml", site), check=False).returncode != 0:
        print("mkdocs.yml: the build failed (its messages are above)", file=sys.stderr)
        return 1
    configs = {f"mkdocs.{lang.code}.yml": site / lang.code for lang in TRANSLATED}
    if not run_together({config: command(config, out) for config, out in configs.items()}, what="build"):
        return 1
    count = apply_policy(site)
    print(f"{site}: {1 + len(configs)} languages, Content-Security-Policy on {count} pages, and one _headers")
    return 0


def run_together(commands: dict[str, list[str]], *, what: str, cwd: Path | None = None) -> bool:
    """Run each named command at the same time (one process each, so each core builds one) and
    print each one's messages together, in order, once it ends; whether all succeeded."""
    running = {
        name: subprocess.Popen(command, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        for name, command in commands.items()
    }
    failed = False
    for name, process in running.items():
        output, _ = process.communicate()
        print(output, end="", file=sys.stderr)
        if process.returncode != 0:
            print(f"{name}: the {what} failed (its messages are above)", file=sys.stderr)
            failed = True
    return not failed


if __name__ == "__main__":
    if len(sys.argv) < 2:
        print(__doc__, file=sys.stderr)
        raise SystemExit(2)
    raise SystemExit(build(Path(sys.argv[1]), sys.argv[2:]))
