# Roadshow: `make run` serves the app, `make test` runs every check.
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 5000
# pytest-xdist workers for `make test` (one per core; 0 runs everything in this process).
TEST_WORKERS ?= auto
export FLASK_APP := wsgi.py

.PHONY: install run test suite lint format test-pg bench clean messages

$(VENV)/.installed: requirements.txt requirements-dev.txt
	test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $@

# The feedback journey's translations: .po files in the repo, compiled here to .mo (not committed).
PO_FILES := $(wildcard translations/*/LC_MESSAGES/messages.po)
MO_FILES := $(PO_FILES:.po=.mo)

translations/%/LC_MESSAGES/messages.mo: translations/%/LC_MESSAGES/messages.po | $(VENV)/.installed
	$(VENV)/bin/pybabel -q compile -i $< -o $@

install: $(VENV)/.installed $(MO_FILES)

# After changing a marked message: extract the journey's messages again and update every .po file.
messages: install
	$(VENV)/bin/pybabel -q extract --ignore-dirs='.*' -F babel.cfg -k N_ -k lazy_gettext --no-location --sort-output -o translations/messages.pot .
	$(VENV)/bin/pybabel -q update -i translations/messages.pot -d translations --no-fuzzy-matching

# Links in emails, posters and QR codes point at the port the app really serves on (unless set).
run: export PUBLIC_BASE_URL ?= http://127.0.0.1:$(PORT)
run: install
	$(VENV)/bin/flask db upgrade
	$(VENV)/bin/flask seed-demo --if-empty
	$(VENV)/bin/flask run --host 127.0.0.1 --port $(PORT)

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/bandit -q -r roadshow -ll

format: install
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

test: lint suite

# The tests alone, without the lint (CI's second pass, on PostgreSQL, after `make test` linted).
suite: install
	ROADSHOW_ENV=testing $(VENV)/bin/pytest -n $(TEST_WORKERS) --dist worksteal

# The suite again on a throwaway PostgreSQL server (started and stopped by the script).
test-pg: install
	bash scripts/with-postgres.sh $(MAKE) test

bench: install
	bash bench/run.sh

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
