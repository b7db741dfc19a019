# Every target sets itself up from a fresh clone: a virtual environment in .venv with the
# exact versions in requirements.lock. `make serve` and `make test` are the two to remember.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cksum < requirements.lock | cut -d' ' -f1)
HOST ?= 127.0.0.1
PORT ?= 8000
CHROMIUM ?= /usr/bin/chromium-headless-shell

# Material prints a banner about MkDocs 2 on every run unless this is set.
export NO_MKDOCS_2_WARNING := 1

.PHONY: setup serve preview translations build test test-engines test-unit test-fast test-pyramid test-repeat lint system-deps schema lock clean bench bench-quick bench-record bench-deps export zensical zensical-env
setup: $(STAMP)

$(STAMP): requirements.lock pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.lock
	rm -f $(VENV)/.installed-*
	touch $@

# One language at a time, with live reload: `make serve` is English, `make serve LANGUAGE=es`
# the Spanish, each at http://127.0.0.1:8000/ (the switch's links to other languages have
# nothing to show there). `make preview` builds and serves every language together, at their
# real paths, without live reload.
LANGUAGE ?= en
LANGUAGE_CONFIG := $(if $(filter en,$(LANGUAGE)),mkdocs.yml,mkdocs.$(LANGUAGE).yml)
serve: setup
	@echo "Live reload follows docs/, content/, hooks/guide/rendering/templates/, components/ and overrides/."
	@echo "After editing Python in hooks/, stop (Ctrl+C) and run make serve again."
	SITE_URL=http://$(HOST):$(PORT)/ $(BIN)/mkdocs serve --strict -f $(LANGUAGE_CONFIG) --dev-addr $(HOST):$(PORT)

# Every language: English into site/, then each mkdocs.xx.yml into site/xx/, then one
# Content-Security-Policy for all (hooks/build_languages.py). For another address:
# SITE_URL=https://example.org/ make build
build: setup
	PYTHONPATH=hooks $(BIN)/python hooks/build_languages.py site

preview:
	SITE_URL=http://$(HOST):$(PORT)/ $(MAKE) build
	$(BIN)/python -m http.server --bind $(HOST) --directory site $(PORT)

# Per language: how many fields are translated, stale (the English changed since) and missing.
translations: setup
	PYTHONPATH=hooks $(BIN)/python -m guide translations

# Browser tests need Debian's Chromium (its headless build, chromium-headless-shell, and the
# full browser for the back-forward cache), the HTML validator needs Java, every build checks the
# scripts with Node.js (hooks/bundle.py), and tests/engines/ needs WebKit (WebKitWebDriver,
# MiniBrowser and its GObject bindings), Firefox ESR, Xvfb for WebKit's window, and poppler's
# pdftoppm to look at printed pages: install whichever is missing from Debian's packages (as
# root, or through sudo). No browser is downloaded from anywhere else.
WEBKIT_LIB := /usr/lib/x86_64-linux-gnu
system-deps:
	@missing=""; \
	  test -x /usr/bin/chromium || missing="$$missing chromium"; \
	  test -x $(CHROMIUM) || missing="$$missing chromium-headless-shell"; \
	  command -v node >/dev/null || missing="$$missing nodejs"; \
	  command -v java >/dev/null || missing="$$missing default-jre-headless"; \
	  test -x /usr/bin/WebKitWebDriver || missing="$$missing webkit2gtk-driver"; \
	  test -f $(WEBKIT_LIB)/girepository-1.0/WebKit2-4.1.typelib || missing="$$missing gir1.2-webkit2-4.1"; \
	  /usr/bin/python3 -c 'import gi' 2>/dev/null || missing="$$missing python3-gi"; \
	  test -x /usr/bin/firefox-esr || missing="$$missing firefox-esr"; \
	  command -v Xvfb >/dev/null || missing="$$missing xvfb"; \
	  command -v pdftoppm >/dev/null || missing="$$missing poppler-utils"; \
	  if [ -n "$$missing" ]; then \
	    echo "Installing Debian packages for the tests:$$missing"; \
	    SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	    $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing; \
	  fi

# --dist loadgroup: the tests marked xdist_group (those that build a changed copy of the
# project, and the engine tests) go to one worker per group, so each such build is made once.
# The hook-free stack is tested too: zensical-env installs the pinned Zensical, and the suite
# builds every language with it once (tests/conftest.py) and compares it with the hooks' build.
test: setup system-deps zensical-env
	$(BIN)/python -m pytest -n auto --dist loadgroup

# The safety behaviours, print and console checks in WebKit and Firefox only (tests/engines/).
test-engines: setup system-deps
	$(BIN)/python -m pytest -m engines

