# Two commands set everything up on a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
DEMO_DB ?= $(or $(TMPDIR),/tmp)/repairkit-demo.db

.PHONY: demo test lint typecheck pytest examples bench diagrams clean

$(BIN)/python:
	$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "repairkit needs Python 3.11 or newer")'
	$(PYTHON) -m venv $(VENV)

# pip learned dependency groups (PEP 735) in 25.1; a fresh venv may ship an older one.
$(STAMP): $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install --quiet --upgrade "pip>=25.1"
	$(BIN)/python -m pip install --quiet --editable . --group dev
	touch $(STAMP)

demo: $(STAMP)
	rm -f $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm
	$(BIN)/python examples/request_negotiation.py $(DEMO_DB)

lint: $(STAMP)
	$(BIN)/ruff check src tests examples bench docs
	$(BIN)/ruff format --check src tests examples bench docs
	$(BIN)/lint-imports

typecheck: $(STAMP)
	$(BIN)/mypy

pytest: $(STAMP)
	$(BIN)/python -m pytest

examples: $(STAMP)
	@set -e; for script in examples/*.py; do \
		echo "== $$script"; $(BIN)/python $$script > /dev/null; \
	done

test: lint typecheck pytest examples

bench: $(STAMP)
	$(BIN)/python bench/run.py

diagrams: $(STAMP)
	$(BIN)/python docs/generate.py

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache .hypothesis
