# Two commands do all the set-up on a fresh machine (Python 3.10+ with venv):
#   make demo   install, then check the project's claims against its seed articles
#   make test   install, then lint (ruff), type-check (mypy) and run the whole test suite (offline)
VENV ?= .venv
PYTHON ?= python3
BIN := $(VENV)/bin

.PHONY: demo test install bench clean

$(BIN)/claimcheck: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -e '.[test]'
	touch $@

install: $(BIN)/claimcheck

demo: install
	$(BIN)/claimcheck check claims

# House rules first (seconds), then the suite: lint, format, strict types on src/, tests.
test: install
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks
	$(BIN)/mypy
	$(BIN)/python -m pytest

bench: install
	$(BIN)/python benchmarks/accuracy.py
	$(BIN)/python benchmarks/speed.py

clean:
	rm -rf $(VENV) build *.egg-info src/*.egg-info
