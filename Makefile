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

.PHONY: run test install css chromium redis migrate demo clean bench

# The agenda packs' worker runs beside the server and stops with it (docs/publishing-packs.md):
# the database backend's db_worker, or RQ's worker when REDIS_URL is set.
WORKER := $(if $(REDIS_URL),rqworker --job-class django_tasks_rq.Job default,db_worker --no-reload)

run: install css migrate demo
	DJANGO_DEBUG=1 $(PY) manage.py $(WORKER) & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	DJANGO_DEBUG=1 $(PY) manage.py runserver $(HOST):$(PORT)

test: install css chromium redis
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

# The RQ backend's test (tests/test_pack_worker.py) needs Redis on 127.0.0.1:6379: start it when
# it is not running (in the foreground of nothing: daemonised, keeping nothing on disk).
redis:
	@redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1 || redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no >/dev/null \
	  || { echo "The tests need Redis on 127.0.0.1:6379: install redis-server" >&2; exit 1; }

migrate: install
	DJANGO_DEBUG=1 $(PY) manage.py migrate --no-input

# The demo's pack of 2 March 2021 is queued once; the worker `make run` starts builds it. It is
# published after the meeting, so the notice check's warning is expected; the reason covers any
# refusal of the demo record.
demo: install
	DJANGO_DEBUG=1 $(PY) manage.py load_demo
	DJANGO_DEBUG=1 $(PY) manage.py publish_pack corporate-parenting-panel 2021-03-02 --no-wait --once \
	  --force --reason "The demo publishes the 2021 pack after the meeting, with demo papers in place of the council's."

clean:
	rm -rf $(VENV) node_modules static/build staticfiles test-output
