# The two commands of the README: `make run` and `make test`.
# Both create .venv and install once; a second run reuses it until pyproject.toml changes.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
# Development values for the local demo and the suite; production reads the real environment.
DEV_ENV := DEBUG=1
PORT ?= 8000
# `make serve`: production settings on plain HTTP at loopback, with a local key made once.
SERVE_SECRET := .serve-secret
SERVE_ENV := DEBUG=0 SECRET_KEY="$$(cat $(SERVE_SECRET))" PORT=$(PORT) \
	ALLOWED_HOSTS="$${ALLOWED_HOSTS:-127.0.0.1,localhost,[::1]}" SECURE_SSL_REDIRECT=0 \
	SERVE_MEDIA=1 TASKS_BACKEND=database

.PHONY: install run serve test test-fast lint bench browser load-client clean

install: $(STAMP)

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e ".[dev]"
	touch $(STAMP)

# `make run PORT=8001` serves on another port, and makes it the demo site's domain (used in
# canonical links and emails); on the default port the domain is left as it was chosen.
run: PORT ?= 8000
run: install
	$(DEV_ENV) $(BIN)/python manage.py migrate --noinput
	$(DEV_ENV) $(BIN)/python manage.py seed_demo $(if $(filter-out 8000,$(PORT)),--domain 127.0.0.1:$(PORT))
	$(DEV_ENV) $(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

# The site as production runs it, at http://127.0.0.1:$(PORT)/: DEBUG off, collected static
# files served by WhiteNoise, gunicorn (gunicorn.conf.py) and the Tasks worker beside it.
# Ctrl-C (or either process ending) stops both. Media are served by Django: no proxy here.
serve: install $(SERVE_SECRET)
	@export $(SERVE_ENV); set -e; \
	$(BIN)/python manage.py migrate --noinput; \
	$(BIN)/python manage.py collectstatic --noinput --verbosity 0; \
	echo "Serving http://127.0.0.1:$(PORT)/ with gunicorn and the tasks worker; Ctrl-C stops both"; \
	$(BIN)/gunicorn healthsite.wsgi & web=$$!; \
	$(BIN)/python manage.py db_worker & worker=$$!; \
	trap 'kill $$web $$worker 2>/dev/null || true' INT TERM; \
	while kill -0 $$web 2>/dev/null && kill -0 $$worker 2>/dev/null; do sleep 1; done; \
	kill $$web $$worker 2>/dev/null || true; wait

$(SERVE_SECRET):
	umask 077 && $(PYTHON) -c "import secrets; print(secrets.token_urlsafe(50))" > $@

# The benchmark's load comes from Debian's wrk; as root on Debian we install it, otherwise the
# benchmark uses its Python client (and says so in RESULTS.md).
load-client:
	@if ! command -v wrk >/dev/null && [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		echo "Installing Debian's wrk for the benchmark"; \
		(apt-get install -y -q wrk >/dev/null 2>&1 || \
		 (apt-get update -q >/dev/null 2>&1 && DEBIAN_FRONTEND=noninteractive apt-get install -y -q wrk >/dev/null 2>&1)) \
		|| echo "Could not install wrk: the benchmark uses its Python client"; \
	fi

# Browser tests need Debian's Chromium; as root on Debian we install it, otherwise they skip.
browser:
	@if [ ! -x /usr/bin/chromium ] && [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		echo "Installing Debian's chromium for the browser tests"; \
		(apt-get install -y -q chromium >/dev/null 2>&1 || \
		 (apt-get update -q >/dev/null 2>&1 && DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium >/dev/null 2>&1)) \
		|| echo "Could not install chromium: browser tests will be skipped"; \
	fi

test: install browser
	$(BIN)/coverage erase
	$(DEV_ENV) $(BIN)/coverage run -m pytest $(PYTEST_ARGS)
	$(BIN)/coverage report

test-fast: install
	$(DEV_ENV) $(BIN)/pytest -q -m "not e2e and not slow" $(PYTEST_ARGS)

# Writes tests/perf/RESULTS.md and results.png (about 10 minutes). Posting is also measured
# on PostgreSQL when BENCH_POSTGRES_URL names a scratch database (it is emptied).
bench: install load-client
	$(BIN)/python tests/perf/benchmark.py

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

clean:
	rm -rf $(VENV) .coverage .pytest_cache .ruff_cache staticfiles $(SERVE_SECRET)
