#!/usr/bin/env bash
# Icarus smoke test of rtl/gain_stage.v over a spread of formats and modes,
# against scripts/rtl_smoke_vectors.py (a Python reading of SPEC.md 3).
# Usage: scripts/rtl_smoke.sh [N] [RTL]   (N vectors per configuration, default 400)
set -euo pipefail
n=${1:-400}
rtl=${2:-rtl/gain_stage.v}
out=${BUILD:-build}/rtl_smoke
mkdir -p "$out"
fail=0 runs=0
# IN_W IN_F G_W G_F OUT_W OUT_F ; every config runs with several mode pairs
fmts=(
  "16 15 16 12 16 15"   # default profile
  "32 16 32 16 32 16"   # libfixmath
  "7 3 5 0 8 6"         # odd widths, shift -3 (scale up)
  "8 7 8 7 8 0"         # shift 14
  "16 0 16 0 16 10"     # shift -10
  "32 0 32 0 32 40"     # shift -40: only P = 0 fits
  "12 11 4 3 2 0"       # 2-bit output
  "3 2 1 0 2 1"         # 1-bit gain
  "32 31 32 31 32 0"    # shift 62
  "20 19 13 9 24 30"    # shift -2, gain wider than... (mixed)
  "10 0 24 0 16 1"      # gain wider than input
)
for f in "${fmts[@]}"; do
  for rm in 0 1 2 3 4 5 6 7; do
    for om in 0 1 2; do
      # full matrix on the default format, a rotation elsewhere (keeps it short)
      if [ "$f" != "${fmts[0]}" ] && [ $(( (rm + om + runs) % 3 )) -ne 0 ]; then runs=$((runs+1)); continue; fi
      runs=$((runs+1))
      set -- $f
      stall=$(( (rm * 37 + om * 91) % 160 ))
      vec=$out/vec_$runs.hex
      python3 scripts/rtl_smoke_vectors.py "$@" $rm $om "$n" $runs > "$vec"
      p="-P tb_gain_stage_smoke.IN_W=$1 -P tb_gain_stage_smoke.IN_F=$2 -P tb_gain_stage_smoke.G_W=$3"
      p="$p -P tb_gain_stage_smoke.G_F=$4 -P tb_gain_stage_smoke.OUT_W=$5 -P tb_gain_stage_smoke.OUT_F=$6"
      p="$p -P tb_gain_stage_smoke.ROUND=$rm -P tb_gain_stage_smoke.OVERFLOW=$om"
      p="$p -P tb_gain_stage_smoke.USE_DSP=$((runs % 2))"
      p="$p -P tb_gain_stage_smoke.N=$n -P tb_gain_stage_smoke.STALL=$stall -P tb_gain_stage_smoke.SEED=$runs"
      iverilog -g2005 -o "$out/tb_$runs.vvp" $p -P "tb_gain_stage_smoke.VEC=\"$vec\"" \
        "$rtl" $(python3 scripts/gs_rtl.py sources --top "$rtl" | tail -n +2) rtl/tb/tb_gain_stage_smoke.v
      res=$(vvp -n "$out/tb_$runs.vvp" | tail -3)
      if ! grep -q '^PASS' <<<"$res"; then
        echo "rtl_smoke: FAIL fmt [$f] round $rm overflow $om use_dsp $((runs % 2)) stall $stall:"; echo "$res"; fail=$((fail+1))
      fi
      rm -f "$out/tb_$runs.vvp"
    done
  done
done
[ $fail -eq 0 ] && echo "rtl_smoke: all configurations passed ($n vectors each)" || { echo "rtl_smoke: $fail failed"; exit 1; }
