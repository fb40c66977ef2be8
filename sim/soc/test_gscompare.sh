#!/usr/bin/env bash
# test_gscompare.sh GSCOMPARE CAPTURE WORKDIR
# Plants faults in copies of a good UART capture and checks that gscompare
# catches each one: non-zero exit, and the right line number in its message.
set -euo pipefail
gsc=$1 good=$2 dir=$3
mkdir -p "$dir"
fails=0

# A line's CRC-16/CCITT-FALSE, as the firmware computes it (to plant faults
# that pass the checksum, i.e. a wrong result rather than a garbled line).
crc16() {
  python3 -c '
import sys
s = sys.argv[1].encode()
c = 0xffff
for b in s:
    c ^= b << 8
    for _ in range(8):
        c = ((c << 1) ^ 0x1021) & 0xffff if c & 0x8000 else (c << 1) & 0xffff
print("%04X" % c)' "$1"
}

# expect NAME FILE STATUS LINE: gscompare must exit with STATUS and name FILE:LINE.
expect() {
  local name=$1 file=$2 want=$3 line=$4 rc=0
  "$gsc" "$file" > "$dir/$name.out" 2>&1 || rc=$?
  if [ "$rc" -ne "$want" ]; then
    echo "FAIL $name: exit $rc, wanted $want"; sed 's/^/    /' "$dir/$name.out"; fails=$((fails+1)); return
  fi
  if [ -n "$line" ] && ! grep -q "^$file:$line:" "$dir/$name.out"; then
    echo "FAIL $name: no '$file:$line:' message"; sed 's/^/    /' "$dir/$name.out"; fails=$((fails+1)); return
  fi
  echo "ok   $name (exit $rc${line:+, line $line})"
}

# The good capture passes, also with CRLF line ends and noise before the header.
expect clean "$good" 0 ""
{ printf 'boot noise \x01\x7f garbage\r\nGS1 BEG\r\n'; sed 's/$/\r/' "$good"; } > "$dir/crlf_noise.txt"
expect crlf_noise "$dir/crlf_noise.txt" 0 ""

# Pick the 10th sample line.
n=$(grep -n '^S ' "$good" | sed -n 10p | cut -d: -f1)
[ -n "$n" ] || { echo "test_gscompare: $good has fewer than 10 sample lines"; exit 1; }
orig=$(sed -n "${n}p" "$good")
body=${orig%\**}
read -r _ idx x g swy swo hwy hwo rest <<< "$body"
[ -n "$rest" ] || { echo "test_gscompare: $good has no custom-instruction paths (paths=)"; exit 1; }
read -r cpy cpo rest <<< "$rest"
rest=" $cpy $cpo${rest:+ $rest}"   # the paths after hw, as they were

# 1. a garbled line (one digit changed, checksum left as it was)
bad="S $idx $x $g $swy $swo $((hwy ^ 1)) $hwo$rest*${orig##*\*}"
sed "${n}s/.*/$bad/" "$good" > "$dir/garbled.txt"
expect garbled "$dir/garbled.txt" 2 "$n"

# 2. a wrong hardware result with a valid checksum: a mismatch (exit 1)
b="S $idx $x $g $swy $swo $((hwy ^ 1)) $hwo$rest"
sed "${n}s/.*/$b*$(crc16 "$b")/" "$good" > "$dir/hw_wrong.txt"
expect hw_wrong "$dir/hw_wrong.txt" 1 "$n"

# 3. a wrong soft-core result (sw ovf flipped) with a valid checksum
b="S $idx $x $g $swy $((1 - swo)) $hwy $hwo$rest"
sed "${n}s/.*/$b*$(crc16 "$b")/" "$good" > "$dir/sw_wrong.txt"
expect sw_wrong "$dir/sw_wrong.txt" 1 "$n"

