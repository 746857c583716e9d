# The README's commands. Needs only Python 3.11 and make; everything else is installed here.
PY ?= $(shell command -v python3.11 2>/dev/null || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
ROLE ?= front_desk
SUB ?=
USERNAME ?=
FULL_NAME ?=

.PHONY: install run test lint fmt typecheck token user bench package cfnlint clean

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

test: lint typecheck cfnlint
	$(BIN)/python -m pytest -q

# The AWS deployment: SAM template + Lambda zip under build/package (no AWS credentials needed).
package: install
	rm -rf build/package
	AWS_DEFAULT_REGION=$${AWS_DEFAULT_REGION:-ap-southeast-3} $(BIN)/chalice package --stage prod \
		--merge-template infra/resources.yaml --template-format yaml build/package
	command -v strip >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq binutils; } >/dev/null 2>&1 || true
	$(BIN)/python -m dev.slim_package build/package/deployment.zip
	$(BIN)/python -m dev.package_size build/package/deployment.zip

cfnlint: package
	$(BIN)/cfn-lint build/package/sam.yaml

token: install
	@$(BIN)/python -m dev.token --role "$(ROLE)" $(if $(SUB),--sub "$(SUB)",)

# A local staff account; PASSWORD=... (read from the environment, never a command line) or asked.
user: install
	@$(BIN)/python -m dev.staff_accounts --username "$(USERNAME)" --role "$(ROLE)" --name "$(FULL_NAME)"

bench: install
	$(BIN)/python -m bench.sweep_bench
	$(BIN)/python -m bench.requests_bench
	$(BIN)/python -m bench.files_bench

clean:
	rm -rf $(VENV) build .mypy_cache .ruff_cache .pytest_cache
