# cspr: the two commands a new machine needs are `make demo` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
DEVSTAMP := $(VENV)/.installed-dev
MUTATESTAMP := $(VENV)/.installed-mutate

.PHONY: demo test lint bench wheel mutate clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e .
	touch $(STAMP)

$(DEVSTAMP): pyproject.toml $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(DEVSTAMP)

$(MUTATESTAMP): pyproject.toml $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[mutate]'
	touch $(MUTATESTAMP)

## demo: install the tool and run the overdue report on the demo workspace (this folder)
demo: $(STAMP)
	@$(BIN)/cspr --workspace . overdue

## test: install the development tools, lint, and run the whole test suite
test: $(DEVSTAMP) lint
	$(BIN)/python -m pytest

## lint: ruff over the package and the tests
lint: $(DEVSTAMP)
	$(BIN)/ruff check cspr tests bench scripts

## bench: time the tool on synthetic workspaces (not part of `make test`)
bench: $(DEVSTAMP)
	$(BIN)/python bench/run.py

## wheel: build the wheel (package data included) into dist/
wheel: $(DEVSTAMP)
	$(BIN)/python -m pip wheel --quiet --no-deps -w dist .

## mutate: mutation testing (mutmut) of model, record, reports and storage, each with the tests
##         that matter for it; prints the score per package. Not part of `make test` or CI.
##         Narrow it: make mutate PACKAGES="record reports" MUTATE_JOBS=1 (docs/testing.md)
PACKAGES ?= model record reports storage
MUTATE_JOBS ?= 2
mutate: $(MUTATESTAMP)
	$(BIN)/python scripts/mutate.py $(PACKAGES) --jobs $(MUTATE_JOBS)

clean:
	rm -rf $(VENV) dist build .pytest_cache .ruff_cache .mutate
