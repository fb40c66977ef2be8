# mk/cmodel.mk - the C model, gsref and the host tools' shared code.
# Other parts link MODEL_SRC and CLI_SRC (never a copy of them).

MODEL_SRC := $(wildcard cmodel/*.c)
MODEL_HDR := $(wildcard cmodel/*.h)
# the tools' option and vector parsing: tools/gs_cli.files is the one list (the
# cosim build, python/setup.py and tests/mutants.sh read it too)
CLI_SRC   := $(strip $(file < tools/gs_cli.files))
CLI_HDR   := $(CLI_SRC:.c=.h)
# gscompare's own sources (gscompare.c includes itself into fuzz_capture) and
# what they need from fw/: one list for the tool, its ASan build and the fuzzer
GSCOMPARE_LIB := tools/gs_capline.c tools/gs_text.c
GSCOMPARE_DEP := tools/gscompare.c $(GSCOMPARE_LIB) tools/gs_capline.h tools/gs_text.h \
                 fw/gs_crc16.h fw/soc.h fw/pcpi.h $(MODEL_SRC) $(MODEL_HDR)

.PHONY: gsref check-rv32 demo bench-model

gsref: $(GSREF)
$(GSREF): $(MODEL_SRC) $(MODEL_HDR) $(CLI_SRC) $(CLI_HDR) tools/gsref.c | deps-core
	@mkdir -p $(@D)
	$(CC) $(WARN) $(CFLAGS) -Icmodel -Itools $(MODEL_SRC) $(CLI_SRC) tools/gsref.c -lm -o $@

# The model must build unchanged, warning-free, for the soft core (SPEC section 8).
RV32_CC    := riscv64-unknown-elf-gcc
RV32_FLAGS := $(WARN) -O2 -ffreestanding -mabi=ilp32 --specs=picolibc.specs
RV32_STAMP := $(BUILD)/rv32/model.ok
check-rv32: $(RV32_STAMP)
$(RV32_STAMP): $(MODEL_SRC) $(MODEL_HDR) | deps-soc
	@mkdir -p $(BUILD)/rv32/rv32i $(BUILD)/rv32/rv32im
	@for arch in rv32i rv32im; do \
	  for src in $(MODEL_SRC); do \
	    $(RV32_CC) $(RV32_FLAGS) -march=$$arch -c $$src \
	      -o $(BUILD)/rv32/$$arch/$$(basename $$src .c).o || exit 1; \
	  done; \
	done
	@echo "check-rv32: cmodel builds warning-free for rv32i and rv32im (freestanding, picolibc)"
	@touch $@

# A demonstration sweep: the whole input range of the default profile at gain
# 4.7 (R_f = 47k, R_in = 10k), every 256th code.
demo: $(GSREF)
	@mkdir -p $(BUILD)/demo
	@seq -32768 256 32767 > $(BUILD)/demo/sweep_in.txt
	$(GSREF) --rf 47k --rin 10k $(BUILD)/demo/sweep_in.txt > $(BUILD)/demo/sweep_out.txt
	@paste -d' ' $(BUILD)/demo/sweep_in.txt $(BUILD)/demo/sweep_out.txt | \
	  awk '{n++; o+=$$3} NR%32==1 {printf "  x=%6d  y=%6d  ovf=%d\n", $$1, $$2, $$3} \
	       END {printf "demo: %d inputs, %d clipped at the rails -> $(BUILD)/demo/sweep_out.txt\n", n, o}'

BENCH_MODEL := $(BUILD)/bin/bench_model
$(BENCH_MODEL): $(MODEL_SRC) $(MODEL_HDR) tools/bench_model.c | deps-core
	@mkdir -p $(@D)
	$(CC) $(WARN) -O2 -Icmodel $(MODEL_SRC) tools/bench_model.c -llibfixmath -o $@
bench-model: $(BENCH_MODEL)
	@mkdir -p $(BUILD)/bench
	$(BENCH_MODEL) --json $(BUILD)/bench/model.json

TEST_TARGETS  += check-rv32
BENCH_TARGETS += bench-model

