#!/usr/bin/env bash
# gsref_test.sh - black-box tests of gsref (SPEC section 6). Expected outputs
# come from the independent reference filter (ref_cli, built from
# tests/ref_exact.h) or from hand computation written here, never from gsref.
#
# Usage: tests/gsref_test.sh GSREF REF_CLI WORKDIR
set -u
GSREF=${1:?gsref binary}; REF=${2:?ref_cli binary}; W=${3:?work dir}
mkdir -p "$W"
pass=0; fail=0
ok()  { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*" >&2; }

# run_gsref ARGS... : runs gsref, stdout -> $W/out, stderr -> $W/err, rc -> $rc
run_gsref() { "$GSREF" "$@" >"$W/out" 2>"$W/err"; rc=$?; }

# expect_out NAME EXPECTED_TEXT ARGS... (input on stdin of this function)
expect_out() {
  local name=$1 want=$2; shift 2
  run_gsref "$@"
  if [ "$rc" -ne 0 ]; then bad "$name: exit $rc: $(head -c 300 "$W/err")"; return; fi
  if [ "$(cat "$W/out")" != "$want" ]; then
    bad "$name: got '$(head -c 200 "$W/out" | tr '\n' '|')', want '$(printf %s "$want" | tr '\n' '|')'"
    return
  fi
  ok
}

# vs_ref NAME "REF ARGS" INPUTFILE GSREF_ARGS... : gsref output == reference output
vs_ref() {
  local name=$1 refargs=$2 in=$3; shift 3
  # shellcheck disable=SC2086
  "$REF" eval $refargs <"$in" >"$W/want" || { bad "$name: ref_cli failed ($refargs)"; return; }
  run_gsref "$@" "$in"
  if [ "$rc" -ne 0 ]; then bad "$name: exit $rc: $(head -c 300 "$W/err")"; return; fi
  if ! cmp -s "$W/out" "$W/want"; then
    bad "$name: differs from the reference [$refargs]: $(diff "$W/out" "$W/want" | head -4 | tr '\n' '|')"
    return
  fi
  ok
}

# expect_err NAME PATTERN ARGS... : exit 2, stderr matches PATTERN (grep -E),
# stdout empty
expect_err() {
  local name=$1 pat=$2; shift 2
  run_gsref "$@" </dev/null
  if [ "$rc" -ne 2 ]; then bad "$name: exit $rc, expected 2 (stderr: $(head -c 200 "$W/err"))"; return; fi
  if ! grep -Eq -- "^gsref: .*($pat)" "$W/err"; then bad "$name: stderr '$(head -c 300 "$W/err")' lacks /^gsref: .*($pat)/"; return; fi
  if [ -s "$W/out" ]; then bad "$name: printed on stdout: $(head -c 100 "$W/out")"; return; fi
  ok
}

# ---- spec and hand-computed examples (default profile: s16.15 x u16.12 -> s16.15,
# half-even, sat; default gain 1.0 = code 4096, so y = -x unless it clips)
printf '16384\n-32768\n1000\n0xFFFF\n0x8000\n32767\n0\n' >"$W/hand.txt"
expect_out "default gain 1" "$(printf -- '-16384 0\n32767 1\n-1000 0\n1 0\n32767 1\n-32767 0\n0 0')" "$W/hand.txt"
# gain 4.7: code half-even(4.7 * 4096) = 19251 (19251.2); x = 1000:
# P = -19251000, /4096 = -4699.95 -> -4700; x = 7000: -32900.7 -> clips to -32768
printf '1000\n7000\n-7000\n' >"$W/g47.txt"
want47=$(printf -- '-4700 0\n-32768 1\n32767 1')
expect_out "--gain 4.7" "$want47" --gain 4.7 "$W/g47.txt"
expect_out "--rf 47k --rin 10k" "$want47" --rf 47k --rin 10k "$W/g47.txt"
expect_out "--rf 4k7 --rin 1k" "$want47" --rf 4k7 --rin 1k "$W/g47.txt"
expect_out "--rin before --rf" "$want47" --rin 10k --rf 47k "$W/g47.txt"
expect_out "--gain-code 19251" "$want47" --gain-code 19251 "$W/g47.txt"
expect_out "--gain-code 0x4b33" "$want47" --gain-code 0x4b33 "$W/g47.txt"
expect_out "--gain-code 0x4B33" "$want47" --gain-code 0x4B33 "$W/g47.txt"
# 2M2 / 220k = 10 exactly: code 40960; x = 100 -> -1000; x = 3277 -> -32770 -> clips
printf '100\n3277\n' >"$W/g10.txt"
expect_out "--rf 2M2 --rin 220k" "$(printf -- '-1000 0\n-32768 1')" --rf 2M2 --rin 220k "$W/g10.txt"
expect_out "--rf 220R --rin 22R" "$(printf -- '-1000 0\n-32768 1')" --rf 220R --rin 22R "$W/g10.txt"
expect_out "--rf 1M --rin 100k" "$(printf -- '-1000 0\n-32768 1')" --rf 1M --rin 100k "$W/g10.txt"
expect_out "--rf 1000 --rin 100" "$(printf -- '-1000 0\n-32768 1')" --rf 1000 --rin 100 "$W/g10.txt"
# floor vs half-even at a tie: gain 0.5 (code 2048), x = 1 -> P/2^12 = -0.5
printf '1\n-1\n3\n' >"$W/tie.txt"
expect_out "tie half-even" "$(printf -- '0 0\n0 0\n-2 0')" --gain 0.5 "$W/tie.txt"
expect_out "tie floor" "$(printf -- '-1 0\n0 0\n-2 0')" --gain 0.5 --round floor "$W/tie.txt"
expect_out "tie half-up" "$(printf -- '0 0\n1 0\n-1 0')" --gain 0.5 --round half-up "$W/tie.txt"
expect_out "tie half-down" "$(printf -- '-1 0\n0 0\n-2 0')" --gain 0.5 --round half-down "$W/tie.txt"
# overflow modes at x = -32768, gain 1: R = 32768
printf -- '-32768\n' >"$W/min.txt"
expect_out "sat" "32767 1" "$W/min.txt"
expect_out "sat-sym" "32767 1" --overflow sat-sym "$W/min.txt"
expect_out "wrap" "-32768 1" --overflow wrap "$W/min.txt"
printf '32767\n' >"$W/max.txt"     # gain 1.0 + 1 LSB: R = -32775 (exact: 32767*4097/4096 = 32774.99)
expect_out "sat-sym lower rail" "-32767 1" --overflow sat-sym --gain-code 4097 "$W/max.txt"
expect_out "sat lower rail" "-32768 1" --gain-code 4097 "$W/max.txt"

# ---- hex input: two's complement of the input width
printf '0xFFFF\n0x7FFF\n0x8000\n0xffff\n' >"$W/hex16.txt"
expect_out "hex s16" "$(printf -- '1 0\n-32767 0\n32767 1\n1 0')" "$W/hex16.txt"
printf '0xFFFF\n0xFFFFFFFF\n0x80000000\n' >"$W/hex32.txt"
# s32.16 x u32.16 (gain 1.0 = 65536): 0xFFFF is +65535 here, 0xFFFFFFFF is -1
expect_out "hex s32 (libfixmath)" "$(printf -- '-65535 0\n1 0\n2147483647 1')" --profile libfixmath "$W/hex32.txt"

# ---- comments, blank lines, several files, stdin
printf '# a comment\n\n5\n   \n# another\n-5\n' >"$W/c1.txt"
printf '7\n' >"$W/c2.txt"
expect_out "comments and blanks" "$(printf -- '-5 0\n5 0')" "$W/c1.txt"
expect_out "two files in order" "$(printf -- '-5 0\n5 0\n-7 0')" "$W/c1.txt" "$W/c2.txt"
expect_out "stdin" "$(printf -- '-5 0\n5 0')" <"$W/c1.txt"
expect_out "- is stdin" "$(printf -- '-7 0\n-5 0\n5 0')" "$W/c2.txt" - <"$W/c1.txt"

# ---- every option against the reference: all 24 mode pairs, several formats
"$REF" gen 3000 11 16 >"$W/r16.txt"
"$REF" gen 3000 12 32 >"$W/r32.txt"
"$REF" gen 256 13 8 >"$W/r8.txt"
"$REF" gen 200 14 7 >"$W/r7.txt"
"$REF" gen 50 15 2 >"$W/r2.txt"
for r in floor ceil zero half-up half-down half-zero half-away half-even; do
  for o in sat sat-sym wrap; do
    vs_ref "default $r $o" "16 15 16 12 16 15 $r $o 19251" "$W/r16.txt" --round "$r" --overflow "$o" --gain-code 19251
    vs_ref "s32.16 $r $o" "32 16 32 16 32 16 $r $o 3000000000" "$W/r32.txt" \
      --in s32.16 --gain-fmt u32.16 --out s32.16 --round "$r" --overflow "$o" --gain-code 3000000000
    vs_ref "s8.0 x u8.0 -> s8.2 $r $o" "8 0 8 0 8 2 $r $o 3" "$W/r8.txt" \
      --in s8.0 --gain-fmt u8.0 --out s8.2 --round "$r" --overflow "$o" --gain-code 3
    vs_ref "s7.3 x u5.0 -> s6.1 $r $o" "7 3 5 0 6 1 $r $o 0x13" "$W/r7.txt" \
      --round "$r" --in s7.3 --overflow "$o" --gain-fmt u5.0 --out s6.1 --gain-code 0x13
    vs_ref "shift 62 $r $o" "32 31 32 31 32 0 $r $o 0xC0000001" "$W/r32.txt" \
      --in s32.31 --gain-fmt u32.31 --out s32.0 --round "$r" --overflow "$o" --gain-code 0xC0000001
  done
done
vs_ref "shift -62" "2 0 1 0 32 62 half-even sat 1" "$W/r2.txt" --in s2.0 --gain-fmt u1.0 --out s32.62 --gain-code 1
vs_ref "F > W (s8.10)" "8 10 8 12 8 0 floor wrap 255" "$W/r8.txt" --in s8.10 --gain-fmt u8.12 --out s8.0 --round floor --overflow wrap --gain-code 255
# --gain coded in the gain format that is final (u32.16: 2.5 -> 163840)
vs_ref "--gain then --gain-fmt" "32 16 32 16 32 16 half-even sat 163840" "$W/r32.txt" \
  --gain 2.5 --in s32.16 --gain-fmt u32.16 --out s32.16
vs_ref "--gain-code then --gain-fmt" "32 16 32 16 32 16 half-even sat 70000" "$W/r32.txt" \
  --gain-code 70000 --in s32.16 --gain-fmt u32.16 --out s32.16
vs_ref "--gain u8.4 ties to even" "16 15 8 4 16 15 half-even sat 40" "$W/r16.txt" --gain-fmt u8.4 --gain 2.5
# a non-zero ratio that codes to 0 is an error (SPEC section 5)
expect_err "--gain 0.03125 in u8.4: half-even(0.5) = 0" "codes to 0" --gain-fmt u8.4 --gain 0.03125
vs_ref "--gain 0.09375 in u8.4: half-even(1.5) = 2" "16 15 8 4 16 15 half-even sat 2" "$W/r16.txt" --gain-fmt u8.4 --gain 0.09375

# ---- profiles: libfixmath is s32.16 x u32.16 -> s32.16, half-away, sat; later options override
vs_ref "--profile libfixmath" "32 16 32 16 32 16 half-away sat 65536" "$W/r32.txt" --profile libfixmath
vs_ref "--profile then --round" "32 16 32 16 32 16 floor sat 65536" "$W/r32.txt" --profile libfixmath --round floor
vs_ref "--round then --profile" "32 16 32 16 32 16 half-away sat 65536" "$W/r32.txt" --round floor --profile libfixmath
vs_ref "--profile then --overflow" "32 16 32 16 32 16 half-away wrap 65536" "$W/r32.txt" --profile libfixmath --overflow wrap
vs_ref "--overflow then --profile" "32 16 32 16 32 16 half-away sat 65536" "$W/r32.txt" --overflow wrap --profile libfixmath
vs_ref "--profile then --in" "16 15 32 16 32 16 half-away sat 65536" "$W/r16.txt" --profile libfixmath --in s16.15
vs_ref "--in then --profile" "32 16 32 16 32 16 half-away sat 65536" "$W/r32.txt" --in s16.15 --profile libfixmath
vs_ref "libfixmath then default" "16 15 16 12 16 15 half-even sat 4096" "$W/r16.txt" --profile libfixmath --profile default
vs_ref "--profile libfixmath --gain-code" "32 16 32 16 32 16 half-away sat 0x7FFFFFFF" "$W/r32.txt" --profile libfixmath --gain-code 0x7FFFFFFF
# one kind of gain per command line (SPEC section 5); repeating one is fine
expect_err "--gain then --gain-code" "one way only" --gain 2 --gain-code 4096
expect_err "--gain-code then --gain" "one way only" --gain-code 100 --gain 2
vs_ref "--gain-code twice" "16 15 16 12 16 15 half-even sat 4096" "$W/r16.txt" --gain-code 100 --gain-code 4096

# ---- the realized gain on stderr for a ratio, not for a raw code
run_gsref --gain 4.7 </dev/null
# realized 19251/4096 = 4.699951171875, error (4.699951171875/4.7 - 1) * 1e6 = -10.389 ppm
if [ "$rc" -eq 0 ] && grep -q 19251 "$W/err" && grep -q -- '-10\.3[89]' "$W/err" && grep -q ppm "$W/err"; then ok
else bad "gain report: '$(cat "$W/err")'"; fi
run_gsref --gain-code 19251 </dev/null
if [ "$rc" -eq 0 ] && ! grep -q ppm "$W/err"; then ok; else bad "--gain-code printed a gain report: '$(cat "$W/err")'"; fi

# ---- bad input lines: exit 2, FILE:LINE: reason, lines before printed, none after
check_line_err() {   # NAME FILE LINE EXPECTED_STDOUT [ARGS...]
  local name=$1 f=$2 line=$3 want=$4; shift 4
  run_gsref "$@" "$f"
  if [ "$rc" -ne 2 ]; then bad "$name: exit $rc, expected 2"; return; fi
  if ! grep -Eq "^(gsref: )?$(printf %s "$f" | sed 's/[.[\*^$/]/\\&/g'):$line: .+" "$W/err"; then
    bad "$name: stderr '$(cat "$W/err")' does not name $f:$line and a reason"; return; fi
  if [ "$(cat "$W/out")" != "$want" ]; then
    bad "$name: stdout '$(tr '\n' '|' <"$W/out")', want '$(printf %s "$want" | tr '\n' '|')'"; return; fi
  ok
}
printf '1\n2\nbanana\n3\n' >"$W/e1.txt"
check_line_err "malformed line" "$W/e1.txt" 3 "$(printf -- '-1 0\n-2 0')"
printf '# c\n\n1\n32768\n4\n' >"$W/e2.txt"
check_line_err "decimal out of range" "$W/e2.txt" 4 "-1 0"
printf '0x10000\n1\n' >"$W/e3.txt"
check_line_err "hex out of range" "$W/e3.txt" 1 ""
printf '1\n-32769\n' >"$W/e4.txt"
check_line_err "negative out of range" "$W/e4.txt" 2 "-1 0"
printf '1\n1.5\n2\n' >"$W/e5.txt"
check_line_err "fraction" "$W/e5.txt" 2 "-1 0"
printf '1\n2 3\n' >"$W/e6.txt"
check_line_err "two numbers" "$W/e6.txt" 2 "-1 0"
printf '1\n0x\n' >"$W/e7.txt"
check_line_err "bare 0x" "$W/e7.txt" 2 "-1 0"
printf '2147483648\n' >"$W/e8.txt"
check_line_err "s32 out of range" "$W/e8.txt" 1 "" --profile libfixmath
printf '0x1FFFFFFFF\n' >"$W/e9.txt"
check_line_err "s32 hex out of range" "$W/e9.txt" 1 "" --profile libfixmath
printf '99999999999999999999999\n' >"$W/e10.txt"
check_line_err "huge decimal" "$W/e10.txt" 1 ""
printf '1\n2\n' >"$W/ok2.txt"
# an error in the second file: the first is printed whole, the second names its line
run_gsref "$W/ok2.txt" "$W/e1.txt"
if [ "$rc" -eq 2 ] && grep -q "$W/e1.txt:3: " "$W/err" && [ "$(cat "$W/out")" = "$(printf -- '-1 0\n-2 0\n-1 0\n-2 0')" ]; then ok
else bad "error in second file: rc $rc, out '$(tr '\n' '|' <"$W/out")', err '$(cat "$W/err")'"; fi
# an error in the first file: nothing from the second one
run_gsref "$W/e1.txt" "$W/ok2.txt"
if [ "$rc" -eq 2 ] && grep -q "$W/e1.txt:3: " "$W/err" && [ "$(cat "$W/out")" = "$(printf -- '-1 0\n-2 0')" ]; then ok
else bad "error in first file: rc $rc, out '$(tr '\n' '|' <"$W/out")', err '$(cat "$W/err")'"; fi
# stdin is named <stdin>
"$GSREF" <"$W/e1.txt" >"$W/out" 2>"$W/err"; rc=$?
if [ "$rc" -eq 2 ] && grep -q "<stdin>:3: " "$W/err" && [ "$(cat "$W/out")" = "$(printf -- '-1 0\n-2 0')" ]; then ok
else bad "stdin error: rc $rc, err '$(cat "$W/err")'"; fi
expect_err "missing file" "$W/nonexistent\.txt" "$W/nonexistent.txt"

# ---- bad options and configurations: exit 2, a message, nothing on stdout
expect_err "--in s1.0"          "s1\.0.*input format" --in s1.0
expect_err "--in s33.0"         "s33\.0" --in s33.0
expect_err "--in u16.15"        "u16\.15.*input format" --in u16.15
expect_err "--in s16.63"        "s16\.63" --in s16.63
expect_err "--in s16"           "s16" --in s16
expect_err "--in garbage"       "q15" --in q15
expect_err "--gain-fmt s16.12"  "gain format" --gain-fmt s16.12
expect_err "--gain-fmt u0.0"    "u0\.0" --gain-fmt u0.0
expect_err "--gain-fmt u33.0"   "u33\.0" --gain-fmt u33.0
expect_err "--gain-fmt u16.63"  "u16\.63" --gain-fmt u16.63
expect_err "--out u16.15"       "output format" --out u16.15
expect_err "--out s1.0"         "output format" --out s1.0
expect_err "--out s33.0"        "s33\.0" --out s33.0
expect_err "shift 63"           "shift" --in s16.31 --gain-fmt u16.32 --out s16.0
expect_err "--round nearest"    "nearest" --round nearest
expect_err "--round empty"      "--round" --round ""
expect_err "--overflow clip"    "clip" --overflow clip
expect_err "--profile foo"      "foo" --profile foo
expect_err "--gain -1"          "--gain" --gain -1
expect_err "--gain abc"         "abc" --gain abc
expect_err "--gain 16 (u16.12)" "u16\.12" --gain 16
expect_err "--gain 15.99993896484375 rounds to 65536" "--gain" --gain 15.99993896484375
expect_err "--gain-code 65536"  "65536" --gain-code 65536
expect_err "--gain-code 0x10000" "0x10000" --gain-code 0x10000
expect_err "--gain-code -1"     "--gain-code" --gain-code -1
expect_err "--gain-code abc"    "abc" --gain-code abc
expect_err "--gain-code vs final --gain-fmt" "u8\.0" --gain-code 300 --gain-fmt u8.0
expect_err "--rf without --rin" "--rin" --rf 47k
expect_err "--rin without --rf" "--rf" --rin 10k
expect_err "--rf k"             "--rf" --rf k --rin 10k
expect_err "--rf 4kk7"          "4kk7" --rf 4kk7 --rin 10k
expect_err "--rin -1k"          "-1k" --rf 47k --rin -1k
expect_err "--rin empty"        "--rin" --rf 47k --rin ""
expect_err "--rin 0"            "--rin" --rf 47k --rin 0
expect_err "--rf/--rin 16"      "u16\.12" --rf 160k --rin 10k
expect_err "unknown option"     "--foo" --foo
expect_err "missing value"      "--in" --in
expect_err "missing value 2"    "--gain" --gain

echo "gsref black-box: $((pass + fail)) checks, $pass passed, $fail failed"
[ "$fail" -eq 0 ]
