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

# Every benchmark of the README's speed table, in one go (hours on a 2-core machine: the 200k-letter
# ingest alone is about ten minutes to twenty): extraction against the peer kaos-citations, then
# stores that `asckg ingest` builds from 1, 20 and 202 copies of the corpus (989 / 19,780 / 199,778
# letters), each timed for cites in-process, as a command, over HTTP and against grep, every answer
# checked; then the reading room's pages on the 202-copy store (kept for it, then deleted).
# `make bench-quick` runs the first part and the one-copy store only (a few minutes).
bench: install-test
	$(BIN)/python benchmarks/run.py
	$(BIN)/python benchmarks/scale.py --copies 1,20,202 --keep
	$(BIN)/python benchmarks/web_latency.py /tmp/asckg-scale/store-x202 --requests 40 \
		--path /cites/606 --path /cites/606-10-25-19 --path /cites/985-605-25-12 --path /cites/S-K%20303 --path /cites/350
	rm -rf /tmp/asckg-scale

bench-quick: install-test
	$(BIN)/python benchmarks/run.py
	$(BIN)/python benchmarks/scale.py --copies 1

score: install
	$(BIN)/python ../shared/tools/score.py --cmd "$(BIN)/asckg extract --format jsonl"

clean:
	rm -rf $(VENV) $(STORE) build dist .pytest_cache
