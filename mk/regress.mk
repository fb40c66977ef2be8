# mk/regress.mk - regressions described once (regress/suites.py), run locally or as one
# Slurm job array (regress/gsregress.py); the one-node Slurm test and its benchmark.
#
#   make regress-cosim       the matrix (mk/sim.mk, through sim/regress.sh)
#   make exhaustive-matrix   every (round, overflow) pair x every (x, g): 24 x 2^32 samples,
#                            in gain-range shards of EXH_SHARD_GAINS codes; a verdict per
#                            pair and overall (build/exhaustive-matrix/summary.md); no
#                            per-job time limit (a shard lasts minutes; on Slurm, use -t)
#   make regress-smoke       five short jobs: try a cluster with it first
#   make test-slurm          a private one-node Slurm cluster runs a regression with a
#                            planted fault, then one without (make test; skipped if not root)
#   make test-regress        the verdicts of dead tasks, missing results, short shards
#   make bench-slurm         local vs one-node Slurm wall time, per-task overhead
#
# The back-end, for all of them:
#   REGRESS_ON=local|slurm     where the jobs run (default local, JOBS in parallel)
#   REGRESS_CHUNK=K            Slurm: K jobs per array task
#   REGRESS_SLURM_ARGS="..."   Slurm: passed to sbatch as they are ("-p PART -A ACCT -t 1:00:00")
#   REGRESS_COVERAGE=1         Verilator coverage of every job, merged into RUN/coverage.dat
#   REGRESS_ONLY=REGEX         only the jobs whose name matches (not for regress-cosim)
#   regress/with_cluster.sh make ... REGRESS_ON=slurm   the same on a private one-node cluster

REGRESS_ON         ?= local
REGRESS_CHUNK      ?= 1
REGRESS_SLURM_ARGS ?=
REGRESS_COVERAGE   ?=
REGRESS_ONLY       ?=
EXH_SHARD_GAINS    ?= 32768
REGRESS_PY         ?= python3
# sim/regress.sh reads these from its environment
export REGRESS_ON REGRESS_CHUNK REGRESS_SLURM_ARGS REGRESS_COVERAGE

regress_run = $(REGRESS_PY) regress/gsregress.py --cosim $(COSIM) --jobs $(JOBS) \
  --on $(REGRESS_ON) --chunk $(REGRESS_CHUNK) --slurm-args "$(REGRESS_SLURM_ARGS)" \
  $(if $(REGRESS_COVERAGE),--coverage) $(if $(REGRESS_ONLY),--only '$(REGRESS_ONLY)')

# `cosim` (mk/sim.mk, read after this fragment) rather than $(COSIM), which is not set
# yet when these prerequisites are read; recipes expand $(COSIM) late, so they may use it.
.PHONY: exhaustive-matrix regress-smoke test-slurm test-regress bench-slurm

exhaustive-matrix: cosim
	$(regress_run) --suite exhaustive-matrix --shard-gains $(EXH_SHARD_GAINS) \
	  --job-timeout 0 --out $(BUILD)/exhaustive-matrix

regress-smoke: cosim
	$(regress_run) --suite smoke --out $(BUILD)/regress-smoke

test-slurm: cosim | deps-slurm
	@PYTHON=$(REGRESS_PY) regress/test_slurm.sh $(COSIM) $(BUILD)/test-slurm

test-regress:
	@$(REGRESS_PY) regress/test_verdicts.py

bench-slurm: cosim | deps-slurm
	@PYTHON=$(REGRESS_PY) regress/bench_slurm.sh $(COSIM) $(BUILD)/bench

TEST_TARGETS    += test-regress test-slurm
# exhaustive-matrix (24 x 2^32 samples, ~45 min on 2 cores) is a target of its own, not part of `make regress`.
BENCH_TARGETS   += bench-slurm
