#!/usr/bin/env bash
# bench.sh - co-simulation throughput of the default profile, in one run, every
# figure a ratio to the bare Verilator loop of one gain_stage measured in the
# same run. Rates are samples per CPU second of the process (user + sys, its
# jobs included), i.e. per core: on a shared machine the wall clock measures
# the other users as much as us, the CPU time much less.
#   bare loop, 1 lane and LANES lanes (sim/bare_main.cpp: the same models, no checking);
#   for information, the bare loop driven by cosim's own random stimulus (written
#   beforehand by stim_dump, 2^20 samples cycled; nothing generated or checked):
#   what the model alone costs on that stimulus. The ratios stay against the
#   first row, the bare loop of one instance on its own (Weyl) stimulus;
#   cosim, random stimulus (a gain per sample, rails/ties biased), 1 lane and LANES lanes;
#   cosim, exhaustive stimulus (2^16 inputs x 128 gains), 1 lane and LANES lanes;
#   cosim --stall 0.2 (1 lane);
#   `make exhaustive` (2^32 samples, --jobs 2 --lanes LANES) projected from 1/16 of it.
# One process each (one core), except the exhaustive projection (2 jobs: its
# CPU seconds / 2 is the wall clock of an otherwise idle 2-core machine).
# Each is run REPS times, interleaved, and the best rate kept.
# Prints a table, writes OUTDIR/cosim.md and OUTDIR/cosim.json.
# Usage: sim/bench.sh COSIM OUTDIR [REPS] [LANES] [STIM_DUMP]
set -euo pipefail
cosim=${1:?usage: bench.sh COSIM OUTDIR [REPS] [LANES] [STIM_DUMP]}
out=${2:?usage: bench.sh COSIM OUTDIR [REPS] [LANES] [STIM_DUMP]}
reps=${3:-3}
lanes=${4:-8}
stim_dump=${5:-}
mkdir -p "$out"
stim=$out/stim_random.bin
if [ -n "$stim_dump" ]; then
  "$stim_dump" "$stim" --random 1048576
fi
dir1=$("$cosim" --model-dir --quiet)               # the models cosim runs, and their bare loops
dirn=$("$cosim" --model-dir --quiet --lanes "$lanes")
n=16777216

TIMEFORMAT='%R %U %S'
# cpu CMD...: run it, its stdout to $out/last.txt; prints its CPU seconds
cpu() { { time "$@" >"$out/last.txt" 2>/dev/null; } 2>"$out/time.txt" || true
        awk '{ print $2 + $3 }' "$out/time.txt"; }
# rate SAMPLES CPU_SECONDS -> Msamples per CPU second
rate() { awk -v n="$1" -v t="$2" 'BEGIN { printf "%.3f", (t > 0) ? n / t / 1e6 : 0 }'; }
samples() { sed -n 's/^cosim: samples \([0-9]*\),.*/\1/p' "$out/last.txt"; }
best() { awk -v a="$1" -v b="$2" 'BEGIN { print (b > a) ? b : a }'; }
cs() { cpu "$cosim" "$@" --no-progress; }
exh=0 exhn=0 rnd=0 rndn=0 stl=0 bare=0 baren=0 bares=0 baresn=0 cps=1 proj=0
for ((i = 0; i < reps; i++)); do
  t=$(cpu "$dir1/bare" $n); bare=$(best $bare "$(rate $n "$t")")
  t=$(cpu "$dirn/bare" $((n / lanes))); baren=$(best $baren "$(rate $n "$t")")
  if [ -n "$stim_dump" ]; then
    t=$(cpu "$dir1/bare" $n "$stim"); bares=$(best $bares "$(rate $n "$t")")
    t=$(cpu "$dirn/bare" $((n / lanes)) "$stim"); baresn=$(best $baresn "$(rate $n "$t")")
  fi
  t=$(cs --random $n); rnd=$(best $rnd "$(rate "$(samples)" "$t")")
  t=$(cs --random $n --lanes "$lanes"); rndn=$(best $rndn "$(rate "$(samples)" "$t")")
  t=$(cs --exhaustive --gain-range 0:255); exh=$(best $exh "$(rate "$(samples)" "$t")")
  t=$(cs --exhaustive --gain-range 0:255 --lanes "$lanes"); exhn=$(best $exhn "$(rate "$(samples)" "$t")")
  t=$(cs --random 4M --stall 0.2); stl=$(best $stl "$(rate "$(samples)" "$t")")
  cps=$(sed -n 's/^cosim: samples \([0-9]*\), cycles \([0-9]*\),.*/\2 \1/p' "$out/last.txt" |
        awk '{ printf "%.3f", $1 / $2 }')
