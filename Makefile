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

.PHONY: setup run demo test test-fast bench lint record record-local clean browser

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

run: demo ## the main job

test: setup ## run the whole test suite (network blocked, real model calls blocked)
	$(VENV)/bin/pytest -q -n 2 --timeout 600

test-fast: setup
	$(VENV)/bin/pytest -q -x -m "not slow and not browser"

bench: setup ## print speed/quality figures
	$(PY) -m evals.bench

lint: setup
	$(VENV)/bin/ruff check graph tools guards evals tests app.py
	$(VENV)/bin/mypy graph tools guards

# Re-record the OpenAI-compatible HTTP cassettes against any server (OPENAI_BASE_URL, OPENAI_API_KEY, LIFTOFF_RECORD_MODEL).
record: setup
	LIFTOFF_RECORD=all $(VENV)/bin/pytest -q tests/models -m vcr -p no:xdist

clean:
	rm -rf $(VENV) .liftoff
