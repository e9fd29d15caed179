# Québec International Report: `make help` lists the targets.
SHELL := /bin/bash
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# What JupyterLab, nbval and papermill find in the environment: the project's kernel (the name the notebooks give),
# the offline Vega-Lite 6 renderer (jupyterlab/vega6-renderer) and the project's JupyterLab settings.
JUPYTER := $(VENV)/share/jupyter
KERNEL := $(JUPYTER)/kernels/quebec-intl/kernel.json
RENDERER := jupyterlab/vega6-renderer
RENDERER_INSTALLED := $(JUPYTER)/labextensions/@quebec-intl/vega6-renderer/package.json
LAB_SETTINGS := $(JUPYTER)/lab/settings/overrides.json

.DEFAULT_GOAL := help
.PHONY: help env bytecode data report check test lab bench clean

help: ## List every target, one line each
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-8s %s\n", $$1, $$2}'

env: $(STAMP) $(KERNEL) $(RENDERER_INSTALLED) $(LAB_SETTINGS) ## Create the local environment (.venv): pinned dependencies, the project's kernel, JupyterLab's chart renderer

$(STAMP): pyproject.toml requirements.lock package.json package-lock.json
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c requirements.lock -e '.[dev,lab]'
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

# The package's modules compiled ahead, as a non-editable install compiles them (an editable one does not): each
# process (a command, a kernel) then loads them instead of compiling them, which is a fifth of a no-op `render --all`
# where bytecode is never written at run time (PYTHONDONTWRITEBYTECODE). Only modules changed since are compiled.
bytecode: $(STAMP)
	$(BIN)/python -m compileall -q src

$(KERNEL): $(STAMP)
	$(BIN)/python -m ipykernel install --sys-prefix --name quebec-intl --display-name "Python (quebec-intl)"

# Built against the installed JupyterLab's own metadata (no download); `jupyter labextension build` would look for
# jupyter-builder on PATH.
$(RENDERER_INSTALLED): $(STAMP) $(RENDERER)/package.json $(RENDERER)/package-lock.json $(wildcard $(RENDERER)/src/*.js $(RENDERER)/style/*.css)
	cd $(RENDERER) && npm ci --no-audit --no-fund --loglevel=error
	cd $(RENDERER) && $(CURDIR)/$(BIN)/jupyter-builder build --core-package-file \
	  "$$($(CURDIR)/$(BIN)/python -c 'import jupyterlab, pathlib; print(pathlib.Path(jupyterlab.__file__).parent / "staging" / "package.json")')" .
	rm -rf $(dir $@) && mkdir -p $(dir $(patsubst %/,%,$(dir $@))) && cp -R $(RENDERER)/build $(dir $@)

$(LAB_SETTINGS): jupyterlab/overrides.json $(STAMP)
	mkdir -p $(dir $@) && cp $< $@

data: $(STAMP) bytecode ## Build every tidy table its source allows (cache, mirror, snapshot or download); fails if a download fails
	$(BIN)/quebec-intl data

report: $(STAMP) $(KERNEL) bytecode ## Build the data the reports need, render the default reports, print the index's path (the project's kernel registered, for papermill and JupyterLab)
	$(BIN)/quebec-intl render --all

check: $(STAMP) bytecode ## Lint, format check and the fast tests (no mirror, no kernel, no browser), over one worker per core: under a minute
	$(BIN)/ruff check src tests benchmarks notebooks
	$(BIN)/ruff format --check src tests benchmarks notebooks
	$(BIN)/python -m pytest -n auto --dist loadscope -p no:cacheprovider -q -m "not mirror and not kernels and not browser" --durations=5 tests

test: env bytecode ## Run the whole test suite (lint, unit, integration, notebooks, browser), the slowest tests listed
	$(BIN)/ruff check src tests benchmarks notebooks
	$(BIN)/ruff format --check src tests benchmarks notebooks
	$(BIN)/python -m pytest -n auto --dist loadscope --nbval-lax -p no:cacheprovider --durations=25

lab: env bytecode ## Open JupyterLab on notebooks/, with the project's kernel and offline charts
	$(BIN)/jupyter lab notebooks/

# The benchmarks on real files read the source mirror: QUEBEC_INTL_MIRROR, else the one beside the checkout.
BENCH_MIRROR = QUEBEC_INTL_MIRROR="$${QUEBEC_INTL_MIRROR:-$(abspath $(CURDIR)/../shared/data/mirror)}"

bench: env bytecode ## Benchmarks: StatCan (synthetic 1 GB annual, 2 million rows monthly) and TransBorder loaders against naive pandas; renders against papermill (the mirror: QUEBEC_INTL_MIRROR, else ../shared/data/mirror)
	$(BIN)/python benchmarks/statcan_loader.py
	$(BIN)/python benchmarks/monthly_table.py
	$(BENCH_MIRROR) $(BIN)/python benchmarks/transborder_loader.py
	$(BENCH_MIRROR) $(BIN)/python benchmarks/render_reports.py

clean: ## Remove rendered reports and processed data (raw downloads and .venv stay)
	rm -rf reports/*/ reports/index.html build/reports data/processed
