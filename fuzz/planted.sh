#!/usr/bin/env bash
# GSCOMPARE_LIB=... planted.sh FUZZ_CC WORKDIR [SECONDS] - each fuzz target must catch a planted fault:
# it is built against a copy of its code under test with one defect put back.
# vec, cli, capture: a defect of issue 10, and one pass over the seed corpus must
# crash. eval: a model mutation that no seed reaches (the seed pass must stay
# clean), which the fuzzer itself must find within SECONDS (default 60) of search.
set -u
cc=${1:?cc}; w=${2:?workdir}; secs=${3:-60}
gscompare_lib=${GSCOMPARE_LIB:?the sources gscompare.c needs, from mk/cmodel.mk}
mkdir -p "$w"
flags="-std=c11 -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all"
fail=0
# plant NAME FILE PERL-EXPR: copy FILE with the fault into $w/NAME/, check it applied
plant() {
  mkdir -p "$w/$1"
  perl -0pe "$3" "$2" >"$w/$1/$(basename "$2")"
  if cmp -s "$2" "$w/$1/$(basename "$2")"; then
    echo "fuzz-planted: FAIL $1: the fault no longer applies to $2"; fail=1; return 1
  fi
}
# caught NAME BINARY: one pass over the seeds must crash
caught() {
  "$2" -close_fd_mask=3 -runs=0 -artifact_prefix="$w/crash-$1-" "fuzz/corpus/$3" >"$w/$1.log" 2>&1
  if grep -q 'deadly signal\|ERROR: libFuzzer\|runtime error' "$w/$1.log"; then
    echo "fuzz-planted: ok   $1: caught by the seed corpus"
  else
    echo "fuzz-planted: FAIL $1: the seed corpus did not catch it"; fail=1
  fi
}
# vec: CR-only line ends accepted again (defects 1 and 11)
plant vec tools/gs_vec.c 's/if \(d == .\\n.\)\n\s*break;/ungetc(d, vec->fp);\n            break;/' &&
  $cc $flags -Icmodel -Itools -Ifuzz fuzz/fuzz_vec.c "$w/vec/gs_vec.c" tools/gs_text.c cmodel/*.c \
    -o "$w/fuzz_vec" && caught vec "$w/fuzz_vec" vec
# cli: octal numbers again (defect 7)
plant cli tools/gs_text.c 's/unsigned base = is_hex \? 16u : 10u;/unsigned base = is_hex ? 16u : (n > 1 \&\& s[0] == 0x30) ? 8u : 10u;/' &&
  $cc $flags -Icmodel -Itools -Isim fuzz/fuzz_cli.c sim/cosim_opts.c sim/cosim_vectors.c sim/cosim_param.c \
    $(sed "s|^tools/gs_text.c\$|$w/cli/gs_text.c|" tools/gs_cli.files) cmodel/*.c -lm -o "$w/fuzz_cli" &&
  caught cli "$w/fuzz_cli" cli
# cli-seed: cosim keeps the default seed whatever --seed says (the oracle once
# let a seed of 1 pass without looking)
plant cli-seed sim/cosim_opts.c 's/if \(parse_code\(v, &o->seed\) < 0\)/if (parse_code(v, \&o->seed) < 0 || (o->seed = 1) == 0)/' &&
  $cc $flags -Icmodel -Itools -Isim fuzz/fuzz_cli.c "$w/cli-seed/cosim_opts.c" sim/cosim_vectors.c \
    sim/cosim_param.c $(cat tools/gs_cli.files) cmodel/*.c -lm -o "$w/fuzz_cli_seed" &&
  caught cli-seed "$w/fuzz_cli_seed" cli
# capture: a run of 0 samples passes again (defect 8)
plant capture tools/gscompare.c 's/if \(r\.n == 0\)/if (0)/' &&
  sed 's|"../tools/gscompare.c"|"gscompare.c"|' fuzz/fuzz_capture.c >"$w/capture/fuzz_capture.c" &&
  $cc $flags -Icmodel -Itools -Ifw "$w/capture/fuzz_capture.c" $gscompare_lib cmodel/*.c \
    -o "$w/fuzz_capture" && caught capture "$w/fuzz_capture" capture
# eval: the block loop of a shift <= 0 (the wide path) saturates a wrap configuration.
# Reaching it takes a legal configuration with IN_F + G_F <= OUT_F, wrap, and a sample
# past the rails: the seeds have none (each has a positive shift).
plant eval cmodel/gs_eval.c 's/\(RND\), \(OVM\), false, false\)/(RND), GS_OVF_SAT, false, false)/' &&
  $cc $flags -Icmodel -Itests fuzz/fuzz_eval.c tests/ref_exact.c "$w/eval/gs_eval.c" \
    $(ls cmodel/*.c | grep -v '/gs_eval\.c$') -o "$w/fuzz_eval" && {
  "$w/fuzz_eval" -close_fd_mask=3 -runs=0 fuzz/corpus/eval >"$w/eval-seeds.log" 2>&1
  if grep -q 'deadly signal\|ERROR: libFuzzer\|runtime error' "$w/eval-seeds.log"; then
    echo "fuzz-planted: FAIL eval: a seed reaches the planted fault (the search proves nothing)"
    fail=1
  else
    rm -rf "$w/eval-corpus" "$w"/crash-eval-* && mkdir -p "$w/eval-corpus"
    t0=$(date +%s)
    "$w/fuzz_eval" -close_fd_mask=3 -seed=1 -max_len=520 -max_total_time="$secs" \
      -artifact_prefix="$w/crash-eval-" "$w/eval-corpus" fuzz/corpus/eval >"$w/eval.log" 2>&1
    dt=$(($(date +%s) - t0))
    # the crash must be the planted fault's: the model without it passes that input
    crash=$(ls "$w"/crash-eval-* 2>/dev/null | head -1)
    if grep -q 'deadly signal' "$w/eval.log" && [ -n "$crash" ] &&
       $cc $flags -Icmodel -Itests fuzz/fuzz_eval.c tests/ref_exact.c cmodel/*.c \
         -o "$w/fuzz_eval_clean" && "$w/fuzz_eval_clean" "$crash" >"$w/eval-replay.log" 2>&1; then
      echo "fuzz-planted: ok   eval: found by the fuzzer in $dt s" \
        "($(sed -n 's/^#\([0-9]*\).*/\1/p' "$w/eval.log" | tail -1) executions; the seeds alone pass," \
        "the model without the fault passes the input found)"
    elif [ -n "$crash" ] && [ -f "$w/eval-replay.log" ]; then
      echo "fuzz-planted: FAIL eval: the input found also fails the model without the fault" \
        "($w/eval-replay.log)"; fail=1
    else
      echo "fuzz-planted: FAIL eval: not found in $secs s of fuzzing (log $w/eval.log)"; fail=1
    fi
  fi
}
exit $fail
