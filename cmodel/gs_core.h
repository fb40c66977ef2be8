/*
 * gs_core.h - the arithmetic of SPEC section 3, as one inline function that the
 * scalar and block APIs share. Private to cmodel/.
 *
 * Right shifts of negative int64_t are used as floor division by 2^s. C11 makes
 * that implementation-defined (not undefined); the static assertion below proves
 * the compiler in use shifts arithmetically (GCC and Clang document it), so a
 * compiler that did otherwise would refuse to build the model.
 */
#ifndef GS_CORE_H
#define GS_CORE_H

#include "gainstage.h"

#if defined(__GNUC__)
#define GS_ALWAYS_INLINE static inline __attribute__((always_inline))
#define GS_NOINLINE __attribute__((noinline))
#define GS_LIKELY(c) __builtin_expect(!!(c), 1)
#define GS_UNLIKELY(c) __builtin_expect(!!(c), 0)
/* No instruction: the optimiser no longer knows p's value here, so it keeps p
 * in its register rather than recomputing it after a loop from two more */
#define GS_OPAQUE(p) __asm__("" : "+r"(p))
#define GS_COLD __attribute__((cold)) /* rare or once per configuration: for size */
#else
#define GS_COLD
#define GS_ALWAYS_INLINE static inline
#define GS_NOINLINE
#define GS_LIKELY(c) (c)
#define GS_UNLIKELY(c) (c)
#define GS_OPAQUE(p) ((void)0)
/* The branch-free block loops of gs_eval.c, specialised per mode (they
 * vectorise): y[i] for x[i] and g[i] (g1 for all when g is NULL), codes
 * reduced; ovf may be NULL. Returns the number of overflows. */
size_t gs_block_loops(const gs_stage_t *st, const int32_t *x, const uint32_t *g, uint32_t g1,
                      int32_t *y, uint8_t *ovf, size_t n);

#endif

_Static_assert(((int64_t)-5 >> 1) == -3 && ((int64_t)-1 >> 62) == -1 &&
                   ((int32_t)-5 >> 1) == -3 && ((int32_t)-1 >> 31) == -1,
               "gainstage needs an arithmetic right shift of negative integers");
/* The second implementation-defined operation: an unsigned value converted to
 * a narrower signed type keeps its low bits (two's complement, as GCC and
 * Clang document), so that code reduction and the 32-bit paths cost nothing. */
_Static_assert((int32_t)UINT32_C(0x80000001) == -INT32_MAX && (int16_t)UINT32_C(0x18000) == -32768 &&
                   (int16_t)(int32_t)-32769 == 32767,
               "gainstage needs two's complement conversions to signed types");

/* A stage gs_stage_init accepted: "gS" and 0x74 ("t"), low 12 bits 0 so that
 * RV32 makes it with one lui (the block dispatch compares it on every call) */
#define GS_STAGE_MAGIC_ 0x67537000u

/* A code reduced to its format: the low IN_W bits, read as signed (x_sh =
 * 32 - IN_W), and the low G_W bits. */
GS_ALWAYS_INLINE int32_t gs_red_x(const gs_stage_t *c, int32_t x)
{
    unsigned sh = c->x_sh & 31u; /* defined even for a stage not yet vetted */
    return (int32_t)((uint32_t)x << sh) >> sh;
}
/* The same with simple operations only (no shift by a variable count, which
 * costs several micro-operations on x86): for the host's loops. */
GS_ALWAYS_INLINE int32_t gs_red_x_host(const gs_stage_t *c, int32_t x)
{
    return (int32_t)((((uint32_t)x & c->x_mask) ^ c->x_sign) - c->x_sign);
}
GS_ALWAYS_INLINE uint32_t gs_red_g(const gs_stage_t *c, uint32_t g) { return g & c->g_mask; }


/* Whether to add one to floor(P / 2^s), from the dropped fraction compared
 * with a half (above, tie), any dropped bit (inexact), the sign of P and the
 * parity of the floor. Branch-free, so that the block loops vectorise. */
GS_ALWAYS_INLINE bool gs_round_up(gs_round_t rnd, bool above, bool tie, bool inexact,
                                  bool neg, bool odd)
{
    switch (rnd) {
    case GS_ROUND_FLOOR:     return false;
    case GS_ROUND_CEIL:      return inexact;
    case GS_ROUND_ZERO:      return inexact & neg;
    case GS_ROUND_HALF_UP:   return above | tie;
    case GS_ROUND_HALF_DOWN: return above;
    case GS_ROUND_HALF_ZERO: return above | (tie & neg);
    case GS_ROUND_HALF_AWAY: return above | (tie & !neg);
    default: /* GS_ROUND_HALF_EVEN */
        return above | (tie & odd);
    }
}

/* Round P / 2^s, 1 <= s <= 62. */
GS_ALWAYS_INLINE int64_t gs_round_shift(int64_t p, int s, gs_round_t rnd)
{
    int64_t fl = p >> s;
    uint64_t frac = (uint64_t)p & (((uint64_t)1 << s) - 1);
    uint64_t half = (uint64_t)1 << (s - 1);
    /* the parity as a shifted-out bit: GCC 12 does not vectorise (fl & 1) != 0 */
    bool up = gs_round_up(rnd, frac > half, frac == half, frac != 0, p < 0,
                          ((uint64_t)fl << 63) != 0);
    return fl + (int64_t)up; /* |fl| <= 2^62: no overflow */
}

