# mk/sim.mk - the Verilator co-simulation harness (cosim), its regressions, the
# planted-fault test, the exhaustive run and the co-simulation benchmark.
#
#   make cosim            build $(BUILD)/bin/cosim (models are built on first use,
#                         one per configuration, under $(BUILD)/cosim/<key>/)
#   make cosim-main       default-profile co-simulation regression (part of `make`)
#   make cosim-test       short runs of several configurations, error handling,
#                         and the planted-fault test (part of `make test`)
#   make cosim-faults     only the planted-fault test
#   make cosim-isa        the C++ layer builds with -Werror at every x86-64 level
#   make cosim-stimulus   the stimulus' special gains, its shares of ties, rails and
#                         thresholds, and the coverage bins (sim/test_stimulus.c)
#   make cosim-stimulus-mutants  those checks catch planted faults (`make regress`)
#   make regress-cosim    the matrix: 24 mode pairs x formats x seeds (`make regress`)
#   make exhaustive       every (x, g) of the default profile: 2^32 samples, 2 jobs x 8 lanes
#   make cosim-lanes      --lanes N gives the same dumps as one lane (full rate and stalls),
#                         and the planted faults are caught in lanes (`make regress`)
#   make bench-cosim      cosim vs the bare Verilator loop, samples/s (`make bench`)
#   make cosim-coverage   Verilator line/toggle coverage of rtl/gain_stage.v
#
# cosim --rtl FILE runs another copy of the RTL (the planted-fault test uses it),
# cosim --netlist FILE a yosys netlist (mk/synth.mk's post-synthesis checks).

COSIM_DEPS  := sim/cosim.c sim/cosim_opts.c sim/cosim_opts.h sim/cosim_vectors.c \
               sim/cosim_param.c sim/cosim_param.h \
               $(MODEL_SRC) $(MODEL_HDR) \
               $(CLI_SRC) $(CLI_HDR)
COSIM_JOBS  ?= 2
COSIM_LANES ?= 8
REGRESS_SEEDS ?= 1 2 3

.PHONY: cosim cosim-main cosim-test cosim-stimulus cosim-faults cosim-isa cosim-cli cosim-configs regress-cosim \
        exhaustive bench-cosim cosim-coverage cosim-lanes cosim-stimulus-mutants

cosim: $(COSIM)
$(COSIM): $(COSIM_DEPS) | deps-core
	@mkdir -p $(@D)
	$(CC) $(WARN) $(CFLAGS) -Icmodel -Itools -Isim -DCOSIM_SRCDIR='"$(CURDIR)"' \
	  -DCOSIM_BUILDDIR='"$(abspath $(BUILD))"' sim/cosim.c sim/cosim_opts.c sim/cosim_vectors.c sim/cosim_param.c \
	  $(MODEL_SRC) $(CLI_SRC) -lm -o $@

# The main job: the default profile, full rate and under stalls.
cosim-main: $(COSIM)
	$(COSIM) --corners --random 2M --seed 1
	$(COSIM) --random 500k --seed 2 --stall 0.2
	$(COSIM) --exhaustive --rf 47k --rin 10k

# Quick checks: the stimulus' special gains, configurations, error handling,
# planted faults.
cosim-test: cosim-stimulus cosim-configs cosim-cli cosim-isa cosim-faults

# The stimulus code alone (no Verilator model), under ASan/UBSan.
STIM_TEST_SRC := sim/test_stimulus.c sim/test_stim_shares.c sim/coverage.c sim/config.c sim/stimulus.c sim/stim_random.c \
                 sim/stim_corners.c sim/cosim_opts.c sim/cosim_vectors.c sim/cosim_param.c \
                 $(MODEL_SRC) $(CLI_SRC)
$(BUILD)/sim/test_stimulus: $(STIM_TEST_SRC) sim/run.h sim/seed.h sim/cosim_opts.h $(MODEL_HDR) $(CLI_HDR)
	@mkdir -p $(@D)
	$(CC) $(WARN) -O1 -g $(SAN) -Icmodel -Itools -Isim $(STIM_TEST_SRC) -lm -o $@
