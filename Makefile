# caseclub-wagtail: every task a developer or CI runs.
# `make demo` and `make test` work on a fresh clone: they build .venv first.

PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
PORT ?= 8000
MANAGE := $(BIN)/python example_site/manage.py
PYTEST_ARGS ?=
# The production stack: gunicorn workers, PostgreSQL and Redis (README, "Running in production").
WORKERS ?= 2
BIND ?= 127.0.0.1:$(PORT)
PG_URL ?= postgres://caseclub:caseclub@127.0.0.1:5432/caseclub
REDIS_URL ?= redis://127.0.0.1:6379/0
# The newer end of the support matrix runs on the newest Python that pyenv has.
PYENV_ROOT ?= $(shell pyenv root 2>/dev/null || echo $$HOME/.pyenv)
PYTHON_OLD ?= $(firstword $(wildcard $(PYENV_ROOT)/versions/3.11*/bin/python3) $(shell command -v python3.11))
PYTHON_NEW ?= $(firstword $(wildcard $(PYENV_ROOT)/versions/3.13*/bin/python3) $(wildcard $(PYENV_ROOT)/versions/3.12*/bin/python3) $(shell command -v python3.13 python3.12))

.PHONY: help venv demo serve test test-clock bench test-matrix-old test-matrix-new e2e screenshots \
        chromium graph lint check messages check-messages wheel dist check-wheel clean \
        services serve-production test-workers loadtest

help:
	@echo "make demo         build .venv, migrate, load demo content and serve on 127.0.0.1:$(PORT)"
	@echo "make test         build .venv and run the test suite with coverage (DATABASE_URL for PostgreSQL)"
	@echo "make test-clock   the clock-dependent tests at awkward instants (needs faketime)"
	@echo "make bench        time pages, feeds, API and admin at Small and Large (docs/performance.md)"
	@echo "make serve-production  migrate, collectstatic and serve under gunicorn (WORKERS, BIND)"
	@echo "make test-workers the shared state of two gunicorn workers behind one Redis"
	@echo "make loadtest     locust against the Large data under gunicorn; docs/loadtest.*"
	@echo "make e2e          real-browser tests in headless Chromium"
	@echo "make screenshots  refresh docs/screenshots/"
	@echo "make messages     refresh and compile the ru and en catalogs"
	@echo "make dist         build the sdist and the wheel into dist/ and check them with twine"
	@echo "make graph        draw the package's imports into imports.svg (needs graphviz)"
	@echo "make lint check check-messages check-wheel   the checks CI runs"

$(BIN)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[test,example,dev]"
	touch $@

venv: $(BIN)/.installed

demo: venv
	$(MANAGE) migrate --noinput
	$(MANAGE) load_demo_data
	@echo
	@echo "  Site:  http://127.0.0.1:$(PORT)/"
	@echo "  Admin: http://127.0.0.1:$(PORT)/admin/   login: admin   password: caseclub"
	@echo
	$(MANAGE) runserver 127.0.0.1:$(PORT)

test: venv
	$(BIN)/python -m pytest tests --ignore=tests/e2e -n auto --cov --cov-report=term-missing:skip-covered $(PYTEST_ARGS)

# The tests that read the clock (marked `clock`), at the instants where dates go wrong,
# in UTC as faketime takes them: 19:30 in Volgograd while an evening event is under way; a
# minute before and after midnight on New Year's Eve there; a minute before Berlin's clocks
# go forward and back. Add others with CLOCK_INSTANTS="2028-02-29 12:00 ...". The tests stop
# their clock at CASECLUB_TEST_NOW instead of their usual instant; faketime sets the
# machine's clock to the same instant, so nothing that reads the real clock can hide.
CLOCK_INSTANTS ?= "2026-12-01 16:30" "2026-12-31 20:59" "2026-12-31 21:01" \
	"2027-03-28 00:59" "2027-10-31 00:59"

test-clock: venv
	@command -v faketime >/dev/null || { echo "faketime is missing: apt-get install faketime"; exit 1; }
	@for instant in $(CLOCK_INSTANTS); do \
		echo "--- clock-dependent tests at $$instant UTC"; \
		CASECLUB_TEST_NOW="$$instant" TZ=UTC faketime "$$instant" $(BIN)/python -m pytest tests \
			--ignore=tests/e2e -m clock -n auto -q -p no:cov $(PYTEST_ARGS) || exit 1; \
	done

# Both ends of the support matrix, each in a venv of its own.
PINS_OLD := "wagtail>=7.0,<7.1" "django>=5.2,<5.3"
PINS_NEW := "wagtail>=8,<9" "django>=6"

define run-matrix
	test -x $(1)/bin/python || $(2) -m venv $(1)
	$(1)/bin/pip install --quiet --upgrade pip
	$(1)/bin/pip install --quiet -e ".[test,example]" $(3)
	$(1)/bin/python -c "import sys, django, wagtail; print('Python', sys.version.split()[0], '/ Django', django.__version__, '/ Wagtail', wagtail.__version__)"
	$(1)/bin/python -m pytest tests --ignore=tests/e2e -n auto -q $(PYTEST_ARGS)
endef

test-matrix-old:
	@test -n "$(PYTHON_OLD)" || (echo "No Python 3.11 found (see pyenv versions)"; exit 1)
	$(call run-matrix,.venv-old,$(PYTHON_OLD),$(PINS_OLD))

test-matrix-new:
	@test -n "$(PYTHON_NEW)" || (echo "No Python 3.12 or 3.13 found (see pyenv versions)"; exit 1)
	$(call run-matrix,.venv-new,$(PYTHON_NEW),$(PINS_NEW))

