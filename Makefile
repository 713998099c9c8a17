# The two commands of the README: `make run` and `make test` (and `make test-fast` while coding).
VENV ?= .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
# The CPU build of torch lies in /opt/wheels on these machines; elsewhere pip finds it on PyPI.
FIND_LINKS := $(if $(wildcard /opt/wheels),--find-links /opt/wheels,)

.PHONY: install install-test run test test-fast lint chromium bench

$(VENV)/bin/activate:
	python3 -m venv $(VENV)

install: $(VENV)/bin/activate
	$(PIP) install -q $(FIND_LINKS) -e .

install-test: $(VENV)/bin/activate
	$(PIP) install -q $(FIND_LINKS) -e ".[test]"

chromium:
	@command -v chromium >/dev/null 2>&1 || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; }

run: install
	$(PY) app.py

lint: install-test
	$(VENV)/bin/ruff check src tests app.py bench

test: install-test chromium lint
	$(VENV)/bin/pytest -q

# Everything but the tests that need the real model, a served app or Chromium (marked slow).
test-fast: install-test
	$(VENV)/bin/pytest -q -m "not slow"

bench: install-test
	$(PY) bench/scale.py
