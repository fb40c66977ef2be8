#!/usr/bin/env bash
# regress.sh - the co-simulation regression matrix (make regress).
# Usage: sim/regress.sh COSIM OUTDIR [JOBS] ["SEEDS"] [--quick]
#
# Configurations: all 24 (rounding x overflow) mode pairs at the default
# formats; the libfixmath profile; odd formats (s7.3 input, u5.0 gain, s32
# inputs, a negative shift, a 1-bit gain); each x seeds, at full rate and under
# stalls; small formats also exhaustively over (x, g). Jobs run in parallel (JOBS
# processes); each leaves a log. Writes OUTDIR/junit.xml, OUTDIR/summary.md and
# OUTDIR/results.tsv, prints the table, exits non-zero if any job failed.
set -uo pipefail
cosim=${1:?usage: regress.sh COSIM OUTDIR [JOBS] [SEEDS] [--quick]}
out=${2:?usage: regress.sh COSIM OUTDIR [JOBS] [SEEDS] [--quick]}
jobs=${3:-2}
seeds=${4:-1 2 3}
quick=${5:-}
nrand=1M
nstall=200k
if [ "$quick" = --quick ]; then nrand=20k; nstall=10k; fi
cosim=$(cd "$(dirname "$cosim")" && pwd)/$(basename "$cosim")
rm -rf "$out"
mkdir -p "$out/logs"

list=$out/jobs.txt
: >"$list"
add() { # name | options
  printf '%s\t%s\n' "$1" "$2" >>"$list"
}
rounds="floor ceil zero half-up half-down half-zero half-away half-even"
ovfs="sat sat-sym wrap"
for r in $rounds; do
  for v in $ovfs; do
    for s in $seeds; do
      add "modes/$r/$v/seed$s" "--round $r --overflow $v --corners --random $nrand --seed $s"
      add "modes/$r/$v/seed$s/stall" "--round $r --overflow $v --random $nstall --seed $s --stall 0.2"
    done
  done
