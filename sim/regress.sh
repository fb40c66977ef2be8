#!/usr/bin/env bash
# regress.sh - the co-simulation regression matrix (make regress-cosim).
# Usage: sim/regress.sh COSIM OUTDIR [JOBS] ["SEEDS"] [--quick]
#
# The matrix itself (24 mode pairs, the libfixmath profile, odd formats, seeds, stalls,
# small exhaustive spaces) is described once in regress/suites.py; this runs it through
# regress/gsregress.py, locally or on Slurm (REGRESS_ON=slurm, REGRESS_CHUNK,
# REGRESS_SLURM_ARGS, REGRESS_COVERAGE=1: see mk/regress.mk). Writes OUTDIR/junit.xml,
# OUTDIR/summary.md and OUTDIR/summary.json; exits non-zero if any job failed.
set -uo pipefail
cosim=${1:?usage: regress.sh COSIM OUTDIR [JOBS] [SEEDS] [--quick]}
out=${2:?usage: regress.sh COSIM OUTDIR [JOBS] [SEEDS] [--quick]}
jobs=${3:-2}
seeds=${4:-1 2 3}
quick=${5:-}
here=$(cd "$(dirname "$0")" && pwd)
exec "${PYTHON:-python3}" "$here/../regress/gsregress.py" --suite regress --cosim "$cosim" \
  --out "$out" --jobs "$jobs" --seeds "$seeds" ${quick:+--quick} \
  --on "${REGRESS_ON:-local}" --chunk "${REGRESS_CHUNK:-1}" \
  --slurm-args "${REGRESS_SLURM_ARGS:-}" ${REGRESS_COVERAGE:+--coverage}