chromium:
	@command -v chromium >/dev/null || (apt-get update -qq && apt-get install -y -qq chromium)

$(BIN)/.installed-e2e: $(BIN)/.installed
	$(BIN)/pip install --quiet -e ".[test,example,dev,e2e]"
	touch $@

# Timings of every page, feed, API listing and editor screen at the Small and Large data
# sets, against baselines measured in the same run; writes docs/performance.md and .json.
# DATABASE_URL for PostgreSQL. About five minutes on two cores.
bench: venv
	DJANGO_SETTINGS_MODULE=benchmarks.settings $(BIN)/python -m benchmarks.run

# PostgreSQL and Redis on this machine, started when they do not answer yet.
services:
	@pg_isready -q -h 127.0.0.1 -p 5432 || { \
		command -v pg_ctlcluster >/dev/null || { echo "PostgreSQL does not answer on 127.0.0.1:5432"; exit 1; }; \
		pg_ctlcluster $$(pg_lsclusters --no-header | awk 'NR==1 {print $$1, $$2}') start; \
		for _ in $$(seq 1 30); do pg_isready -q -h 127.0.0.1 -p 5432 && break; sleep 1; done; \
		pg_isready -h 127.0.0.1 -p 5432 || { echo "PostgreSQL did not start"; exit 1; }; }
	@redis-cli -u $(REDIS_URL) ping 2>/dev/null | grep -q PONG || { \
		command -v redis-server >/dev/null || { echo "Redis does not answer at $(REDIS_URL): apt-get install redis-server"; exit 1; }; \
		redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no >/dev/null; \
		for _ in $$(seq 1 30); do redis-cli -u $(REDIS_URL) ping 2>/dev/null | grep -q PONG && break; sleep 0.3; done; \
		redis-cli -u $(REDIS_URL) ping | grep -q PONG || { echo "Redis did not start"; exit 1; }; }

# The example site as deployed: DATABASE_URL, REDIS_URL, DJANGO_SECRET_KEY and
# DJANGO_ALLOWED_HOSTS come from the environment (README, "Running in production").
serve-production: venv
	DJANGO_SETTINGS_MODULE=example_site.settings.production $(MANAGE) migrate --noinput
	DJANGO_SETTINGS_MODULE=example_site.settings.production $(MANAGE) collectstatic --noinput -v 0
	$(BIN)/gunicorn -c example_site/gunicorn.conf.py --workers $(WORKERS) --bind $(BIND)

# Two gunicorn workers of the production settings on a fresh PostgreSQL database and one
# Redis: rate limits, form tokens and cached feeds must hold across them. Never skips.
test-workers: venv services
	DATABASE_URL=$(PG_URL) REDIS_URL=$(REDIS_URL) DJANGO_SETTINGS_MODULE=tests_workers.settings \
		$(BIN)/python -m pytest tests_workers -p no:cov -p no:cacheprovider -v $(PYTEST_ARGS)

# The Large data on PostgreSQL and Redis, gunicorn with WORKERS workers, locust for 30 s per
# request; writes docs/loadtest.md and docs/loadtest.json. Minutes long; CI does not run it.
LOADTEST_DATABASE_URL ?= postgres://caseclub:caseclub@127.0.0.1:5432/caseclub_loadtest
LOADTEST_REDIS_URL ?= redis://127.0.0.1:6379/1
$(BIN)/.installed-bench: $(BIN)/.installed
	$(BIN)/pip install --quiet -e ".[bench]"
	touch $@

loadtest: venv $(BIN)/.installed-bench services
	DATABASE_URL=$(LOADTEST_DATABASE_URL) REDIS_URL=$(LOADTEST_REDIS_URL) \
		$(BIN)/python -m benchmarks.loadtest --workers $(WORKERS) $(LOADTEST_ARGS)

e2e: venv $(BIN)/.installed-e2e chromium
	DJANGO_ALLOW_ASYNC_UNSAFE=true $(BIN)/python -m pytest tests/e2e -p no:cov $(PYTEST_ARGS)

screenshots: venv $(BIN)/.installed-e2e chromium
	DJANGO_ALLOW_ASYNC_UNSAFE=true CASECLUB_SCREENSHOTS=docs/screenshots \
		$(BIN)/python -m pytest tests/e2e/test_screenshots.py -p no:cov

# The package's import graph, one box per feature; see scripts/check_layout.py.
graph: venv
	$(BIN)/python scripts/check_layout.py --graph | dot -Tsvg > imports.svg
	@echo "imports.svg"

lint: venv
	$(BIN)/ruff check .

check: venv
	$(MANAGE) check --fail-level WARNING
	$(MANAGE) makemigrations --check --dry-run
	$(BIN)/python scripts/check_dependencies.py
	$(BIN)/python scripts/check_layout.py

messages: venv
	cd caseclub_wagtail && ../$(BIN)/django-admin makemessages --locale ru --locale en --no-location --no-obsolete
	cd caseclub_wagtail && ../$(BIN)/django-admin compilemessages

# Fails when a translatable string is missing from a catalog, or a .mo is older than its .po.
check-messages: venv
	$(BIN)/python scripts/check_messages.py

# The sdist and the wheel, as they would be uploaded to PyPI.
dist: venv
	rm -rf dist build
	$(BIN)/python -m build --outdir dist .
	$(BIN)/twine check --strict dist/*

wheel: dist

check-wheel: dist
	$(BIN)/python scripts/check_wheel.py dist/*.whl

clean:
	rm -rf .venv .venv-old .venv-new dist build *.egg-info example_site/db.sqlite3
