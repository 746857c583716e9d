# The README's commands. Needs only Python 3.11 and make; everything else is installed here.
PY ?= $(shell command -v python3.11 2>/dev/null || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
ROLE ?= front_desk
SUB ?=

.PHONY: install run test lint fmt typecheck token bench clean

$(BIN)/python:
	$(PY) -m venv $(VENV)

$(STAMP): requirements.txt requirements-dev.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet --disable-pip-version-check 'pip<26.3'
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $(STAMP)

install: $(STAMP)

run: install
	$(BIN)/python -m dev.run_local

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

fmt: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

typecheck: install
	$(BIN)/mypy

test: lint typecheck
	$(BIN)/python -m pytest -q

token: install
	@$(BIN)/python -m dev.token --role $(ROLE) $(if $(SUB),--sub $(SUB),)

bench: install
	$(BIN)/python -m bench.sweep_bench

clean:
	rm -rf $(VENV) build .mypy_cache .ruff_cache .pytest_cache
