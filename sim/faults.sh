#!/usr/bin/env bash
# faults.sh - the planted-fault test: proves that cosim can fail.
# Usage: sim/faults.sh COSIM OUTDIR [COSIM OPTIONS...]
# (extra options go to every run: `--lanes 4` plants each fault in 4 lanes)
#
# For every fault of sim/mutate.pl, a copy of rtl/gain_stage.v with that fault
# is made under OUTDIR and run through cosim (--rtl) at full rate and under
# stalls; cosim must reject each one with exit status 1 (a mismatch or a
# handshake-rule violation, not a build or usage error). The unmutated copy must
# pass the same runs. A mutation that no longer applies to the RTL fails the test.
set -uo pipefail
cosim=${1:?usage: faults.sh COSIM OUTDIR}
out=${2:?usage: faults.sh COSIM OUTDIR}
shift 2
common=("$@")
par=${FAULTS_JOBS:-$(nproc 2>/dev/null || echo 2)}
[[ $par =~ ^[1-9][0-9]*$ ]] || { echo "faults: FAULTS_JOBS must be a number >= 1, not '$par'" >&2; exit 2; }
here=$(cd "$(dirname "$0")" && pwd)
rtl=$here/../rtl/gain_stage.v
mkdir -p "$out"

# name | extra configuration options
faults=(
  "tie_half_up|"
  "round_before_neg|--round floor"
  "sat_as_sat_sym|"
  "wrong_rail|"
  "ovf_off_by_one|"
  "drop_backpressure|"
  "change_stalled|"
  "duplicate|"
  "wrong_latency|"
  "valid_in_reset|"
  "deadlock|"
  "x_min_code|"
  "gain_max_code|"
  "gain_stale|"
)
# Two runs per DUT: full rate (exact latency) and with stalls.
run_a=(--corners --random 100k --seed 11 --max-errors 3 --timeout 2000)
run_b=(--random 50k --seed 12 --stall 0.2 --max-errors 3 --timeout 2000)

# status of one DUT: "pass" (both runs exit 0), "reject" (a run exits 1 and
# none exits 2), or "error" (a build or usage failure: exit 2 or worse).
check() { # file extra-args... -> prints the verdict, logs to $log
  local f=$1; shift
  local st=pass rc
  for run in a b; do
    local -n args=run_$run
    "$cosim" --rtl "$f" "$@" "${args[@]}" "${common[@]}" --quiet >>"$log" 2>&1
    rc=$?
    echo "[run $run: exit $rc]" >>"$log"
    if [ $rc -eq 1 ]; then
      [ $st = pass ] && st=reject
    elif [ $rc -ne 0 ]; then
      st=error
    fi
  done
  echo $st
}

fail=0
t0=$(date +%s)
printf "faults: %-18s %-60s %s\n" "fault" "planted in a copy of rtl/gain_stage.v" "cosim"
# The unmutated copy, under each configuration the faults use, must pass.
mkdir -p "$out/orig"
cp "$rtl" "$out/orig/gain_stage.v"
for extra in "" "--round floor"; do
  log=$out/orig/cosim${extra:+-floor}.log
  : >"$log"
  # shellcheck disable=SC2086
  v=$(check "$out/orig/gain_stage.v" $extra)
  if [ "$v" = pass ]; then
    printf "faults: %-18s %-60s %s\n" "(none)" "unmutated copy ${extra:+($extra)}" "accepted (ok)"
  else
    printf "faults: %-18s %-60s %s\n" "(none)" "unmutated copy ${extra:+($extra)}" "$v: FAIL, see $log"
    fail=1
  fi
done

# One fault: its line of the table in $out/NAME/verdict, "ok" or "fail" in
# $out/NAME/status. The faults run FAULTS_JOBS at a time (the cores by default):
# each is a model build and two runs of one process.
one_fault() { # name extra
  local name=$1 extra=$2 desc d log v what st=ok
  desc=$(perl "$here/mutate.pl" --list | awk -v n="$name" '$1 == n { $1 = ""; sub(/^ /, ""); print }')
  d=$out/$name
  mkdir -p "$d"
  log=$d/cosim.log
  : >"$log"
  if ! perl "$here/mutate.pl" "$name" <"$rtl" >"$d/gain_stage.v" 2>"$d/mutate.err"; then
    printf "faults: %-18s %-60s %s\n" "$name" "$desc" "NOT APPLIED: $(cat "$d/mutate.err")" >"$d/verdict"
    echo fail >"$d/status"
    return
  fi
  # shellcheck disable=SC2086
  v=$(check "$d/gain_stage.v" $extra)
  case $v in
    reject) what="rejected (ok): $(grep -m1 -E 'MISMATCH|PROTOCOL' "$log" | sed 's/^cosim: //' | cut -c1-90)" ;;
    pass)   what="ACCEPTED: the checker missed it"; st=fail ;;
    *)      what="ERROR (not a clean rejection), see $log"; st=fail ;;
  esac
  printf "faults: %-18s %-60s %s\n" "$name" "$desc" "$what" >"$d/verdict"
  echo $st >"$d/status"
}
for entry in "${faults[@]}"; do
  name=${entry%%|*}
  rm -f "$out/$name/verdict" "$out/$name/status"
  while [ "$(jobs -rp | wc -l)" -ge "$par" ]; do wait -n; done
  one_fault "$name" "${entry#*|}" &
done
wait
for entry in "${faults[@]}"; do
  name=${entry%%|*}
  if [ -f "$out/$name/verdict" ]; then
    cat "$out/$name/verdict"
  else
    printf "faults: %-18s no verdict (the script failed)\n" "$name"
  fi
  [ "$(cat "$out/$name/status" 2>/dev/null)" = ok ] || fail=1
done
t1=$(date +%s)
if [ $fail -ne 0 ]; then
  echo "faults: FAIL ($((t1 - t0)) s)"
  exit 1
fi
echo "faults: PASS: all ${#faults[@]} planted faults rejected, the unmutated RTL accepted ($((t1 - t0)) s)"