# 3b. a wrong custom-instruction result (the first path after hw), valid checksum
b="S $idx $x $g $swy $swo $hwy $hwo $((cpy ^ 1)) $cpo${rest#* $cpy $cpo}"
sed "${n}s/.*/$b*$(crc16 "$b")/" "$good" > "$dir/cp_wrong.txt"
expect cp_wrong "$dir/cp_wrong.txt" 1 "$n"
grep -q "RTL path cp gave" "$dir/cp_wrong.out" || { echo "FAIL cp_wrong: the path is not named"; fails=$((fails+1)); }

# 3c. a line that lacks the paths the header announces (valid checksum)
b="S $idx $x $g $swy $swo $hwy $hwo"
sed "${n}s/.*/$b*$(crc16 "$b")/" "$good" > "$dir/paths_missing.txt"
expect paths_missing "$dir/paths_missing.txt" 2 "$n"

# 4. a truncated line (cut in the middle)
sed "${n}s/.*/${orig:0:12}/" "$good" > "$dir/truncated_line.txt"
expect truncated_line "$dir/truncated_line.txt" 2 "$n"

# 5. a malformed line (a field that is not a number, valid checksum)
b="S $idx $x zz $swy $swo $hwy $hwo$rest"
sed "${n}s/.*/$b*$(crc16 "$b")/" "$good" > "$dir/malformed.txt"
expect malformed "$dir/malformed.txt" 2 "$n"

# 6. a lost line
sed "${n}d" "$good" > "$dir/lost_line.txt"
expect lost_line "$dir/lost_line.txt" 2 "$n"

# 7. a capture cut before the END line
total=$(wc -l < "$good")
head -n $((total - 1)) "$good" > "$dir/truncated_file.txt"
expect truncated_file "$dir/truncated_file.txt" 2 "$((total - 1))"

# 8. no header at all
grep -v '^GS1 BEGIN' "$good" > "$dir/no_header.txt"
expect no_header "$dir/no_header.txt" 2 ""

# 9. a header whose paths= does not start with sw,hw (valid checksum)
h=$(grep -n '^GS1 BEGIN' "$good" | head -1 | cut -d: -f1)
hb=$(sed -n "${h}p" "$good"); hb=${hb%\**}; hb=${hb/paths=sw,hw/paths=hw,sw}
sed "${h}s/.*/$hb*$(crc16 "$hb")/" "$good" > "$dir/bad_paths.txt"
expect bad_paths "$dir/bad_paths.txt" 2 "$h"

# 10-11. the END line's status words, valid checksums: status= (the peripheral's error
# bits) or cp_status= (the custom-instruction unit's) lost is a bad capture, however the
# firmware judged the run; a cp_status= error bit under result=PASS is a failed run
e=$(grep -n '^GS1 END' "$good" | head -1 | cut -d: -f1)
eb=$(sed -n "${e}p" "$good"); eb=${eb%\**}
for k in status cp_status; do
  case $eb in *" $k=0x"*) ;; *) echo "test_gscompare: $good's END line has no $k="; exit 1 ;; esac
done
# end_case NAME STATUS SED REASON: the END line edited by SED, re-checksummed; gscompare
# must exit STATUS naming the END line, and say REASON
end_case() {
  local b; b=$(echo "$eb" | sed "$3")
  sed "${e}s/.*/$b*$(crc16 "$b")/" "$good" > "$dir/$1.txt"
  expect "$1" "$dir/$1.txt" "$2" "$e"
  grep -q "$4" "$dir/$1.out" || { echo "FAIL $1: '$4' is not said"; fails=$((fails+1)); }
}
end_case no_status 2 's/ status=0x[0-9A-Fa-f]*//' "END line lacks status="
end_case no_cp_status 2 's/ cp_status=0x[0-9A-Fa-f]*//' "END line lacks cp_status="
end_case cp_status_err 1 's/ cp_status=0x[0-9A-Fa-f]*/ cp_status=0x00000001/' \
  "custom-instruction unit reports cp_status=0x00000001"

if [ "$fails" -ne 0 ]; then
  echo "soc-test-gscompare: $fails planted fault(s) NOT caught"; exit 1
fi
echo "soc-test-gscompare: every planted fault caught"
