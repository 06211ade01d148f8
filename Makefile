# Set-up and the two everyday commands: `make serve` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
ASSETS := src/humanict/web/assets

LOCALE := src/humanict/locale

.PHONY: serve test install assets catalogues browser fonts bench postgres

serve: install fonts
	$(BIN)/humanict serve

test: install browser fonts postgres
	$(BIN)/pytest

install: $(VENV)/.installed assets catalogues

$(VENV)/.installed: pyproject.toml Makefile
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test,fast,rain]'
	touch $@

# Translations: each messages.po compiled to the messages.mo the app reads (Babel's writer;
# tests/i18n checks the placeholders, which pybabel's checker misreads in "% of GNI").
catalogues: $(LOCALE)/.compiled

$(LOCALE)/.compiled: $(wildcard $(LOCALE)/*/LC_MESSAGES/messages.po) $(VENV)/.installed
	$(BIN)/humanict i18n compile >/dev/null
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

# Fonts for charts and PDF briefs in Chinese and Arabic (Debian's Noto fonts), only if missing.
fonts:
	@test -f /usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc \
		-a -f /usr/share/fonts/truetype/noto/NotoSansArabic-Regular.ttf || { apt-get update -qq \
		&& DEBIAN_FRONTEND=noninteractive apt-get install -y -qq fonts-noto-cjk fonts-noto-core \
		>/dev/null; }

# PostgreSQL on 127.0.0.1:5432 (trust auth, database `test`) for the ballot registry tests.
postgres:
	@command -v pg_ctlcluster >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive \
		apt-get install -y -qq postgresql >/dev/null && sed -i -E \
		's/^(host +all +all +127\.0\.0\.1\/32 +)[a-z0-9-]+/\1trust/' \
		/etc/postgresql/*/main/pg_hba.conf && { pg_ctlcluster --skip-systemctl-redirect \
		$$(ls /etc/postgresql | sort -n | tail -1) main reload 2>/dev/null || true; }; }
	@pg_isready -h 127.0.0.1 -q || pg_ctlcluster --skip-systemctl-redirect \
		$$(ls /etc/postgresql | sort -n | tail -1) main start
	@for i in $$(seq 30); do pg_isready -h 127.0.0.1 -q && break; sleep 1; done; \
		pg_isready -h 127.0.0.1 -q || { echo "PostgreSQL did not start" >&2; exit 1; }
	@psql -h 127.0.0.1 -U postgres -tAc "SELECT 1 FROM pg_database WHERE datname='test'" \
		| grep -q 1 || psql -h 127.0.0.1 -U postgres -c "CREATE DATABASE test" >/dev/null

bench: install postgres
	for script in benchmarks/bench_*.py; do echo "== $$script"; $(BIN)/python $$script || exit 1; done
