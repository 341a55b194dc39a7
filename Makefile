# Liftoff — one command to set up and run, one to set up and test. Everything lands in .venv/ and $(LIFTOFF_HOME).
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
STAMP := $(VENV)/.installed
export LIFTOFF_HOME ?= $(CURDIR)/.liftoff
export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1
export ANONYMIZED_TELEMETRY := False
BRIEF ?= examples/briefs/maxflow-launch.md

.PHONY: setup run demo test test-fast bench lint record record-local clean library-test

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PIP) install -q --upgrade pip wheel setuptools
	# CPU torch first: an unpinned torch would pull several GB of CUDA wheels.
	$(PIP) install -q torch==2.13.0
	$(PIP) install -q -e '.[dev]'
	touch $(STAMP)

setup: $(STAMP) ## create .venv and install Liftoff with its dev tools

demo: setup ## run the example brief end to end on the embedded defaults (offline model), auto-approving reviews
	$(VENV)/bin/liftoff run --brief-file $(BRIEF) --auto-approve

run: app ## the main job: set up, start the app on the embedded defaults, print its URL

test: setup browser-deps services-deps ## run the whole test suite (network blocked, real model calls blocked)
	$(VENV)/bin/pytest -q -n 2 --timeout 600

test-fast: setup
	$(VENV)/bin/pytest -q -x -m "not slow and not browser"

bench: setup ## print speed/quality figures
	$(PY) -m evals.bench

copy-eval: setup ## copy-focus figures (product lead, theme, subjects, duplicates) on dev and held-out briefs
	$(PY) -m evals.copy_focus

lint: setup ## ruff check, ruff format --check, mypy, and the architecture contracts (import-linter, docs/architecture.md)
	$(VENV)/bin/ruff check graph tools guards evals tests app.py
	$(VENV)/bin/ruff format --check graph tools guards evals tests app.py
	$(VENV)/bin/mypy graph tools guards
	$(VENV)/bin/lint-imports --no-cache

record: setup ## re-record HTTP cassettes against any OpenAI-compatible server or OpenAI (OPENAI_BASE_URL, OPENAI_API_KEY, LIFTOFF_RECORD_MODEL)
	bash tests/cassettes/record.sh remote

record-local: setup ## build llama-cpp-python[server] if missing, serve SmolLM2 on 127.0.0.1:8765, record, stop it (dev only)
	bash tests/cassettes/record.sh local

clean:
	rm -rf $(VENV) .liftoff

# ---- the app (app helper) ----------------------------------------------------------------------------------
APP_PORT ?= 8501
CHROMIUM ?= /usr/bin/chromium
.PHONY: app browser-deps test-app

app: setup ## start the Streamlit app on the embedded defaults (offline model) and print its URL
	@echo "Liftoff is starting: open http://127.0.0.1:$(APP_PORT) in your browser (Ctrl-C stops it)"
	$(VENV)/bin/streamlit run app.py --server.port $(APP_PORT) --server.address 127.0.0.1 --server.headless true

browser-deps: ## install Debian's chromium + chromium-driver for the browser test (Playwright never downloads one)
	@if [ -x "$(CHROMIUM)" ] && command -v chromedriver >/dev/null 2>&1; then \
		echo "browser: $(CHROMIUM)"; \
	else \
		SUDO=$$([ "$$(id -u)" = 0 ] || echo sudo); \
		$$SUDO apt-get update && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y chromium chromium-driver; \
	fi

test-app: setup browser-deps ## the app's tests only (AppTest flows + the headless-Chromium end-to-end test)
	$(VENV)/bin/pytest -q tests/app --timeout 900

library-test: setup ## self-test every bundled brand library: claims-check precision/recall/false blocks (floor 0.95/0.95/5%)
	@set -o pipefail; for f in brand_library/*/brand.yaml; do d=$$(dirname $$f); $(VENV)/bin/liftoff library test $$d --check | sed -n '1,3p' || exit 1; done

# ---- reliability (issue 16) ---------------------------------------------------------------------------------
.PHONY: chaos chaos-quick

chaos: setup ## the chaos suite: crash points, provider faults, hostile inputs, concurrency, outbound connects (figures)
	$(PY) -m evals.chaos

chaos-quick: setup ## the CI-sized subset of the chaos suite (also run as tests under tests/reliability)
	$(PY) -m evals.chaos --quick
# ---- more than one machine (issue 15) ------------------------------------------------------------------------
PG_BIN ?= $(lastword $(sort $(wildcard /usr/lib/postgresql/*/bin)))
.PHONY: services-deps test-scale langgraph-dev docker

services-deps: ## install Debian's PostgreSQL server (initdb/pg_ctl) for the shared-state tests (a throw-away cluster per run)
	@if [ -n "$(PG_BIN)" ] && [ -x "$(PG_BIN)/initdb" ]; then \
		echo "postgres: $(PG_BIN)"; \
	else \
		SUDO=$$([ "$$(id -u)" = 0 ] || echo sudo); \
		$$SUDO apt-get update && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y postgresql; \
	fi

test-scale: setup services-deps ## the shared-state, LangGraph-server and Chroma-server tests (real Postgres, langgraph dev, chroma run)
	$(VENV)/bin/pytest -q tests/scale tests/tools/test_shared_stores.py --timeout 900 -n 0

langgraph-dev: setup ## serve the campaign graph with LangGraph's dev server (Studio, langgraph-sdk) on 127.0.0.1:2024
	$(VENV)/bin/langgraph dev --no-browser --host 127.0.0.1 --port 2024

docker: ## build the image (CPU torch, no .venv/.liftoff/reports in the context)
	docker build -t liftoff:latest .
