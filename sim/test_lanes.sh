#!/usr/bin/env bash
# test_lanes.sh - cosim --lanes N must check the same samples as one lane: the
# dump (in input order) and the summary's counts and coverage are those of
# --lanes 1, at full rate, under stalls and with jobs; and a planted fault in
# lanes is reported with its lane (sim/faults.sh --lanes 4 plants them all).
# Usage: sim/test_lanes.sh COSIM OUTDIR
set -uo pipefail
cosim=${1:?usage: test_lanes.sh COSIM OUTDIR}
out=${2:?usage: test_lanes.sh COSIM OUTDIR}
here=$(cd "$(dirname "$0")" && pwd)
mkdir -p "$out"
fail=0
runs=(
  "--corners --random 300k --seed 3"
  "--random 200k --seed 4 --stall 0.2"
  "--random 100k --seed 5 --backpressure 0.4 --jobs 2"
  "--profile libfixmath --corners --random 100k --gap 0.3"
  "--exhaustive --gain-range 100:103"
)
# the figures that must not depend on the lanes (not cycles or rates)
counts() { grep -E '^cosim: samples|^coverage' "$1" | sed -e 's/, cycles [0-9]*//' -e 's/, [0-9.]* s, .*//' \
  -e 's/s_valid gap cycles [0-9]*//; s/s_valid refused (s_ready low) [0-9]*//; s/m_valid held (m_ready low) [0-9]*//; s/holds longer than LATENCY [0-9]*//'; }
for i in "${!runs[@]}"; do
  # shellcheck disable=SC2086
  "$cosim" ${runs[$i]} --no-progress --dump "$out/l1_$i.txt" >"$out/l1_$i.log" 2>&1
  r1=$?
  for n in 4 8; do
    # shellcheck disable=SC2086
    "$cosim" ${runs[$i]} --lanes $n --no-progress --dump "$out/l${n}_$i.txt" >"$out/l${n}_$i.log" 2>&1
    rn=$?
    if [ $r1 -eq 0 ] && [ $rn -eq 0 ] && cmp -s "$out/l1_$i.txt" "$out/l${n}_$i.txt" &&
       [ "$(counts "$out/l1_$i.log")" = "$(counts "$out/l${n}_$i.log")" ]; then
      echo "cosim-lanes: ok   --lanes $n ${runs[$i]}: same dump ($(wc -l <"$out/l1_$i.txt") lines) and counts as one lane"
    else
      echo "cosim-lanes: FAIL --lanes $n ${runs[$i]} (exit $r1, $rn; see $out/l${n}_$i.log)"
      fail=1
    fi
  done
done
# a fault in every lane: reported with its lane, exit 1
perl "$here/mutate.pl" gain_stale <"$here/../rtl/gain_stage.v" >"$out/fault_rtl.v"
"$cosim" --rtl "$out/fault_rtl.v" --lanes 4 --random 10k --stall 0.1 --max-errors 3 \
  --no-progress >"$out/fault.log" 2>&1
rc=$?
if [ $rc -eq 1 ] && grep -q "MISMATCH at cycle .*(lane [0-3]," "$out/fault.log"; then
  echo "cosim-lanes: ok   a planted fault in 4 lanes: exit 1, $(grep -m1 -o 'MISMATCH.*lane [0-9]' "$out/fault.log")"
else
  echo "cosim-lanes: FAIL a planted fault in 4 lanes: exit $rc, see $out/fault.log"
  fail=1
fi
[ $fail -eq 0 ] && echo "cosim-lanes: PASS" || echo "cosim-lanes: FAIL"
exit $fail
