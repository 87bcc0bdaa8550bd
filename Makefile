# Quick start: `make serve` builds and serves the sample portal; `make test` runs every test.
VENV := .venv
BIN := $(VENV)/bin
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve build build-internal check translations test mutants debian-packages fonts bench-tools guard embargo-due

serve: $(VENV)/installed fonts
	$(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000

build: $(VENV)/installed fonts
	$(BIN)/mkdocs build --strict

build-internal: $(VENV)/installed fonts
	PORTAL_INTERNAL=true $(BIN)/mkdocs build --strict

check: $(VENV)/installed
	$(BIN)/python scripts/check.py

translations: $(VENV)/installed
	$(BIN)/python scripts/translations.py

guard: $(VENV)/installed
	$(BIN)/python scripts/guard.py

# Exit status 0 when an embargo lifted within the last 30 minutes: the scheduled deploy runs then.
embargo-due: $(VENV)/installed
	$(BIN)/python scripts/embargoes.py --due-within 30

# In a job that is itself a fresh environment (the pull-request job's container, or the one
# tests/test_fresh_environment.py makes), the test that recreates such an environment is left out.
test: $(VENV)/installed-dev debian-packages node_modules/.package-lock.json
	$(BIN)/pytest -ra $(if $(PORTAL_FRESH_ENVIRONMENT),-m "not fresh_environment")

# Mutation testing of the modules that guard trust against the fast tests (not part of `make test`; see MUTANTS.md).
# MODULES=publish narrows it to some modules.
mutants: $(VENV)/installed-dev
	$(BIN)/python scripts/mutants.py $(MODULES)

$(VENV)/installed: requirements.txt pyproject.toml
	python3 -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

$(VENV)/installed-dev: $(VENV)/installed requirements-dev.txt
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $@

debian-packages:
	bash scripts/install-debian-packages.sh

# What a build needs from Debian beyond Python: the font of the link-preview cards (fonts-noto-core).
fonts:
	bash scripts/install-debian-packages.sh --fonts

# What scripts/benchmark.py needs: Playwright, and from Debian chromium and Hugo (see BENCHMARK.md).
bench-tools: $(VENV)/installed-dev
	bash scripts/install-debian-packages.sh --benchmark

node_modules/.package-lock.json: package.json package-lock.json | debian-packages
	npm ci --no-audit --no-fund --loglevel=error
