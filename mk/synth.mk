# mk/synth.mk - RTL checks and iCE40 synthesis of rtl/gain_stage.v (issues 3, 4).
#
#   make synth              yosys + nextpnr-ice40 + icepack for the iCE40UP5K-SG48
#                           (one SB_MAC16) and iCE40HX8K-CT256 (LUT multiplier);
#                           table printed and written to $(BUILD)/synth/report.{txt,json}.
#                           Configuration as gsref/cosim take it:
#                             make synth SYNTH_ARGS="--profile libfixmath"
#                             make synth SYNTH_ARGS="--in s24.23 --round floor --seed 7"
#                           plus --part up5k|hx8k, --seed N, --seeds 2,3,4 (Fmax spread),
#                           --freq-up5k MHZ, --freq-hx8k MHZ,
#                           --fail-on-timing (see scripts/synth.py --help)
#   make synth-netlists     post-synthesis netlists of the default profile only
#                           (top module gain_stage, same ports as the RTL):
#                             $(BUILD)/synth/default/up5k/gain_stage_net.v
#                             $(BUILD)/synth/default/hx8k/gain_stage_net.v
#   make synth-netlist-test cosim --netlist on both (short, with stalls; `make test`)
#   make synth-regress      longer netlist runs, default and libfixmath (`make regress`)
#   make boards-check       boards/*.pcf place a small design on the real packages
#   make rtl-test           Verilator -Wall lint over parameter sets, yosys/Icarus
#                           parse, and the Icarus smoke test (`make test`)

SYNTH_ARGS  ?=
SYNTH_DIR   := $(BUILD)/synth
SYNTH_PY    := python3 scripts/synth.py
SYNTH_SRC   := $(GS_RTL) rtl/gain_stage_synth_top.v scripts/synth.py scripts/gs_rtl.py
SYNTH_NETS  := $(SYNTH_DIR)/default/up5k/gain_stage_net.v $(SYNTH_DIR)/default/hx8k/gain_stage_net.v
SYNTH_STAMP := $(SYNTH_DIR)/default/netlists.stamp
# Parameter sets for the lint (-G options, ';'-separated).
RTL_LINT_SETS := ;-GUSE_DSP=0;-GROUND=0 -GOVERFLOW=1;\
  -GIN_W=32 -GIN_F=16 -GG_W=32 -GG_F=16 -GOUT_W=32 -GOUT_F=16 -GROUND=6;\
  -GIN_W=7 -GIN_F=3 -GG_W=5 -GG_F=0 -GOUT_W=8 -GOUT_F=6 -GOVERFLOW=2 -GUSE_DSP=0;\
  -GIN_W=2 -GIN_F=0 -GG_W=1 -GG_F=0 -GOUT_W=2 -GOUT_F=0 -GROUND=5;\
  -GIN_W=32 -GIN_F=0 -GG_W=32 -GG_F=0 -GOUT_W=32 -GOUT_F=62 -GUSE_DSP=0;\
  -GIN_W=32 -GIN_F=31 -GG_W=32 -GG_F=31 -GOUT_W=32 -GOUT_F=0 -GROUND=1

.PHONY: boards-check synth synth-netlists synth-netlist-test synth-regress rtl-test rtl-lint rtl-smoke

synth: | deps-synth
	nice $(SYNTH_PY) --build $(SYNTH_DIR) $(SYNTH_ARGS)

synth-netlists: $(SYNTH_STAMP)
$(SYNTH_STAMP): $(SYNTH_SRC) | deps-synth
	nice $(SYNTH_PY) --build $(SYNTH_DIR) --netlist-only --strict-dsp
	@touch $@

# Both parts' netlists against the C model, every cycle, with stalls (the
# Verilator build of each netlist takes about half a minute the first time).
synth-netlist-test: $(SYNTH_STAMP) $(COSIM)
	@for n in $(SYNTH_NETS); do \
	  echo "synth-netlist-test: $$n"; \
	  nice $(COSIM) --netlist $$n --corners --random 50k --seed 1 --stall 0.2 --quiet || exit 1; \
	  nice $(COSIM) --netlist $$n --random 20k --seed 2 --gap 0.1 --quiet || exit 1; \
	done

