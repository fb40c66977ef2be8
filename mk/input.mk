# mk/input.mk - bad input refused, and the cosim variants of issue 10:
#
#   make test-input        one check per defect of issue 10 (tests/input_defects.sh):
#                          gsref, gscompare (also under ASan, for leaks) and cosim
#   make regress-variants  the LUT multiplier (--use-dsp 0) and randomized reset
#                          values (--rand-reset SEED, seeds VARIANT_SEEDS) as
#                          regression variants, each with a planted fault it must
#                          catch (tests/cosim_variants.sh; JUnit XML under
#                          $(BUILD)/input/variants/)

INPUT_DIR     := $(BUILD)/input
VARIANT_SEEDS ?= 1 2 3 4

.PHONY: test-input regress-variants

# gscompare under ASan for the leak checks of test-input
$(INPUT_DIR)/gscompare_asan: $(GSCOMPARE_DEP) | deps-core
	@mkdir -p $(@D)
	$(CC) $(WARN) -O1 -g $(SAN) -Icmodel -Itools -Ifw tools/gscompare.c $(GSCOMPARE_LIB) $(MODEL_SRC) -o $@

test-input: $(GSREF) $(GSCOMPARE) $(COSIM) $(INPUT_DIR)/gscompare_asan
	@tests/input_defects.sh $(GSREF) $(GSCOMPARE) $(COSIM) $(INPUT_DIR)/work $(INPUT_DIR)/gscompare_asan

regress-variants: $(COSIM)
	@tests/cosim_variants.sh $(COSIM) $(INPUT_DIR)/variants "$(VARIANT_SEEDS)"

TEST_TARGETS    += test-input
REGRESS_TARGETS += regress-variants
