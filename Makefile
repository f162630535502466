# Two commands take a fresh machine to a running portal (`make run`) and a green suite (`make test`).
# Everything they need is installed into .venv by `make install`; nothing is installed by hand.

PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed-stamp
HOST   ?= 127.0.0.1
PORT   ?= 8000

CHROMIUM ?= /usr/bin/chromium
SCREENSHOTS_DIR ?= docs/screenshots

.PHONY: bench soak audit help install browser redis pango run serve migrate demo test lint format check clean screenshots backup restore

help:
	@echo "make run      install, migrate, load demo content and serve on http://$(HOST):$(PORT)"
	@echo "make test     install and run the whole test suite (SQLite, or DATABASE_URL)"
	@echo "make install  create .venv and install the portal with its test tools"
	@echo "make browser  install Debian's chromium for the browser tests, if it is missing"
	@echo "make redis    install Debian's redis-server for the cache fault tests, if it is missing"
	@echo "make pango    install Debian's Pango for the appointment sheet's PDF (WeasyPrint), if it is missing"
	@echo "make screenshots  save phone and desktop screenshots of the main pages to $(SCREENSHOTS_DIR)"
	@echo "make lint     ruff check, ruff format --check, the apps' layers (lint-imports), makemigrations --check"
	@echo "make format   apply ruff's fixes and formatting"
	@echo "make audit    known vulnerabilities in dependencies (pip-audit) and ruff's security rules"
	@echo "make bench    benchmark table: static vs page, community pages at 100k replies, Varnish vs nginx"
	@echo "make soak     5 minutes of reading and posting at 50 clients against gunicorn (PostgreSQL, Redis)"
	@echo "make backup   back up the database (DATABASE_URL or SQLite) to backups/"
	@echo "make restore FILE=backups/…  replace the database's contents with a backup"
	@echo "make clean    remove .venv, the SQLite database and collected static files"

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[test]"
	touch $(STAMP)

install: $(STAMP) pango

migrate: install
	$(PY) manage.py migrate --noinput

demo: migrate
	$(PY) manage.py seed_demo

run: demo
	$(PY) manage.py runserver $(HOST):$(PORT)

# Serve without re-running migrations and demo content (for a second terminal, say).
serve: install
	$(PY) manage.py runserver $(HOST):$(PORT)

# The browser tests drive Debian's Chromium; a test tool's own browser download cannot work here.
browser:
	@test -x $(CHROMIUM) || { \
		echo "Installing Debian's chromium for the browser tests"; \
		SUDO=$$(test "$$(id -u)" = 0 || echo sudo); \
		DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y --no-install-recommends chromium \
		|| { $$SUDO apt-get update && $$SUDO apt-get install -y --no-install-recommends chromium; }; \
	}

# The cache fault tests start, stop and restore redis-servers of their own (tests/caching).
redis:
	@test -x /usr/bin/redis-server || { \
		echo "Installing Debian's redis-server for the cache fault tests"; \
		SUDO=$$(test "$$(id -u)" = 0 || echo sudo); \
		DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y --no-install-recommends redis-server \
		|| { $$SUDO apt-get update && $$SUDO apt-get install -y --no-install-recommends redis-server; }; \
	}

# WeasyPrint draws the appointment sheet's PDF (readers/pdf.py) with Pango; pip cannot install it.
pango:
	@{ /sbin/ldconfig -p | grep -q libpango-1.0.so.0 && /sbin/ldconfig -p | grep -q libpangoft2-1.0.so.0; } || { \
		echo "Installing Debian's Pango for the appointment sheet's PDF"; \
		SUDO=$$(test "$$(id -u)" = 0 || echo sudo); \
		DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 \
		|| { $$SUDO apt-get update && $$SUDO apt-get install -y --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0; }; \
	}

# The suite on both cores (pytest-xdist; one database per worker), a module per worker at a
# time so that module fixtures are built once, in the order pytest-django sets (tests that
# empty the database last, as Django runs them). TEST_WORKERS=0 runs it in one process.
TEST_WORKERS ?= 2

test: install lint browser redis
	$(PY) -m pytest -n $(TEST_WORKERS) --dist loadfile --no-loadscope-reorder $(PYTEST_ARGS)

screenshots: install browser
	SCREENSHOTS_DIR=$(abspath $(SCREENSHOTS_DIR)) $(PY) -m pytest tests -m browser -k screenshots $(PYTEST_ARGS)

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports --no-cache
	$(PY) manage.py makemigrations --check --dry-run

format: install
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

# pip-audit needs a vulnerability database (PyPI's or OSV's). Where it cannot reach one, it
# lists every package as "could not be audited"; that is said loudly, never passed as clean.
audit: install
	$(VENV)/bin/ruff check --select S --statistics .
	@mkdir -p build
	@$(VENV)/bin/pip-audit --progress-spinner off --local --skip-editable > build/pip-audit.txt 2>&1; \
	status=$$?; cat build/pip-audit.txt; \
	if [ $$status -ne 0 ]; then exit $$status; fi; \
	if grep -q "could not be audited" build/pip-audit.txt; then \
		echo "WARNING: pip-audit could not reach a vulnerability database from this machine,"; \
		echo "so the packages listed above were NOT checked. Run 'make audit' where PyPI's"; \
		echo "JSON API (pypi.org) is reachable."; \
	fi

# Fresh PostgreSQL and Redis databases unless DATABASE_URL / REDIS_URL are set; see bench/README.md.
bench: install
	$(PY) bench/run.py

# A fresh PostgreSQL database unless DATABASE_URL is set; SOAK_SECONDS / SOAK_CLIENTS to vary.
soak: install
	$(PY) bench/soak.py

backup: install
	$(PY) manage.py backup

restore: install
	@test -n "$(FILE)" || { echo "Say which backup: make restore FILE=backups/portal-….backup"; exit 2; }
	$(PY) manage.py restore "$(FILE)"

clean:
	rm -rf $(VENV) db.sqlite3 staticfiles
