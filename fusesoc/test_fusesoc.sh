#!/usr/bin/env bash
# test_fusesoc.sh FUSESOC MUTANT_RTL [--synth] - gainstage.core as a user gets it: a fresh
# FuseSoC setup in a temp dir (own config, cache and data dirs), the repo added as
# a local library, then
#   - target lint (Verilator) and target sim (Icarus + the model through VPI), the
#     latter with non-default parameters too;
#   - the reuse example fusesoc/example/two_stages.core (another project's core
#     depending on gain_stage) linted;
#   - a checkout whose rtl/gain_stage.v carries a planted fault (MUTANT_RTL): its
#     sim target must fail naming the sample, the expected and the got output;
#   - with --synth, only the synth target (icestorm, UP5K): a bitstream and one DSP.
set -euo pipefail
fusesoc=$1 mutant=$2 synth=${3:-}
root=$(pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export XDG_CONFIG_HOME=$tmp/xdg/config XDG_DATA_HOME=$tmp/xdg/data XDG_CACHE_HOME=$tmp/xdg/cache
core=gainstage:ip:gain_stage
log=$tmp/fusesoc.log
run() { # what args... : a fusesoc command, quiet unless it fails
  local what=$1; shift
  if ! (cd "$tmp/project" && "$fusesoc" "$@") > "$log" 2>&1; then
    tail -n 30 "$log" >&2
    echo "test-fusesoc: FAIL: $what" >&2
    exit 1
  fi
  echo "test-fusesoc: $what: ok"
}

mkdir -p "$tmp/project"
run "library add (local)" library add --sync-type local gainstage "$root"
if [ "$synth" = --synth ]; then
  run "synth (yosys, nextpnr-ice40 --up5k, icepack)" run --build-root "$tmp/b_synth" --target synth $core
  ls "$tmp"/b_synth/*/synth-icestorm/*.bin > /dev/null || { echo "test-fusesoc: FAIL: no bitstream" >&2; exit 1; }
  grep -E 'ICESTORM_(LC|DSP):|Max frequency' "$tmp"/b_synth/*/synth-icestorm/next.log | tail -n 4
  grep -q 'ICESTORM_DSP: *1/' "$tmp"/b_synth/*/synth-icestorm/next.log ||
    { echo "test-fusesoc: FAIL: the multiplier is not in one SB_MAC16" >&2; exit 1; }
  exit 0
fi
run "lint (Verilator -Wall)" run --build-root "$tmp/b_lint" --target lint $core
run "sim (Icarus + VPI model)" run --build-root "$tmp/b_sim" --target sim $core --n 2000
run "sim, round floor, overflow wrap, s12.6 out" run --build-root "$tmp/b_sim2" --target sim $core \
  --ROUND 0 --OVERFLOW 2 --OUT_W 12 --OUT_F 6 --n 1000 --stall 0
grep -q "tb_gain_stage_vpi: PASS samples=1000" "$log" || { echo "test-fusesoc: FAIL: no PASS line" >&2; exit 1; }
run "reuse: fusesoc/example/two_stages.core lint" run --build-root "$tmp/b_two" --target lint \
  gainstage:example:two_stages

# A checkout with a broken block: the same core, the RTL replaced by the mutant.
mkdir -p "$tmp/faulty"
cp -r "$root/gainstage.core" "$root/rtl" "$root/vpi" "$root/cmodel" "$tmp/faulty/"
cp "$mutant" "$tmp/faulty/rtl/gain_stage.v"
mkdir -p "$tmp/project_faulty"
(cd "$tmp/project_faulty" && "$fusesoc" library add --sync-type local faulty "$tmp/faulty") > /dev/null 2>&1
"$root/scripts/expect_fault.sh" "FuseSoC sim, overflow flag stuck at 0" /dev/null \
  sh -c "cd '$tmp/project_faulty' && '$fusesoc' run --build-root '$tmp/b_faulty' --target sim $core --n 2000"
