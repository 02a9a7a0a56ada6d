# Two commands do all the set-up on a fresh machine (Python 3.10+ with venv):
#   make demo   install, then check the project's claims against its seed articles
#   make test   install (with the Ray extra), then lint (ruff), type-check (mypy) and run the whole test suite (offline)
VENV ?= .venv
PYTHON ?= python3
BIN := $(VENV)/bin

.PHONY: demo test install bench clean

# CPU-only torch on an ordinary Linux machine (no multi-GB CUDA libraries):
#   make demo TORCH_INDEX=https://download.pytorch.org/whl/cpu
TORCH_INDEX ?=
TORCH_VERSION := 2.13.0

$(BIN)/claimcheck: pyproject.toml
	@echo "==> creating the virtual environment $(VENV) with $(PYTHON)"
	$(PYTHON) -m venv $(VENV)
	@if [ -n "$(TORCH_INDEX)" ]; then \
	  echo "==> installing torch $(TORCH_VERSION) from $(TORCH_INDEX)"; \
	  $(BIN)/pip install --quiet --disable-pip-version-check --index-url $(TORCH_INDEX) torch==$(TORCH_VERSION); \
	fi
	@echo "==> installing claimcheck and its dependencies into $(VENV): torch, sentence-transformers, spaCy (minutes the first time)"
	$(BIN)/pip install --quiet --disable-pip-version-check -e '.[test]'
	@# An editable install compiles nothing, and with PYTHONDONTWRITEBYTECODE set every run would compile the
	@# package again (about 0.1 s of CPU in every run); `pip install .` compiles it the same way.
	$(BIN)/python -m compileall -q src > /dev/null
	@echo "==> installed: $$(du -sh $(VENV) | cut -f1) in $(VENV)"
	touch $@

install: $(BIN)/claimcheck

# The test suite also starts a real two-node Ray cluster (tests/cluster), so `make test` adds the optional `ray` extra.
$(BIN)/ray: $(BIN)/claimcheck
	@echo "==> installing the optional Ray extra for the cluster tests (claimcheck[ray])"
	$(BIN)/pip install --quiet --disable-pip-version-check -e '.[test,ray]'
	touch $@

demo: install
	@echo "==> checking the claims in claims/ against the articles in seeds/"
	@echo "    (a first run loads the embedding model and embeds the seeds, then caches the vectors; later runs reuse them)"
	$(BIN)/claimcheck check claims
	@echo "==> done: every expect in claims/seeds.yaml holds. Next: $(BIN)/claimcheck draft examples/draft.md --sources seeds"

# House rules first (seconds), then the suite: lint, format, strict types on src/, tests.
test: install $(BIN)/ray
	@echo "==> lint, format, types, then the whole test suite (offline)"
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks
	$(BIN)/mypy
	$(BIN)/python -m pytest

bench: install
	$(BIN)/python benchmarks/accuracy.py
	$(BIN)/python benchmarks/speed.py

clean:
	rm -rf $(VENV) build *.egg-info src/*.egg-info
