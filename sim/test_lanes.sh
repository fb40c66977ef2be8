#!/usr/bin/env bash
# test_lanes.sh - cosim --lanes N must check the same samples as one lane: the
# dump (in input order) and the summary's counts and coverage are those of
# --lanes 1, at full rate, under stalls and with jobs; and a planted fault in
# lanes is reported with its lane (sim/faults.sh --lanes 4 plants them all),
# and its first-mismatch trace is exact for that lane: the same sample as with
# one lane, taken and due at the cycles the lane puts it, its x, g and wrong
# output in that lane's fields of the VCD, the expected result gsref's.
# Usage: sim/test_lanes.sh COSIM OUTDIR GSREF
set -uo pipefail
cosim=${1:?usage: test_lanes.sh COSIM OUTDIR GSREF}
out=${2:?usage: test_lanes.sh COSIM OUTDIR GSREF}
gsref=${3:?usage: test_lanes.sh COSIM OUTDIR GSREF}
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

# The first-mismatch trace with 4 lanes (a fault on the min input code): the
# report names sample j of the 1-lane run, in lane j mod 4, taken at cycle
# R + j div 4 (R: the reset cycles, from the 1-lane run's R + j) and due
# LATENCY later; the VCD (time = 2 x cycle) has the sample's x and g in lane
# j mod 4's fields of s_data/s_gain when taken, and the reported wrong y/ovf
# with m_valid in that lane's fields when due; gsref gives the expected result.
perl "$here/mutate.pl" x_min_code <"$here/../rtl/gain_stage.v" >"$out/trace_rtl.v"
"$cosim" --rtl "$out/trace_rtl.v" --random 300k --seed 5 --no-progress >"$out/trace1.log" 2>&1
"$cosim" --rtl "$out/trace_rtl.v" --random 300k --seed 5 --lanes 4 --trace "$out/trace4.vcd" \
  --trace-window 20 --no-progress >"$out/trace4.log" 2>&1
rc=$?
# the first MISMATCH line as "cycle sample lane x g taken ye oe yg og" (lane - if none)
first() { perl -ne 'if (/MISMATCH at cycle (\d+), sample (\d+) \((?:lane (\d+), )?x=(-?\d+) [^,]*, g=(\d+) [^,]*, taken at cycle (\d+)\): expected y=(-?\d+) ovf=([01]), got y=(-?\d+) ovf=([01])/) {
    print join(" ", $1, $2, $3 // "-", $4, $5, $6, $7, $8, $9, $10); exit }' "$1"; }
m1=$(first "$out/trace1.log")
m4=$(first "$out/trace4.log")
read -r c1 j1 _ x1 g1 k1 ye1 oe1 yg1 og1 <<<"${m1:-x x x x x x x x x x}"
read -r c4 j4 l4 x4 g4 k4 ye oe yg og <<<"${m4:-x x x x x x x x x x}"
r1="$ye1 $oe1 $yg1 $og1"
r4="$ye $oe $yg $og"
# lane's fields of the VCD (time = 2 x cycle; check_gtkw.py reads it), 16-bit formats:
# "" when they hold x, g when taken and y, ovf with m_valid when due, else what differs
fields() {
  python3 - "$here" "$out/trace4.vcd" "$@" <<'PY'
import sys
sys.path.insert(0, sys.argv[1])
from check_gtkw import vcd_vars, value_at
vcd, lane, taken, due, x, g, y, ovf = sys.argv[2], *map(int, sys.argv[3:])
names, changes = vcd_vars(vcd)
def field(sig, t, w):
    v = value_at(changes, names["TOP." + sig][0], 2 * t)
    if v is None or set(v) - set("01"):
        return None
    return (int(v, 2) >> (lane * w)) & ((1 << w) - 1)
want = {("s_valid", taken, 1): 1, ("s_data", taken, 16): x & 0xffff, ("s_gain", taken, 16): g,
        ("m_valid", due, 1): 1, ("m_data", due, 16): y & 0xffff, ("m_ovf", due, 1): ovf}
print("; ".join("%s lane %d at cycle %d is %s, not %d" % (s, lane, t, field(s, t, w), v)
                for (s, t, w), v in want.items() if field(s, t, w) != v))
PY
}
why=""
if [ $rc -ne 1 ] || [ -z "$m1" ] || [ -z "$m4" ]; then
  why="exit $rc, or no mismatch reported"
elif [ "$j4 $x4 $g4 $r4" != "$j1 $x1 $g1 $r1" ]; then
  why="4 lanes report sample $j4 x=$x4 g=$g4 ($r4), 1 lane sample $j1 x=$x1 g=$g1 ($r1)"
elif [ "$l4" != $((j4 % 4)) ] || [ "$k4" != $((k1 - j1 + j4 / 4)) ] || [ $((c4 - k4)) != $((c1 - k1)) ]; then
  why="lane $l4, taken at $k4, due at $c4: expected lane $((j4 % 4)), taken at $((k1 - j1 + j4 / 4)), due at $((k4 + c1 - k1))"
elif [ "$(echo "$x4" | "$gsref" --gain-code "$g4")" != "$ye $oe" ]; then
  why="expected y=$ye ovf=$oe, gsref says $(echo "$x4" | "$gsref" --gain-code "$g4")"
else
  why=$(fields "$l4" "$k4" "$c4" "$x4" "$g4" "$yg" "$og")
  # the check must see a wrong lane: the neighbour's fields hold another sample
  [ -z "$why" ] && [ -z "$(fields $(((l4 + 1) % 4)) "$k4" "$c4" "$x4" "$g4" "$yg" "$og")" ] &&
    why="the VCD check passes lane $(((l4 + 1) % 4)) too: it checks nothing"
fi
if [ -z "$why" ]; then
  echo "cosim-lanes: ok   the first-mismatch trace with 4 lanes: sample $j4 in lane $l4, taken at cycle $k4, due at $c4, its fields in the VCD"
else
  echo "cosim-lanes: FAIL the first-mismatch trace with 4 lanes: $why (see $out/trace4.log)"
  fail=1
fi
[ $fail -eq 0 ] && echo "cosim-lanes: PASS" || echo "cosim-lanes: FAIL"
exit $fail
