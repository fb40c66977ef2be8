# mk/dpi.mk - SystemVerilog DPI-C: the C model as the scoreboard of a self-checking
# SystemVerilog testbench of gain_stage (dpi/), built by Verilator's own
# --binary --timing flow (issue 12).
#
#   make dpi-sim [DPI_PARAMS="-GROUND=0 -GOVERFLOW=2"] [DPI_ARGS="+n=10000 +stall=30"]
#                       build and run the example testbench
#   make test-dpi       the real RTL passes (with and without stalls); a planted RTL
#                       fault fails naming the sample, the expected and the got output
#   make test-dpi-wide  the libfixmath parameter set (32-bit, half-away; regress)

DPI_DIR    := $(BUILD)/dpi
DPI_OBJ    := $(DPI_DIR)/gs_dpi.o
DPI_SV     := dpi/gainstage_pkg.sv dpi/tb_gain_stage_dpi.sv
DPI_PARAMS ?=
DPI_ARGS   ?= +n=5000 +stall=20
# -O0: the runs are short, the C++ compile is what costs (about 20 % less).
DPI_VFLAGS := --binary --timing --timescale 1ns/1ps -Wall \
              --top-module tb_gain_stage_dpi -j $(JOBS) -o tb \
              -MAKEFLAGS "OPT_FAST=-O0 OPT_SLOW=-O0 OPT_GLOBAL=-O0"
DPI_MUT    := $(DPI_DIR)/mutants/ovf0/gain_stage.v

.PHONY: dpi-sim test-dpi test-dpi-wide

$(DPI_OBJ): dpi/gs_dpi.c $(LIB_HDR) | deps-core
	@mkdir -p $(@D)
	$(CC) $(WARN) -Wmissing-prototypes $(CFLAGS) -Icmodel -Ilib -c $< -o $@

# $(call dpi_build,DIR,RTL,EXTRA): one Verilator binary DIR/tb (the link step is
# Verilator's; the C layer is ours, compiled as C above)
dpi_build = verilator $(DPI_VFLAGS) $(3) -Mdir $(1) \
  -LDFLAGS "$(abspath $(DPI_OBJ)) $(abspath $(LIB_A)) -lm" $(DPI_SV) $(2) $(GS_RTL_LIB) > $(1).log 2>&1 || \
  { tail -n 30 $(1).log; exit 1; }

$(DPI_DIR)/good/tb: $(DPI_SV) rtl/gain_stage.v $(DPI_OBJ) $(LIB_A) | deps-core
	$(call dpi_build,$(DPI_DIR)/good,rtl/gain_stage.v)

$(DPI_MUT): bench/mutate.sh rtl/gain_stage.v
	@bench/mutate.sh rtl/gain_stage.v $(DPI_DIR)/mutants >/dev/null
# The planted fault is built with -Wno-fatal: the wrapper is lint-clean only for the RTL's sake.
$(DPI_DIR)/ovf0/tb: $(DPI_SV) $(DPI_MUT) $(DPI_OBJ) $(LIB_A) | deps-core
	$(call dpi_build,$(DPI_DIR)/ovf0,$(DPI_MUT),-Wno-fatal)

dpi-sim: $(DPI_SV) rtl/gain_stage.v $(DPI_OBJ) $(LIB_A) | deps-core
	$(call dpi_build,$(DPI_DIR)/user,rtl/gain_stage.v,$(DPI_PARAMS))
	$(DPI_DIR)/user/tb $(DPI_ARGS)

test-dpi: $(DPI_DIR)/good/tb $(DPI_DIR)/ovf0/tb
	$(DPI_DIR)/good/tb +n=3000 +stall=20 +seed=1
	$(DPI_DIR)/good/tb +n=2000 +stall=0 +seed=2
	@scripts/expect_fault.sh "DPI-C, overflow flag stuck at 0" /dev/null $(DPI_DIR)/ovf0/tb +n=3000

DPI_WIDE := -GIN_W=32 -GIN_F=16 -GG_W=32 -GG_F=16 -GOUT_W=32 -GOUT_F=16 -GROUND=6
$(DPI_DIR)/wide/tb: $(DPI_SV) rtl/gain_stage.v $(DPI_OBJ) $(LIB_A) | deps-core
	$(call dpi_build,$(DPI_DIR)/wide,rtl/gain_stage.v,$(DPI_WIDE))
test-dpi-wide: $(DPI_DIR)/wide/tb
	$(DPI_DIR)/wide/tb +n=20000 +stall=20 +seed=3

TEST_TARGETS    += test-dpi
REGRESS_TARGETS += test-dpi-wide