# The LUT multiplier (USE_DSP=0, what the HX8K gets) at RTL level, several
# widths: a copy of the RTL whose USE_DSP default is 0, through cosim --rtl.
SYNTH_LUT_RTL := $(SYNTH_DIR)/lutmul/gain_stage.v
# (cosim --rtl finds the other sources in rtl/ by module name.)
$(SYNTH_LUT_RTL): rtl/gain_stage.v
	@mkdir -p $(@D)
	sed 's/^\( *parameter integer USE_DSP *= *\)1$$/\10/' $< > $@
	@! cmp -s $< $@ || { echo "synth: USE_DSP default not found in $<"; exit 1; }

synth-regress: $(SYNTH_STAMP) $(COSIM) $(SYNTH_LUT_RTL) | deps-synth
	@for c in "" "--profile libfixmath" "--in s7.3 --gain-fmt u5.0 --out s8.6 --round floor --overflow wrap" \
	    "--in s32.0 --gain-fmt u2.0 --out s2.0 --round half-up --overflow sat-sym" \
	    "--in s20.19 --gain-fmt u24.8 --out s24.2 --round zero --overflow sat"; do \
	  nice $(COSIM) --rtl $(SYNTH_LUT_RTL) $$c --corners --random 300k --seed 5 --stall 0.2 --quiet || exit 1; \
	done
	@for n in $(SYNTH_NETS); do \
	  nice $(COSIM) --netlist $$n --corners --random 1M --seed 3 --stall 0.3 --quiet || exit 1; \
	  nice $(COSIM) --netlist $$n --exhaustive --gain-code 0xffff --quiet || exit 1; \
	done
	nice $(SYNTH_PY) --build $(SYNTH_DIR) --netlist-only --profile libfixmath
	@for p in up5k hx8k; do \
	  nice $(COSIM) --profile libfixmath --netlist $(SYNTH_DIR)/libfixmath/$$p/gain_stage_net.v \
	    --corners --random 200k --seed 4 --stall 0.2 --quiet || exit 1; \
	done

rtl-lint: | deps-synth
	@sets='$(RTL_LINT_SETS)'; IFS=';'; for g in $$sets; do \
	  IFS=' '; verilator --lint-only -Wall $$g $(GS_RTL) || { echo "rtl-lint: FAIL with '$$g'"; exit 1; }; \
	done; echo "rtl-lint: verilator -Wall clean over the parameter sets"
	@verilator --lint-only -Wall --top-module gain_stage_synth_top rtl/gain_stage_synth_top.v $(GS_RTL)
	@iverilog -g2005 -Wall -s gain_stage -o /dev/null $(GS_RTL)
	@iverilog -g2005 -Wall -s gain_stage -P gain_stage.USE_DSP=0 -o /dev/null $(GS_RTL)
	@yosys -q -p "read_verilog $(GS_RTL); hierarchy -top gain_stage; proc"
	@echo "rtl-lint: Icarus and yosys accept $(GS_RTL)"

rtl-smoke: | deps-core
	@BUILD=$(BUILD) nice scripts/rtl_smoke.sh 300

rtl-test: rtl-lint rtl-smoke

# Every pin name of the board files placed by nextpnr (fails on a bad pin).
boards-check: | deps-synth
	@mkdir -p $(SYNTH_DIR)/boards
	@set -e; for b in icebreaker:--up5k:sg48 hx8k_breakout:--hx8k:ct256; do \
	  set -- $$(echo $$b | tr : ' '); n=$$1; dev=$$2; pkg=$$3; d=$(SYNTH_DIR)/boards; \
	  yosys -q -p "read_verilog boards/$${n}_pins_check.v; synth_ice40 -top $${n}_pins_check -json $$d/$$n.json"; \
	  nextpnr-ice40 -q $$dev --package $$pkg --json $$d/$$n.json --pcf boards/$$n.pcf \
	    --asc $$d/$$n.asc --log $$d/$$n.log || { echo "boards-check: $$n.pcf FAILED (log $$d/$$n.log)"; exit 1; }; \
	  echo "boards-check: boards/$$n.pcf places on $$pkg"; \
	done

TEST_TARGETS    += rtl-test boards-check synth-netlist-test
REGRESS_TARGETS += synth-regress
BENCH_TARGETS   += synth
