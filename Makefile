# Two commands for a fresh machine: `make run` and `make test` (see README.md).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
SAMPLE := samples/memorandum
RUN_DIR := build/sample

.PHONY: run test lint venv clean sample

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Reinstall whenever pyproject.toml changes.
$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@

venv: $(VENV)/.installed

run: venv
	@mkdir -p $(RUN_DIR)
	@test -f $(RUN_DIR)/sample.corrigenda || \
		$(BIN)/corrigenda new $(RUN_DIR)/sample.corrigenda $(SAMPLE) --names samples/names.txt
	$(BIN)/corrigenda gui $(RUN_DIR)/sample.corrigenda

test: venv
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q
	$(BIN)/ruff check app tests bench samples
	$(BIN)/mypy

lint: venv
	$(BIN)/ruff check app tests bench samples
	$(BIN)/ruff format --check app tests bench samples
	$(BIN)/mypy

clean:
	rm -rf $(VENV) build .pytest_cache .mypy_cache .ruff_cache
