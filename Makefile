# Two commands take a fresh machine to a running portal (`make run`) and a green suite (`make test`).
# Everything they need is installed into .venv by `make install`; nothing is installed by hand.

PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed-stamp
HOST   ?= 127.0.0.1
PORT   ?= 8000

.PHONY: help install run serve migrate demo test lint format check clean

help:
	@echo "make run      install, migrate, load demo content and serve on http://$(HOST):$(PORT)"
	@echo "make test     install and run the whole test suite (SQLite, or DATABASE_URL)"
	@echo "make install  create .venv and install the portal with its test tools"
	@echo "make lint     ruff check, ruff format --check and makemigrations --check"
	@echo "make format   apply ruff's fixes and formatting"
	@echo "make clean    remove .venv, the SQLite database and collected static files"

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[test]"
	touch $(STAMP)

install: $(STAMP)

migrate: install
	$(PY) manage.py migrate --noinput

demo: migrate
	$(PY) manage.py seed_demo

run: demo
	$(PY) manage.py runserver $(HOST):$(PORT)

# Serve without re-running migrations and demo content (for a second terminal, say).
serve: install
	$(PY) manage.py runserver $(HOST):$(PORT)

test: install lint
	$(PY) -m pytest $(PYTEST_ARGS)

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(PY) manage.py makemigrations --check --dry-run

format: install
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

clean:
	rm -rf $(VENV) db.sqlite3 staticfiles
