#!/usr/bin/env bash
# bench.sh - co-simulation throughput of the default profile, in one run:
#   cosim, full rate, no trace (exhaustive stimulus: 2^16 inputs x 256 gains),
#   cosim with random stimulus, cosim --stall 0.2, and the bare Verilator loop
#   (sim/bare_main.cpp: the same model, no checking) over as many cycles.
# Each is run REPS times, interleaved, and the best rate kept (the machine is
# shared and noisy). Prints a table, writes OUTDIR/cosim.md and OUTDIR/cosim.json.
# Usage: sim/bench.sh COSIM OUTDIR [REPS]
set -euo pipefail
cosim=${1:?usage: bench.sh COSIM OUTDIR [REPS]}
out=${2:?usage: bench.sh COSIM OUTDIR [REPS]}
reps=${3:-5}
here=$(cd "$(dirname "$0")" && pwd)
mkdir -p "$out"
dir=$("$cosim" --model-dir --quiet)           # the model cosim runs, and its bare loop
n=16777216

rate_of() { sed -n 's/^cosim: samples.* \([0-9.]*\) Msamples\/s.*/\1/p'; }
best() { awk -v a="$1" -v b="$2" 'BEGIN { print (b > a) ? b : a }'; }
exh=0 rnd=0 stl=0 bare=0 cps=1
for ((i = 0; i < reps; i++)); do
  r=$("$cosim" --exhaustive --gain-range 0:255 --no-progress | rate_of); exh=$(best $exh "$r")
  r=$("$dir/bare" $n | sed -n 's/.* \([0-9.]*\) Mcycles\/s.*/\1/p'); bare=$(best $bare "$r")
  r=$("$cosim" --random $n --no-progress | rate_of); rnd=$(best $rnd "$r")
  o=$("$cosim" --random 4M --stall 0.2 --no-progress)
  r=$(echo "$o" | rate_of); stl=$(best $stl "$r")
  cps=$(echo "$o" | sed -n 's/^cosim: samples \([0-9]*\), cycles \([0-9]*\),.*/\2 \1/p' |
        awk '{ printf "%.3f", $1 / $2 }')
done
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
cpu=$(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -1)
{
  echo "| co-simulation, default profile (best of $reps) | Msamples/s | vs bare loop |"
  echo "|---|---:|---:|"
  echo "| bare Verilator loop, no checking (sim/bare_main.cpp) | $bare | 1.00 |"
  echo "| cosim, exhaustive stimulus, full rate | $exh | $(ratio "$exh" "$bare") |"
  echo "| cosim, random stimulus (rails/ties biased), full rate | $rnd | $(ratio "$rnd" "$bare") |"
  echo "| cosim --stall 0.2 (random gaps and backpressure; $cps cycles/sample) | $stl | $(ratio "$stl" "$bare") |"
  echo "| cosim --stall 0.2, in cycles/s (Mcycles/s) | $(awk -v a="$stl" -v b="$cps" 'BEGIN { printf "%.3f", a * b }') | $(ratio "$(awk -v a="$stl" -v b="$cps" 'BEGIN { print a * b }')" "$bare") |"
  echo
  echo "Machine: $cpu, $(nproc) cores; $(verilator --version); $(date -u +%Y-%m-%dT%H:%MZ)"
} >"$out/cosim.md"
cat >"$out/cosim.json" <<EOF
{"bare_mcycles_s": $bare, "cosim_exhaustive_msamples_s": $exh, "cosim_random_msamples_s": $rnd,
 "cosim_stall02_msamples_s": $stl, "cosim_stall02_cycles_per_sample": $cps,
 "ratio_exhaustive": $(ratio "$exh" "$bare"),
 "ratio_random": $(ratio "$rnd" "$bare"), "ratio_stall02": $(ratio "$stl" "$bare"), "reps": $reps}
EOF
sed 's/^/bench-cosim: /' "$out/cosim.md"