cosim-stimulus: $(BUILD)/sim/test_stimulus
	@$(BUILD)/sim/test_stimulus
# Its share and coverage checks fail on faults planted in the stimulus and the
# classifier (a build per fault, ~3 min: in make regress).
cosim-stimulus-mutants: | deps-core
	@sim/test_stim_mutants.sh $(BUILD)/stim-mutants $(STIM_TEST_SRC) -- $(CC) $(WARN) -O1 -g $(SAN)

cosim-configs: $(COSIM)
	@sim/test_configs.sh $(COSIM) $(BUILD)/cosim-test

cosim-cli: $(COSIM) $(GSREF)
	@sim/test_cli.sh $(COSIM) $(GSREF) $(BUILD)/cosim-test

# The C++ layer builds with -Werror at every x86-64 level, not only at this
# machine's (sim/cosim_build.mk's isa-check), on an 8-lane model (~12 s to build):
# the default lanes, where each of dut_lanes.h's vectors is 256 bits or more, so
# one passed by value warns (-Wpsabi) at some level.
cosim-isa: $(COSIM)
	@if [ "$$(uname -m)" != x86_64 ]; then echo "cosim-isa: skipped: not an x86-64 machine"; exit 0; fi; \
	d=$$($(COSIM) --model-dir --quiet --in s12.11 --gain-fmt u10.8 --out s13.9 --lanes 8) && \
	$(MAKE) --no-print-directory -f sim/cosim_build.mk OUT=$$d isa-check && \
	echo "cosim-isa: PASS: the C++ layer of an 8-lane model builds with -Werror for x86-64 levels 1 to 4"

cosim-faults: $(COSIM)
	@sim/faults.sh $(COSIM) $(BUILD)/faults

regress-cosim: $(COSIM)
	@sim/regress.sh $(COSIM) $(BUILD)/regress $(JOBS) "$(REGRESS_SEEDS)"

exhaustive: $(COSIM)
	$(COSIM) --exhaustive --all-gains --jobs $(COSIM_JOBS) --lanes $(COSIM_LANES) --max-errors 20

cosim-lanes: $(COSIM) $(GSREF)
	@sim/test_lanes.sh $(COSIM) $(BUILD)/cosim-lanes $(GSREF)
	@sim/faults.sh $(COSIM) $(BUILD)/faults-lanes --lanes 4

# cosim's random stimulus as raw samples, for the bench's information rows (the
# bare loop on that stimulus); the stimulus sources of test_stimulus, optimised.
STIM_DUMP     := $(BUILD)/sim/stim_dump
STIM_DUMP_SRC := sim/stim_dump.c $(filter-out sim/test_stimulus.c sim/test_stim_shares.c,$(STIM_TEST_SRC))
$(STIM_DUMP): $(STIM_DUMP_SRC) sim/run.h sim/cosim_opts.h $(MODEL_HDR) $(CLI_HDR) | deps-core
	@mkdir -p $(@D)
	$(CC) $(WARN) -O2 -Icmodel -Itools -Isim $(STIM_DUMP_SRC) -lm -o $@

bench-cosim: $(COSIM) $(STIM_DUMP)
	@sim/bench.sh $(COSIM) $(BUILD)/bench 5 $(COSIM_LANES) $(STIM_DUMP)

cosim-coverage: $(COSIM)
	@mkdir -p $(BUILD)/coverage
	$(COSIM) --corners --random 200k --stall 0.2 --coverage $(BUILD)/coverage/cosim.dat
	verilator_coverage --annotate $(BUILD)/coverage/annotated $(BUILD)/coverage/cosim.dat \
	  | tee $(BUILD)/coverage/summary.txt
	@echo "cosim-coverage: annotated sources in $(BUILD)/coverage/annotated"

MAIN_TARGETS    += cosim-main
TEST_TARGETS    += cosim-test
REGRESS_TARGETS += regress-cosim exhaustive cosim-lanes cosim-stimulus-mutants
BENCH_TARGETS   += bench-cosim
