# sim/cosim_build.mk - builds the simulator of ONE RTL configuration (or one
# netlist) for cosim. cosim (sim/cosim.c) runs it from the repository root as
#
#   make -f sim/cosim_build.mk OUT=build/cosim/<key> IN_W=16 IN_F=15 G_W=16 G_F=12 \
#        OUT_W=16 OUT_F=15 ROUND=7 OVERFLOW=0 [VARIANT=fast|fst|vcd|cov] [NETLIST=file] [LANES=n]
#
# and make's dependencies decide whether anything is rebuilt: the Verilog read
# (from Verilator's own .d file), the harness sources and the model sources.
#   VARIANT fast: -O3, no trace or coverage code compiled in (the default);
#           fst/vcd: waveform tracing; cov: line and toggle coverage.
# Targets: $(OUT)/cosim-sim (the checking simulator), $(OUT)/bare (the bare
# Verilator loop used as the speed ceiling by the benchmark).

OUT     ?= $(error OUT=dir is required)
# A model's settings, written when it is verilated (below): then
# `make -f sim/cosim_build.mk OUT=dir isa-check` needs nothing else. Read for
# that goal only: a build's settings are all on cosim's command line.
ifneq ($(filter isa-check,$(MAKECMDGOALS)),)
  -include $(OUT)/settings.mk
endif
# Shared by every configuration: the C objects of the harness and the model, and
# Verilator's run-time objects (one set per variant). `make ... common` builds
# them; cosim runs it under a lock of its own, so parallel builds do not race.
COMMON  ?= $(dir $(OUT))common
VARIANT ?= fast
NETLIST ?=
RTL     ?= rtl/gain_stage.v
CC      ?= cc
CXX     ?= c++
VERILATOR ?= verilator
CELLS_SIM ?= /usr/share/yosys/ice40/cells_sim.v
WARN    := -std=c11 -Wall -Wextra -Werror

PARAM_NAMES := IN_W IN_F G_W G_F OUT_W OUT_F ROUND OVERFLOW
$(foreach p,$(PARAM_NAMES),$(if $($(p)),,$(error $(p)= is required)))
# LANES: gain_stage instances in the model (cosim --lanes N), 1 by default.
LANES   ?= 1
GPARAMS := $(foreach p,$(PARAM_NAMES) LANES,-G$(p)=$($(p)))
PDEFS   := $(foreach p,$(PARAM_NAMES) LANES,-DP_$(p)=$($(p)))

VL      := $(OUT)/vl
# Expanded only by the recipes that compile against it: `verilator --getenv`
# costs ~50 ms of CPU, which every up-to-date check (make -q, each cosim run) paid.
VLROOT   = $(shell $(VERILATOR) --getenv VERILATOR_ROOT)
# XRAND=1 (cosim --rand-reset): X values become random at run time, no hidden
# dependence on the fast defaults' zeros. XPARAMS="NAME=VALUE ..." (cosim --param):
# extra parameters of gain_stage, through cosim_top's COSIM_XPARAMS.
XRAND   ?=
XPARAMS ?=
XMODE   := $(if $(XRAND),unique,fast)
comma   := ,
XPDEF   := $(foreach p,$(XPARAMS),$(comma).$(firstword $(subst =, ,$(p)))($(lastword $(subst =, ,$(p)))))
VFLAGS  := --cc -O3 --x-assign $(XMODE) --x-initial $(XMODE) --no-timing \
           --top-module cosim_top -Mdir $(VL) $(GPARAMS) \
           $(if $(XPARAMS),'-DCOSIM_XPARAMS=$(XPDEF)')

ifeq ($(NETLIST),)
  DUT_SRC := $(RTL)
  VSRC    := sim/cosim_top.v $(RTL) -y rtl -Wno-fatal
  NET_DEF := 0
else
  # A yosys netlist with the iCE40 cell models: their style is not ours, so
  # only real errors stop the build; -DNO_ICE40_DEFAULT_ASSIGNMENTS is needed
  # by Verilator 5.006 (see issue 4). A port width that does not match the
  # configuration is an error (PINCONNECT widths): -Werror-WIDTH.
  DUT_SRC := $(NETLIST)
  VSRC    := -DCOSIM_NETLIST -DNO_ICE40_DEFAULT_ASSIGNMENTS sim/cosim_top.v $(NETLIST) \
             $(CELLS_SIM) -Wno-fatal -Wno-lint -Wno-style -Wno-MULTIDRIVEN \
             -Wno-COMBDLY -Wno-STMTDLY -Wno-TIMESCALEMOD -Werror-WIDTH
  NET_DEF := 1
endif

ifeq ($(VARIANT),fast)
  TRACE_DEFS :=
