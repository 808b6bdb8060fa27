# Two commands for a fresh machine (see README):
#   make serve   set up, build and serve the workbook on http://127.0.0.1:8000
#   make test    set up what the tests need and run them all
VENV    ?= .venv
PYTHON  ?= python3
PORT    ?= 8000
BIN     := $(VENV)/bin

.PHONY: serve test build bench setup setup-test clean

# tools/serve.py serves like a static host: gzip, cache lifetimes, 304s.
serve: build
	$(BIN)/python tools/serve.py site --port $(PORT)

# ruff first (seconds), then the tests in tiers, each timed: pure, the core
# under MicroPython, the pages in Chromium (tools/test_tiers.py).
test: setup-test
	$(BIN)/ruff check .
	$(BIN)/python tools/test_tiers.py

build: setup
	$(BIN)/python build.py

# Not part of the tests: they print figures (docs/PERFORMANCE.md). Lighthouse
# is a devDependency, installed for the benchmarks only.
bench: setup-test node_modules/.installed-bench
	$(BIN)/python bench/bench_score.py
	$(BIN)/python bench/bench_map.py
	$(BIN)/python bench/bench_review.py
	$(BIN)/python bench/bench_load.py
	$(BIN)/python bench/bench_wifi.py
	CHROME_PATH=$${TRUST_WORKBOOK_CHROMIUM:-/usr/bin/chromium} $(BIN)/python bench/bench_lighthouse.py
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

# The site needs only the runtime (dependencies); the benchmarks add Lighthouse.
node_modules/.installed: package.json package-lock.json
	npm ci --omit=dev --no-audit --no-fund
	touch $@

node_modules/.installed-bench: package.json package-lock.json
	npm ci --no-audit --no-fund
	touch $@ node_modules/.installed

clean:
	rm -rf site site-* $(VENV) node_modules
