# The two commands of the README: `make run` and `make test`.
# Both create .venv and install once; a second run reuses it until pyproject.toml changes.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
# Development values for the local demo and the suite; production reads the real environment.
DEV_ENV := DEBUG=1

.PHONY: install run test test-fast lint bench browser clean

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
	$(DEV_ENV) $(BIN)/pytest -q -m "not e2e" $(PYTEST_ARGS)

bench: install
	$(BIN)/python tests/perf/benchmark.py

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

clean:
	rm -rf $(VENV) .coverage .pytest_cache .ruff_cache staticfiles
