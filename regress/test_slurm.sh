#!/usr/bin/env bash
# test_slurm.sh - regressions through a real one-node Slurm cluster (make test-slurm).
# Usage: regress/test_slurm.sh COSIM OUTDIR
#
# Starts a private cluster (regress/slurm_cluster.sh) and submits the smoke
# regression (regress/suites.py) with one job running a planted RTL fault
# (sim/mutate.pl tie_half_up, through cosim --rtl), two jobs per array task:
#   - the command exits 1, the merged JUnit names that job as failed with the first
#     mismatch and the command reproducing it, every other job passed;
#   - the local back-end gives the same testcases (names and verdicts);
#   - a second submission without the fault exits 0, every job passed;
#   - a task cancelled while it runs (scancel, as a time limit does) is an error;
#   - no daemon of the cluster is left running.
# Not root: skipped, with the reason.
set -uo pipefail
cosim=${1:?usage: test_slurm.sh COSIM OUTDIR}
out=${2:?usage: test_slurm.sh COSIM OUTDIR}
here=$(cd "$(dirname "$0")" && pwd)
py=${PYTHON:-python3}
drv=("$py" "$here/gsregress.py" --cosim "$cosim" --jobs 2)
# shellcheck source=regress/slurm_cluster.sh
. "$here/slurm_cluster.sh"

if ! gs_cluster_usable; then
  echo "test-slurm: SKIPPED: $gs_cluster_why"
  exit 0
fi
t0=$(date +%s)
fail=0
bad() { echo "test-slurm: FAIL: $*"; fail=1; }
ok() { echo "test-slurm: ok: $*"; }

rm -rf "$out"
mkdir -p "$out/fault"
out=$(cd "$out" && pwd)
perl "$here/../sim/mutate.pl" tie_half_up <"$here/../rtl/gain_stage.v" >"$out/fault/gain_stage.v" ||
  { echo "test-slurm: FAIL: the planted fault no longer applies"; exit 1; }
fault=$out/fault/gain_stage.v

tmp=$(mktemp -d /tmp/gs-slurm.XXXXXX)
cleanup() {
  local pids=("${gs_cluster_pids[@]}")
  gs_cluster_stop
  if [ ${#pids[@]} -gt 0 ] && gs_alive "${pids[@]}"; then
    echo "test-slurm: FAIL: a cluster daemon is still running (${pids[*]})"
    fail=1
  fi
  # keep the daemons' logs for a failed run
  [ $fail -ne 0 ] && cp -r "$tmp/log" "$out/cluster-log" 2>/dev/null
  rm -rf "$tmp"
}
trap 'cleanup; exit $((fail ? 1 : 0))' EXIT
trap 'fail=1; exit 1' INT TERM

if ! gs_cluster_start "$tmp" 8; then
  bad "the one-node cluster did not come up (logs: $out/cluster-log)"
  exit 1
fi
ok "one-node cluster up in $(($(date +%s) - t0)) s (SLURM_CONF=$SLURM_CONF)"

# 1. one job must fail
"${drv[@]}" --suite smoke --fault-rtl "$fault" --on slurm --chunk 2 --wait-timeout 120 \
  --out "$out/with-fault" >"$out/with-fault.log" 2>&1
rc=$?
[ $rc -eq 1 ] && ok "submission with a planted fault exits 1" ||
  bad "submission with a planted fault exited $rc, not 1 (see $out/with-fault.log)"
xml=$out/with-fault/junit.xml
if [ -f "$xml" ]; then
  cases=$("$py" "$here/junit_cases.py" "$xml")
  want=$(printf '%s\n' "smoke/backpressure pass" "smoke/corners pass" "smoke/gap pass" \
    "smoke/planted-fault failure" "smoke/stall pass")
  [ "$cases" = "$want" ] && ok "merged JUnit: smoke/planted-fault failed, the 4 others passed" ||
    bad "merged JUnit testcases are $(echo "$cases" | tr '\n' ',') (see $xml)"
  grep -q 'failure message="cosim: MISMATCH' "$xml" && grep -q "reproduce: cd .* --rtl $fault" "$xml" &&
    ok "the failure carries the first mismatch and the command reproducing it" ||
    bad "the failure lacks the first mismatch or the reproducing command ($xml)"
  n=$(ls "$out/with-fault/slurm/"*_*.out 2>/dev/null | wc -l)
  [ "$n" -eq 3 ] && ok "5 jobs ran in 3 array tasks (--chunk 2)" || bad "$n array task outputs, not 3"
else
  bad "no merged JUnit ($xml)"
fi

# 2. the same regression locally: same testcases
"${drv[@]}" --suite smoke --fault-rtl "$fault" --on local --out "$out/local" >"$out/local.log" 2>&1
rc=$?
if [ $rc -eq 1 ] && [ -f "$xml" ] &&
  [ "$("$py" "$here/junit_cases.py" "$out/local/junit.xml")" = "$("$py" "$here/junit_cases.py" "$xml")" ]; then
  ok "local back-end: exit 1 and the same JUnit testcases (names and verdicts)"
else
  bad "local back-end differs (exit $rc; $out/local/junit.xml vs $xml)"
fi

# 3. all good
"${drv[@]}" --suite smoke --on slurm --wait-timeout 120 --out "$out/all-good" \
  >"$out/all-good.log" 2>&1
rc=$?
[ $rc -eq 0 ] && ! grep -q '<failure\|<error' "$out/all-good/junit.xml" 2>/dev/null &&
  [ "$(grep -c '<testcase' "$out/all-good/junit.xml")" -eq 4 ] &&
  ok "submission without the fault exits 0, 4/4 passed" ||
  bad "submission without the fault exited $rc (see $out/all-good.log)"

# 4. a task cancelled under way (as by a time limit) is an error, with its log
"${drv[@]}" --suite exhaustive-matrix --only 'half-even/sat/gains-00000' --on slurm \
  --wait-timeout 4 --out "$out/cancelled" >"$out/cancelled.log" 2>&1
rc=$?
[ $rc -eq 1 ] && [ "$("$py" "$here/junit_cases.py" "$out/cancelled/junit.xml" 2>/dev/null)" = \
  "exhaustive-matrix/half-even/sat/gains-00000-32767 error" ] &&
  grep -q 'SIGTERM' "$out/cancelled/junit.xml" &&
  ok "a task cancelled while cosim ran is an error (exit 1), not a pass" ||
  bad "a cancelled task: exit $rc, see $out/cancelled.log"

if [ $fail -eq 0 ]; then
  echo "test-slurm: PASS ($(($(date +%s) - t0)) s)"
else
  echo "test-slurm: FAIL ($(($(date +%s) - t0)) s)"
fi
