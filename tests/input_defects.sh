#!/usr/bin/env bash
# input_defects.sh - one check per defect of issue 10 (items 1-11): bad input is
# refused with FILE:LINE: reason and exit 2, or accepted exactly as SPEC sections
# 5 and 6 say. Every check is labelled "dN" with its defect number; each failed
# on the tools of commit 0c08093 (run this script with those binaries to see it).
# Expected values are hand computations written here (default profile, gain
# 1.0: y = -x), never the output of the tool under test.
#
# Usage: tests/input_defects.sh GSREF GSCOMPARE COSIM WORKDIR [GSCOMPARE_ASAN]
set -u
GSREF=${1:?gsref}; GSC=${2:?gscompare}; COSIM=${3:?cosim}; W=${4:?workdir}; GSCA=${5:-}
mkdir -p "$W"
abs() { case $1 in /*) echo "$1" ;; *) echo "$PWD/$1" ;; esac; }
GSREF=$(abs "$GSREF"); GSC=$(abs "$GSC"); COSIM=$(abs "$COSIM"); W=$(abs "$W")
[ -n "$GSCA" ] && GSCA=$(abs "$GSCA")
pass=0; fail=0
ok()  { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "input-defects: FAIL $*"; }

# Input goes through a file, never a pipe into these functions (a pipeline
# would run them in a subshell and lose the counts): input PRINTF-ARGS... sets it.
input() { printf "$@" >"$W/in"; }
noin() { : >"$W/in"; }
# run TOOL ARGS... (stdin $W/in): stdout $W/out, stderr $W/err, $rc
run() { "$@" <"$W/in" >"$W/out" 2>"$W/err"; rc=$?; }
# refused LABEL PATTERN TOOL ARGS...: exit 2 and stderr matches PATTERN (grep -E)
refused() {
  local l=$1 pat=$2; shift 2
  run "$@"
  if [ "$rc" -eq 2 ] && grep -Eq -- "$pat" "$W/err"; then ok
  else bad "$l: exit $rc (want 2), stderr /$pat/: $(head -c 300 "$W/err" | tr '\n' '|')"; fi
}
# outputs LABEL WANT TOOL ARGS...: exit 0 and stdout is WANT
outputs() {
  local l=$1 want=$2; shift 2
  run "$@"
  if [ "$rc" -eq 0 ] && [ "$(cat "$W/out")" = "$want" ]; then ok
  else bad "$l: exit $rc, stdout '$(head -c 200 "$W/out" | tr '\n' '|')' (want '$(printf %s "$want" | tr '\n' '|')'): $(head -c 200 "$W/err" | tr '\n' '|')"; fi
}
# passes LABEL N COSIM-ARGS...: cosim exits 0 with "PASS: N samples"
passes() {
  local l=$1 n=$2; shift 2
  run timeout 300 "$COSIM" "$@"
  if [ "$rc" -eq 0 ] && grep -q "PASS: $n samples" "$W/out"; then ok
  else bad "$l: cosim $* -> exit $rc, want PASS: $n samples: $(tail -c 300 "$W/out" "$W/err" | tr '\n' '|')"; fi
}

# ---- d1: a line whose first byte is CR is not skipped; CR-only line ends refused
input '1\n\r5\n2\n'; refused d1-cr-first '<stdin>:2: CR not followed by LF' "$GSREF"
printf '1\n\r5\n2\n' >"$W/cr.txt"
refused d1-cosim "cr.txt:2: CR not followed by LF" "$COSIM" --vectors "$W/cr.txt"
input '1\r\n2\r\n3'; outputs d1-crlf-ok "$(printf -- '-1 0\n-2 0\n-3 0')" "$GSREF"

# ---- d2: NUL and control bytes refused; /dev/zero ends at once
input '5\0junk\n'; refused d2-nul '<stdin>:1: control byte 0x00 \(NUL\)' "$GSREF"
{ printf '1'; printf '\0'; head -c 300 /dev/zero | tr '\0' 7; printf '\n2\n'; } >"$W/in"
refused d2-nul-long '<stdin>:1: control byte 0x00' "$GSREF"
input '1\n2\x01\n'; refused d2-ctrl '<stdin>:2: control byte 0x01' "$GSREF"
refused d2-devzero '/dev/zero:1: control byte 0x00' timeout 20 "$GSREF" /dev/zero
refused d2-cosim-devzero '/dev/zero:1: control byte 0x00' timeout 20 "$COSIM" --vectors /dev/zero

# ---- d3: cosim --vectors - / a FIFO is read once, by the driver
printf -- '%s 0\n' 3 2 1 0 -1 -2 -3 >"$W/want3"
seq -3 3 >"$W/in"; run timeout 300 "$COSIM" --vectors - --quiet --dump "$W/dump3"
if [ "$rc" -eq 0 ] && cmp -s "$W/dump3" "$W/want3" && grep -q 'PASS: 7 samples' "$W/out"; then ok
else bad "d3-stdin: exit $rc: $(tail -c 300 "$W/err" "$W/out" | tr '\n' '|')"; fi
rm -f "$W/fifo"; mkfifo "$W/fifo"
( timeout 130 sh -c 'seq 1 9 >"$1"' sh "$W/fifo" & )  # a bounded writer
run timeout 120 "$COSIM" --vectors "$W/fifo" --quiet
if [ "$rc" -eq 0 ] && grep -q 'PASS: 9 samples' "$W/out"; then ok
else bad "d3-fifo: exit $rc (124: hung): $(tail -c 300 "$W/err" | tr '\n' '|')"; fi
rm -f "$W/fifo"

# ---- d4: sample totals never wrap
printf '1\n2\n3\n' >"$W/v3.txt"
refused d4-wrap '2\^50' "$COSIM" --vectors "$W/v3.txt" --random 18446744073709551615
refused d4-wrap-exh '2\^50' "$COSIM" --exhaustive --jobs 2 --random 18446744073709500000
passes d4-jobs 65544 --vectors "$W/v3.txt" --random 5 --exhaustive --jobs 2 --quiet

# ---- d5: the deadlock timeout counts only cycles where the DUT held back
passes d5-stall 300 --random 300 --stall 0.9999 --quiet
passes d5-gap 300 --random 300 --gap 0.9999 --quiet
passes d5-bp 300 --random 300 --backpressure 0.9999 --quiet
passes d5-timeout16 5000 --random 5000 --stall 0.1 --timeout 16 --quiet

# ---- d6: one kind of gain per command line (SPEC section 5)
input '%s\n' 5; refused d6-two-kinds 'one way only' "$GSREF" --rf 2k --gain 3 --rin 1k
input '%s\n' 5; refused d6-code-and-real 'one way only' "$GSREF" --gain-code 0x1000 --gain 2
input '%s\n' 5; refused d6-rf-alone 'together' "$GSREF" --rf 2k
input '%s\n' 5; outputs d6-repeat '-15 0' "$GSREF" --gain 2 --gain 3
refused d6-cosim 'one way only' "$COSIM" --rf 2k --gain 3 --rin 1k

# ---- d7: decimal or 0x hex, never octal, for every option
input '%s\n' 4096; outputs d7-gain-code '-10 0' "$GSREF" --gain-code 010
input '%s\n' 4096; outputs d7-gain-code-08 '-8 0' "$GSREF" --gain-code 08
input '%s\n' 010; outputs d7-vector '-10 0' "$GSREF"
passes d7-seed-08 10 --random 10 --seed 08 --quiet
o1=$("$COSIM" --random 1000 --seed 010 --dump "$W/s010" 2>&1 >/dev/null; cat "$W/s010")
o2=$("$COSIM" --random 1000 --seed 10 --dump "$W/s10" 2>&1 >/dev/null; cat "$W/s10")
if [ -n "$o1" ] && [ "$o1" = "$o2" ]; then ok; else bad "d7-seed-010: --seed 010 differs from --seed 10"; fi
passes d7-gain-range 65536 --exhaustive --gain-range 08:08 --quiet

# ---- d8: gscompare's capture parser
crc16() {
  python3 -c '
import sys
c = 0xffff
for b in sys.argv[1].encode():
    c ^= b << 8
    for _ in range(8):
        c = ((c << 1) ^ 0x1021) & 0xffff if c & 0x8000 else (c << 1) & 0xffff
print("%04X" % c)' "$1"
}
line() { printf '%s*%s\n' "$1" "$(crc16 "$1")"; }
HDR='GS1 BEGIN in=s16.15 gain=u16.12 out=s16.15 round=half-even overflow=sat'
sample() { line "S $1 $2 4096 $((-$2)) 0 $((-$2)) 0"; }  # gain 1.0: y = -x
endl() { line "GS1 END n=$1 mismatch=0 swx=0 sw_ovf=0 hw_ovf=0 hw_ovf_cnt=0 ${2:-status=0x00000001 result=PASS}"; }
{ line "$HDR"; sample 0 5; sample 1 -7; sample 2 100; endl 3; } >"$W/good.cap"
# gsc_exit LABEL WANT PATTERN FILE: gscompare exits WANT and its output matches PATTERN
gsc_exit() {
  run "$GSC" "$4"
  if [ "$rc" -eq "$2" ] && grep -Eq -- "$3" "$W/out" "$W/err"; then ok
  else bad "$1: gscompare exit $rc (want $2), /$3/: $(cat "$W/out" "$W/err" | head -c 400 | tr '\n' '|')"; fi
}
gsc_exit d8-good 0 'OK$' "$W/good.cap"
{ line "$HDR"; sample 0 5; sample 1 -7; endl 3; } >"$W/lost_end.cap"
gsc_exit d8-lost-before-end 2 'n=3, the capture has 2 sample lines' "$W/lost_end.cap"
{ line "$HDR"; endl 0; } >"$W/empty.cap"
gsc_exit d8-zero-samples 2 'no samples' "$W/empty.cap"
{ line "$HDR"; sample 0 5; sample 1 -7 | sed 's/\*..../*0000/'; sample 2 100; endl 3; } >"$W/badcrc.cap"
gsc_exit d8-run-line 2 'BAD CAPTURE$' "$W/badcrc.cap"
if grep -q ': OK$' "$W/out"; then bad "d8-run-line: a run with a bad CRC line says OK"; else ok; fi
{ line "$HDR"; sample 0 5; sample 1 -7; sample 1 -7; sample 2 100; endl 3; } >"$W/dup.cap"
gsc_exit d8-duplicate 2 'duplicated' "$W/dup.cap"
{ line "${HDR/BEGIN/BEGINNING}"; sample 0 5; endl 1; } >"$W/beginning.cap"
gsc_exit d8-beginning 2 "no valid 'GS1 BEGIN' header" "$W/beginning.cap"
{ line "$HDR"; sample 0 5; endl 1 "status=0x00000001 result=FAIL result=PASS"; } >"$W/dupkey.cap"
gsc_exit d8-dup-key 2 'given twice' "$W/dupkey.cap"
{ line "$HDR round=floor"; sample 0 5; endl 1; } >"$W/dupkey_hdr.cap"
gsc_exit d8-dup-key-header 2 'given twice' "$W/dupkey_hdr.cap"
{ line "$HDR"; sample 0 5; endl 1 "status=0x00000019 result=PASS"; } >"$W/status.cap"
gsc_exit d8-status 1 'push/pop error bits' "$W/status.cap"
if [ -n "$GSCA" ]; then
  for args in "" "--bogus" "--max-report x"; do
    # shellcheck disable=SC2086
    ASAN_OPTIONS=detect_leaks=1 "$GSCA" $args >"$W/out" 2>"$W/err"
    if grep -q 'LeakSanitizer' "$W/err"; then bad "d8-leak: gscompare $args leaks"; else ok; fi
  done
fi

# ---- d9: --jobs N --dump P needs nothing beside P (the parts are anonymous files)
# and every failure has a reason. /proc/self/fd/3 is a P whose folder no one can
# write into, root included.
: >"$W/not_a_dir"
refused d9-dump-reason 'Not a directory' "$COSIM" --random 1000 --jobs 2 --dump "$W/not_a_dir/d.txt"
run "$COSIM" --vectors "$W/v3.txt" --jobs 2 --quiet --dump /proc/self/fd/3 3>"$W/d9.txt"
if [ "$rc" -eq 0 ] && [ "$(cat "$W/d9.txt")" = "$(printf -- '-1 0\n-2 0\n-3 0')" ]; then ok
else bad "d9-dump-folder: exit $rc: $(head -c 300 "$W/err" | tr '\n' '|')"; fi

# ---- d10: write errors on stdout are reported
if [ -w /dev/full ]; then
  "$COSIM" --random 100 </dev/null >/dev/full 2>"$W/err"; rc=$?
  if [ "$rc" -eq 2 ] && grep -q 'write error' "$W/err"; then ok; else bad "d10-cosim: exit $rc to /dev/full"; fi
  "$GSC" "$W/good.cap" >/dev/full 2>"$W/err"; rc=$?
  if [ "$rc" -eq 2 ] && grep -q 'write error' "$W/err"; then ok; else bad "d10-gscompare: exit $rc to /dev/full"; fi
  echo 5 | "$GSREF" >/dev/full 2>"$W/err"; rc=$?
  if [ "$rc" -eq 2 ]; then ok; else bad "d10-gsref: exit $rc to /dev/full"; fi
  "$COSIM" --random 100 --dump /dev/full >/dev/null 2>"$W/err"; rc=$?
  if [ "$rc" -eq 2 ] && grep -q 'dump.*write error' "$W/err"; then ok; else bad "d10-dump: exit $rc"; fi
fi

# ---- d10: trace write errors after the file was opened (a full disk, a file size
# limit) are reported, FILE: reason, exit 2. Before: a VCD hung in the fatal-error
# path of Verilator's writer, an FST was left cut short with exit 0. Good traces
# first (they build the models outside the limit).
noin
for ext in vcd fst; do
  run "$COSIM" --random 2000 --quiet --trace "$W/ok.$ext"
  if [ "$rc" -eq 0 ] && [ -s "$W/ok.$ext" ]; then ok; else bad "d10-trace-$ext-ok: exit $rc"; fi
done
# a 4 KiB file size limit, SIGXFSZ ignored: writes past it fail with EFBIG
lim=(timeout 60 bash -c 'ulimit -f 4; trap "" XFSZ; exec "$@"' limited)
refused d10-trace-vcd-limit 'big.vcd: cannot write the waveform: File too large' \
  "${lim[@]}" "$COSIM" --random 20000 --trace-all --trace "$W/big.vcd"
refused d10-trace-fst-limit 'big.fst: cannot write the waveform: the FST file is cut short' \
  "${lim[@]}" "$COSIM" --random 20000 --trace-all --trace "$W/big.fst"
if [ -w /dev/full ]; then
  ln -sf /dev/full "$W/full.vcd"
  refused d10-trace-vcd-full 'full.vcd: cannot write the waveform: No space left on device' \
    timeout 60 "$COSIM" --random 2000 --trace "$W/full.vcd"
fi

# ---- d11: gains coding to 0, suffixes, digits, messages
input '%s\n' 5; refused d11-gain-zero 'codes to 0' "$GSREF" --gain 0.0000001
input '%s\n' 5; refused d11-rf-zero "--rf '1m'" "$GSREF" --rf 1m --rin 1k
input '%s\n' 5; outputs d11-gain-zero-ok '0 0' "$GSREF" --gain 0
input '%s\n' 5; outputs d11-digits '-5 0' "$GSREF" --gain 1.00000000000000000000
input '%s\n' 2; outputs d11-rf-zeros '-9 0' "$GSREF" --rf 0000000000000000000047k --rin 10k
input '%s\n' 5; refused d11-fmt-range "--in 's300.1': width or fraction out of range" "$GSREF" --in s300.1
input '1\r2\r'; refused d11-cr-only-msg 'CR not followed by LF' "$GSREF"
if grep -q "malformed line '1'" "$W/err"; then bad "d11-cr-only-msg: quotes the valid code"; else ok; fi
input 'a\xff\x27\n'; refused d11-binary-quoted "malformed line 'a.xff.x27'" "$GSREF"
if LC_ALL=C grep -q '[^ -~]' "$W/err"; then bad "d11-binary-quoted: raw bytes echoed"; else ok; fi
big=$(head -c 100000 /dev/zero | tr '\0' 9)
input '%s\n' 5; refused d11-long-arg "--gain-code '9{48}\.\.\.'" "$GSREF" --gain-code "$big"
if [ "$(wc -c <"$W/err")" -lt 400 ]; then ok; else bad "d11-long-arg: $(wc -c <"$W/err") bytes of message"; fi
refused d11-cosim-long-arg "--seed '9{48}\.\.\.'" "$COSIM" --seed "$big"
{ printf '#'; head -c 1000 /dev/zero | tr '\0' c; printf '\n7\n'; } >"$W/in"; outputs d11-long-comment '-7 0' "$GSREF"
(cd "$W" && rm -f ./- && "$COSIM" --vectors v3.txt --quiet --dump - >out.dash 2>err.dash); rc=$?
if [ "$rc" -eq 0 ] && [ ! -e "$W/-" ] && grep -q '^-3 0$' "$W/out.dash"; then ok
else bad "d11-dump-dash: exit $rc, file '-' $( [ -e "$W/-" ] && echo exists || echo absent)"; fi
refused d11-trace-reason 'trace.*(No such file|Not a directory)' "$COSIM" --random 10 --trace "$W/not_a_dir/w.vcd"

# ---- cosim --param / --use-dsp / --rand-reset: checked before any build
refused p-unknown 'FOO=1: not a parameter of module gain_stage' "$COSIM" --param FOO=1
refused p-config "IN_W is set by the configuration options" "$COSIM" --param IN_W=8
refused p-syntax "--param 'USE_DSP': not NAME=VALUE" "$COSIM" --param USE_DSP
refused p-use-dsp "--use-dsp '2'" "$COSIM" --use-dsp 2
refused p-netlist 'a netlist has no parameters' "$COSIM" --use-dsp 0 --netlist "$W/v3.txt"
refused p-rand-reset "--rand-reset '0'" "$COSIM" --rand-reset 0

echo "input-defects: $pass checks passed, $fail failed"
[ "$fail" -eq 0 ]
