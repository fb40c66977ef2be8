# mk/vpi.mk - the C model as Verilog system functions for Icarus users (vpi/gs_vpi.c:
# $gs_config, $gs_eval; issue 12), linked with libgainstage, and its example bench.
#
#   make vpi            $(BUILD)/vpi/gs_vpi.vpi (also installed by `make install`)
#   make vpi-sim [VPI_PARAMS="-Ptb_gain_stage_vpi.ROUND=0"] [VPI_ARGS="+n=10000 +stall=30"]
#   make test-vpi       the example bench passes on the real RTL and rejects planted
#                       faults, naming the sample, the expected and the got output

VPI_DIR    := $(BUILD)/vpi
VPI_MOD    := $(VPI_DIR)/gs_vpi.vpi
VPI_TB     := vpi/tb_gain_stage_vpi.v
VPI_FLAGS  := -g2005 -Wall -Wno-timescale
VPI_PARAMS ?=
VPI_ARGS   ?= +n=5000 +stall=20
# $(call vpi_build,OUT,RTL,PARAMS): iverilog loads the module at compile time too
vpi_build  = iverilog $(VPI_FLAGS) $(3) -L $(VPI_DIR) -m gs_vpi -o $(1) $(VPI_TB) $(2) $(GS_RTL_LIB)

.PHONY: vpi vpi-sim test-vpi

vpi: $(VPI_MOD)
$(VPI_MOD): vpi/gs_vpi.c $(LIB_A) $(LIB_HDR) | deps-core
	@mkdir -p $(@D)
	$(CC) $(WARN) $(CFLAGS) -fPIC -shared -I/usr/include/iverilog -Icmodel vpi/gs_vpi.c \
	  $(LIB_A) -lm -o $@

vpi-sim: $(VPI_MOD)
	$(call vpi_build,$(VPI_DIR)/user.vvp,rtl/gain_stage.v,$(VPI_PARAMS))
	vvp -n -M $(VPI_DIR) -m gs_vpi $(VPI_DIR)/user.vvp $(VPI_ARGS)

$(VPI_DIR)/mutants/.done: bench/mutate.sh rtl/gain_stage.v
	@bench/mutate.sh rtl/gain_stage.v $(VPI_DIR)/mutants >/dev/null && touch $@

test-vpi: $(VPI_MOD) $(VPI_DIR)/mutants/.done
	@$(call vpi_build,$(VPI_DIR)/good.vvp,rtl/gain_stage.v)
	@$(call vpi_build,$(VPI_DIR)/wide.vvp,rtl/gain_stage.v,-Ptb_gain_stage_vpi.IN_W=32 \
	  -Ptb_gain_stage_vpi.IN_F=16 -Ptb_gain_stage_vpi.G_W=32 -Ptb_gain_stage_vpi.G_F=16 \
	  -Ptb_gain_stage_vpi.OUT_W=32 -Ptb_gain_stage_vpi.OUT_F=16 -Ptb_gain_stage_vpi.ROUND=6)
	vvp -n -M $(VPI_DIR) -m gs_vpi $(VPI_DIR)/good.vvp +n=3000 +stall=20
	vvp -n -M $(VPI_DIR) -m gs_vpi $(VPI_DIR)/good.vvp +n=2000 +stall=0 +seed=2
	vvp -n -M $(VPI_DIR) -m gs_vpi $(VPI_DIR)/wide.vvp +n=2000 +stall=10
	@for m in ovf0 nobp; do \
	  $(call vpi_build,$(VPI_DIR)/$$m.vvp,$(VPI_DIR)/mutants/$$m/gain_stage.v) || exit 1; \
	  scripts/expect_fault.sh "VPI/Icarus, mutant $$m" /dev/null \
	    vvp -n -M $(VPI_DIR) -m gs_vpi $(VPI_DIR)/$$m.vvp +n=3000 +stall=20 || exit 1; \
	done

TEST_TARGETS += test-vpi
