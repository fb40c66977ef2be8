#!/usr/bin/env bash
# mutate.sh RTL OUTDIR - plants known faults in copies of rtl/gain_stage.v, one
# directory per mutant (OUTDIR/<name>/gain_stage.v), for bench-sanity: the peers
# must reject every one. A mutation that no longer applies (the RTL text
# changed) is an error, so the test cannot pass by mutating nothing.
set -euo pipefail
rtl=$1 out=$2
mutate() { # name sed-expression
  mkdir -p "$out/$1"
  sed -e "$2" "$rtl" > "$out/$1/gain_stage.v"
  if cmp -s "$rtl" "$out/$1/gain_stage.v"; then
    echo "mutate.sh: mutant '$1' did not apply to $rtl (its text changed): update bench/mutate.sh" >&2
    exit 1
  fi
}
# overflow flag stuck at 0
mutate ovf0      's/^\( *assign m_ovf *= *\)ovf5_q;/\11'"'"'b0;/'
# m_valid one stage early: wrong latency, and data of the stage before
mutate early     's/^\( *assign m_valid *= *\)valid_q\[LATENCY-1\];/\1valid_q[LATENCY-2];/'
# half-even ties rounded the wrong way (bias for odd kept bit = HALF-1)
mutate tie       's/(ROUND == 7) ? HALF : ZERO;/(ROUND == 7) ? HALFM1 : ZERO;/'
# backpressure ignored: results dropped / changed while m_ready is low
mutate nobp      's/^\( *wire *adv *= *\)!valid_q\[LATENCY-1\] || m_ready;/\11'"'"'b1;/'
echo "mutate.sh: 4 mutants (ovf0 early tie nobp) under $out"
