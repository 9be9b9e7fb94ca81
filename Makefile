# The two commands of the README's quick start, and a few for developers.
#   make demo   install asckg in .venv, ingest examples/letters, ask which letters cite 985-605-25-12
#   make test   install asckg (editable) with its test dependencies in .venv, type-check it, run the whole suite
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   ?= .venv
BIN    := $(VENV)/bin
STORE  ?= asckg-store

.PHONY: demo test install install-test bench bench-quick score clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

install: $(BIN)/python
	$(BIN)/python -m pip install --quiet .

# The tests run against an editable install: what they import is the working tree itself.
install-test: $(BIN)/python
	$(BIN)/python -m pip install --quiet --editable ".[test]"

demo: install
	$(BIN)/asckg ingest examples/letters --store $(STORE)
	$(BIN)/asckg cites 985-605-25-12 --store $(STORE)
	@echo "To read it in a browser: $(BIN)/asckg serve --store $(STORE)"

test: install-test
	$(BIN)/python -m mypy
	$(BIN)/python -m pytest -q

# Every benchmark of the README's speed table, in one go (about 45 minutes on a 2-core machine):
# extraction against the tokenizer and the peer, then stores of 1k-200k letters (cites against
# grep) and the 200k-letter ingest. `make bench-quick` runs the first part only (a few minutes).
bench: install-test
	$(BIN)/python benchmarks/run.py
	$(BIN)/python benchmarks/scale.py --ingest 200000

bench-quick: install-test
	$(BIN)/python benchmarks/run.py

score: install
	$(BIN)/python ../shared/tools/score.py --cmd "$(BIN)/asckg extract --format jsonl"

clean:
	rm -rf $(VENV) $(STORE) build dist .pytest_cache
