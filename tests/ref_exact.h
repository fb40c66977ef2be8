/*
 * ref_exact.h - an independent exact reference of SPEC.md section 3, for the
 * tests only. Written from the spec, not from the model: it never calls the
 * model and uses a different method (128-bit integers, floor division with an
 * explicit remainder, rounding decided by comparing 2*remainder with the
 * divisor, overflow by explicit range tests and mathematical modulo).
 *
 * The evaluation is a static inline function so that a driver with a constant
 * configuration (the exhaustive run) gets it specialised by the compiler.
 */
#ifndef REF_EXACT_H
#define REF_EXACT_H

#include <stdbool.h>
#include <stdint.h>

__extension__ typedef __int128 ref_i128;
__extension__ typedef unsigned __int128 ref_u128;

/* The reference's own mode numbering (spec table order); the tests map the
 * model's enums onto these through the mode NAMES, never by number. */
enum { REF_FLOOR, REF_CEIL, REF_ZERO, REF_HALF_UP, REF_HALF_DOWN, REF_HALF_ZERO,
       REF_HALF_AWAY, REF_HALF_EVEN, REF_NROUND };
enum { REF_SAT, REF_SAT_SYM, REF_WRAP, REF_NOVF };

typedef struct {
    int in_w, in_f;     /* signed input  sW.F */
    int g_w, g_f;       /* unsigned gain uW.F */
    int out_w, out_f;   /* signed output sW.F */
    int round;          /* REF_FLOOR .. REF_HALF_EVEN */
    int ovf;            /* REF_SAT .. REF_WRAP */
} ref_cfg_t;

/* Spec names -> reference modes; -1 for an unknown name. */
int ref_round_from_name(const char *name);
int ref_ovf_from_name(const char *name);
const char *ref_round_name(int mode);
const char *ref_ovf_name(int mode);

/* Which part of a configuration is illegal per SPEC section 2 (0 = legal).
 * Checked in the order in, gain, out, shift, round, overflow. */
enum { REF_LEGAL = 0, REF_BAD_IN, REF_BAD_GAIN, REF_BAD_OUT, REF_BAD_SHIFT,
       REF_BAD_ROUND, REF_BAD_OVF };
int ref_cfg_legal(const ref_cfg_t *c);

/* 2^k as a 128-bit integer (0 <= k <= 125). The only shift in the
 * reference: of the positive constant 1, well inside 128 bits. */
static inline ref_i128 ref_pow2(int k)
{
    return (ref_i128)1 << k;
}

/* Mathematical floor division a = q*d + r, 0 <= r < d, for d > 0. C's '/'
 * truncates toward zero, so a negative non-exact quotient is moved down. */
static inline void ref_floordiv(ref_i128 a, ref_i128 d, ref_i128 *q, ref_i128 *r)
{
    ref_i128 qq, rr;
    if (a >= INT64_MIN && a <= INT64_MAX && d <= INT64_MAX) {
        /* same division in 64 bits: lets the compiler turn a constant
         * divisor into multiplications (the exhaustive run); no change in
         * meaning, both truncate toward zero */
        qq = (int64_t)a / (int64_t)d;
        rr = (int64_t)a % (int64_t)d;
    } else {
        qq = a / d;
        rr = a % d;
    }
    if (rr < 0) {
        qq -= 1;
        rr += d;
    }
    *q = qq;
    *r = rr;
}

/* round(P / 2^s) for s > 0, by the definitions of the spec's table. */
static inline ref_i128 ref_round_div(ref_i128 p, int s, int mode)
{
    ref_i128 d = ref_pow2(s), q, r;
    ref_floordiv(p, d, &q, &r);     /* P/d = q + r/d, 0 <= r/d < 1 */
    if (r == 0)
        return q;                   /* exact: every mode agrees */
    /* Not exact: the answer is q (the value below) or q + 1 (the value above). */
    ref_i128 below = q, above = q + 1;
    bool neg = p < 0;               /* P/d < 0 exactly when P < 0 here */
    switch (mode) {
    case REF_FLOOR: return below;
    case REF_CEIL:  return above;
    case REF_ZERO:  return neg ? above : below;
    default: break;
    }
    ref_i128 twice_r = 2 * r;       /* compare r/d with 1/2 */
    if (twice_r < d) return below;
    if (twice_r > d) return above;
    /* An exact tie: P/d = q + 1/2. */
    switch (mode) {
    case REF_HALF_UP:   return above;
    case REF_HALF_DOWN: return below;
    case REF_HALF_ZERO: return neg ? above : below;
    case REF_HALF_AWAY: return neg ? below : above;
    case REF_HALF_EVEN: return (q % 2 == 0) ? below : above;
    default:            return 0;   /* unreachable for a legal mode */
    }
}

/* The unrounded, unclipped result R of steps 1-2 (exact in 128 bits). */
static inline ref_i128 ref_unclipped(const ref_cfg_t *c, int64_t x, uint64_t g)
{
    ref_i128 p = -((ref_i128)g * (ref_i128)x);           /* step 1, exact */
    int s = c->in_f + c->g_f - c->out_f;                 /* step 2 */
    if (s <= 0)
        return p * ref_pow2(-s);
    return ref_round_div(p, s, c->round);
}

/* Step 3: the output code and the overflow flag. */
static inline int64_t ref_eval(const ref_cfg_t *c, int64_t x, uint64_t g, int *ovf)
{
    ref_i128 r = ref_unclipped(c, x, g);
    ref_i128 half = ref_pow2(c->out_w - 1);
    ref_i128 lo = -half, hi = half - 1;
    bool in_range = r >= lo && r <= hi;
    switch (c->ovf) {
    case REF_SAT:
        *ovf = !in_range;
        return (int64_t)(r > hi ? hi : r < lo ? lo : r);
    case REF_SAT_SYM: {
        ref_i128 slo = -(half - 1);
        *ovf = !(r >= slo && r <= hi);
        return (int64_t)(r > hi ? hi : r < slo ? slo : r);
    }
    case REF_WRAP: {
        ref_i128 m = 2 * half, q, w;
        ref_floordiv(r, m, &q, &w);                      /* w = r mod 2^W */
        *ovf = !in_range;
        return (int64_t)(w > hi ? w - m : w);
    }
    default:
        *ovf = -1;
        return 0;
    }
}

#endif
