#!/usr/bin/env bash
# test_configs.sh - short co-simulations of several configurations (make test):
# the default and libfixmath profiles, odd widths, a negative shift, s32 inputs,
# a 1-bit gain; at full rate and under stalls; small spaces exhaustively; lanes
# whose fields are not whole bytes (dut_lanes.h's shifts, not its vectors).
# Usage: sim/test_configs.sh COSIM OUTDIR
set -uo pipefail
cosim=${1:?usage: test_configs.sh COSIM OUTDIR}
out=${2:?usage: test_configs.sh COSIM OUTDIR}
mkdir -p "$out"
runs=(
  "--corners --random 200k"
  "--random 50k --stall 0.3 --seed 2"
  "--profile libfixmath --corners --random 100k --stall 0.1"
  "--in s7.3 --gain-fmt u5.0 --out s8.2 --round half-away --overflow wrap --exhaustive --all-gains --stall 0.2"
  "--in s12.0 --gain-fmt u4.0 --out s20.4 --round floor --overflow sat-sym --exhaustive --all-gains"
  "--in s32.31 --gain-fmt u8.4 --out s24.20 --round half-down --overflow sat --corners --random 50k --gap 0.2"
  "--in s16.15 --gain-fmt u1.0 --out s16.15 --round half-zero --overflow sat-sym --exhaustive --all-gains"
  "--in s12.11 --gain-fmt u10.8 --out s13.9 --lanes 4 --corners --random 100k"
  "--in s12.11 --gain-fmt u10.8 --out s13.9 --lanes 4 --random 30k --stall 0.2 --seed 3"
)
fail=0
t0=$(date +%s)
for i in "${!runs[@]}"; do
  log=$out/config$i.log
  # shellcheck disable=SC2086
  if "$cosim" ${runs[$i]} --no-progress >"$log" 2>&1; then
    echo "cosim-configs: ok   cosim ${runs[$i]}  ($(sed -n 's/^cosim: samples \([0-9]*\),.*/\1/p' "$log") samples)"
  else
    echo "cosim-configs: FAIL cosim ${runs[$i]}  (see $log)"
    tail -n 12 "$log" | sed 's/^/    /'
    fail=1
  fi
done
echo "cosim-configs: $([ $fail = 0 ] && echo PASS || echo FAIL) ($(($(date +%s) - t0)) s)"
exit $fail
