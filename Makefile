# The case recording sandbox. `make help` lists the targets.
SHELL := bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
VENDOR := sandbox/static/vendor
GOVUK := node_modules/govuk-frontend/dist/govuk
# driver.js (MIT) highlights a guided tour's element; sandbox/static/tours.js drives it.

.DEFAULT_GOAL := help
.PHONY: help install demo serve test probe bench bench-load lint

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F ':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

install: $(VENV)/.installed $(VENDOR)/.installed ## Install Python and front-end packages locally

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@

$(VENDOR)/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	rm -rf $(VENDOR) && mkdir -p $(VENDOR)/govuk
	cp -r $(GOVUK)/govuk-frontend.min.css $(GOVUK)/govuk-frontend.min.js $(GOVUK)/assets $(VENDOR)/govuk/
	mkdir -p $(VENDOR)/driver
	cp node_modules/driver.js/dist/driver.js.mjs node_modules/driver.js/dist/driver.css $(VENDOR)/driver/
	touch $@

demo: install ## Create the database, load demo users and tenants, and serve on 127.0.0.1:$(PORT)
	SANDBOX_ENV=development $(BIN)/flask --app sandbox init-db
	SANDBOX_ENV=development $(BIN)/flask --app sandbox demo-data
	@echo
	@echo "Open http://127.0.0.1:$(PORT)/ and sign in with one of the logins above. Ctrl+C stops it."
	SANDBOX_ENV=development $(BIN)/flask --app sandbox run --host 127.0.0.1 --port $(PORT)

serve: install ## Serve with gunicorn, as in production (DATABASE_URL, SECRET_KEY)
	$(BIN)/flask --app sandbox init-db
	HOST=127.0.0.1 PORT=$(PORT) $(BIN)/gunicorn -c gunicorn.conf.py 'sandbox:create_app()'

test: install ## Run the whole test suite (also on PostgreSQL when TEST_DATABASE_URL is set)
	@[ -x /usr/bin/chromium ] || echo "note: /usr/bin/chromium is missing, so browser tests are skipped (apt-get install -y chromium)"
	$(BIN)/pytest -n auto --dist loadgroup

probe: install ## Only the probes of the served app (gunicorn over HTTP; part of make test)
	$(BIN)/pytest tests/probe

bench: install ## Benchmarks: tenants, resets, sessions, form analysis, feedback groups, the synthetic world and its practice invariants, the census, the SSDA903 return
	$(BIN)/python -m tests.benchmarks.bench_tenants
	$(BIN)/python -m tests.benchmarks.bench_forms
	$(BIN)/python -m tests.benchmarks.bench_feedback
	$(BIN)/python -m tests.benchmarks.bench_world
	$(BIN)/python -m tests.benchmarks.bench_census
	$(BIN)/python -m tests.benchmarks.bench_ssda903

bench-load: install ## Load: 30 trainees, then 200 staff too, against gunicorn (BENCH_DATABASE_URL)
	$(BIN)/pip install --quiet -e '.[bench]'
	$(BIN)/python -m tests.benchmarks.bench_load

lint: install ## Check the code with ruff
	$(BIN)/ruff check .
