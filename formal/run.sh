#!/usr/bin/env bash
# run.sh OUTDIR - the formal proofs of gain_stage (make formal; README "Formal
# proofs"). yosys reads the RTL, flattens it and exposes the registers the
# invariants name (contract) or cuts the product free (datapath); the bench and
# the spec are read next; the whole is bit-blasted to an AIG, and yosys-abc
# proves it for all time by k-induction (ind -F K: the step) plus a bounded
# model check from reset (bmc3 -F B >= K: the base case). Each proof must also
# FAIL on two planted faults (a copy of the RTL that drops a sample under
# backpressure, one with a wrong rounding bias): bmc3 must find the failure.
# Exit 0 when every proof holds and every fault is caught, else 1.
set -uo pipefail
out=${1:?usage: run.sh OUTDIR}
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
cd "$root" || exit 2
mkdir -p "$out"
lat=$(python3 scripts/gs_rtl.py latency) || exit 1

# configuration name | chparam values (gain_stage's parameters)
contract_cfg="-set IN_W 4 -set IN_F 2 -set G_W 3 -set G_F 1 -set OUT_W 3 -set OUT_F 1 -set ROUND 7 -set OVERFLOW 0"
default_cfg="-set IN_W 16 -set IN_F 15 -set G_W 16 -set G_F 12 -set OUT_W 16 -set OUT_F 15 -set ROUND 7 -set OVERFLOW 0"
libfix_cfg="-set IN_W 32 -set IN_F 16 -set G_W 32 -set G_F 16 -set OUT_W 32 -set OUT_F 16 -set ROUND 6 -set OVERFLOW 0"
# registers the contract's invariants name (formal/contract_dut.vh)
expose_contract="w:adv w:valid_q w:skid_v_q w:skid_y_q w:skid_ovf_q w:y9_d w:ovf8_q w:a1_q w:b1_q
  w:g1_q w:xs1_q w:vh2_q w:vh3_q w:g_mul_dsp.m*_q w:u_add_*.lo1_q w:u_add_*.c1_q
  w:u_add_*.ah1_q w:u_add_*.bh1_q w:u_add_*.sum2_q"
aig_flow="prep; flatten; memory_map; opt -fast; async2sync; dffunmap; setundef -undriven -anyseq;
  opt_clean; techmap; opt_clean; abc -g AND -fast; opt_clean"

# aig NAME RTL BENCH CFG: build $out/NAME.aig from RTL (a copy of rtl/gain_stage.v)
aig() {
  local name=$1 rtl=$2 tb=$3 cfg=$4 dut
  if [ "$tb" = contract ]; then
    dut="expose $(echo $expose_contract)"
  else
    dut="cutpoint w:m5; expose w:adv w:m5"
  fi
  yosys -q -l "$out/$name.yosys.log" -p "read_verilog $(python3 scripts/gs_rtl.py sources --top "$rtl" | tr "\n" " ");
    chparam $cfg gain_stage; hierarchy -top gain_stage; proc; flatten; $dut;
    rename gain_stage gs_dut; read_verilog -formal -I formal formal/${tb}_tb.v formal/gs_spec.v;
    chparam $cfg -set LATENCY $lat ${tb}_tb; hierarchy -top ${tb}_tb; $(echo $aig_flow);
    write_aiger -zinit $out/$name.aig" >/dev/null 2>&1 ||
    { echo "formal: yosys failed on $name (log $out/$name.yosys.log)"; return 1; }
}
# abc NAME COMMAND: prints abc's last line (log $out/NAME.<command>.log)
abc() {
  local log=$out/$1.${2%% *}.log
  yosys-abc -c "read_aiger $out/$1.aig; fold; strash; orpos; $2" >"$log" 2>&1
  tail -n 1 "$log"
}
now() { date +%s.%N; }
abc_secs() { sed -n 's/.*Time = *\([0-9.]*\) sec.*/\1/p' <<<"$1"; }
secs() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }

