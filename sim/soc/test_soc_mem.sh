#!/usr/bin/env bash
# test_soc_mem.sh SOC_TB SOC_DIR GSCOMPARE
# The memory map and the start-up code (make soc-test-mem): the memory test
# firmware (sim/soc/mem_test.c) passes; it fails with each planted fault: the
# SPRAM model ignoring the byte strobes (+spram_fault=1), a start.S that does
# not copy .data, one that does not zero .bss; a store into the ROM is a bus
# error; and the real firmware (fw_rv32im_sim) fails with the strobe fault.
set -uo pipefail
tb=$1 dir=$2 gsc=$3
fails=0
run() { "$tb" +fw="$dir/$1.hex" "${@:2}" --max-cycles 2000000 --quiet 2>&1; }
ok()  { echo "ok   $*"; }
bad() { echo "FAIL $*"; fails=$((fails+1)); }

out=$(run mem_test); rc=$?
[ "$rc" -eq 0 ] && ok "memory test passes" || bad "memory test: exit $rc: $out"

# a planted fault must fail one of the firmware's checks: soc_tb exits 1 and
# names the firmware's exit code, the number of the check
expect_check() {
  local what=$1; shift
  out=$(run "$@"); rc=$?
  if [ "$rc" -eq 1 ] && grep -q "exit code [1-9]" <<< "$out"; then
    ok "$what: caught, check $(grep -o 'exit code [0-9]*' <<< "$out" | grep -o '[0-9]*$') failed"
  else
    bad "$what: soc_tb exit $rc, wanted a failed check: $out"
  fi
}
expect_check "byte strobes ignored" mem_test +spram_fault=1
expect_check "start.S without the .data copy" mem_test_nocopy
expect_check "start.S without the .bss zeroing" mem_test_nozero

out=$(run mem_test_rom_store); rc=$?
if [ "$rc" -eq 2 ] && grep -q "unmapped address" <<< "$out"; then
  ok "a store into the ROM is a bus error"
else
  bad "store into the ROM: exit $rc, wanted 2 and a bus error: $out"
fi

log=$dir/spram_fault_uart.log
"$tb" +fw="$dir/fw_rv32im_sim.hex" +spram_fault=1 --log "$log" --max-cycles 40000000 --quiet \
  >/dev/null 2>&1; rc=$?
"$gsc" --quiet "$log" >/dev/null 2>&1; grc=$?
if [ "$rc" -ne 0 ] || [ "$grc" -ne 0 ]; then
  ok "the SoC firmware fails with the byte strobes ignored (soc_tb exit $rc, gscompare exit $grc)"
else
  bad "the SoC firmware passed with the byte strobes ignored"
fi

if [ "$fails" -ne 0 ]; then echo "soc-test-mem: $fails check(s) failed"; exit 1; fi
echo "soc-test-mem: .data, .bss, the map and byte lanes check; each planted fault fails them"
