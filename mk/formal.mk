# mk/formal.mk - formal proofs of rtl/gain_stage.v (issue 10; README "Formal proofs"):
#
#   make formal   (a) the AXI4-Stream contract at small widths and (b) the datapath
#                 after the product at full width (default and libfixmath profiles),
#                 each proved for all time by k-induction (yosys + yosys-abc), and each
#                 shown to fail on planted faults (`make test`; about 30 s of CPU)

FORMAL_DIR := $(BUILD)/formal

.PHONY: formal
formal: | deps-formal
	@nice formal/run.sh $(FORMAL_DIR)

TEST_TARGETS += formal
