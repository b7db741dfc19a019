# Every target sets itself up from a fresh clone: a virtual environment in .venv with the
# exact versions in requirements.lock. `make serve` and `make test` are the two to remember.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cksum < requirements.lock | cut -d' ' -f1)
HOST ?= 127.0.0.1
PORT ?= 8000
CHROMIUM ?= /usr/bin/chromium

# Material prints a banner about MkDocs 2 on every run unless this is set.
export NO_MKDOCS_2_WARNING := 1

.PHONY: setup serve build test test-fast lint system-deps schema lock clean bench export zensical
setup: $(STAMP)

$(STAMP): requirements.lock pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.lock
	rm -f $(VENV)/.installed-*
	touch $@

serve: setup
	@echo "Live reload follows docs/, content/, hooks/guide/templates/ and overrides/."
	@echo "After editing Python in hooks/, stop (Ctrl+C) and run make serve again."
	SITE_URL=http://$(HOST):$(PORT)/ $(BIN)/mkdocs serve --strict --dev-addr $(HOST):$(PORT)

# For another address than the one in mkdocs.yml: SITE_URL=https://example.org/ make build
build: setup
	$(BIN)/mkdocs build --strict --site-dir site

# Browser tests need Debian's Chromium, the HTML validator needs Java, and every build checks the
# scripts with Node.js (hooks/bundle.py): install whichever is missing from Debian's packages
# (as root, or through sudo).
system-deps:
	@missing=""; \
	  test -x $(CHROMIUM) || missing="$$missing chromium"; \
	  command -v node >/dev/null || missing="$$missing nodejs"; \
	  command -v java >/dev/null || missing="$$missing default-jre-headless"; \
	  if [ -n "$$missing" ]; then \
	    echo "Installing Debian packages for the tests:$$missing"; \
	    SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	    $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing; \
	  fi

test: setup system-deps
	$(BIN)/python -m pytest

# Unit, golden and build tests only: no browser.
test-fast: setup
	$(BIN)/python -m pytest -m "not browser"

# Style, types and content: the same checks CI runs (and .pre-commit-config.yaml, if used).
lint: setup
	$(BIN)/ruff format --check hooks tests bench
	$(BIN)/ruff check hooks tests bench
	$(BIN)/mypy
	$(BIN)/yamllint --strict .
	PYTHONPATH=hooks $(BIN)/python -m guide content

schema: setup
	PYTHONPATH=hooks $(BIN)/python -m guide.schema content/schema

# Re-resolve the newest versions that pyproject.toml allows and pin them (all extras but
# zensical, which stays out of the lock and of `make setup`).
lock:
	rm -rf .venv-lock && $(PYTHON) -m venv .venv-lock
	$(PYTHON) -c 'import tomllib; p = tomllib.load(open("pyproject.toml", "rb"))["project"]; print(*p["dependencies"], *(d for name, ds in p["optional-dependencies"].items() if name != "zensical" for d in ds), sep="\n")' > .venv-lock/wanted.txt
	.venv-lock/bin/python -m pip install --quiet --disable-pip-version-check -r .venv-lock/wanted.txt
	.venv-lock/bin/python -m pip freeze --disable-pip-version-check > requirements.lock
	rm -rf .venv-lock

# Measurements only (Lighthouse, page weight, build and serve times) into bench/results.md; see
# bench/run.py. Needs Node/npm and Debian's Chromium. `npm ci` reruns when the lock file changes.
bench: setup
	cd bench && { [ node_modules/.package-lock.json -nt package-lock.json ] || npm ci --no-audit --no-fund; }
	$(BIN)/python bench/run.py

# The site as a plain project with no hooks (export/mkdocs.yml, export/docs, export/overrides),
# for engines that run no hooks; see MAINTAINING.md.
export: setup
	PYTHONPATH=hooks $(BIN)/python -m guide pages export

# Build the export with Zensical (pinned in pyproject.toml's zensical extra, in its own
# .venv-zensical) into export/site, then add the Content-Security-Policy as the hook would.
zensical: export .venv-zensical/.installed
	cd export && ../.venv-zensical/bin/zensical build --strict -f mkdocs.yml
	PYTHONPATH=hooks $(BIN)/python -m csp_site export/site

.venv-zensical/.installed: pyproject.toml
	$(PYTHON) -m venv .venv-zensical
	$(PYTHON) -c 'import tomllib; print(*tomllib.load(open("pyproject.toml", "rb"))["project"]["optional-dependencies"]["zensical"], sep="\n")' > .venv-zensical/wanted.txt
	.venv-zensical/bin/python -m pip install --quiet --disable-pip-version-check -r .venv-zensical/wanted.txt
	touch $@

clean:
	rm -rf site export $(VENV) .venv-zensical
