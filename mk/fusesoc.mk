# mk/fusesoc.mk - gainstage.core (FuseSoC CAPI2, issue 12): lint, sim and synth
# targets of gain_stage; fusesoc and edalize come pinned with the venv (deps.sh py).
#
#   make test-fusesoc   a fresh FuseSoC setup in a temp dir runs lint and sim, the
#                       reuse example, and a planted fault that sim must reject
#   make test-fusesoc-synth  the synth target (icestorm flow, iCE40UP5K; regress, ~1 min)

FUSESOC     := $(GS_VENV)/bin/fusesoc
FUSESOC_MUT := $(BUILD)/fusesoc/mutants/ovf0/gain_stage.v

.PHONY: test-fusesoc test-fusesoc-synth

$(FUSESOC_MUT): bench/mutate.sh rtl/gain_stage.v
	@bench/mutate.sh rtl/gain_stage.v $(BUILD)/fusesoc/mutants >/dev/null

# build/ holds copies of core files (build roots, mutants): FuseSoC skips it.
test-fusesoc: $(FUSESOC_MUT) | deps-py
	@touch $(BUILD)/FUSESOC_IGNORE
	@fusesoc/test_fusesoc.sh $(FUSESOC) $(abspath $(FUSESOC_MUT))

test-fusesoc-synth: $(FUSESOC_MUT) | deps-py deps-synth
	@touch $(BUILD)/FUSESOC_IGNORE
	@fusesoc/test_fusesoc.sh $(FUSESOC) $(abspath $(FUSESOC_MUT)) --synth

TEST_TARGETS    += test-fusesoc
REGRESS_TARGETS += test-fusesoc-synth