fail=0
# prove NAME RTL BENCH CFG K B what
prove() {
  local name=$1 t0 r1 r2; t0=$(now)
  aig "$name" "$2" "$3" "$4" || { fail=1; return; }
  r1=$(abc "$name" "ind -F $5")
  r2=$(abc "$name" "bmc3 -F $6")
  if [[ $r1 == *"Networks are equivalent"* && $r2 == *"No output asserted in $6 frames"* ]]; then
    printf 'formal: %-44s PROVED (k-induction depth %d: %s s, base %d frames: %s s; %s s in all)\n' \
      "$7" "$5" "$(abc_secs "$r1")" "$6" "$(abc_secs "$r2")" "$(secs "$t0")"
  else
    printf 'formal: %-44s NOT PROVED: ind: %s; bmc3: %s\n' "$7" "$r1" "$r2"
    fail=1
  fi
}
# refute NAME RTL BENCH CFG B what: the planted fault must be found
refute() {
  local name=$1 t0 r; t0=$(now)
  aig "$name" "$2" "$3" "$4" || { fail=1; return; }
  r=$(abc "$name" "bmc3 -F $5")
  if [[ $r == *"was asserted in frame"* ]]; then
    printf 'formal: %-44s FAILS as it must (%s, %s s)\n' "$6" "$(sed 's/^.*\(asserted in frame [0-9]*\).*/\1/' <<<"$r")" "$(secs "$t0")"
  else
    printf 'formal: %-44s NOT CAUGHT: %s\n' "$6" "$r"
    fail=1
  fi
}

# the planted faults
perl sim/mutate.pl drop_backpressure <rtl/gain_stage.v >"$out/drop.v" || exit 1
# wrong rounding bias: ties of positive P (x < 0) rounded down in half-away and half-even
perl -0pe 's/(BIAS_POS = .*?\(ROUND == 6\) \? )HALF(.*?\(ROUND == 7\) \? )HALF/$1HALFM1$2HALFM1/s' \
  <rtl/gain_stage.v >"$out/bias.v"
cmp -s rtl/gain_stage.v "$out/bias.v" && { echo "formal: the bias fault no longer applies"; exit 1; }

# The runs, FORMAL_JOBS (default 2) at a time; each prints one line, in this order.
runs=(
  "prove contract rtl/gain_stage.v contract contract_cfg 3 12|(a) AXI-S contract, s4.2 x u3.1 -> s3.1"
  "prove dp_libfix rtl/gain_stage.v datapath libfix_cfg 11 12|(b) datapath, libfixmath profile"
  "prove dp_default rtl/gain_stage.v datapath default_cfg 11 12|(b) datapath, default profile"
  "refute contract_drop $out/drop.v contract contract_cfg 14|(a) on a copy that drops under backpressure"
  "refute dp_libfix_bias $out/bias.v datapath libfix_cfg 12|(b) libfixmath, wrong rounding bias"
  "refute contract_bias $out/bias.v contract contract_cfg 14|(a) on a copy with a wrong rounding bias"
  "refute dp_default_bias $out/bias.v datapath default_cfg 12|(b) default, wrong rounding bias"
)
t00=$(now)
jobs_max=${FORMAL_JOBS:-2}
i=0
for r in "${runs[@]}"; do
  read -r fn name rtl tb cfgvar a b <<<"${r%%|*}"
  while [ "$(jobs -rp | wc -l)" -ge "$jobs_max" ]; do wait -n; done
  ( fail=0; $fn "$name" "$rtl" "$tb" "${!cfgvar}" $a ${b:+$b} "${r#*|}" >"$out/$i.result"
    echo $fail >"$out/$i.status" ) &
  i=$((i + 1))
done
wait
for ((j = 0; j < i; j++)); do
  cat "$out/$j.result"
  [ "$(cat "$out/$j.status" 2>/dev/null)" = 0 ] || fail=1
done
if [ $fail -ne 0 ]; then
  echo "formal: FAIL ($(secs "$t00") s, logs in $out)"
  exit 1
fi
echo "formal: PASS: 3 proofs hold, 4 planted faults caught ($(secs "$t00") s)"
