#!/usr/bin/env bash
# test_soc_faults.sh SOC_TB SOC_DIR GSCOMPARE
# The SoC simulation must fail on a firmware that does not finish (cycle limit),
# on a model that disagrees with the peripheral (firmware exit code 1, and
# gscompare names the mismatching lines) and on a planted fault in the custom
# instruction's unit (+pcpi_fault=1: a pop does not wait for its result).
set -uo pipefail
tb=$1 dir=$2 gsc=$3
fails=0

out=$("$tb" +fw="$dir/fw_rv32im_sim.hex" --max-cycles 20000 --quiet 2>&1); rc=$?
if [ "$rc" -eq 2 ] && grep -q "no exit after 20000 cycles" <<< "$out"; then
  echo "ok   hang: cycle limit reached, exit 2"
else
  echo "FAIL hang: exit $rc: $out"; fails=$((fails+1))
fi

log=$dir/fault_uart.log
out=$("$tb" +fw="$dir/fw_fault.hex" --log "$log" --quiet 2>&1); rc=$?
if [ "$rc" -eq 1 ]; then
  echo "ok   fault: the firmware reports the mismatch, exit 1"
else
  echo "FAIL fault: soc_tb exit $rc, wanted 1: $out"; fails=$((fails+1))
fi
out=$("$gsc" "$log" 2>&1); rc=$?
if [ "$rc" -eq 1 ] && grep -q "^$log:[0-9]*: sample .*RTL peripheral (hw) gave" <<< "$out"; then
  echo "ok   fault: gscompare exit 1, $(grep -c 'hw) gave' <<< "$out") hw lines named"
else
  echo "FAIL fault: gscompare exit $rc: $out"; fails=$((fails+1))
fi

log=$dir/pcpi_fault_uart.log
out=$("$tb" +fw="$dir/fw_rv32im_sim.hex" +pcpi_fault=1 --log "$log" --quiet 2>&1); rc=$?
if [ "$rc" -eq 1 ]; then
  echo "ok   pcpi fault: the firmware reports the mismatch, exit 1"
else
  echo "FAIL pcpi fault: soc_tb exit $rc, wanted 1: $out"; fails=$((fails+1))
fi
out=$("$gsc" "$log" 2>&1); rc=$?
if [ "$rc" -eq 1 ] && grep -q "^$log:[0-9]*: sample .*RTL path cp[0-9]* gave" <<< "$out" &&
   ! grep -q "(sw) gave\|peripheral (hw) gave" <<< "$out"; then
  echo "ok   pcpi fault: gscompare exit 1, only custom-instruction lines named"
else
  echo "FAIL pcpi fault: gscompare exit $rc: $out"; fails=$((fails+1))
fi

if [ "$fails" -ne 0 ]; then echo "soc-test-faults: $fails check(s) failed"; exit 1; fi
echo "soc-test-faults: hang, planted model mismatch and planted PCPI fault caught"
