# Québec International Report: `make help` lists the targets.
SHELL := /bin/bash
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.DEFAULT_GOAL := help
.PHONY: help env data report test lab bench clean

help: ## List every target, one line each
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-8s %s\n", $$1, $$2}'

env: $(STAMP) ## Create the local environment (.venv) from the pinned dependencies

$(STAMP): pyproject.toml requirements.lock package.json package-lock.json
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c requirements.lock -e '.[dev]'
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

data: $(STAMP) ## Build every tidy table its source allows (mirror, cache or download); fails if a download fails
	$(BIN)/quebec-intl data

report: $(STAMP) ## Build the data the reports need, render the default reports, print the index's path
	$(BIN)/quebec-intl render --all

test: $(STAMP) ## Run the whole test suite (unit, integration, notebooks, browser)
	$(BIN)/python -m pytest --nbval-lax -p no:cacheprovider

lab: $(STAMP) ## Open JupyterLab on notebooks/ with the project's kernel registered
	$(BIN)/python -m ipykernel install --sys-prefix --name quebec-intl --display-name "Python (quebec-intl)"
	$(BIN)/jupyter lab notebooks/

bench: $(STAMP) ## Benchmarks: StatCan (synthetic 1 GB) and TransBorder (the mirror) loaders against naive pandas
	$(BIN)/python benchmarks/statcan_loader.py
	$(BIN)/python benchmarks/transborder_loader.py

clean: ## Remove rendered reports and processed data (raw downloads and .venv stay)
	rm -rf reports/*/ reports/index.html data/processed
