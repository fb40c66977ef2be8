#!/usr/bin/env bash
# expect_fault.sh WHAT LOG CMD... - a testbench run on planted faulty RTL must fail
# (non-zero exit) and its log (CMD's output, plus LOG if that file exists and is
# not the same) must name the sample, the expected and the actual output:
#     "sample N ... expected ... got ..."
# Used by every testbench path of issue 12 (DPI, cocotb, VPI).
set -uo pipefail
what=$1 log=$2
shift 2
out=$(mktemp)
trap 'rm -f "$out"' EXIT
# in a subshell whose stderr is dropped: a simulator that ends by abort() makes bash
# print "Aborted"; the command's own output goes to $out
( "$@" > "$out" 2>&1; rc=$?; exit $rc ) 2>/dev/null
st=$?
[ -f "$log" ] && cat "$log" >> "$out"
if [ $st -eq 0 ]; then
  echo "expect_fault: $what: the planted fault PASSED the testbench  <-- WRONG" >&2
  exit 1
fi
line=$(grep -m1 -E 'sample [0-9]+.*expected.*got' "$out")
if [ -z "$line" ]; then
  echo "expect_fault: $what: failed (exit $st) without naming sample, expected and got; output:" >&2
  tail -n 20 "$out" >&2
  exit 1
fi
echo "expect_fault: $what: rejected: $(echo "$line" | sed 's/^[[:space:]]*//')"
