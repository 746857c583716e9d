# The README's commands. Needs only Python 3.11 and make; everything else is installed here.
PY ?= $(shell command -v python3.11 2>/dev/null || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
CHECKOV_VENV := .venv-checkov
CHECKOV_STAMP := $(CHECKOV_VENV)/.installed-stamp
ROLE ?= front_desk
SUB ?=
USERNAME ?=
FULL_NAME ?=

.PHONY: install run test lint fmt typecheck token user bench package cfnlint checkov clean \
	web web-deps web-api web-api-check web-check chromium deploy-web

$(BIN)/python:
	$(PY) -m venv $(VENV)

$(STAMP): requirements.txt requirements-dev.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet --disable-pip-version-check 'pip<26.3'
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $(STAMP)

install: $(STAMP)

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

# The AWS deployment: SAM template + Lambda zip under build/package (no AWS credentials needed),
# and the built web app (web/dist) that the README's deploy step uploads.
package: install web
	rm -rf build/package
	AWS_DEFAULT_REGION=$${AWS_DEFAULT_REGION:-ap-southeast-3} $(BIN)/chalice package --stage prod \
		--merge-template infra/resources.yaml --template-format yaml build/package
	command -v strip >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq binutils; } >/dev/null 2>&1 || true
	$(BIN)/python -m dev.slim_package build/package/deployment.zip
	$(BIN)/python -m dev.package_size build/package/deployment.zip

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

token: install
	@$(BIN)/python -m dev.token --role "$(ROLE)" $(if $(SUB),--sub "$(SUB)",)

# A local staff account; PASSWORD=... (read from the environment, never a command line) or asked.
user: install
	@$(BIN)/python -m dev.staff_accounts --username "$(USERNAME)" --role "$(ROLE)" --name "$(FULL_NAME)"

bench: install web chromium bench/web/node_modules/.installed-stamp
	$(BIN)/python -m bench.sweep_bench
	$(BIN)/python -m bench.requests_bench
	$(BIN)/python -m bench.import_bench
	$(BIN)/python -m bench.files_bench
	$(BIN)/python -m bench.web_bench

clean:
	rm -rf $(VENV) $(CHECKOV_VENV) build .mypy_cache .ruff_cache .pytest_cache web/node_modules web/dist

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
	@cd web && npx openapi-typescript ../build/openapi.json -o ../build/schema.check.d.ts >/dev/null 2>&1
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
	aws cloudfront create-invalidation --distribution-id "$$DIST" --paths '/*' --query Invalidation.Id --output text; \
	echo "web app deployed: $$(out WebURL)"

# Browser tests and Lighthouse drive Debian's Chromium (never a browser download).
chromium:
	@test -x /usr/bin/chromium || { apt-get update && apt-get install -y chromium; }

# Lighthouse for make bench, from its own lockfile (not needed by make test).
bench/web/node_modules/.installed-stamp: bench/web/package-lock.json | $(NODE_OK)
	cd bench/web && npm ci --no-audit --no-fund --loglevel=error
	@touch $@
