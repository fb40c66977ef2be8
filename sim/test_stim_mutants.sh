#!/usr/bin/env bash
# test_stim_mutants.sh - proves that cosim-stimulus' share and coverage checks
# (sim/test_stim_shares.c) can fail: each fault below is planted in a copy of
# sim/stim_random.c, sim/config.c (the thresholds' rails: thr_plain_rail ignores
# sat-sym's) or sim/coverage.c, the test is built from the copy and must
# exit 1. A fault whose pattern no longer matches fails this script (never a
# silently unmutated copy); the unmutated build must pass.
# Usage: sim/test_stim_mutants.sh OUTDIR SOURCES... -- CC FLAGS...   (from the repo
# root; make cosim-stimulus-mutants passes the test's sources and compiler)
set -uo pipefail
out=${1:?usage: test_stim_mutants.sh OUTDIR SOURCES... -- CC FLAGS...}
shift
srcs=()
while [ $# -gt 0 ] && [ "$1" != -- ]; do srcs+=("$1"); shift; done
[ $# -gt 1 ] || { echo "usage: test_stim_mutants.sh OUTDIR SOURCES... -- CC FLAGS..." >&2; exit 2; }
shift
cc=("$@")
mkdir -p "$out"

# name | file | perl substitution (must match)
mutants=(
  'tie_shift|stim_random.c|s/\(uint32_t\)kq << ec\)/(uint32_t)kq << (ec + 1))/'
  'tie_sign_ext|stim_random.c|s/\(int32_t\)rb\[i\] >> \(32 - \(W - ec\)\)\)/(int32_t)(rb[i] >> (32 - (W - ec))))/'
  'no_neighbour|stim_random.c|s/cat >= 14 \? nt : xti/cat >= 99 ? nt : xti/'
  'no_threshold|stim_random.c|s/\(a & 15\) - 11u < 2u/(a \& 15) - 99u < 2u/'
  'one_threshold|stim_random.c|s/\(a >> 4\) & 1 \? tn1 : tn0/(a >> 4) \& 1 ? tn1 - tn1 + tn0 : tn0/'
  'no_small|stim_random.c|s/cat == 13 \? xs : xx/cat == 99 ? xs : xx/'
  'no_input_rail|stim_random.c|s/cat - 7u < 2u/cat - 99u < 2u/'
  'thr_plain_rail|config.c|s/\(double\)t->c->y_min - 0\.5/(double)(-t->c->y_max - 1) - 0.5/'
  'cov_swap_tie_bins|coverage.c|s/cov\[CV_TIE_POS_ODD\]( \+= n_tie_pos_odd;\s+cov\[)CV_TIE_POS_EVEN\]/cov[CV_TIE_POS_EVEN]$1CV_TIE_POS_ODD]/'
  'cov_narrow_int16|coverage.c|s/CLASSIFY_LOOP\(int32_t\)/CLASSIFY_LOOP(int16_t)/'
  'cov_wide_int32|coverage.c|s/CLASSIFY_LOOP\(int64_t\)/CLASSIFY_LOOP(int32_t)/'
  'cov_odd_bit|coverage.c|s/\(p >> s\) & 1/(p >> (s - 1)) \& 1/'
  'cov_wrap_as_rails|coverage.c|s/if \(c->overflow == GS_OVF_WRAP\) \{/if (0) {/'
)

inc=(-Icmodel -Itools -Isim)

# every source compiled once; a mutant recompiles its one file and links
mkdir -p "$out/obj"
for s in "${srcs[@]}"; do
  o=$out/obj/$(echo "$s" | tr / _).o
  "${cc[@]}" "${inc[@]}" -c "$s" -o "$o" >>"$out/build.log" 2>&1 ||
    { echo "test_stim_mutants: FAIL $s does not build ($out/build.log)"; exit 1; }
done

build() { # name file-to-replace replacement -> binary path, or empty on failure
  local name=$1 file=$2 repl=$3 objs=()
  for s in "${srcs[@]}"; do
    if [ "$s" = "sim/$file" ]; then
      "${cc[@]}" "${inc[@]}" -c "$repl" -o "$out/$name.o" >>"$out/$name.log" 2>&1 || return
      objs+=("$out/$name.o")
    else
      objs+=("$out/obj/$(echo "$s" | tr / _).o")
    fi
  done
  "${cc[@]}" "${objs[@]}" -lm -o "$out/$name" >>"$out/$name.log" 2>&1 && echo "$out/$name"
}

fail=0
bin=$(build clean none none)
if [ -z "$bin" ] || ! "$bin" >"$out/clean.out" 2>&1; then
  echo "test_stim_mutants: FAIL the unmutated test does not pass ($out/clean.out)"
  exit 1
fi
for m in "${mutants[@]}"; do
  IFS='|' read -r name file sub <<<"$m"
  src=$out/$name.$file
  if ! perl -e '$s = do { local $/; <STDIN> }; $n = ($s =~ '"$sub"'); print $s; exit($n ? 0 : 3)' \
       <"sim/$file" >"$src"; then
    echo "test_stim_mutants: FAIL $name: the mutation no longer applies to sim/$file"
    fail=1
    continue
  fi
  bin=$(build "$name" "$file" "$src")
  if [ -z "$bin" ]; then
    echo "test_stim_mutants: FAIL $name: does not build ($out/$name.log)"
    fail=1
    continue
  fi
  "$bin" >"$out/$name.out" 2>&1
  rc=$?
  what=$(grep -E 'FAIL .|runtime error' "$out/$name.out" | head -1 | sed 's/^test_stimulus: FAIL //')
  if [ $rc -eq 1 ]; then
    echo "test_stim_mutants: ok   $name caught: $what"
  else
    echo "test_stim_mutants: FAIL $name not caught (exit $rc, $out/$name.out)"
    fail=1
  fi
done
[ $fail -eq 0 ] && echo "test_stim_mutants: PASS" || echo "test_stim_mutants: FAIL"
exit $fail
