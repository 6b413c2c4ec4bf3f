# The two set-up commands (see README):
#   make demo   install sitroom in .venv and run the main job on the sample corpus
#   make test   install sitroom with its test tools (and PostgreSQL + Chromium from Debian), run every test
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin

.PHONY: demo test install install-test clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

install: $(BIN)/python
	$(BIN)/pip install --quiet -e .

install-test: $(BIN)/python
	$(BIN)/pip install --quiet -e '.[test]'

demo: install
	$(BIN)/sitroom demo

test: install-test
	bash scripts/run_tests.sh

clean:
	rm -rf $(VENV) out sitroom.duckdb
