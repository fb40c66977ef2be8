#!/usr/bin/env bash
# planted.sh FUZZ_CC WORKDIR - each fuzz target must catch a planted fault: it is
# built against a copy of its code under test with one defect of issue 10 put
# back, and one pass over its seed corpus must crash. (eval: a model that
# rounds half-even ties up.)
set -u
cc=${1:?cc}; w=${2:?workdir}
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
    tools/gs_cli.c tools/gs_vec.c "$w/cli/gs_text.c" cmodel/*.c -lm -o "$w/fuzz_cli" &&
  caught cli "$w/fuzz_cli" cli
# capture: a run of 0 samples passes again (defect 8)
plant capture tools/gscompare.c 's/if \(r\.n == 0\)/if (0)/' &&
  sed 's|"../tools/gscompare.c"|"gscompare.c"|' fuzz/fuzz_capture.c >"$w/capture/fuzz_capture.c" &&
  $cc $flags -Icmodel -Itools -Ifw "$w/capture/fuzz_capture.c" tools/gs_text.c cmodel/*.c \
    -o "$w/fuzz_capture" && caught capture "$w/fuzz_capture" capture
exit $fail
