# Every target builds its own virtualenv, so a fresh clone needs nothing but python3 and make.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
SHARED ?= ../shared
LISTS := $(SHARED)/lists
# The demo keeps its database inside the project, not in the user's home.
export SCREENER_HOME ?= $(CURDIR)/data
SCREENER := $(BIN)/screener

.PHONY: demo test bench lint clean venv

venv: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	$(BIN)/python -m compileall -q screener
	touch $@

demo: venv
	bash scripts/demo.sh

test: venv
	$(BIN)/python -m pytest -q -n 2 --dist loadfile

bench: venv
	$(BIN)/python -m compileall -q screener  # time the commands, not their compilation
	$(BIN)/python -m bench.run

lint: venv
	$(BIN)/ruff check screener tests bench

clean:
	rm -rf $(VENV) data out .pytest_cache
