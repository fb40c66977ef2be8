#!/usr/bin/env bash
# test_fw_layout.sh SOC_DIR BOARD_ROM_BYTES SIM_ROM_BYTES   (make soc-test-layout)
# Every firmware image against the memory map (scripts/fw_layout.py): the board
# image in the board's ROM, the simulation images (and the memory test, which
# has .data) in the simulation's; then three broken copies of an image must be
# refused: .bss moved into the ROM, .data loaded where it runs (the link
# script without "AT > ROM"), and an image larger than the ROM.
set -uo pipefail
dir=$1 rom_board=$2 rom_sim=$3
chk=scripts/fw_layout.py
oc=riscv64-unknown-elf-objcopy
fails=0
ok()  { echo "ok   $*"; }
bad() { echo "FAIL $*"; fails=$((fails+1)); }

for img in board:$rom_board rv32im_sim:$rom_sim rv32i_sim:$rom_sim mem_test:$rom_sim; do
  name=${img%%:*} rom=${img#*:}
  elf=$dir/fw_$name.elf; [ "$name" = mem_test ] && elf=$dir/mem_test.elf
  if out=$($chk --rom-size "$rom" --name "$name" "$elf" 2>&1); then ok "$out"
  else bad "$name: $out"; fi
done

# refused, with the reason: $1 what, $2 the message it must print, then the command
refused() {
  local what=$1 want=$2; shift 2
  out=$("$@" 2>&1); rc=$?
  if [ "$rc" -eq 1 ] && grep -q -- "$want" <<< "$out"; then ok "$what: refused"
  else bad "$what: exit $rc, wanted 1 and '$want': $out"; fi
}
t=$dir/layout_test; mkdir -p "$t"
$oc --change-section-address .bss=0x2000 "$dir/fw_board.elf" "$t/bss_in_rom.elf" &&
  refused ".bss in the ROM" ".bss .* is not in the SPRAM" $chk --rom-size "$rom_board" "$t/bss_in_rom.elf"
$oc --change-section-lma .data=0x10000 "$dir/mem_test.elf" "$t/data_unloaded.elf" 2>/dev/null &&
  refused ".data loaded at its run address" "loaded bytes at 0x00010000.* are not in the ROM" \
    $chk --rom-size "$rom_sim" "$t/data_unloaded.elf"
refused "the board image in a 8 KiB ROM" "do not fit" $chk --rom-size 8192 "$dir/fw_board.elf"

if [ "$fails" -ne 0 ]; then echo "soc-test-layout: $fails check(s) failed"; exit 1; fi
echo "soc-test-layout: every image fits the memory map; each broken layout is refused"
