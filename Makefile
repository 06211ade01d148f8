# Set-up and the two everyday commands: `make serve` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
ASSETS := src/humanict/web/assets

.PHONY: serve test install assets browser bench

serve: install
	$(BIN)/humanict serve

test: install browser
	$(BIN)/pytest

install: $(VENV)/.installed assets

$(VENV)/.installed: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test,rain]'
	touch $@

# Front-end packages (map geometry, d3, swagger-ui) from the npm registry, served locally.
assets: $(ASSETS)/node_modules/.installed

$(ASSETS)/node_modules/.installed: $(ASSETS)/package.json
	cd $(ASSETS) && npm install --no-audit --no-fund --loglevel=error
	touch $@

# Debian's Chromium for the browser tests (Playwright drives /usr/bin/chromium).
browser:
	@test -x /usr/bin/chromium || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive \
		apt-get install -y -qq chromium >/dev/null; }

bench: install
	$(BIN)/python benchmarks/bench_warehouse_and_index.py
