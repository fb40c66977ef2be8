# mk/python.mk - the Python package (python/, issue 12) and its tests.
#
#   make py-install    `pip install ./python` into $(BUILD)/python/site, as a user
#                      would from a fresh clone (builds the bundled libgainstage)
#   make test-python   pytest: the package against gsref (8 configurations x 10^5
#                      samples) and the error contract
#
# Runs in the venv of scripts/deps.sh py ($(GS_VENV); `make GS_VENV=/work/venv`).

PY_SITE  := $(BUILD)/python/site
PY_STAMP := $(PY_SITE)/.installed
PY_SRC   := $(wildcard python/pyproject.toml python/setup.py python/setup.cfg python/gainstage/*.py)
# The package's environment: the installed copy, never python/ itself.
PY_ENV   := env -u GAINSTAGE_LIB PYTHONPATH=$(abspath $(PY_SITE)) PYTHONDONTWRITEBYTECODE=1

.PHONY: py-install test-python

py-install: $(PY_STAMP)
$(PY_STAMP): $(PY_SRC) $(MODEL_SRC) $(MODEL_HDR) $(CLI_SRC) $(CLI_HDR) lib/gs_stage.c \
             lib/gs_stage.h lib/gs_cli_capture.c lib/gs_cli_capture.h | deps-py
	@rm -rf $(PY_SITE)
	$(VENV_PY) -m pip install -q --no-deps --target $(PY_SITE) ./python
	@touch $@

test-python: $(PY_STAMP) $(GSREF)
	$(PY_ENV) GSREF=$(abspath $(GSREF)) $(VENV_PY) -m pytest -q -p no:cacheprovider python/tests

TEST_TARGETS += test-python
