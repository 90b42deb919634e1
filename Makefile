# Two entry points for a fresh machine: `make serve` (the handbook) and `make test` (every test).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
HOST ?= 127.0.0.1:8000
# MkDocs prints an English notice about its version 2 (which drops plugins; we pin <2).
export NO_MKDOCS_2_WARNING := 1
AXE_VERSION := 4.10.3
AXE := .cache/axe-core-$(AXE_VERSION)/axe.min.js
# The writing workshop (make atelier): decap-server pinned by tools/atelier/package-lock.json.
ATELIER_PORT := 8081
ATELIER := .cache/atelier
DECAP_SERVER := $(ATELIER)/node_modules/.bin/decap-server

.PHONY: serve atelier build generate test validate schema browser print-tools axe benchmark clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

validate: $(STAMP)
	$(BIN)/recettes validate

serve: validate
	$(BIN)/mkdocs serve --dirty --dev-addr $(HOST)

# The guide and its web form on this clone, no forge account needed: decap-server (npm, on
# 127.0.0.1 only) lets http://$(HOST)/admin/ write into recipes/ and ambassadors/.
atelier: validate $(DECAP_SERVER)
	@echo "Atelier d’écriture : http://$(HOST)/admin/ (Ctrl+C pour arrêter)"
	@PORT=$(ATELIER_PORT) BIND_HOST=127.0.0.1 GIT_REPO_DIRECTORY="$(CURDIR)" LOG_LEVEL=warn \
	  $(DECAP_SERVER) & server=$$!; trap 'kill $$server 2>/dev/null' EXIT INT TERM; \
	  $(BIN)/mkdocs serve --dirty --dev-addr $(HOST)

$(DECAP_SERVER): tools/atelier/package.json tools/atelier/package-lock.json
	mkdir -p $(ATELIER)
	cp tools/atelier/package.json tools/atelier/package-lock.json $(ATELIER)/
	cd $(ATELIER) && npm ci --silent --no-audit --no-fund
	touch $(DECAP_SERVER)

# The published handbook prints its cards and recueils (printable: true): Pango and fonts.
build: validate print-tools
	$(BIN)/mkdocs build --strict

# The handbook as plain Markdown in build/handbook/ (buildable without our plugin).
generate: $(STAMP)
	$(BIN)/recettes generate

schema: $(STAMP)
	$(BIN)/recettes schema

# Browser tests need Debian's chromium; install it when missing (root or sudo).
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq chromium >/dev/null; }

# Printing (recettes print, WeasyPrint): Pango, the DejaVu fonts the documents are set in, and
# pdftoppm (poppler-utils) with which the tests draw the PDFs; installed when missing.
PRINT_PACKAGES := libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core poppler-utils
print-tools:
	@command -v pdftoppm >/dev/null 2>&1 && fc-list | grep -q DejaVuSerif && \
	  ldconfig -p | grep -q libpangoft2 || { \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq $(PRINT_PACKAGES) >/dev/null; }

# axe-core (accessibility checks in the browser tests), from the npm registry into .cache/.
axe: $(AXE)
$(AXE):
	mkdir -p $(dir $(AXE))
	cd $(dir $(AXE)) && npm pack --silent axe-core@$(AXE_VERSION) >/dev/null \
	  && tar -xzf axe-core-$(AXE_VERSION).tgz --strip-components=1 package/axe.min.js \
	  && rm -f axe-core-$(AXE_VERSION).tgz

# Layers (import-linter), lint, types, then the suite on every core (pytest-xdist); decap-server
# is for the browser test of the web form.
test: $(STAMP) browser print-tools $(AXE) $(DECAP_SERVER)
	$(BIN)/lint-imports
	$(BIN)/ruff check tools tests benchmarks
	$(BIN)/mypy
	$(BIN)/pytest -n auto

# Build, search and live-preview timings beside their alternatives, medians and ratios (long at
# 10,000 recipes); a quick look: make benchmark BENCHMARK_RECIPES=200.
BENCHMARK_RECIPES ?= 1000 10000
benchmark: $(STAMP) browser
	$(BIN)/python benchmarks/build.py --recipes $(BENCHMARK_RECIPES)
	$(BIN)/python benchmarks/search.py --recipes $(BENCHMARK_RECIPES)
	$(BIN)/python benchmarks/preview.py --recipes $(firstword $(BENCHMARK_RECIPES))
	$(BIN)/python benchmarks/duplicates.py --recipes $(BENCHMARK_RECIPES)
	$(BIN)/python benchmarks/network.py --sources 10 --recipes $(firstword $(BENCHMARK_RECIPES))

clean:
	rm -rf $(VENV) site site.recettes-tmp site.recettes-old build .pytest_cache .cache test-artifacts
