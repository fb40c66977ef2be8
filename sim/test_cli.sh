#!/usr/bin/env bash
# test_cli.sh - cosim's command line (make test): bad input gets a clear error
# and exit 2; --dump equals gsref's output; --jobs gives the same result;
# --trace writes a waveform, around the first mismatch when there is one.
# Usage: sim/test_cli.sh COSIM GSREF OUTDIR
set -uo pipefail
cosim=${1:?usage: test_cli.sh COSIM GSREF OUTDIR}
gsref=${2:?usage: test_cli.sh COSIM GSREF OUTDIR}
out=${3:?usage: test_cli.sh COSIM GSREF OUTDIR}
here=$(cd "$(dirname "$0")" && pwd)
mkdir -p "$out"
fail=0
ok() { echo "cosim-cli: ok   $*"; }
bad() { echo "cosim-cli: FAIL $*"; fail=1; }

# expect_err STATUS PATTERN ARGS...: cosim exits STATUS and stderr matches PATTERN
expect_err() {
  local want=$1 pat=$2; shift 2
  "$cosim" "$@" >"$out/err.out" 2>"$out/err.txt"
  local rc=$?
  if [ $rc -eq "$want" ] && grep -qE -- "$pat" "$out/err.txt"; then
    ok "cosim $* -> exit $rc: $(head -1 "$out/err.txt")"
  else
    bad "cosim $* -> exit $rc (want $want, message /$pat/): $(head -3 "$out/err.txt")"
  fi
}
printf '# comment\n1\n\n-2\n0x7fff\nfoo\n3\n' >"$out/bad_line.txt"
printf '1\n40000\n' >"$out/bad_range.txt"
expect_err 2 "bad_line.txt:6: " --vectors "$out/bad_line.txt"
expect_err 2 "bad_range.txt:2: " --vectors "$out/bad_range.txt"
expect_err 2 "cannot open" --vectors "$out/no_such_file.txt"
expect_err 2 "unknown option '--bogus'" --bogus
expect_err 2 "--round 'nearest'" --round nearest
expect_err 2 "bad configuration" --in s40.3
expect_err 2 "does not fit" --gain 20
expect_err 2 "--stall '1.5'" --stall 1.5
expect_err 2 "--random 'lots'" --random lots
expect_err 2 "needs --exhaustive" --all-gains
expect_err 2 "2\\^40" --in s32.0 --gain-fmt u32.0 --exhaustive --all-gains
expect_err 2 "--netlist" --netlist "$out/no_such_netlist.v"
expect_err 2 "must end in .fst or .vcd" --trace "$out/wave.txt"
printf 'module gain_stage(clk, rst, s_valid, s_ready, s_data, s_gain, m_valid, m_ready, m_data, m_ovf);\n  input [7:0] s_data;\n  input [15:0] s_gain;\n  output [15:0] m_data;\nendmodule\n' >"$out/fake_net.v"
expect_err 2 "fake_net.v:2: port s_data is 8 bits wide, but --in gives 16" --netlist "$out/fake_net.v"

# --dump is gsref's output, in input order, whatever the handshakes and jobs
seq -32768 13 32767 >"$out/vec.txt"
"$gsref" --rf 47k --rin 10k "$out/vec.txt" >"$out/gsref.txt" 2>/dev/null
if "$cosim" --rf 47k --rin 10k --vectors "$out/vec.txt" --stall 0.3 --jobs 2 --quiet \
     --dump "$out/dump.txt" >/dev/null 2>&1 && cmp -s "$out/dump.txt" "$out/gsref.txt"; then
  ok "--dump (--stall 0.3 --jobs 2) equals gsref's output ($(wc -l <"$out/dump.txt") lines)"
else
  bad "--dump differs from gsref's output: $out/dump.txt $out/gsref.txt"
fi

# --jobs 2 gives the same summary counts as one job
# (both runs must pass and print a summary, or two empty summaries would agree)
o1=$("$cosim" --corners --random 100k --no-progress 2>&1); r1=$?
o2=$("$cosim" --corners --random 100k --jobs 2 --no-progress 2>&1); r2=$?
s1=$(echo "$o1" | grep -E '^cosim: samples|^coverage')
s2=$(echo "$o2" | grep -E '^cosim: samples|^coverage')
strip() { sed -e 's/, cycles [0-9]*//' -e 's/, [0-9.]* s, .*//'; }
c1=$(echo "$s1" | strip); c2=$(echo "$s2" | strip)
if [ $r1 -ne 0 ] || [ $r2 -ne 0 ] || ! echo "$o1" | grep -q '^cosim: samples 100232,' ||
   ! echo "$o2" | grep -q '^cosim: PASS'; then
  bad "--jobs 1/2 runs did not both pass with a summary (exit $r1, $r2)"
elif [ "$c1" = "$c2" ]; then ok "--jobs 2: same samples, overflows and coverage as --jobs 1"
else bad "--jobs 2 differs from --jobs 1:"$'\n'"$s1"$'\n'"$s2"; fi

# --trace: a waveform of a passing run; on a planted fault, the window around it
rm -f "$out/pass.fst" "$out/fault.fst"
if "$cosim" --random 2000 --trace "$out/pass.fst" --quiet >/dev/null 2>&1 && [ -s "$out/pass.fst" ]; then
  ok "--trace writes an FST waveform ($(stat -c %s "$out/pass.fst") bytes)"
