# Panel scorecards: `make run` and `make test` do all the set-up on a fresh machine.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000
PYTEST_ARGS ?=
# Test processes (pytest-xdist): CI and developers' machines have two cores.
TEST_WORKERS ?= 2

.PHONY: run test install css chromium migrate demo clean bench

run: install css migrate demo
	DJANGO_DEBUG=1 $(PY) manage.py runserver $(HOST):$(PORT)

test: install css chromium
	$(PY) -m pytest -n $(TEST_WORKERS) $(PYTEST_ARGS)

install: $(VENV)/.installed node_modules/.installed

$(VENV)/.installed: requirements.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

css: static/build/app.css

static/build/app.css: static/scss/app.scss static/scss/_components.scss node_modules/.installed
	npx sass --quiet-deps --no-source-map --load-path=. static/scss/app.scss $@

# Browser tests drive Debian's chromium; install it when it is missing and we may.
chromium:
	@if [ ! -x /usr/bin/chromium ]; then \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq chromium; \
	  else echo "Browser tests need Debian's chromium: sudo apt-get install chromium" >&2; exit 1; fi; \
	fi

migrate: install
	DJANGO_DEBUG=1 $(PY) manage.py migrate --no-input

demo: install
	DJANGO_DEBUG=1 $(PY) manage.py load_demo

clean:
	rm -rf $(VENV) node_modules static/build staticfiles test-output
