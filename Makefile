# Two entry points for a fresh machine: `make serve` (the handbook) and `make test` (every test).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
HOST ?= 127.0.0.1:8000

.PHONY: serve build test validate schema browser clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

validate: $(STAMP)
	$(BIN)/recettes validate

serve: validate
	$(BIN)/mkdocs serve --dev-addr $(HOST)

build: validate
	$(BIN)/mkdocs build --strict

schema: $(STAMP)
	$(BIN)/recettes schema

# Browser tests need Debian's chromium; install it when missing (root or sudo).
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq chromium >/dev/null; }

test: $(STAMP) browser
	$(BIN)/pytest

clean:
	rm -rf $(VENV) site build .pytest_cache
