#!/usr/bin/env bash
# run.sh NAME BINARY SECONDS WORKDIR SEEDS [DICT] - one bounded libFuzzer run:
# every seed of the repository corpus first (each defect of issue 10 has one),
# then new inputs for SECONDS; new corpus units go to WORKDIR, a crash to
# WORKDIR/../crash-NAME-*. Prints one line with the executions; exit 1 on a
# crash, leak, UB report or timeout.
set -u
name=$1 bin=$2 secs=$3 work=$4 seeds=$5 dict=${6:-}
mkdir -p "$work"
log="$work.log"
args=(-max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 -close_fd_mask=3
      -print_final_stats=1 -artifact_prefix="$work/../crash-$name-")
[ -n "$dict" ] && args+=(-dict="$dict")
case $name in
  vec) args+=(-max_len=2048) ;; cli) args+=(-max_len=512) ;;
  capture) args+=(-max_len=4096) ;; eval) args+=(-max_len=520) ;;
esac
start=$(date +%s)
"$bin" "${args[@]}" "$work" "$seeds" >"$log" 2>&1
rc=$?
execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
units=$(ls "$work" | wc -l)
if [ $rc -ne 0 ]; then
  echo "fuzz: $name: FAIL (exit $rc) after ${execs:-?} executions; log $log:"
  grep -E 'ERROR|SUMMARY|abort|Test unit written|runtime error' "$log" | head -8 | sed 's/^/    /'
  exit 1
fi
echo "fuzz: $name: ${execs:-?} executions in $(( $(date +%s) - start )) s, $(ls "$seeds" | wc -l) seeds + $units new units, no crash"
