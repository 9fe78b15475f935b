# Two commands on a fresh machine: `make run` and `make test`. See README.md.
SHELL := /bin/bash
.DEFAULT_GOAL := help

# The newest Python 3.12+ on this machine (pyenv's, through .python-version, counts).
PYTHON ?= $(shell for p in python3.13 python3.12 python3.14 python3; do \
	command -v $$p >/dev/null 2>&1 && $$p -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null \
	&& { echo $$p; break; }; done)
VENV := .venv
BIN := $(VENV)/bin
NHSUK := node_modules/nhsuk-frontend/dist/nhsuk
VENDOR := static/vendor
STAMP := .make

.PHONY: help install assets browser run serve test lint bench audit lock backup restore clean \
	messages screenshots

help:
	@echo "make run    set everything up and serve the portal with demo data on http://127.0.0.1:8000"
	@echo "make test   set everything up and run the whole test suite (ruff included)"
	@echo "make audit  look for known vulnerabilities in Python and npm packages (needs the network)"
	@echo "make screenshots  every page as each kind of user, as PNGs under var/screenshots/"

$(STAMP):
	@mkdir -p $(STAMP) var/celery-queue var/celery-processed var/celery-control

# Python packages, exactly as locked (hashes checked).
$(STAMP)/python: requirements-dev.lock | $(STAMP)
	@test -n "$(PYTHON)" || { echo "Python 3.12 or newer is needed; none was found." >&2; exit 1; }
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes --no-deps -r requirements-dev.lock
	@touch $@

# npm packages, exactly as locked.
$(STAMP)/npm: package-lock.json | $(STAMP)
	@command -v npm >/dev/null || { echo "Node.js 20+ and npm are needed; install them first." >&2; exit 1; }
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

# nhsuk-frontend's built JS and images, and our Sass compiled against it, into the static pipeline.
$(STAMP)/assets: $(STAMP)/npm $(wildcard static/scss/*.scss) Makefile | $(STAMP)
	rm -rf $(VENDOR) && mkdir -p $(VENDOR)/nhsuk
	cp -r $(NHSUK)/assets $(VENDOR)/nhsuk/assets
	cp $(NHSUK)/nhsuk-frontend.min.js $(VENDOR)/nhsuk/
	mkdir -p $(VENDOR)/autocomplete
	cp node_modules/accessible-autocomplete/dist/accessible-autocomplete.min.js \
		node_modules/accessible-autocomplete/dist/accessible-autocomplete.min.js.map $(VENDOR)/autocomplete/
	node_modules/.bin/sass --load-path=node_modules --style=compressed --no-source-map \
		static/scss/portal.scss $(VENDOR)/portal.css
	@touch $@

# Debian's Chromium for the browser tests (Playwright's own download cannot work here).
browser:
	@test -x /usr/bin/chromium || { \
		echo "Installing Debian's chromium for the browser tests"; \
		if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
		$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium; }

install: $(STAMP)/python $(STAMP)/assets

run: install
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py collectstatic --noinput -v0
	$(BIN)/python manage.py seed_demo
	$(BIN)/python manage.py publish_open_data
	$(MAKE) --no-print-directory serve

# The web server, a Celery worker and beat together; Ctrl-C stops all three.
serve:
	@trap 'kill 0' EXIT INT TERM; \
	REMINDER_SWEEP_EVERY_SECONDS=$${REMINDER_SWEEP_EVERY_SECONDS:-60} \
		$(BIN)/celery -A config worker --beat --loglevel=INFO --concurrency=2 & \
	$(BIN)/python manage.py runserver --noreload 127.0.0.1:8000

test: install browser
	$(BIN)/ruff check .
	DJANGO_ALLOW_ASYNC_UNSAFE=true $(BIN)/pytest $(PYTEST_ARGS)

# Every page of every journey as each role, in Chromium, saved under var/screenshots/<role>/.
screenshots: install browser
	rm -rf var/screenshots
	DJANGO_ALLOW_ASYNC_UNSAFE=true $(BIN)/pytest tests/browser -q $(PYTEST_ARGS)
	@echo "Screenshots: var/screenshots/<role>/<page>.png"

lint: $(STAMP)/python
	$(BIN)/ruff check .

# Known vulnerabilities in the locked packages; says NOT CHECKED when the advisories are unreachable.
audit: $(STAMP)/python $(STAMP)/npm
	$(BIN)/python .ci/audit.py

# Load test at 10,000 partnerships on this machine's PostgreSQL and Redis (bench/run.py; README,
# Performance). BENCH_ARGS: --duration 10, --no-soak, --no-sweep, --reseed, --pages a,b.
bench: install
	@command -v wrk >/dev/null || { \
		echo "Installing Debian's wrk for the benchmark"; \
		if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
		$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq wrk; }
	$(BIN)/python bench/run.py $(BENCH_ARGS)

# The database to a file (pg_dump's custom format for PostgreSQL; a copy for SQLite), and back.
# make backup [FILE=backups/x.dump]; make restore FILE=backups/x.dump (replaces everything).
backup: $(STAMP)/python
	$(BIN)/python manage.py backup $(if $(FILE),--output "$(FILE)")

restore: $(STAMP)/python
	@test -n "$(FILE)" || { echo "Say which backup: make restore FILE=backups/portal-....dump" >&2; exit 1; }
	$(BIN)/python manage.py restore --yes "$(FILE)"

# allauth's words in the service's voice: rebuild the .po from locale/build_en_gb.py and compile
# it (needs GNU gettext's msgfmt). The .mo is committed, so a fresh machine needs neither.
messages: $(STAMP)/python
	$(BIN)/python locale/build_en_gb.py
	msgfmt --check -o locale/en_GB/LC_MESSAGES/django.mo locale/en_GB/LC_MESSAGES/django.po

# Regenerate the Python lock files after changing pyproject.toml.
lock: $(STAMP)/python
	$(BIN)/python -m pip install --quiet uv
	$(BIN)/uv pip compile pyproject.toml --universal --python-version 3.12 --generate-hashes -o requirements.lock
	$(BIN)/uv pip compile pyproject.toml --group dev --universal --python-version 3.12 --generate-hashes -o requirements-dev.lock

clean:
	rm -rf $(VENV) node_modules $(VENDOR) staticfiles $(STAMP)