done
# make exhaustive, 1/16 of it (gains 0..4095 of 65536): CPU seconds x 16 / 2 cores,
# and the wall clock x 16 of this (shared) machine
t=$(cs --exhaustive --gain-range 0:4095 --jobs 2 --lanes "$lanes")
proj=$(awk -v t="$t" 'BEGIN { printf "%.0f", t * 16 / 2 }')
wall=$(awk '{ printf "%.0f", $1 * 16 }' "$out/time.txt")
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
cpu=$(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -1)
load=$(cut -d' ' -f1-3 /proc/loadavg)
{
  echo "| co-simulation, default profile (best of $reps), one process | Msamples per CPU s | vs bare loop, 1 lane |"
  echo "|---|---:|---:|"
  echo "| bare Verilator loop, 1 lane, no checking (sim/bare_main.cpp) | $bare | 1.00 |"
  echo "| bare Verilator loop, $lanes lanes in one model, no checking | $baren | $(ratio "$baren" "$bare") |"
  if [ -n "$stim_dump" ]; then
    echo "| (information) bare loop on cosim's random stimulus, 1 lane: the model alone | $bares | $(ratio "$bares" "$bare") |"
    echo "| (information) bare loop on cosim's random stimulus, $lanes lanes | $baresn | $(ratio "$baresn" "$bare") |"
  fi
  echo "| cosim, random stimulus (a gain per sample, rails/ties biased), 1 lane | $rnd | $(ratio "$rnd" "$bare") |"
  echo "| cosim, random stimulus, --lanes $lanes | $rndn | $(ratio "$rndn" "$bare") |"
  echo "| cosim, exhaustive stimulus, 1 lane | $exh | $(ratio "$exh" "$bare") |"
  echo "| cosim, exhaustive stimulus, --lanes $lanes | $exhn | $(ratio "$exhn" "$bare") |"
  echo "| cosim --stall 0.2 (random gaps and backpressure; $cps cycles/sample), 1 lane | $stl | $(ratio "$stl" "$bare") |"
  echo
  echo "make exhaustive (2^32 samples, --jobs 2 --lanes $lanes), projected from 1/16 of it: $proj s on an idle 2-core machine (CPU s / 2); $wall s wall clock on this one as loaded"
  echo
  echo "Machine: $cpu, $(nproc) cores, load average $load; $(verilator --version); $(date -u +%Y-%m-%dT%H:%MZ)"
} >"$out/cosim.md"
cat >"$out/cosim.json" <<JSON
{"bare_msamples_s": $bare, "bare_lanes_msamples_s": $baren, "lanes": $lanes,
 "bare_stim_msamples_s": $bares, "bare_stim_lanes_msamples_s": $baresn,
 "ratio_bare_stim": $(ratio "$bares" "$bare"), "ratio_bare_stim_lanes": $(ratio "$baresn" "$bare"),
 "cosim_random_msamples_s": $rnd, "cosim_random_lanes_msamples_s": $rndn,
 "cosim_exhaustive_msamples_s": $exh, "cosim_exhaustive_lanes_msamples_s": $exhn,
 "cosim_stall02_msamples_s": $stl, "cosim_stall02_cycles_per_sample": $cps,
 "ratio_bare_lanes": $(ratio "$baren" "$bare"),
 "ratio_random": $(ratio "$rnd" "$bare"), "ratio_random_lanes": $(ratio "$rndn" "$bare"),
 "ratio_exhaustive": $(ratio "$exh" "$bare"), "ratio_exhaustive_lanes": $(ratio "$exhn" "$bare"),
 "ratio_stall02": $(ratio "$stl" "$bare"), "exhaustive_2e32_projected_s": $proj,
 "exhaustive_2e32_wall_loaded_s": $wall, "rates": "per CPU second",
 "bare_mcycles_s": $bare, "reps": $reps}
JSON
sed 's/^/bench-cosim: /' "$out/cosim.md"
