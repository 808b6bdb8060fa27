# Two commands for a fresh machine (see README):
#   make serve   set up, build and serve the workbook on http://127.0.0.1:8000
#   make test    set up what the tests need and run them all
VENV    ?= .venv
PYTHON  ?= python3
PORT    ?= 8000
BIN     := $(VENV)/bin

.PHONY: serve test build bench setup setup-test clean

serve: build
	@echo "Trust Workbook: http://127.0.0.1:$(PORT)/"
	$(BIN)/python -m http.server $(PORT) --bind 127.0.0.1 --directory site

# ruff first (seconds), then the tests in tiers, each timed: pure, the core
# under MicroPython, the pages in Chromium (tools/test_tiers.py).
test: setup-test
	$(BIN)/ruff check .
	$(BIN)/python tools/test_tiers.py

build: setup
	$(BIN)/python build.py

bench: setup-test
	$(BIN)/python bench/bench_score.py
	$(BIN)/python bench/bench_load.py
	$(BIN)/python bench/bench_facilitator.py
	$(BIN)/python bench/bench_long_text.py

setup: $(VENV)/.installed node_modules/.installed

setup-test: setup $(VENV)/.installed-test
	@bash tools/ensure-chromium.sh
	@bash tools/ensure-engines.sh

$(VENV)/.installed: requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

$(VENV)/.installed-test: requirements-test.txt requirements.txt
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements-test.txt
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund
	touch $@

clean:
	rm -rf site site-* $(VENV) node_modules
