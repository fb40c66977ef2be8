#!/usr/bin/env bash
# bench.sh - co-simulation throughput of the default profile, in one run, every
# figure a ratio to the bare Verilator loop of one gain_stage measured in the
# same run. Rates are samples per CPU second of the process (user + sys, its
# jobs included), i.e. per core: on a shared machine the wall clock measures
# the other users as much as us, the CPU time much less.
#   bare loop, 1 lane and LANES lanes (sim/bare_main.cpp: the same models, no checking);
#   for information, the same with --as-cosim (one eval a cycle by the root's
#   _eval, as cosim's full-rate path drives the model: sim/model_eval.h), and
#   cosim's ratios to it, i.e.
#   what the checking itself costs;
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
# Each is run REPS times, interleaved. A rate is the median of its REPS; a ratio is
# the median of REPS paired ratios, each run over the bare loop's run of the same
# rep, seconds apart: this machine's speed drifts by a third over minutes, and a
# pair sees the same drift (the best of each row apart can pick different moments).
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
med() { printf '%s\n' "$@" | sort -g |
        awk '{ a[NR] = $1 } END { printf "%.3f", (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }
cs() { cpu "$cosim" "$@" --no-progress; }
# per rep: every row's rate (Msamples per CPU s); B is the bare loop, 1 lane
B=() BN=() BR=() BRN=() BS=() BSN=() R=() RN=() E=() EN=() S=()
cps=1 proj=0
for ((i = 0; i < reps; i++)); do
  t=$(cpu "$dir1/bare" $n); B[i]=$(rate $n "$t")
  t=$(cpu "$dirn/bare" $((n / lanes))); BN[i]=$(rate $n "$t")
  t=$(cpu "$dir1/bare" --as-cosim $n); BR[i]=$(rate $n "$t")
  t=$(cpu "$dirn/bare" --as-cosim $((n / lanes))); BRN[i]=$(rate $n "$t")
  if [ -n "$stim_dump" ]; then
    t=$(cpu "$dir1/bare" $n "$stim"); BS[i]=$(rate $n "$t")
    t=$(cpu "$dirn/bare" $((n / lanes)) "$stim"); BSN[i]=$(rate $n "$t")
  else
    BS[i]=0 BSN[i]=0
  fi
  t=$(cs --random $n); R[i]=$(rate "$(samples)" "$t")
  t=$(cs --random $n --lanes "$lanes"); RN[i]=$(rate "$(samples)" "$t")
  t=$(cs --exhaustive --gain-range 0:255); E[i]=$(rate "$(samples)" "$t")
  t=$(cs --exhaustive --gain-range 0:255 --lanes "$lanes"); EN[i]=$(rate "$(samples)" "$t")
  t=$(cs --random 4M --stall 0.2); S[i]=$(rate "$(samples)" "$t")
  cps=$(sed -n 's/^cosim: samples \([0-9]*\), cycles \([0-9]*\),.*/\2 \1/p' "$out/last.txt" |
        awk '{ printf "%.3f", $1 / $2 }')
done
# rate ROW: the median of its reps; ratio ROW [BASE]: the median of ROW[i] / BASE[i]
# (BASE: B, the bare loop of one instance, by default)
rate_of() { local -n a=$1; med "${a[@]}"; }
ratio() { local -n a=$1 base=${2:-B}; local r=() k
          for ((k = 0; k < reps; k++)); do
            r+=("$(awk -v x="${a[k]}" -v y="${base[k]}" 'BEGIN { printf "%.4f", (y > 0) ? x / y : 0 }')")
          done
          med "${r[@]}" | awk '{ printf "%.2f", $1 }'; }
bare=$(rate_of B) baren=$(rate_of BN) barer=$(rate_of BR) barern=$(rate_of BRN) bares=$(rate_of BS) baresn=$(rate_of BSN)
rnd=$(rate_of R) rndn=$(rate_of RN) exh=$(rate_of E) exhn=$(rate_of EN) stl=$(rate_of S)
# make exhaustive, 1/16 of it (gains 0..4095 of 65536): CPU seconds x 16 / 2 cores,
# and the wall clock x 16 of this (shared) machine
t=$(cs --exhaustive --gain-range 0:4095 --jobs 2 --lanes "$lanes")
proj=$(awk -v t="$t" 'BEGIN { printf "%.0f", t * 16 / 2 }')
wall=$(awk '{ printf "%.0f", $1 * 16 }' "$out/time.txt")
cpu=$(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -1)
load=$(cut -d' ' -f1-3 /proc/loadavg)
{
  echo "| co-simulation, default profile (median of $reps), one process | Msamples per CPU s | vs bare loop, 1 lane (median of $reps paired runs) |"
  echo "|---|---:|---:|"
  echo "| bare Verilator loop, 1 lane, two eval() a cycle, no checking (sim/bare_main.cpp) | $bare | 1.00 |"
  echo "| bare Verilator loop, $lanes lanes in one model, no checking | $baren | $(ratio BN) |"
  echo "| (information) bare loop, 1 lane, --as-cosim (one eval a cycle, as cosim drives the model) | $barer | $(ratio BR) |"
  echo "| (information) bare loop, $lanes lanes, --as-cosim | $barern | $(ratio BRN) |"
  if [ -n "$stim_dump" ]; then
    echo "| (information) bare loop on cosim's random stimulus, 1 lane: the model alone | $bares | $(ratio BS) |"
    echo "| (information) bare loop on cosim's random stimulus, $lanes lanes | $baresn | $(ratio BSN) |"
  fi
  echo "| cosim, random stimulus (a gain per sample, rails/ties biased), 1 lane | $rnd | $(ratio R) |"
  echo "| cosim, random stimulus, --lanes $lanes | $rndn | $(ratio RN) |"
  echo "| cosim, exhaustive stimulus, 1 lane | $exh | $(ratio E) |"
  echo "| cosim, exhaustive stimulus, --lanes $lanes | $exhn | $(ratio EN) |"
  echo "| cosim --stall 0.2 (random gaps and backpressure; $cps cycles/sample), 1 lane | $stl | $(ratio S) |"
  echo
  echo "Against the bare loop driven as cosim drives the model (--as-cosim, same lanes): random stimulus $(ratio R BR) (1 lane), $(ratio RN BRN) ($lanes lanes); exhaustive $(ratio E BR), $(ratio EN BRN)."
  echo
  echo "make exhaustive (2^32 samples, --jobs 2 --lanes $lanes), projected from 1/16 of it: $proj s on an idle 2-core machine (CPU s / 2); $wall s wall clock on this one as loaded"
  echo
  echo "Machine: $cpu, $(nproc) cores, load average $load; $(verilator --version); $(date -u +%Y-%m-%dT%H:%MZ)"
} >"$out/cosim.md"
cat >"$out/cosim.json" <<JSON
{"bare_msamples_s": $bare, "bare_lanes_msamples_s": $baren, "lanes": $lanes,
 "bare_as_cosim_msamples_s": $barer, "bare_as_cosim_lanes_msamples_s": $barern,
 "ratio_bare_as_cosim": $(ratio BR), "ratio_bare_as_cosim_lanes": $(ratio BRN),
 "ratio_random_to_as_cosim": $(ratio R BR), "ratio_random_lanes_to_as_cosim_lanes": $(ratio RN BRN),
 "ratio_exhaustive_to_as_cosim": $(ratio E BR), "ratio_exhaustive_lanes_to_as_cosim_lanes": $(ratio EN BRN),
 "bare_stim_msamples_s": $bares, "bare_stim_lanes_msamples_s": $baresn,
 "ratio_bare_stim": $(ratio BS), "ratio_bare_stim_lanes": $(ratio BSN),
 "cosim_random_msamples_s": $rnd, "cosim_random_lanes_msamples_s": $rndn,
 "cosim_exhaustive_msamples_s": $exh, "cosim_exhaustive_lanes_msamples_s": $exhn,
 "cosim_stall02_msamples_s": $stl, "cosim_stall02_cycles_per_sample": $cps,
 "ratio_bare_lanes": $(ratio BN),
 "ratio_random": $(ratio R), "ratio_random_lanes": $(ratio RN),
 "ratio_exhaustive": $(ratio E), "ratio_exhaustive_lanes": $(ratio EN),
 "ratio_stall02": $(ratio S), "exhaustive_2e32_projected_s": $proj,
 "exhaustive_2e32_wall_loaded_s": $wall, "rates": "per CPU second",
 "bare_mcycles_s": $bare, "reps": $reps, "method": "median of reps; ratios paired with the bare run of the same rep"}
JSON
sed 's/^/bench-cosim: /' "$out/cosim.md"
