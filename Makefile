# Two commands do all set-up on a fresh machine with Python 3.11, pip and make:
#   make run    create .venv, install the locked dependencies, clean data/raw → data/out
#   make test   same, plus the dev extras, then the whole test suite
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
UV_VERSION := 0.13.9
INPUT ?= data/raw
OUTPUT ?= data/out

.PHONY: run test install install-dev install-bench server worker deploy serve clean

$(BIN)/uv:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)

# uv installs the locked set in seconds (plain pip takes ~50 s); --no-deps -e . adds our
# own package and the `corpus-clean` entry point without re-resolving anything.
# --compile-bytecode: with PYTHONDONTWRITEBYTECODE set (as on these machines) every
# process would otherwise recompile GX and Prefect on import (11-15 s instead of ~3 s).
# compileall does the same for our own package, installed editable (uv compiles none of
# it): ~0.1 s of CPU per process (the flow, each cleaning worker); a file edited later is
# read from source again (Python checks each .pyc against its source's time stamp).
# setup.py builds the optional compiled kernels (corpus_clean/_native.c) when a C compiler is
# there, and installs without them when not (the pure-Python twins run: corpus_clean/native.py).
$(VENV)/.installed: $(BIN)/uv requirements.lock pyproject.toml setup.py corpus_clean/_native.c corpus_clean/_dedup_native.c corpus_clean/_signals_native.c corpus_clean/_mojibake_native.c corpus_clean/_jsonl_native.c
	$(BIN)/uv pip install --quiet --compile-bytecode -p $(BIN)/python -r requirements.lock
	$(BIN)/uv pip install --quiet -p $(BIN)/python --no-deps -e .
	PYTHONDONTWRITEBYTECODE= $(BIN)/python -m compileall -q corpus_clean flows tasks > /dev/null
	@$(BIN)/python -c "from corpus_clean import native; print('compiled kernels:', 'in use' if native.built() else 'not in use (not built, or CORPUS_CLEAN_NATIVE=0): the pure-Python twins run, same output')"
	touch $@

$(VENV)/.installed-dev: $(VENV)/.installed requirements-dev.lock
	$(BIN)/uv pip install --quiet --compile-bytecode -p $(BIN)/python -r requirements-dev.lock
	touch $@

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

# The benchmarks' extra libraries (the `bench` extra: DataTrove, readability-lxml, profilers,
# other language identifiers), pinned in pyproject.toml. Through uv: pip 23.2's resolver
# stops with an internal error ("lxml[html-clean,html-clean] vs lxml[html-clean]") on it.
install-bench: install-dev
	$(BIN)/uv pip install --quiet -p $(BIN)/python -e '.[bench]'

run: install
	$(BIN)/corpus-clean run --input $(INPUT) --output $(OUTPUT)

# pytest exits 5 when it collected no tests: that is a failure, never a pass.
test: install-dev
	@$(BIN)/python -m pytest -q; status=$$?; \
	if [ $$status -eq 5 ]; then echo "make test: pytest ran no tests" >&2; exit 1; fi; exit $$status

# Scheduling: a local server, a process work pool + worker, and the deployments of prefect.yaml.
server: install
	$(BIN)/prefect server start

# The pool runs one flow run at a time, so two schedules never load one machine at once.
worker: install
	$(BIN)/prefect work-pool create local-process --type process || true
	$(BIN)/prefect work-pool set-concurrency-limit local-process 1
	$(BIN)/prefect worker start --pool local-process

deploy: install
	$(BIN)/prefect --no-prompt deploy --all

# One command for a demo: server + UI, pool, deployments, worker (Ctrl-C stops all).
serve: install
	scripts/serve.sh

# Re-pin: regenerate both lockfiles from pyproject.toml.
lock: $(BIN)/uv
	$(BIN)/uv pip compile pyproject.toml --python-version 3.11 -o requirements.lock
	$(BIN)/uv pip compile pyproject.toml --extra dev --python-version 3.11 -o requirements-dev.lock

clean:
	rm -rf $(OUTPUT) .pytest_cache