done
formats=(
  "libfixmath|--profile libfixmath"
  "libfixmath-floor-wrap|--profile libfixmath --round floor --overflow wrap"
  "s7.3-u5.0-s8.2|--in s7.3 --gain-fmt u5.0 --out s8.2 --round half-away --overflow sat"
  "s7.3-u5.0-s6.4-wrap|--in s7.3 --gain-fmt u5.0 --out s6.4 --round half-even --overflow wrap"
  "s32.31-u8.4-s24.20|--in s32.31 --gain-fmt u8.4 --out s24.20 --round half-down --overflow sat-sym"
  "s32.0-u32.0-s32.0|--in s32.0 --gain-fmt u32.0 --out s32.0 --round floor --overflow wrap"
  "negshift-s12.0-u4.0-s20.4|--in s12.0 --gain-fmt u4.0 --out s20.4 --round half-up --overflow sat"
  "negshift-s8.2-u8.1-s16.9|--in s8.2 --gain-fmt u8.1 --out s16.9 --round ceil --overflow sat-sym"
  "gain1bit-s16.15-u1.0-s16.15|--in s16.15 --gain-fmt u1.0 --out s16.15 --round zero --overflow sat-sym"
  "s2.1-u3.2-s2.0|--in s2.1 --gain-fmt u3.2 --out s2.0 --round half-zero --overflow wrap"
)
for f in "${formats[@]}"; do
  name=${f%%|*}
  opts=${f#*|}
  for s in $seeds; do
    add "formats/$name/seed$s" "$opts --corners --random $nrand --seed $s"
    add "formats/$name/seed$s/stall" "$opts --random $nstall --seed $s --stall 0.3"
  done
done
# Small spaces: every (x, g) pair.
add "exhaustive/s7.3-u5.0-s8.2" "--in s7.3 --gain-fmt u5.0 --out s8.2 --round half-away --exhaustive --all-gains"
add "exhaustive/s2.1-u3.2-s2.0" "--in s2.1 --gain-fmt u3.2 --out s2.0 --round half-zero --overflow wrap --exhaustive --all-gains"
add "exhaustive/s12.0-u4.0-s20.4" "--in s12.0 --gain-fmt u4.0 --out s20.4 --round half-up --exhaustive --all-gains"
add "exhaustive/default-x-gain4.7" "--exhaustive --rf 47k --rin 10k --stall 0.1"

n=$(wc -l <"$list")
echo "regress: $n jobs, $jobs in parallel, logs under $out/logs"
t0=$(date +%s)
export cosim out
run_one() { # name \t options
  local name=$1 opts=$2
  local log=$out/logs/$(echo "$name" | tr '/' '_').log
  local t0 t1 rc
  t0=$(date +%s.%N)
  # shellcheck disable=SC2086
  timeout 1800 "$cosim" $opts --no-progress >"$log" 2>&1
  rc=$?
  t1=$(date +%s.%N)
  local rate
  rate=$(sed -n 's/.* \([0-9.]*\) Msamples\/s.*/\1/p' "$log" | head -1)
  local samples
  samples=$(sed -n 's/^cosim: samples \([0-9]*\),.*/\1/p' "$log" | head -1)
  printf '%s\t%s\t%s\t%.2f\t%s\t%s\t%s\n' "$name" "$rc" "${samples:-0}" \
    "$(awk -v a="$t0" -v b="$t1" 'BEGIN { print b - a }')" "${rate:-0}" "$log" "$opts" >"$log.result"
}
export -f run_one
tr '\t' '\034' <"$list" | xargs -P "$jobs" -I{} bash -c \
  'IFS=$'"'"'\034'"'"' read -r n o <<<"$1"; run_one "$n" "$o"' _ {}
t1=$(date +%s)

res=$out/results.tsv
: >"$res"
while IFS=$'\t' read -r name _; do
  f=$out/logs/$(echo "$name" | tr '/' '_').log.result
  if [ -f "$f" ]; then cat "$f" >>"$res"; else printf '%s\t99\t0\t0\t0\t-\t-\n' "$name" >>"$res"; fi
done <"$list"

fails=$(awk -F'\t' '$2 != 0' "$res" | wc -l)
total=$(wc -l <"$res")
# JUnit XML
xml=$out/junit.xml
esc() { sed -e 's/&/\&amp;/g' -e 's/</\&lt;/g' -e 's/>/\&gt;/g' -e 's/"/\&quot;/g'; }
{
  echo '<?xml version="1.0" encoding="UTF-8"?>'
  echo "<testsuites><testsuite name=\"cosim-regress\" tests=\"$total\" failures=\"$fails\" time=\"$((t1 - t0))\">"
  while IFS=$'\t' read -r name rc samples secs rate log opts; do
    cls=$(echo "${name%/*}" | tr '/' '.')
    echo "  <testcase classname=\"cosim.$(echo "$cls" | esc)\" name=\"$(echo "$name" | esc)\" time=\"$secs\">"
    if [ "$rc" != 0 ]; then
      echo "    <failure message=\"cosim exit $rc\">$( (echo "cosim $opts"; tail -n 15 "$log" 2>/dev/null) | esc)</failure>"
    fi
    echo "    <system-out>$(echo "cosim $opts: $samples samples, $rate Msamples/s" | esc)</system-out>"
    echo "  </testcase>"
  done <"$res"
  echo "</testsuite></testsuites>"
} >"$xml"
# Summary table
md=$out/summary.md
{
  echo "| job | result | samples | time (s) | Msamples/s |"
  echo "|---|---|---:|---:|---:|"
  while IFS=$'\t' read -r name rc samples secs rate log opts; do
    case $rc in 0) r=pass ;; 1) r="**FAIL** (mismatch)" ;; *) r="**ERROR** (exit $rc)" ;; esac
    echo "| $name | $r | $samples | $secs | $rate |"
  done <"$res"
  echo
  echo "$((total - fails))/$total passed in $((t1 - t0)) s ($jobs parallel jobs)."
} >"$md"
awk -F'\t' '{ printf "regress: %-48s %-6s %12s samples %8s s %8s Ms/s\n", $1, ($2 == 0 ? "pass" : "FAIL"), $3, $4, $5 }' "$res"
echo "regress: $((total - fails))/$total passed in $((t1 - t0)) s; $xml, $md"
if [ "$fails" -ne 0 ]; then
  awk -F'\t' '$2 != 0 { print "regress: FAILED " $1 " (exit " $2 "): " $6 }' "$res"
  exit 1
fi
