#!/usr/bin/env bash
# task.sh - runs one task of a regression: the jobs TASK*K .. TASK*K+K-1 of RUN/jobs.tsv.
# Usage: regress/task.sh RUN [TASK [K]]   (TASK defaults to $SLURM_ARRAY_TASK_ID)
#
# The same script runs every job, locally (regress/local_backend.py, K=1) and in a
# Slurm array task (regress/slurm_backend.py), so both back-ends leave the same files:
#   RUN/logs/IDX.log        cosim's output
#   RUN/results/IDX.result  key=value lines; "state=started" is written before cosim
#                           starts and replaced (atomically) by "state=done rc=N" when it
#                           ends, or by "state=died" when the task is signalled. A file
#                           left at "started" means the task died under us (node
#                           failure, SIGKILL after a time limit): an error, never a pass.
# Needs only bash and coreutils on the node, with the repository and build directory
# at the same path as on the submitting host (see README, "Regressions on Slurm").
set -uo pipefail
set -f # job options are split on blanks, never globbed
run=${1:?usage: task.sh RUN [TASK [K]]}
task=${2:-${SLURM_ARRAY_TASK_ID:?usage: task.sh RUN TASK [K] (or under sbatch --array)}}
chunk=${3:-1}
# COSIM, JOB_TIMEOUT (seconds, 0 = none), written by regress/gsregress.py
# shellcheck source=/dev/null
. "$run/run.env"

dying=
trap 'dying=TERM' TERM
trap 'dying=INT' INT
host=$(hostname 2>/dev/null || echo unknown)
first=$((task * chunk))
last=$((first + chunk - 1))

put() { # file, key=value lines on stdin; replaced atomically
  cat >"$1.tmp.$$" && mv -f "$1.tmp.$$" "$1"
}

cpu_now() { # CPU seconds (user + system) of this shell's children so far, into $cpu
  times >"$run/results/.times.$$" # the builtin, in this shell (not in a $(...) subshell)
  cpu=$(awk 'NR == 2 { for (i = 1; i <= 2; i++) { split($i, a, /[ms]/); n += a[1] * 60 + a[2] } }
             END { printf "%.2f", n }' "$run/results/.times.$$")
  rm -f "$run/results/.times.$$"
}

while IFS=$'\t' read -r idx name _group _expect opts; do
  [ "$idx" -ge "$first" ] && [ "$idx" -le "$last" ] || continue
  res=$run/results/$idx.result
  log=$run/logs/$idx.log
  t0=$(date +%s.%N)
  cpu_now
  c0=$cpu
  head="name=$name
host=$host
task=$task
jobid=${SLURM_ARRAY_JOB_ID:-local}
start=$t0"
  printf '%s\nstate=started\n' "$head" | put "$res"
  # --foreground: cosim stays in the task's process group, so a signal to the task
  # (Ctrl-C, scancel, a time limit) reaches it
  # shellcheck disable=SC2086
  timeout --foreground -k 10 "$JOB_TIMEOUT" "$COSIM" $opts --no-progress >"$log" 2>&1
  rc=$?
  t1=$(date +%s.%N)
  cpu_now
  cpu=$(awk -v a="$c0" -v b="$cpu" 'BEGIN { printf "%.2f", b - a }')
  if [ -n "$dying" ]; then
    why="task received SIG$dying (time limit, scancel or node shutdown) while cosim ran"
    printf '%s\nend=%s\nstate=died\nreason=%s (exit %s)\n' "$head" "$t1" "$why" "$rc" | put "$res"
    exit 143
  fi
  printf '%s\nend=%s\ncpu=%s\nstate=done\nrc=%s\n' "$head" "$t1" "$cpu" "$rc" | put "$res"
done <"$run/jobs.tsv"
exit 0
