# gainstage - top-level Makefile. One target per user task; every build goes
# under build/. Each part of the project keeps its rules in mk/<part>.mk and
# adds its checks to TEST_TARGETS, its long runs to REGRESS_TARGETS and its
# measurements to BENCH_TARGETS.
#
#   make            the main job (co-simulation regression of the default profile)
#   make test       every test (< 15 min); installs missing dependencies first
#   make regress    the long regression matrix (JUnit XML under build/)
#   make exhaustive every (x, g) pair of the default profile, model and RTL
#   make synth      iCE40 synthesis report (UP5K and HX8K)
#   make soc-sim    PicoRV32 SoC simulation, UART log checked by gscompare
#   make bench      benchmark figures (not a test)

BUILD   ?= build
CC      ?= cc
CXX     ?= c++
JOBS    ?= $(shell nproc 2>/dev/null || echo 2)
# The Python virtual environment of the cocotb 2.x / pytest / FuseSoC flows
# (scripts/deps.sh py); Debian's /usr/bin/python3 runs the matplotlib scripts.
GS_VENV ?= $(abspath $(BUILD))/venv
VENV_PY := $(GS_VENV)/bin/python
SYS_PY  ?= /usr/bin/python3
# The gain_stage RTL: its sources (rtl/gain_stage.f, top first) and the files a
# copy of rtl/gain_stage.v (a planted fault) is built with; its LATENCY as the
# RTL elaborates it (scripts/gs_rtl.py: the one place that reads it).
GS_RTL     := $(strip $(file < rtl/gain_stage.f))
GS_RTL_LIB := $(filter-out rtl/gain_stage.v,$(GS_RTL))
GS_LATENCY  = $(shell python3 scripts/gs_rtl.py latency)

WARN    := -std=c11 -Wall -Wextra -Werror
CFLAGS  ?= -O2 -g
SAN     := -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer

.DEFAULT_GOAL := all
TEST_TARGETS    :=
REGRESS_TARGETS :=
BENCH_TARGETS   :=
MAIN_TARGETS    :=

.PHONY: all test regress bench clean deps deps-core deps-synth deps-soc deps-bench deps-formal \
        deps-fuzz deps-slurm deps-report deps-py

# Dependencies: scripts/deps.sh is idempotent and quick when nothing is missing.
deps: ; @GS_VENV=$(GS_VENV) scripts/deps.sh all
deps-core: ; @scripts/deps.sh core
deps-synth: ; @scripts/deps.sh synth
deps-soc: ; @scripts/deps.sh soc
deps-bench: ; @scripts/deps.sh bench
deps-formal: ; @scripts/deps.sh formal
deps-fuzz: ; @scripts/deps.sh fuzz
deps-slurm: ; @scripts/deps.sh slurm
deps-report: ; @scripts/deps.sh report
deps-py: ; @GS_VENV=$(GS_VENV) scripts/deps.sh py

$(BUILD):
	@mkdir -p $@

# Products that several parts use as prerequisites. They are defined here, before
# the fragments, because a prerequisite is expanded when its rule is read: a name
# defined in a fragment that sorts later would be empty there.
GSREF       := $(BUILD)/bin/gsref
GSCOMPARE   := $(BUILD)/bin/gscompare
COSIM       := $(BUILD)/bin/cosim
LIB_VERSION := 0.1.0
LIB_SOMAJOR := 0
LIB_DIR     := $(BUILD)/lib
LIB_HDR     := cmodel/gainstage.h lib/gs_model.h
LIB_A       := $(LIB_DIR)/libgainstage.a
LIB_SO      := $(LIB_DIR)/libgainstage.so.$(LIB_VERSION)

include $(sort $(wildcard mk/*.mk))

all: $(MAIN_TARGETS)
test: $(TEST_TARGETS)
	@echo "make test: all test targets passed ($(TEST_TARGETS))"
regress: $(REGRESS_TARGETS)
bench: $(BENCH_TARGETS)

clean:
	rm -rf $(BUILD)