/* The same in 32 bits, 1 <= s <= 31: the soft core has no 64-bit registers. */
GS_ALWAYS_INLINE int32_t gs_round_shift32(int32_t p, int s, gs_round_t rnd)
{
    int32_t fl = p >> s;
    uint32_t frac = (uint32_t)p & ((UINT32_C(1) << s) - 1);
    uint32_t half = UINT32_C(1) << (s - 1);
    bool up = gs_round_up(rnd, frac > half, frac == half, frac != 0, p < 0,
                          ((uint32_t)fl << 31) != 0); /* odd: see gs_round_shift */
    return fl + (int32_t)up; /* |fl| <= 2^30: no overflow */
}

/* r, or the rail lo / hi says (never both). With masks (the scalar call): GCC
 * compiles its select to branches, which mispredict on random data; the loops
 * get conditional moves either way. */
GS_ALWAYS_INLINE int32_t gs_clamp32(int32_t r, int32_t y_min, int32_t y_max, bool lo, bool hi,
                                    bool masks)
{
    if (masks) {
        uint32_t ml = 0u - (uint32_t)lo, mh = 0u - (uint32_t)hi;
        return (int32_t)(((uint32_t)r & ~(ml | mh)) | ((uint32_t)y_min & ml) |
                         ((uint32_t)y_max & mh));
    }
    return lo ? y_min : hi ? y_max : r;
}

/* Low w bits of a two's complement value, read back as signed. */
GS_ALWAYS_INLINE int32_t gs_wrap(uint64_t bits, int w)
{
    uint64_t v = bits & (((uint64_t)1 << w) - 1);
    uint64_t sign = (uint64_t)1 << (w - 1);
    /* (v ^ sign) - sign sign-extends without an out-of-range conversion */
    return (int32_t)((int64_t)(v ^ sign) - (int64_t)sign);
}

/*
 * One sample of in-format codes. rnd, ovm and up_shift (shift > 0) are
 * constants in the block loops, so each loop is specialised; gs_eval passes
 * the run-time values.
 */
GS_ALWAYS_INLINE int32_t gs_core(const gs_stage_t *c, int32_t x, uint32_t g, bool *ovf,
                                 gs_round_t rnd, gs_overflow_t ovm, bool up_shift, bool masks)
{
    /* |g * x| <= (2^32 - 1) * 2^31 < 2^63: exact in int64_t, and so is its negation. */
    int64_t p = -((int64_t)g * (int64_t)x);
    int64_t r;
    bool lo, hi;
    if (up_shift) {
        r = gs_round_shift(p, c->shift, rnd);
        lo = r < c->y_min;
        hi = r > c->y_max;
        *ovf = lo | hi;
        if (ovm == GS_OVF_WRAP)
            return gs_wrap((uint64_t)r, c->out_w);
    } else {
        /* R = P * 2^k exactly, k = -shift: test the range on P, before scaling,
         * and scale only a clamped P, so that nothing can overflow. */
        int k = -c->shift;
        lo = p < c->p_min;
        hi = p > c->p_max;
        *ovf = lo | hi;
        if (ovm == GS_OVF_WRAP)
            return gs_wrap((uint64_t)p << k, c->out_w); /* unsigned: mod 2^64 */
        int64_t pc = lo ? c->p_min : hi ? c->p_max : p;
        r = pc * ((int64_t)1 << k);
    }
    return gs_clamp32((int32_t)r, (int32_t)c->y_min, (int32_t)c->y_max, lo, hi, masks);
}

/*
 * The narrow path, for c->narrow (IN_W + G_W <= 32 and 1 <= shift <= 31, the
 * default profile among them): |g * x| <= (2^G_W - 1) * 2^(IN_W-1) < 2^31, so the
 * product and its negation are exact in int32_t. Same results as gs_core, at a
 * fraction of the cost on a 32-bit CPU.
 */
GS_ALWAYS_INLINE int32_t gs_core32(const gs_stage_t *c, int32_t x, uint32_t g, bool *ovf,
                                   gs_round_t rnd, gs_overflow_t ovm, bool masks)
{
    int32_t y_min = (int32_t)c->y_min, y_max = (int32_t)c->y_max; /* OUT_W <= 32 */
    int32_t p = -((int32_t)g * x);
    int32_t r = gs_round_shift32(p, c->shift, rnd);
    bool lo = r < y_min, hi = r > y_max;
    *ovf = lo | hi;
    if (ovm == GS_OVF_WRAP) {
        /* low OUT_W bits, sign-extended, in 32 bits (OUT_W = 32 keeps r) */
        uint32_t m = UINT32_MAX >> (32 - c->out_w), sign = (m >> 1) + 1;
        uint32_t v = (uint32_t)r & m;
        return (int32_t)((int64_t)(v ^ sign) - (int64_t)sign);
    }
    return gs_clamp32(r, y_min, y_max, lo, hi, masks);
}

/* The branch-free block loops of gs_eval.c, specialised per mode (they
 * vectorise): y[i] for x[i] and g[i] (g1 for all when g is NULL), codes
 * reduced; ovf may be NULL. Returns the number of overflows. */
size_t gs_block_loops(const gs_stage_t *st, const int32_t *x, const uint32_t *g, uint32_t g1,
                      int32_t *y, uint8_t *ovf, size_t n);

#endif