# The bottom of the pyramid: pure Python and the scripts' pure logic (under Node.js), no build,
# browser or Java (tests/unit/).
test-unit: setup
	$(BIN)/python -m pytest -n auto tests/unit

# Unit, golden and build tests, the built site read as files: no browser, no Java, and no
# retraining of the message-check models (their digest is checked instead).
test-fast: setup
	$(BIN)/python -m pytest -n auto --dist loadgroup -m "not browser and not java and not slow"

# How many tests each layer of the pyramid holds (a collection, no test run); and the whole
# `make test` RUNS times in a row as CI runs it, each result and time appended to
# bench/test-runs.md (bench/test_runs.py).
test-pyramid: setup
	$(BIN)/python bench/test_runs.py --pyramid

RUNS ?= 10
test-repeat: setup system-deps zensical-env
	$(BIN)/python bench/test_runs.py --runs $(RUNS) --record

# Style, types and content: the same checks CI runs (and .pre-commit-config.yaml, if used).
lint: setup node_modules/.package-lock.json
	node_modules/.bin/biome lint --error-on-warnings
	$(BIN)/ruff format --check conftest.py hooks tests components bench
	$(BIN)/ruff check conftest.py hooks tests components bench
	$(BIN)/mypy
	$(BIN)/yamllint --strict .
	PYTHONPATH=hooks $(BIN)/python -m guide content

# Biome (JavaScript and CSS lint), pinned by package-lock.json; npm ci reruns when the lock changes.
node_modules/.package-lock.json: package-lock.json
	@command -v npm >/dev/null || { \
	  echo "Installing Debian's npm for make lint"; SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq npm; }
	npm ci --no-audit --no-fund --loglevel=error

schema: setup
	PYTHONPATH=hooks $(BIN)/python -m guide.content.schema content/schema

# Re-resolve the newest versions that pyproject.toml allows and pin them (all extras but
# zensical, which stays out of the lock and of `make setup`).
lock:
	rm -rf .venv-lock && $(PYTHON) -m venv .venv-lock
	$(PYTHON) -c 'import tomllib; p = tomllib.load(open("pyproject.toml", "rb"))["project"]; print(*p["dependencies"], *(d for name, ds in p["optional-dependencies"].items() if name != "zensical" for d in ds), sep="\n")' > .venv-lock/wanted.txt
	.venv-lock/bin/python -m pip install --quiet --disable-pip-version-check -r .venv-lock/wanted.txt
	.venv-lock/bin/python -m pip freeze --disable-pip-version-check > requirements.lock
	rm -rf .venv-lock

# Measurements only (Lighthouse, page weight, build and serve times); see bench/run.py. Results
# go to bench-results/ (ignored by git). bench-record also rewrites the tracked bench/results.md,
# the figures README quotes; bench-quick measures less, in under two minutes. Needs Node/npm and
# Debian's Chromium. `npm ci` reruns when the lock file changes.
bench: bench-deps
	$(BIN)/python bench/run.py

bench-quick: bench-deps
	$(BIN)/python bench/run.py --quick

bench-record: bench-deps
	$(BIN)/python bench/run.py --record

bench-deps: setup
	cd bench && { [ node_modules/.package-lock.json -nt package-lock.json ] || npm ci --no-audit --no-fund; }

# The site in every language as plain projects with no hooks (export/mkdocs.yml and
# mkdocs.xx.yml, each language's docs, export/overrides), for engines that run no hooks; see
# MAINTAINING.md. The addresses are those of SITE_URL (or mkdocs.yml's), read when exporting.
export: setup
	PYTHONPATH=hooks $(BIN)/python -m guide pages export

# Build every language of the export with Zensical into export/site (English) and
# export/site/xx/, the same addresses as `make build`'s; then French typography, the search
# index (once `python -m guide search-index` exists) and one Content-Security-Policy, as the
# hooks would (hooks/build_zensical.py). Serve it: python3 -m http.server -d export/site
zensical: export zensical-env
	PYTHONPATH=hooks $(BIN)/python hooks/build_zensical.py export .venv-zensical/bin/zensical

# Zensical, pinned exactly in pyproject.toml's zensical extra, in its own .venv-zensical (it
# is not in requirements.lock: its dependencies are not MkDocs'). Reinstalled when the pin moves.
zensical-env: .venv-zensical/.installed

.venv-zensical/.installed: pyproject.toml
	$(PYTHON) -m venv .venv-zensical
	$(PYTHON) -c 'import tomllib; print(*tomllib.load(open("pyproject.toml", "rb"))["project"]["optional-dependencies"]["zensical"], sep="\n")' > .venv-zensical/wanted.txt
	.venv-zensical/bin/python -m pip install --quiet --disable-pip-version-check -r .venv-zensical/wanted.txt
	touch $@

clean:
	rm -rf site export $(VENV) .venv-zensical node_modules
