# dpo_desk: `make run` starts the app, `make test` runs the checks. Both set up .venv first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test test-repeat lint format screenshots bench package clean

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

# Both cores: the suite's tests are independent (each has its own data folder).
test: $(STAMP)
	$(BIN)/ruff check dpo_desk tests
	$(BIN)/ruff format --check dpo_desk tests
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -n 2

# Flake guard: the Qt UI tests REPEAT times in a row (one process each), stop at the first
# failure. Run it after changing a UI test, with the machine busy (e.g. a second make test).
REPEAT ?= 20
test-repeat: $(STAMP)
	@for run in $$(seq 1 $(REPEAT)); do \
		echo "UI-Tests, Durchlauf $$run von $(REPEAT)"; \
		QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q -p no:cacheprovider -x tests/ui \
			|| { echo "Fehlgeschlagen in Durchlauf $$run"; exit 1; }; \
	done

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
