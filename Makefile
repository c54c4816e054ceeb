# dpo_desk: `make run` starts the app, `make test` runs the checks. Both set up .venv first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
LINTED := dpo_desk tests packaging setup.py

.PHONY: run test test-all-backends test-repeat lint format screenshots bench server-demo server-load package clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[test]"
	# Encryption at rest is optional: where no SQLCipher build exists the app runs unencrypted.
	-$(BIN)/python -m pip install --quiet -e ".[crypto]"
	# So are the speed-ups (ReportLab's C accelerator, pikepdf for printing on two cores).
	-$(BIN)/python -m pip install --quiet -e ".[speed]"
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/dpo-desk

# Both cores: the suite's tests are independent (each has its own data folder).
test: $(STAMP)
	$(BIN)/ruff check $(LINTED)
	$(BIN)/ruff format --check $(LINTED)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -n 2

# Every store, service and command-line test on both backends (SQLite and PostgreSQL), not
# only the chosen ones of ``make test``: several minutes more on two cores (CI, nightly).
test-all-backends: $(STAMP)
	DPO_DESK_TEST_ALL_BACKENDS=1 QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -n 2

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
	$(BIN)/ruff check $(LINTED)

format: $(STAMP)
	$(BIN)/ruff format $(LINTED)
	$(BIN)/ruff check --fix $(LINTED)

screenshots: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m dpo_desk.ui.screenshots docs/screenshots

bench: $(STAMP)
	$(BIN)/python tests/benchmarks/run.py

# Server mode to try on one machine: a throwaway PostgreSQL (the system's or the test
# dependency's) with the demo schools and one person per role; prints how to connect.
server-demo: $(STAMP)
	$(BIN)/python -m tests.postgres.server_demo

# Many at once: 10 processes x 200 consent recordings against a real PostgreSQL; checks
# that no event is lost or doubled and reports p50/p95 per recording.
server-load: $(STAMP)
	$(BIN)/python -m tests.benchmarks.server_load

# The Linux build as the release workflow makes it (packaging/build.py): PyInstaller folder,
# completeness checks, smoke test (--version, demo, check, PDF, window), tarball with
# install test, and the start-up time of the build against the start from source.
package: $(STAMP)
	$(BIN)/python -m pip install --quiet -e ".[package]"
	$(BIN)/python packaging/build.py --compare-start --start-limit 1.5

clean:
	rm -rf build dist .pytest_cache