else ifeq ($(VARIANT),fst)
  VFLAGS += --trace-fst --trace-structs
  TRACE_DEFS :=
else ifeq ($(VARIANT),vcd)
  VFLAGS += --trace
  TRACE_DEFS := -DCOSIM_VCD=1
else ifeq ($(VARIANT),cov)
  VFLAGS += --coverage-line --coverage-toggle
  TRACE_DEFS :=
else
  $(error VARIANT must be fast, fst, vcd or cov)
endif

MODEL_SRC := $(wildcard cmodel/*.c)
CLI_SRC   := $(strip $(file < tools/gs_cli.files))
HDRS      := $(wildcard cmodel/*.h) $(CLI_SRC:.c=.h) $(wildcard sim/*.h)
# The harness, in the order a sample goes through it (sim/run.h lists them).
HARNESS   := config stimulus stim_corners stim_random expected check_fast check_stall \
             errors slice coverage summary jobs dump trace gtkw harness
C_SRC     := $(MODEL_SRC) $(CLI_SRC) sim/cosim_opts.c \
             sim/cosim_vectors.c sim/cosim_param.c \
             $(patsubst %,sim/%.c,$(HARNESS)) sim/sim_main.c
C_OBJ     := $(patsubst %.c,$(COMMON)/c/%.o,$(notdir $(C_SRC)))
# -march=native: the model is built and run on the same machine.
COPT      := -O3 -march=native
# The model's data-dependent selections (`c ? a : b` in Verilator's C++) as
# conditional moves, not branches: gcc assumes a branch predictable and keeps
# it, and on random stimulus (signs, overflow) half of them mispredict. With
# this, random stimulus runs the model as fast as the bare loop's Weyl
# sequence (issue 9); clang ignores the parameters (a warning, no effect).
IFCVT     := --param max-rtl-if-conversion-predictable-cost=40 \
             --param max-rtl-if-conversion-unpredictable-cost=40
CXXOPT    := -O3 -march=native $(IFCVT)

.PHONY: all common
all: $(OUT)/cosim-sim

# 1. Verilate. The .d file written by Verilator lists every Verilog file read.
$(VL)/Vcosim_top.mk $(VL)/Vcosim_top_classes.mk: sim/cosim_build.mk sim/cosim_top.v $(DUT_SRC)
	@mkdir -p $(VL)
	$(VERILATOR) $(VFLAGS) $(VSRC) > $(OUT)/verilator.log 2>&1 || \
	  { cat $(OUT)/verilator.log >&2; exit 1; }
	@printf '%s\n' $(foreach v,$(PARAM_NAMES) LANES VARIANT RTL NETLIST XRAND XPARAMS,'$(v) := $($(v))') \
	  > $(OUT)/settings.mk
	@# Verilator leaves an unchanged file's date alone: without this, a newer
	@# sim/cosim_build.mk re-verilated on every cosim run
	@touch $(VL)/Vcosim_top.mk $(VL)/Vcosim_top_classes.mk
# For sim/model_eval.h: how many reads of s_valid, s_data or s_gain the model's
# input region has (its functions named *ico*: the logic Verilator runs between
# edges when inputs change). None: no output follows them through logic alone,
# and one eval a cycle may do; the probe in model_eval.h checks it too.
$(VL)/cosim_ico.h: $(VL)/Vcosim_top.mk
	awk 'FNR == 1 { f = 0 } /^(VL_INLINE_OPT )?void [A-Za-z0-9_]*ico[A-Za-z0-9_]*\(/ { f = 1 } \
	     f && /vlSelf->s_(valid|data|gain)[^A-Za-z0-9_]/ { n++ } f && /^}/ { f = 0 } \
	     END { printf "#define MODEL_ICO_READS_STREAM %d\n", n }' $(VL)/*.cpp > $@.tmp
	mv $@.tmp $@
-include $(VL)/Vcosim_top__ver.d
-include $(VL)/Vcosim_top_classes.mk

# 2. The model, with Verilator's makefile; Verilator's run-time objects once per
# variant, from a stand-in design verilated with the same options.
RT        := $(COMMON)/vlrt-$(VARIANT)
VL_GLOBAL := $(addprefix $(RT)/,$(addsuffix .o,$(VM_GLOBAL_FAST) $(VM_GLOBAL_SLOW)))
VL_MAKE   := $(MAKE) -s -C $(VL) -f Vcosim_top.mk OPT_FAST="$(CXXOPT)" OPT_SLOW=-O1 \
             OPT_GLOBAL=-O2 VM_PARALLEL_BUILDS=0
$(VL)/Vcosim_top__ALL.a: $(VL)/Vcosim_top.mk
	$(VL_MAKE) Vcosim_top__ALL.a >/dev/null
	@touch $@

RT_FLAGS  := $(filter --trace% --coverage%,$(VFLAGS))
$(RT)/stamp: sim/cosim_build.mk
	@mkdir -p $(RT)
	printf 'module vlrt(input wire clk);\nendmodule\n' > $(RT)/vlrt.v
	$(VERILATOR) --cc --no-timing $(RT_FLAGS) -Mdir $(RT) --prefix Vrt $(RT)/vlrt.v
	$(MAKE) -s -C $(RT) -f Vrt.mk OPT_GLOBAL=-O2 $$(sed -n '/^VM_GLOBAL_/,/^$$/p' \
	  $(RT)/Vrt_classes.mk | grep -v VM_GLOBAL_ | tr -d '\\\t ' | grep . | sed 's/$$/.o/') >/dev/null
	touch $@
common: $(RT)/stamp $(C_OBJ)

# 3. The thin C++ layer, the C harness, the link.
VL_INC  = -isystem $(VL) -isystem $(VLROOT)/include -isystem $(VLROOT)/include/vltstd -Isim
VL_DEF := -DVM_TRACE=$(VM_TRACE) -DVM_TRACE_FST=$(VM_TRACE_FST) -DVM_COVERAGE=$(VM_COVERAGE) \
          -DVM_SC=0 -DCOSIM_NETLIST=$(NET_DEF) -DCOSIM_SRC='"$(DUT_SRC)"' $(PDEFS) $(TRACE_DEFS)
# -Werror as for the C: Verilator's headers and the generated model's are -isystem.
CXXWARN := -std=c++17 -Wall -Wextra -Werror
DUT_HDRS := sim/dut.h sim/dut_vl.h sim/dut_lanes.h sim/model_eval.h sim/trace_files.h sim/seed.h
DUT_OBJ  := $(OUT)/dut_vl.o $(OUT)/dut_cycle.o
$(OUT)/%.o: sim/%.cpp $(DUT_HDRS) $(VL)/cosim_ico.h $(VL)/Vcosim_top__ALL.a
	$(CXX) $(CXXOPT) $(CXXWARN) $(VL_INC) $(VL_DEF) -c $< -o $@

$(COMMON)/c/%.o: cmodel/%.c $(HDRS)
	@mkdir -p $(@D)
	$(CC) $(WARN) $(COPT) -Icmodel -Itools -Isim -c $< -o $@
$(COMMON)/c/%.o: tools/%.c $(HDRS)
	@mkdir -p $(@D)
	$(CC) $(WARN) $(COPT) -Icmodel -Itools -Isim -c $< -o $@
$(COMMON)/c/%.o: sim/%.c $(HDRS)
	@mkdir -p $(@D)
	$(CC) $(WARN) $(COPT) -Icmodel -Itools -Isim -c $< -o $@

LIBS := -pthread -lm $(if $(filter 1,$(VM_TRACE_FST)),-lz)
$(OUT)/cosim-sim: $(C_OBJ) $(DUT_OBJ) $(VL)/Vcosim_top__ALL.a $(RT)/stamp
	$(CXX) -o $@ $(C_OBJ) $(DUT_OBJ) $(VL)/Vcosim_top__ALL.a $(VL_GLOBAL) $(LIBS)

# isa-check: the C++ layer built for each x86-64 level, -Werror, objects thrown
# away. -march=native picks the vector ABI, so warnings could depend on the
# machine: a vector passed by value warns (-Wpsabi) where the ISA lacks its
# width, and once stopped every 8-lane build on a machine without AVX-512.
ISA_LEVELS ?= x86-64 x86-64-v2 x86-64-v3 x86-64-v4
ISA_SRC    := $(patsubst $(OUT)/%.o,sim/%.cpp,$(DUT_OBJ)) sim/bare_main.cpp
.PHONY: isa-check
isa-check: $(VL)/cosim_ico.h $(VL)/Vcosim_top__ALL.a
	@p=; for m in $(ISA_LEVELS); do for f in $(ISA_SRC); do \
	  $(CXX) $(subst -march=native,-march=$$m,$(CXXOPT)) $(CXXWARN) $(VL_INC) $(VL_DEF) \
	    -c $$f -o /dev/null & p="$$p $$!"; done; done; \
	  r=0; for j in $$p; do wait $$j || r=1; done; exit $$r

# The speed ceiling: the same model, driven with no checking at all.
$(OUT)/bare: sim/bare_main.cpp sim/dut_lanes.h sim/dut.h sim/model_eval.h $(VL)/cosim_ico.h $(VL)/Vcosim_top__ALL.a $(RT)/stamp
	$(CXX) $(CXXOPT) $(CXXWARN) $(VL_INC) $(VL_DEF) $< \
	  $(VL)/Vcosim_top__ALL.a $(VL_GLOBAL) $(LIBS) -o $@