else
  bad "--trace did not write $out/pass.fst"
fi
perl "$here/mutate.pl" x_min_code <"$here/../rtl/gain_stage.v" >"$out/fault_rtl.v"
"$cosim" --rtl "$out/fault_rtl.v" --random 300k --seed 5 --trace "$out/fault.fst" \
  --trace-window 50 >"$out/fault.out" 2>"$out/fault.err"
rc=$?
if [ $rc -eq 1 ] && [ -s "$out/fault.fst" ] && grep -q "MISMATCH at cycle" "$out/fault.err" &&
   grep -q "waveform .*cycles" "$out/fault.out"; then
  ok "--trace on a planted fault: exit 1, $(grep -m1 -o 'waveform .*' "$out/fault.out")"
else
  bad "--trace on a planted fault: exit $rc, see $out/fault.out $out/fault.err"
fi
# The window must really be in the file: a VCD holds the time stamps of the
# cycles from first_bad - W to first_bad + W (time = 2 x cycle). W = 150 puts
# the mismatch inside the first run's trace but the window's end beyond it.
rm -f "$out/fault.vcd"
"$cosim" --rtl "$out/fault_rtl.v" --random 300k --seed 5 --trace "$out/fault.vcd" \
  --trace-window 150 >"$out/fault_vcd.out" 2>"$out/fault_vcd.err"
rc=$?
fb=$(grep -m1 -o 'MISMATCH at cycle [0-9]*' "$out/fault_vcd.err" | grep -o '[0-9]*$')
if [ $rc -eq 1 ] && [ -n "$fb" ] && [ -s "$out/fault.vcd" ] &&
   grep -qx "#$((2 * fb))" "$out/fault.vcd" && grep -qx "#$((2 * (fb + 150)))" "$out/fault.vcd"; then
  ok "--trace window in the VCD: cycles $((fb - 150))..$((fb + 150)) around the mismatch at $fb"
else
  bad "--trace window: exit $rc, mismatch at '${fb}', cycle $((${fb:-0} + 150)) missing from $out/fault.vcd"
fi
# The GTKWave save file beside it: its signals are in the VCD, its marker is at the
# mismatch, where the VCD shows m_* differing from exp_*; a copy with a renamed
# signal or a moved marker must fail the same check.
g=$out/fault.gtkw
if [ -n "$fb" ] && python3 "$here/check_gtkw.py" "$g" "$out/fault.vcd" $((2 * fb)) >"$out/gtkw.out" 2>&1; then
  ok "--trace writes $g: $(tail -n 1 "$out/gtkw.out" | sed 's/^check-gtkw: //')"
else
  bad "$g: $(cat "$out/gtkw.out" 2>/dev/null)"
fi
sed 's/cosim_top\.m_ready$/cosim_top.m_readyy/' "$g" >"$out/bad1.gtkw"
sed 's/^\*\([-0-9.]*\) \([0-9]*\)/*\1 1\2/' "$g" >"$out/bad2.gtkw"
for b in bad1 bad2; do
  if cmp -s "$g" "$out/$b.gtkw" ||
     python3 "$here/check_gtkw.py" "$out/$b.gtkw" "$out/fault.vcd" $((2 * ${fb:-0})) >/dev/null 2>&1; then
    bad "check_gtkw.py passes a planted fault ($b: renamed signal / moved marker)"
  fi
done
[ -s "$out/pass.gtkw" ] && grep -q '^\*[-0-9.]* -1 ' "$out/pass.gtkw" ||
  bad "--trace of a passing run: no $out/pass.gtkw, or a marker in it"
# One eval per clock (sim/model_eval.h): the RTL as it is takes it; a copy whose
# s_ready waits for s_valid (a path through logic alone, allowed by AXI-Stream)
# must be caught by both checks, the generated code's and the probe's, each
# made on its own, and fall back to two evals, and still pass.
"$cosim" --random 20k >"$out/one.out" 2>&1
if grep -q "one eval per clock" "$out/one.out" && grep -q "^cosim: PASS" "$out/one.out"; then
  ok "rtl/gain_stage.v runs one eval per clock at full rate"
else
  bad "rtl/gain_stage.v: no 'one eval per clock' or no PASS: $(head -2 "$out/one.out")"
fi
sed 's/^\(  assign s_ready = .*\);$/\1 \&\& s_valid;/' "$here/../rtl/gain_stage.v" >"$out/ready_waits.v"
"$cosim" --rtl "$out/ready_waits.v" --random 20k --lanes 2 >"$out/two.out" 2>&1
if cmp -s "$here/../rtl/gain_stage.v" "$out/ready_waits.v"; then
  bad "the s_ready line of rtl/gain_stage.v was not found: the probe's planted path is not planted"
elif grep -q "two evals per clock" "$out/two.out" && grep -q "input region reads" "$out/two.out" &&
     grep -q "probe's outputs differ" "$out/two.out" && grep -q "^cosim: PASS" "$out/two.out"; then
  ok "s_ready waiting for s_valid: both checks catch it, two evals per clock, and the run passes"
else
  bad "s_ready waiting for s_valid: $(grep -E 'DUT|PASS|FAIL' "$out/two.out" | head -2)"
fi
[ $fail -eq 0 ] && echo "cosim-cli: PASS" || echo "cosim-cli: FAIL"
exit $fail
