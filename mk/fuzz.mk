# mk/fuzz.mk - libFuzzer targets (clang-14, ASan + UBSan) of the input side:
#
#   make fuzz         each target FUZZ_TIME seconds (default 120; `make regress`)
#   make fuzz-short   each target FUZZ_SHORT seconds (default 4; `make test`)
#   make fuzz-planted each target, built with a defect put back, must crash: vec, cli,
#                     capture on their seed corpus (a defect of issue 10); eval by
#                     fuzzing for at most FUZZ_PLANT_TIME seconds from seeds that
#                     do not reach its model mutation (part of `make fuzz`)
#
# Targets (fuzz/): vec (tools/gs_vec.c against the independent reader
# fuzz/spec_vec.h), cli (gs_cli.c and cosim's option parser against the SPEC
# rules), capture (gscompare's parser, CRCs recomputed), eval (gs_config_check,
# gs_eval and the block APIs against tests/ref_exact.h). Seeds: fuzz/corpus/NAME,
# one per defect of issue 10 at least; new units under $(BUILD)/fuzz/corpus/.

FUZZ_CC    ?= clang-14
FUZZ_FLAGS := -std=c11 -Wall -Wextra -Werror -g -O1 \
              -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all
FUZZ_DIR   := $(BUILD)/fuzz
FUZZ_NAMES := vec cli capture eval
FUZZ_BINS  := $(addprefix $(FUZZ_DIR)/fuzz_,$(FUZZ_NAMES))
FUZZ_TIME  ?= 120
FUZZ_SHORT ?= 4
FUZZ_PLANT_TIME ?= 60

.PHONY: fuzz fuzz-short fuzz-build fuzz-planted

$(FUZZ_DIR)/fuzz_vec: fuzz/fuzz_vec.c fuzz/spec_vec.h $(CLI_SRC) $(CLI_HDR) $(MODEL_SRC) $(MODEL_HDR) | deps-fuzz
	@mkdir -p $(@D)
	$(FUZZ_CC) $(FUZZ_FLAGS) -Icmodel -Itools -Ifuzz $< tools/gs_vec.c tools/gs_text.c $(MODEL_SRC) -o $@
$(FUZZ_DIR)/fuzz_cli: fuzz/fuzz_cli.c sim/cosim_opts.c sim/cosim_opts.h sim/cosim_vectors.c sim/cosim_param.c $(CLI_SRC) $(CLI_HDR) $(MODEL_SRC) $(MODEL_HDR) | deps-fuzz
	@mkdir -p $(@D)
	$(FUZZ_CC) $(FUZZ_FLAGS) -Icmodel -Itools -Isim $< sim/cosim_opts.c sim/cosim_vectors.c sim/cosim_param.c $(CLI_SRC) $(MODEL_SRC) -lm -o $@
$(FUZZ_DIR)/fuzz_capture: fuzz/fuzz_capture.c $(GSCOMPARE_DEP) | deps-fuzz
	@mkdir -p $(@D)
	$(FUZZ_CC) $(FUZZ_FLAGS) -Icmodel -Itools -Ifw $< $(GSCOMPARE_LIB) $(MODEL_SRC) -o $@
$(FUZZ_DIR)/fuzz_eval: fuzz/fuzz_eval.c tests/ref_exact.c tests/ref_exact.h $(MODEL_SRC) $(MODEL_HDR) | deps-fuzz
	@mkdir -p $(@D)
	$(FUZZ_CC) $(FUZZ_FLAGS) -Icmodel -Itests $< tests/ref_exact.c $(MODEL_SRC) -o $@

fuzz-build: $(FUZZ_BINS)

# One bounded run per target, in sequence (2 cores shared); every one runs even
# when an earlier one failed, then the verdict.
define fuzz_runs
	@fail=0; for n in $(FUZZ_NAMES); do \
	  fuzz/run.sh $$n $(FUZZ_DIR)/fuzz_$$n $(1) $(FUZZ_DIR)/corpus/$$n fuzz/corpus/$$n \
	    $$( [ -f fuzz/$$n.dict ] && echo fuzz/$$n.dict ) || fail=1; \
	done; [ $$fail -eq 0 ]
endef

fuzz: $(FUZZ_BINS) fuzz-planted
	$(call fuzz_runs,$(FUZZ_TIME))
# each target catches a planted fault (fuzz/planted.sh says which)
fuzz-planted: | deps-fuzz
	@GSCOMPARE_LIB="$(GSCOMPARE_LIB)" fuzz/planted.sh $(FUZZ_CC) $(FUZZ_DIR)/planted $(FUZZ_PLANT_TIME)
fuzz-short: $(FUZZ_BINS)
	$(call fuzz_runs,$(FUZZ_SHORT))

TEST_TARGETS    += fuzz-short
REGRESS_TARGETS += fuzz
