# dpo_desk: `make run` starts the app, `make test` runs the checks. Both set up .venv first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint format screenshots bench package clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[test]"
	# Encryption at rest is optional: where no SQLCipher build exists the app runs unencrypted.
	-$(BIN)/python -m pip install --quiet -e ".[crypto]"
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/dpo-desk

test: $(STAMP)
	$(BIN)/ruff check dpo_desk tests
	$(BIN)/ruff format --check dpo_desk tests
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest

lint: $(STAMP)
	$(BIN)/ruff check dpo_desk tests

format: $(STAMP)
	$(BIN)/ruff format dpo_desk tests
	$(BIN)/ruff check --fix dpo_desk tests

screenshots: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m dpo_desk.ui.screenshots docs/screenshots

bench: $(STAMP)
	$(BIN)/python tests/benchmarks/run.py

package: $(STAMP)
	$(BIN)/python -m pip install --quiet -e ".[package]"
	$(BIN)/pyinstaller --noconfirm --clean --distpath dist --workpath build packaging/dpo_desk.spec
	dist/dpo-desk/dpo-desk --version
	# The built app finds its data files and migrations: a fresh database with the demo data.
	tmp=$$(mktemp -d) && dist/dpo-desk/dpo-desk --data-dir "$$tmp" demo && \
		dist/dpo-desk/dpo-desk --data-dir "$$tmp" school list && rm -rf "$$tmp"

clean:
	rm -rf build dist .pytest_cache
