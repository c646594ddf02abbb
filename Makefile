# Two commands set everything up on a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
# The demo's SQLite file: in this checkout (git ignores .demo/), never a name shared by
# everyone in the temp folder. Each run starts afresh; open it afterwards to look inside.
DEMO_DB ?= .demo/couple.db

.PHONY: demo test lint typecheck pytest postgres-binaries browser docs examples bench diagrams catalogs clean

$(BIN)/python:
	$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "repairkit needs Python 3.11 or newer")'
	$(PYTHON) -m venv $(VENV)

# pip learned dependency groups (PEP 735) in 25.1; a fresh venv may ship an older one.
$(STAMP): $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install --quiet --upgrade "pip>=25.1"
	$(BIN)/python -m pip install --quiet --editable . --group dev
	touch $(STAMP)

demo: $(STAMP)
	mkdir -p $(dir $(DEMO_DB))
	rm -f $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm
	$(BIN)/python examples/request_negotiation.py $(DEMO_DB)

lint: $(STAMP)
	$(BIN)/ruff check src tests examples bench docs scripts
	$(BIN)/ruff format --check src tests examples bench docs scripts
	$(BIN)/lint-imports
	$(BIN)/python scripts/catalogs.py --check

typecheck: $(STAMP)
	$(BIN)/mypy

# The PostgreSQL tests run against a real server that the tests start (initdb + pg_ctl
# on a free loopback port). Its binaries are installed here when missing and we may;
# otherwise this fails with one line saying how. It never skips them.
postgres-binaries: $(STAMP)
	@$(BIN)/python -c 'from repairkit.testing.postgres import find_binaries; find_binaries()' 2>/dev/null \
	|| { if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	       echo "Installing the PostgreSQL server binaries (apt-get install postgresql)"; \
	       apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null; \
	     else \
	       echo "make test needs the PostgreSQL server binaries: run 'apt-get install postgresql' (or put initdb and pg_ctl on PATH)."; \
	       exit 1; \
	     fi; }

# tests/test_site.py drives a headless Chromium to see the site's diagrams drawn: it is
# installed here from the system's packages when missing and we may. Without it, that
# test checks the built HTML for the diagram instead (it records which check ran).
browser: $(STAMP)
	@command -v chromium >/dev/null || command -v chromium-browser >/dev/null \
	|| { if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	       echo "Installing Chromium for tests/test_site.py (apt-get install chromium)"; \
	       apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null \
	       || echo "Chromium could not be installed: tests/test_site.py checks the built HTML."; \
	     else \
	       echo "No Chromium: tests/test_site.py checks the built HTML for the diagrams."; \
	     fi; }

pytest: $(STAMP) postgres-binaries browser
	$(BIN)/python -m pytest

# The documentation site, built with --strict (a broken link, a missing reference or a
# failing example in the gallery fails it) into build/site; open build/site/index.html.
docs: $(STAMP)
	NO_MKDOCS_2_WARNING=1 $(BIN)/mkdocs build --strict

examples: $(STAMP)
	@set -e; for script in examples/*.py; do \
		echo "== $$script"; $(BIN)/python $$script > /dev/null; \
	done

test: lint typecheck docs pytest examples

bench: $(STAMP)
	$(BIN)/python bench/run.py --postgres

diagrams: $(STAMP)
	$(BIN)/python docs/generate.py

# The message catalogs (src/repairkit/locale): extract the texts, bring every language's
# .po up to date (a new text waits there untranslated), compile the .mo files with Babel.
# `make lint` (so `make test`) runs it with --check: the shipped catalogs match the sources.
catalogs: $(STAMP)
	$(BIN)/python scripts/catalogs.py

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache .hypothesis
