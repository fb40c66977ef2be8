#!/usr/bin/env bash
# mutants.sh - proves the tests can fail: each mutant plants one bug in a COPY
# of the model (cmodel/, tools/) under $BUILD/mutants/, rebuilds the unit tests
# and gsref against the copy, and expects them to fail. An unmodified copy (the
# control) must pass the same run first. A mutant whose sed no longer applies
# (the model changed) is an error, so this check cannot go silently stale.
#
# Usage: tests/mutants.sh            (CC, BUILD, MUTANT_SCALE from the environment)
set -u
cd "$(dirname "$0")/.."
unset TEST_ONLY TEST_SKIP         # every test of each binary runs (test_util.h's filters)
CC=${CC:-cc}
BUILD=${BUILD:-build}
SCALE=${MUTANT_SCALE:-0.05}       # random sample counts of the unit tests, scaled
ROOT=$BUILD/mutants
TESTS="test_stage test_eval test_config test_gain test_vec test_libfixmath"
CFLAGS_T="-std=c11 -Wall -Wextra -O1 -D_POSIX_C_SOURCE=200809L"

# id @ file in the copy @ sed expression @ what the bug is
MUTANTS=$(cat <<'LIST'
half-down-tie@cmodel/gs_core.h@s/case GS_ROUND_HALF_DOWN: return above;/case GS_ROUND_HALF_DOWN: return above | tie;/@half-down rounds ties up (the half-up rule)
half-even-odd@cmodel/gs_core.h@s/return above | (tie & odd);/return above | (tie \& !odd);/@half-even rounds ties to odd
half-zero-away@cmodel/gs_core.h@s/case GS_ROUND_HALF_ZERO: return above | (tie & neg);/case GS_ROUND_HALF_ZERO: return above | (tie \& !neg);/@half-zero rounds ties away from zero
zero-wrong-side@cmodel/gs_core.h@s/case GS_ROUND_ZERO:      return inexact & neg;/case GS_ROUND_ZERO:      return inexact \& !neg;/@zero rounds away from zero
ceil-lsb@cmodel/gs_core.h@s/frac == half, frac != 0, p < 0/frac == half, frac > 1, p < 0/@ceil ignores a fraction of exactly 1 LSB
negate-after-round@cmodel/gs_core.h@s/r = gs_round_shift(p, c->shift, rnd);/r = -gs_round_shift(-p, c->shift, rnd);/@-Q(g*x) instead of Q(-(g*x))
negate-after-round32@cmodel/gs_core.h@s/int32_t r = gs_round_shift32(p, c->shift, rnd);/int32_t r = -gs_round_shift32(-p, c->shift, rnd);/@the 32-bit path computes -Q(g*x)
narrow-too-wide@cmodel/gs_stage.c@s/s.in_w + s.g_w <= 32/s.in_w + s.g_w <= 33/@the 32-bit path is taken for a product that needs 33 bits
sat-off-by-one@cmodel/gs_core.h@s/hi = r > c->y_max;/hi = r >= c->y_max;/@saturates one code early at the upper rail
wrap-no-scale@cmodel/gs_core.h@s/return gs_wrap((uint64_t)p << k, c->out_w);/return gs_wrap((uint64_t)p, c->out_w);/@wrap forgets the 2^-s scaling for negative shifts
sat-sym-min@cmodel/gs_stage.c@s/? -s.y_max : -s.y_max - 1;/? -s.y_max - 1 : -s.y_max - 1;/@sat-sym lets -2^(W-1) through
pmax-off-by-one@cmodel/gs_stage.c@s/s.p_max = (int64_t)((uint64_t)s.y_max >> k);/s.p_max = (int64_t)((uint64_t)s.y_max >> k) + 1;/@negative-shift saturation threshold one too high
shift-63@cmodel/gs_stage.c@s/if (shift < -62 || shift > 62)/if (shift < -62 || shift > 63)/@a shift of 63 is accepted
in-w-1@cmodel/gs_stage.c@s/cfg->in.w < 2 ||/cfg->in.w < 1 ||/@a 1-bit input format is accepted
block-ceil@cmodel/gs_eval.c@s/case GS_ROUND_CEIL:      GS_BLOCK_OVM(GS_ROUND_CEIL, GAIN_EXPR)/case GS_ROUND_CEIL:      GS_BLOCK_OVM(GS_ROUND_FLOOR, GAIN_EXPR)/@the block API's ceil loop rounds down
block-ovf-count@cmodel/gs_eval.c@s/novf += o;/novf += 0;/@the block API returns no overflow count
gain-ties-up@cmodel/gs_gain.c@s/if (rem > other || (rem == other && (q & 1)))/if (rem >= other)/@gain coding rounds ties up instead of to even
gsref-exit-1@tools/gsref.c@s/status = 2;/status = 1;/@gsref exits 1, not 2, after a bad input line
gsref-goes-on@tools/gsref.c@s/f < nfiles \&\& status == 0; f++/f < nfiles; f++/@gsref reads the next file after a bad line
profile-ignored@tools/gs_cli.c@s/if (gs_config_profile(c, val) != GS_OK)/if (gs_config_profile(\&(gs_config_t){ .checked = false }, val) != GS_OK)/@--profile is checked but not applied
fast-half-down@cmodel/gs_stage.c@s/bmin = bmax = half - 1; break;/bmin = bmax = half; break;/@the fast path's half-down bias is half-up's
fast-window-top@cmodel/gs_stage.c@s/(uint64_t)(st->y_max + 1) << s) - 1;/(uint64_t)(st->y_max + 1) << s);/@the fast window takes one v too many at the top
fast-wrap-sat@cmodel/gs_stage.c@s/ \&\& st->overflow != GS_OVF_WRAP;/;/@wrap stages saturate on the fast path
fast-no-tie@cmodel/gs_fast.h@s/return in \& (((uint32_t)v \& t_mask) != 0);/return in;/@the fast path misses ties (half-even rounds them up)
fast-zero-sign@cmodel/gs_fast.h@s/bias = (int32_t)q > 0 ?/bias = (int32_t)q < 0 ?/@round-to-zero takes its bias from the wrong sign
block-tie-even@cmodel/gs_block.c@s/y_ -= y_ \& 1;/y_ -= (y_ + 1) \& 1;/@the block loops round half-even ties to odd
block-rail-side@cmodel/gs_block.c@s/yp\[K\] = r_lo;/yp[K] = r_hi;/@the block loops clip an overflow below to the upper rail
block-flag-bit@cmodel/gs_block.c@s/UINT32_C(1) << ((B) + \([1-7]\)))/UINT32_C(1) << (B))/@the block loops flag the first sample of each 8 for all
block-flag-half@cmodel/gs_block.c@s/\*hp++ = (uint16_t)(w);/*hp = (uint16_t)(w);/@every turn's flags land on the first half word
block-flag-word@cmodel/gs_block.c@s/h_ ^= 1;/h_ = 1;/@the portable flag stores or every turn's flags into the upper half
block-last-word@cmodel/gs_block.c@s/if (hp \&\& ((uintptr_t)hp \& 2))/if (hp \&\& ((uintptr_t)hp \& 2) \&\& n > 64)/@the upper half of a short block's last flag word is not zeroed
block-x16@cmodel/gs_block.c@s/#define GS_RX16(v) ((int32_t)(int16_t)(v))/#define GS_RX16(v) ((int32_t)(v))/@the 16-bit loops do not reduce x to its format
block-g-mask@cmodel/gs_block.c@s/g1 = ga \& st->g_mask/g1 = ga/@gs_stage_block_gain does not reduce g to its format
block-tie-zero@cmodel/gs_block.c@s/y_ -= y_ > 0;/y_ -= y_ >= 0;/@the block loops move a half-zero tie of 0 to -1
block-tie-rule@cmodel/gs_stage.c@s/st->tie_odd \* GS_TIE_ODD | st->tie_pos \* GS_TIE_POS;/st->tie_odd * GS_TIE_POS | st->tie_pos * GS_TIE_ODD;/@the block loops take half-even ties for half-zero ones and back
block-hi-store@cmodel/gs_block.c@s/yp\[K\] = r_hi;/yp[K] = q_;/@the block loops flag an overflow above but store the product
block-rail-swap@cmodel/gs_block.c@s/yp\[K\] = q_ < q_lo ? r_hi : r_lo;/yp[K] = q_ < q_lo ? r_lo : r_hi;/@the one-compare range test clips to the wrong rail
block-span-edge@cmodel/gs_block.c@s/(uint32_t)q_lo > q_span)/(uint32_t)q_lo >= q_span)/@the one-compare range test takes the top of the window for an overflow
q-window-top@cmodel/gs_stage.c@s/q_hi -= tie \&\& lo/q_hi -= 0 \&\& lo/@the window of q keeps the tie at the lower rail that the rule moves out of range
q-window-bottom@cmodel/gs_stage.c@s/q_lo -= tie \&\& hi/q_lo -= 0 \&\& hi/@the window of q misses the tie past the upper rail that the rule moves into range
q-window-zero@cmodel/gs_stage.c@s/(st->kind == GS_KIND_ZERO ? 0 : bmax) -/(bmax) -/@toward zero's window of q takes the bias of positive products for its lower end
block-tail@cmodel/gs_block.c@s/xe = lim + 15;/xe = lim + 14;/@the block loops drop the last sample of a block of 16 or more
block-count@cmodel/gs_block.c@s/return sc >> GS_OVF_SHIFT;/return (sc >> GS_OVF_SHIFT) \& 0xffu;/@the block loops' overflow count wraps at 256
block-count-shift@cmodel/gs_block.c@s/sc += GS_OVF_ONE;/sc += GS_OVF_ONE + 1;/@an overflow adds to the shift in the loops' count word
block-tail-flags@cmodel/gs_block.c@s/w <<= 1;/w <<= 1; w \&= ~2u;/@the last n % 16 samples lose the flag of the sample after each
block-cut@cmodel/gs_block.c@s/bits = bits ? bits + c \/ 32 : NULL;/bits = bits ? bits + c \/ 64 : NULL;/@a cut block's flags land on the words of the cut before
block-default@cmodel/gs_block.c@s/return gs_leaf1h_tie(st, x, g, y, ovf_bits, n);/return gs_leaf1h_bias(st, x, g, y, ovf_bits, n);/@gs_stage_block_gain runs the default profile on the half-up loops
block-load-wide-g@cmodel/gs_block.c@s/3 \* (h \&\& st->g_w == 16)/3 * h/@a gain per sample wider or narrower than 16 bits is loaded as a halfword
block-dispatch@cmodel/gs_block.c@s/#define GS_LEAF_MASK (7 \*/#define GS_LEAF_MASK (3 */@the dispatch masks the loop index to the wrong table entries
stage-x-sh@cmodel/gs_stage.c@s/s.x_sh = (uint8_t)(32 - s.in_w);/s.x_sh = (uint8_t)(31 - s.in_w);/@x is reduced to one bit too few
scalar-tie-swap@cmodel/gs_fast.h@s/st->tie_pos ? pos : !pos;/st->tie_pos ? !pos : pos;/@the tie rule swaps half-zero and half-away (gs_stage_eval, the window of the product)
scalar-rail@cmodel/gs_stage.c@s/y = v < (int32_t)v_lo ? y_min : y_max;/y = v < (int32_t)v_lo ? y_max : y_min;/@gs_stage_eval clips to the wrong rail
scalar-no-tie@cmodel/gs_stage.c@s/st->tie_lim = st->kind == GS_KIND_TIE;/st->tie_lim = 0;/@gs_stage_eval misses ties (half-even rounds them up)
scalar-span@cmodel/gs_stage.c@s/s.f_span = s.v_span + 1;/s.f_span = s.v_span + 2;/@gs_stage_eval takes one v too many at the top of its window
eval-drift@cmodel/gs_eval.c@s/(gs_round_t)c->round, (gs_overflow_t)c->overflow, true);/cfg->round, cfg->overflow, true);/@gs_eval takes the modes from the public fields (drift after the check)
hex-no-sign@tools/gs_vec.c@s/\*x = (int32_t)((int64_t)(mag ^ sign) - (int64_t)sign);/*x = (int32_t)(mag \& 0x7fffffff);/@hex input codes are not sign-extended
LIST
)

# The test drivers and the reference do not include anything a
# mutant touches (gs_core.h is private to cmodel/*.c): compiled once, linked
# against each variant's model objects.
build_shared() {
  local o=$ROOT/obj t
  mkdir -p "$o"
  for t in $TESTS; do
    $CC $CFLAGS_T -Icmodel -Itools -Itests -c tests/$t.c -o "$o/$t.o" || return 1
  done
  $CC $CFLAGS_T -Itests -c tests/ref_exact.c -o "$o/ref_exact.o"
}

# DIR [MUTATED FILE]: the model and CLI objects from DIR, then the binaries. A
# mutant of a .c file reuses the control's objects of the files it left alone.
build_variant() {
  local d=$1 m=${2:-} o=$ROOT/obj t f b objs=()
  mkdir -p "$d/bin" "$d/obj"
  for f in "$d"/cmodel/*.c $(sed "s|^|$d/|" "$d/tools/gs_cli.files"); do
    b=$(basename "$f" .c)
    if [[ $m == *.c && $f != "$d/$m" ]]; then
      cp "$ROOT/control/obj/$b.o" "$d/obj/$b.o" || return 1
    else
      $CC $CFLAGS_T -I"$d/cmodel" -I"$d/tools" -c "$f" -o "$d/obj/$b.o" \
        2>>"$d/build.log" || return 1
    fi
    objs+=("$d/obj/$b.o")
  done
  # gs_block.c again with the other range test (tests/gs_block_alt.c), from DIR
  if [[ $m == *.c && $m != cmodel/gs_block.c ]]; then
    cp "$ROOT/control/obj/gs_block_alt.o" "$d/obj/gs_block_alt.o" || return 1
  else
    $CC $CFLAGS_T -I"$d/cmodel" -Itests -c tests/gs_block_alt.c -o "$d/obj/gs_block_alt.o" \
      2>>"$d/build.log" || return 1
  fi
  objs+=("$d/obj/gs_block_alt.o")
  for t in $TESTS; do
    $CC "$o/$t.o" "$o/ref_exact.o" "${objs[@]}" -lcmocka -llibfixmath -lm -o "$d/bin/$t" \
      2>>"$d/build.log" || return 1
  done
  $CC $CFLAGS_T -I"$d/cmodel" -I"$d/tools" "$d/tools/gsref.c" "${objs[@]}" -lm \
    -o "$d/bin/gsref" 2>>"$d/build.log"
}

# Runs the tests; prints which one failed first; returns 0 if all passed.
run_variant() {
  local d=$1 t
  for t in $TESTS; do
    if ! TEST_SCALE=$SCALE "$d/bin/$t" >"$d/$t.log" 2>&1; then
      echo "$t: $(grep -m1 -E 'MISMATCH|ERROR|error:|Failure|differ|refused|accepted|expected' "$d/$t.log" | cut -c1-150)"
      return 1
    fi
  done
  if ! tests/gsref_test.sh "$d/bin/gsref" "$BUILD/tests/ref_cli" "$d/gsref_work" >"$d/gsref.log" 2>&1; then
    echo "gsref_test.sh: $(grep -m1 FAIL "$d/gsref.log" | cut -c1-150)"
    return 1
  fi
  return 0
}

fresh_copy() {
  rm -rf "$1"; mkdir -p "$1"
  cp -r cmodel tools "$1/"
}

[ -x "$BUILD/tests/ref_cli" ] || { echo "mutants.sh: $BUILD/tests/ref_cli missing (make $BUILD/tests/ref_cli)" >&2; exit 2; }
start=$(date +%s)
rm -rf "$ROOT"
build_shared || { echo "mutants.sh: the test drivers do not build"; exit 1; }
ctl=$ROOT/control
fresh_copy "$ctl"
build_variant "$ctl" || { echo "mutants.sh: control copy does not build:"; cat "$ctl/build.log"; exit 1; }
if ! why=$(run_variant "$ctl"); then
  echo "mutants.sh: the UNMODIFIED model fails the quick run, mutants prove nothing: $why"
  exit 1
fi
echo "control (unmodified copy): passes"

# One mutant: writes its verdict line to $ROOT/<id>.verdict.
one_mutant() {
  local id=$1 file=$2 expr=$3 what=$4 d=$ROOT/$1 why
  fresh_copy "$d"
  sed -i -e "$expr" "$d/$file"
  if cmp -s "$file" "$d/$file"; then
    echo "ERROR mutant $id: DID NOT APPLY to $file (the model changed? update tests/mutants.sh)"
  elif ! build_variant "$d" "$file"; then
    echo "ERROR mutant $id: does not build: $(head -c 200 "$d/build.log")"
  elif why=$(run_variant "$d"); then
    echo "SURVIVED mutant $id ($what)"
  else
    echo "KILLED mutant $id ($what): by $why"
  fi >"$ROOT/$id.verdict"
}

n=0; ids=()
while IFS='@' read -r id file expr what; do
  [ -n "$id" ] || continue
  n=$((n + 1)); ids+=("$id")
  while [ "$(jobs -rp | wc -l)" -ge "${MUTANT_JOBS:-2}" ]; do wait -n; done
  one_mutant "$id" "$file" "$expr" "$what" &
done <<<"$MUTANTS"
wait
killed=0; errors=0
for id in "${ids[@]}"; do
  v=$(cat "$ROOT/$id.verdict" 2>/dev/null || echo "ERROR mutant $id: no verdict")
  echo "$v"
  case $v in KILLED*) killed=$((killed + 1)) ;; ERROR*) errors=$((errors + 1)) ;; esac
done

echo "test-mutants: $killed of $n mutants killed, $errors errors, $(( $(date +%s) - start )) s"
[ "$killed" -eq "$n" ] && [ "$errors" -eq 0 ]
