# Quick start: `make serve` builds and serves the sample portal; `make test` runs every test.
VENV := .venv
BIN := $(VENV)/bin
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve build build-internal check test

serve: $(VENV)/installed
	$(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000

build: $(VENV)/installed
	$(BIN)/mkdocs build --strict

build-internal: $(VENV)/installed
	PORTAL_INTERNAL=true $(BIN)/mkdocs build --strict

check: $(VENV)/installed
	$(BIN)/python scripts/check.py

test: $(VENV)/installed-dev node_modules/.package-lock.json /usr/bin/chromium /usr/bin/java
	$(BIN)/pytest -ra

$(VENV)/installed: requirements.txt pyproject.toml
	python3 -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

$(VENV)/installed-dev: $(VENV)/installed requirements-dev.txt
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $@

/usr/bin/chromium /usr/bin/java &:
	bash scripts/install-debian-packages.sh

node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
