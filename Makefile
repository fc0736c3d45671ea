# Two commands do all the set-up on a fresh Debian/Ubuntu machine: `make demo` and `make test`.
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
PYTEST_ARGS ?=
# the suite runs in one worker process per core (pytest-xdist), a test module per worker at a time
PYTEST_WORKERS ?= auto

.PHONY: demo test lint format types imports unit soak bench setup clean

$(STAMP): pyproject.toml scripts/setup.sh
	@VENV=$(VENV) scripts/setup.sh

setup: $(STAMP)

## the embedded reference server with demo data + the cashier app
demo: $(STAMP)
	$(BIN)/loyalty-pos demo

## everything CI checks: lint, formatting, types, import contracts, the whole test suite
test: $(STAMP) lint types imports unit

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(STAMP)
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

types: $(STAMP)
	$(BIN)/mypy

imports: $(STAMP)
	$(BIN)/lint-imports

unit: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/pytest -n $(PYTEST_WORKERS) --dist loadfile $(PYTEST_ARGS)

## the ledger state machine (tests/loyalty_server/test_ledger_state_machine.py) for at least
## LEDGER_SOAK_STEPS random steps against the real server (make test runs ~750)
LEDGER_SOAK_STEPS ?= 10000
soak: $(STAMP)
	LEDGER_SOAK_STEPS=$(LEDGER_SOAK_STEPS) QT_QPA_PLATFORM=offscreen $(BIN)/pytest -o timeout=0 -s \
	  tests/loyalty_server/test_ledger_state_machine.py $(PYTEST_ARGS)

## benchmarks: each script prints one JSON line
bench: $(STAMP)
	@for b in $$(ls bench/*.py | grep -v __init__); do m=$$(basename $$b .py); echo "# bench.$$m"; \
	  QT_QPA_PLATFORM=offscreen $(BIN)/python -m bench.$$m || exit 1; done

clean:
	rm -rf $(VENV) .mypy_cache .pytest_cache .ruff_cache build *.egg-info
