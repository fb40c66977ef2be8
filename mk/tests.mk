# mk/tests.mk - unit tests of the C model and gsref (tests/).
#
#   make test-unit          cmocka unit tests under ASan/UBSan + gsref black-box tests
#   make test-mutants       planted bugs in a copy of the model must make the tests fail
#   make exhaustive-model   all 2^32 (x, g) pairs of the default profile vs the reference
#                           (five block paths; exhaustive-model-scalar: the scalar calls
#                           too, in regress)
#
# Expected values come from tests/ref_exact.h (an independent exact reference
# written from SPEC.md, never calling the model), from libfixmath, or from hand
# computation; never from the model itself. TEST_SEED=N changes the random
# seeds, TEST_SCALE=F scales the random sample counts (default 1).

TEST_BUILD  := $(BUILD)/tests
TEST_CFLAGS := $(WARN) -O1 -g $(SAN) -D_POSIX_C_SOURCE=200809L -Icmodel -Itools -Itests
TEST_LIBS   := -lcmocka -llibfixmath -lm
REF_SRC     := tests/ref_exact.c
REF_HDR     := tests/ref_exact.h tests/test_util.h tests/splitmix.h
UNIT_NAMES  := test_ref test_config test_gain test_vec test_eval test_stage test_libfixmath
UNIT_BINS   := $(addprefix $(TEST_BUILD)/,$(UNIT_NAMES))
REF_CLI     := $(TEST_BUILD)/ref_cli
EXH_MODEL   := $(TEST_BUILD)/exhaustive_model

.PHONY: test-unit test-unit-c test-gsref test-mutants exhaustive-model exhaustive-model-scalar

# The model, the CLI code and the reference are compiled once for all the
# cmocka binaries (under the sanitizers), not once per binary.
# tests/gs_block_alt.c: cmodel/gs_block.c with the other form of its range test.
BLOCK_ALT := tests/gs_block_alt.c
TEST_OBJ := $(patsubst %.c,$(TEST_BUILD)/obj/%.o,$(MODEL_SRC) $(CLI_SRC) $(REF_SRC) $(BLOCK_ALT))
$(TEST_BUILD)/obj/tests/gs_block_alt.o: cmodel/gs_block.c tests/gs_block_alt.h
$(TEST_BUILD)/obj/%.o: %.c $(MODEL_HDR) $(CLI_HDR) $(REF_HDR) | deps-core
	@mkdir -p $(@D)
	$(CC) $(TEST_CFLAGS) -c $< -o $@

$(TEST_BUILD)/test_%: tests/test_%.c $(TEST_OBJ) $(REF_HDR) $(MODEL_HDR) $(CLI_HDR) | deps-core
	@mkdir -p $(@D)
	$(CC) $(TEST_CFLAGS) $< $(TEST_OBJ) $(TEST_LIBS) -o $@

$(REF_CLI): tests/ref_cli.c $(REF_SRC) tests/ref_exact.h tests/splitmix.h | deps-core
	@mkdir -p $(@D)
	$(CC) $(WARN) -O2 -fsanitize=undefined -fno-sanitize-recover=all -Itests tests/ref_cli.c $(REF_SRC) -o $@

# Runs every cmocka binary (each prints cmocka's summary), all at once (they
# are short but one), the logs in this order after, then one total line. A run NAME:ONLY:SKIP passes
# cmocka filters (test_util.h); UNIT_SPLIT's BINARY=GLOB makes two runs of a
# binary, the tests GLOB matches and the others: test_eval's test_random16 (~30 s
# under the sanitizers) beside the rest of it (~40 s). A run of no test fails.
UNIT_SPLIT ?= test_eval=test_random16
unit_glob   = $(patsubst $(1)=%,%,$(filter $(1)=%,$(UNIT_SPLIT)))
UNIT_RUNS  := $(foreach n,$(UNIT_NAMES),$(if $(call unit_glob,$(n)),$(n):$(call unit_glob,$(n)): \
                $(n)::$(call unit_glob,$(n)),$(n)))
test-unit-c: $(UNIT_BINS)
	@start=$$(date +%s); failed=0; total=0; i=0; \
	for r in $(UNIT_RUNS); do \
	  i=$$((i + 1)); b=$(TEST_BUILD)/$${r%%:*}; f=$${r#*:}; [ "$$f" = "$$r" ] && f=:; \
	  ( TEST_ONLY=$${f%%:*} TEST_SKIP=$${f#*:} $$b > $(TEST_BUILD)/run$$i.log 2>&1; \
	    echo $$? > $(TEST_BUILD)/run$$i.rc ) & \
	done; wait; i=0; \
	for r in $(UNIT_RUNS); do \
	  i=$$((i + 1)); log=$(TEST_BUILD)/run$$i.log; \
	  echo "== $$r"; cat $$log; \
	  n=$$(sed -n 's/^\[==========\] \([0-9]*\) test(s) run\./\1/p' $$log); \
	  [ "$${n:-0}" -ge 1 ] || echo "test-unit: $$r ran no test"; \
	  if [ "$$(cat $(TEST_BUILD)/run$$i.rc)" != 0 ] || ! grep -q '^\[  PASSED  \] [0-9]* test(s)\.' $$log || \
	     grep -q '^\[  FAILED  \]' $$log || [ "$${n:-0}" -lt 1 ]; then \
	    failed=$$((failed + 1)); fi; \
	  total=$$((total + $${n:-0})); \
	done; \
	echo "test-unit: $(words $(UNIT_BINS)) cmocka binaries in $(words $(UNIT_RUNS)) runs, $$total tests, $$failed runs failing, $$(( $$(date +%s) - start )) s"; \
	[ $$failed -eq 0 ]

test-gsref: $(GSREF) $(REF_CLI)
	@tests/gsref_test.sh $(GSREF) $(REF_CLI) $(TEST_BUILD)/gsref_work

test-unit: test-unit-c test-gsref

$(EXH_MODEL): tests/exhaustive_model.c $(REF_SRC) tests/ref_exact.h $(MODEL_SRC) $(MODEL_HDR) \
              $(BLOCK_ALT) tests/gs_block_alt.h | deps-core
	@mkdir -p $(@D)
	$(CC) $(WARN) -O2 -D_POSIX_C_SOURCE=200809L -pthread -Icmodel -Itests \
	  tests/exhaustive_model.c $(REF_SRC) $(MODEL_SRC) $(BLOCK_ALT) -o $@

# ~90 s of CPU (31 s before the stage loops were added; about 45 s wall on an idle 2-core
# machine): part of make test. The scalar variant checks gs_eval and gs_stage_eval on every
# pair as well.
exhaustive-model: $(EXH_MODEL)
	@nice $(EXH_MODEL) --threads 2
exhaustive-model-scalar: $(EXH_MODEL)
	@nice $(EXH_MODEL) --threads 2 --scalar

test-mutants: $(GSREF) $(REF_CLI) | deps-core
	@CC="$(CC)" BUILD="$(BUILD)" tests/mutants.sh

TEST_TARGETS    += test-unit test-mutants exhaustive-model
REGRESS_TARGETS += exhaustive-model-scalar
