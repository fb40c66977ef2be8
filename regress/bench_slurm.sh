#!/usr/bin/env bash
# bench_slurm.sh - the same small regression locally and on a one-node Slurm cluster
# (make bench-slurm): wall times and the scheduler's cost per array task.
# Usage: regress/bench_slurm.sh COSIM OUTDIR   (writes OUTDIR/slurm.md and slurm.json)
#
# The regression is the `overhead` suite: BENCH_SLURM_JOBS short cosim runs (the corner
# set). Locally they run nproc at a time; the cluster's node has CPUs = nproc too, so
# the difference is the scheduler's: per-task overhead = (T_slurm - T_local) * P / tasks.
# Then again with 4 jobs per array task (--chunk 4). Not root: skipped, with the reason.
set -uo pipefail
cosim=${1:?usage: bench_slurm.sh COSIM OUTDIR}
out=${2:?usage: bench_slurm.sh COSIM OUTDIR}
here=$(cd "$(dirname "$0")" && pwd)
py=${PYTHON:-python3}
n=${BENCH_SLURM_JOBS:-24}
p=$(nproc)
# shellcheck source=regress/slurm_cluster.sh
. "$here/slurm_cluster.sh"
mkdir -p "$out"
runs=$(cd "$out" && pwd)/slurm-runs
rm -rf "$runs"
mkdir -p "$runs"
drv=("$py" "$here/gsregress.py" --cosim "$cosim" --suite overhead --tasks "$n" --jobs "$p")

if ! gs_cluster_usable; then
  echo "bench-slurm: skipped: $gs_cluster_why" | tee "$out/slurm.md"
  exit 0
fi
tmp=$(mktemp -d /tmp/gs-slurm.XXXXXX)
trap 'gs_cluster_stop; rm -rf "$tmp"' EXIT
trap 'exit 130' INT TERM

# the model is built by the first run; every timed run finds it up to date
"${drv[@]}" --on local --out "$runs/warm" >/dev/null 2>&1
"${drv[@]}" --on local --out "$runs/local" >"$runs/local.log" 2>&1 ||
  { echo "bench-slurm: the local run failed: $runs/local.log"; exit 1; }
t0=$(date +%s.%N)
gs_cluster_start "$tmp" "$p" || { echo "bench-slurm: the cluster did not come up"; exit 1; }
t1=$(date +%s.%N)
echo "$t0 $t1" >"$runs/cluster_start"
for k in 1 4; do
  "${drv[@]}" --on slurm --chunk "$k" --wait-timeout 600 --out "$runs/slurm-k$k" \
    >"$runs/slurm-k$k.log" 2>&1 ||
    { echo "bench-slurm: the Slurm run (--chunk $k) failed: $runs/slurm-k$k.log"; exit 1; }
done
"$py" "$here/bench_figures.py" "$runs" "$p" "$out/slurm.md" "$out/slurm.json"
