#!/usr/bin/env bash
# cosim_variants.sh - the regression variants of issue 10 (make regress-variants):
#   lut    the LUT multiplier (gain_stage USE_DSP=0, what the iCE40 HX8K gets) as a
#          cosim target: several configurations, full rate, under stalls,
#          exhaustive inputs; a copy of the RTL with a fault planted in the LUT
#          multiplier only must fail with --use-dsp 0 and pass with --use-dsp 1
#          (so the variant really runs the LUT path).
#   xrand  no hidden dependence on initial state: models built with --x-assign
#          unique --x-initial unique, run with +verilator+rand+reset+2 for several
#          seeds; a copy of the RTL whose skid register lacks its reset passes
#          with the fast X defaults and must fail under some seed; with --jobs 2
#          the workers start from different values (their own seeds), reproducibly.
# Writes JUnit XML to OUTDIR/variants.xml.
# Usage: tests/cosim_variants.sh COSIM OUTDIR "SEEDS"
set -u
cosim=${1:?cosim}; out=${2:?outdir}; seeds=${3:-1 2 3 4}
here=$(cd "$(dirname "$0")/.." && pwd)
mkdir -p "$out"
pass=0; fail=0; cases=""
record() { # NAME STATUS(0 ok) SECONDS MESSAGE
  local name=$1 st=$2 secs=$3 msg=$4
  if [ "$st" -eq 0 ]; then pass=$((pass + 1)); echo "variants: ok   $name ($secs s)"
    cases+="  <testcase classname=\"variants\" name=\"$name\" time=\"$secs\"/>"$'\n'
  else fail=$((fail + 1)); echo "variants: FAIL $name: $msg"
    cases+="  <testcase classname=\"variants\" name=\"$name\" time=\"$secs\"><failure message=\"$(printf %s "$msg" | tr -d '<>&"' | head -c 300)\"/></testcase>"$'\n'
  fi
}
# expect NAME WANT_RC ARGS...: cosim exits WANT_RC
expect() {
  local name=$1 want=$2; shift 2
  local t0=$SECONDS
  nice "$cosim" --quiet "$@" >"$out/$name.log" 2>&1; local rc=$?
  record "$name" $([ $rc -eq "$want" ] && echo 0 || echo 1) $((SECONDS - t0)) \
    "cosim $* -> exit $rc, want $want: $(tail -2 "$out/$name.log" | tr '\n' ' ')"
}

# ---- the LUT multiplier
expect lut-default 0 --use-dsp 0 --corners --random 1M --seed 1
expect lut-default-stall 0 --use-dsp 0 --random 300k --seed 2 --stall 0.3
expect lut-default-exhaustive 0 --use-dsp 0 --exhaustive --rf 47k --rin 10k
expect lut-libfixmath 0 --use-dsp 0 --profile libfixmath --corners --random 300k --stall 0.1
expect lut-odd 0 --use-dsp 0 --in s13.5 --gain-fmt u9.7 --out s11.3 --round floor \
  --overflow wrap --exhaustive --all-gains
# a fault in the LUT path only: an adder of the first level subtracts
perl -pe 's/(l13_q\[L1W\*j \+: L1W\] <= \{hi) \+/$1 -/' "$here/rtl/gain_stage.v" >"$out/lut_fault.v"
if cmp -s "$here/rtl/gain_stage.v" "$out/lut_fault.v"; then
  record lut-planted 1 0 "the planted LUT fault no longer applies to rtl/gain_stage.v"
else
  expect lut-planted-caught 1 --rtl "$out/lut_fault.v" --use-dsp 0 --random 20k
  expect lut-planted-dsp-unaffected 0 --rtl "$out/lut_fault.v" --use-dsp 1 --random 20k
fi

# ---- randomized reset values
for s in $seeds; do
  expect "xrand-default-seed$s" 0 --rand-reset "$s" --corners --random 200k --stall 0.2 --seed "$s"
  expect "xrand-lut-seed$s" 0 --rand-reset "$s" --use-dsp 0 --random 100k --stall 0.2 --seed "$s"
  expect "xrand-libfixmath-seed$s" 0 --rand-reset "$s" --profile libfixmath --random 100k --gap 0.1
done
# --jobs: each worker its own seed (SEED for worker 0, then the README's S_j), seen in
# lane 0's power-on outputs; the same again on a second run; the single-process run
# with S_1 starts like worker 1. S_1 is computed here from the README's formula.
t0=$SECONDS
power_on() { nice "$cosim" --random 2000 "$@" 2>&1 >/dev/null | grep -- '--rand-reset seed' | sort; }
a=$(power_on --rand-reset 7 --jobs 2); b=$(power_on --rand-reset 7 --jobs 2)
s1=$(python3 -c 'M = 2**64 - 1
z = ((7 << 32 | 1) + 0x9E3779B97F4A7C15) & M
z = ((z ^ z >> 30) * 0xBF58476D1CE4E5B9) & M
z = ((z ^ z >> 27) * 0x94D049BB133111EB) & M
print(1 + (z ^ z >> 31) % (2**31 - 1))')
w0=$(echo "$a" | sed -n 's/^cosim\[job 0\]: --rand-reset seed 7: //p')
w1=$(echo "$a" | sed -n "s/^cosim\[job 1\]: --rand-reset seed $s1: //p")
one=$(power_on --rand-reset "$s1" | sed -n "s/^cosim: --rand-reset seed $s1: //p")
msg="two workers: '$(echo "$a" | tr '\n' '|')', again '$(echo "$b" | tr '\n' '|')', S_1=$s1 alone: '$one'"
record xrand-jobs-seeds $([ -n "$w0" ] && [ -n "$w1" ] && [ "$w0" != "$w1" ] && [ "$a" = "$b" ] &&
  [ "$one" = "$w1" ] && echo 0 || echo 1) $((SECONDS - t0)) "$msg"
echo "variants:      ($(echo "$a" | tr '\n' ';'))"

perl -0pe 's/(head_v_q <= 1.b0;\n)\s*skid_v_q <= 1.b0;\n/$1/' "$here/rtl/gain_stage.v" >"$out/noreset.v"
if cmp -s "$here/rtl/gain_stage.v" "$out/noreset.v"; then
  record xrand-planted 1 0 "the planted missing reset no longer applies to rtl/gain_stage.v"
else
  expect xrand-planted-hidden-by-fast-x 0 --rtl "$out/noreset.v" --random 2000 --stall 0.2
  t0=$SECONDS; caught=""
  for s in $seeds; do
    nice "$cosim" --quiet --rtl "$out/noreset.v" --rand-reset "$s" --random 2000 --stall 0.2 \
      >"$out/noreset-$s.log" 2>&1
    [ $? -eq 1 ] && caught+=" $s"
  done
  record xrand-planted-caught $([ -n "$caught" ] && echo 0 || echo 1) $((SECONDS - t0)) \
    "no seed of '$seeds' caught the missing reset"
  [ -n "$caught" ] && echo "variants:      (the missing reset was caught with seed(s)$caught)"
fi

{ echo '<?xml version="1.0" encoding="UTF-8"?>'
  echo "<testsuite name=\"cosim-variants\" tests=\"$((pass + fail))\" failures=\"$fail\">"
  printf %s "$cases"
  echo '</testsuite>'; } >"$out/variants.xml"
echo "variants: $pass passed, $fail failed (JUnit: $out/variants.xml)"
[ "$fail" -eq 0 ]
