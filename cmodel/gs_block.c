/*
 * gs_block.c - block evaluation of a prepared stage (gs_fast.h). A sat-fast
 * stage (sat or sat-sym, every v exact: the default profile among them) runs
 * loops of nine instructions per in-range sample, specialised per kind and
 * width, unrolled by 16, in leaf functions; an in-range sample stores only y,
 * and an overflow leaves right after the multiply. The API functions jump to
 * the default profile's loops directly, to the others through a table. Other
 * stages take gs_stage_slow for each sample the fast path declines.
 */
#include "gainstage.h"
#include "gs_fast.h"

/* The range test of the product: two branches, each overflow storing the rail
 * on its side (the soft core: a branch not taken costs no more than an ALU
 * op), or one unsigned compare and the rail chosen after it (CPUs that
 * predict branches: one random branch per sample, not two). The tests build
 * gs_block.c both ways (tests/gs_block_alt.c). */
#ifndef GS_RAILS_BRANCHED
#ifdef __riscv
#define GS_RAILS_BRANCHED 1
#else
#define GS_RAILS_BRANCHED 0
#endif
#endif

/* sc, the count word of the loops (gs_stage_t.s_rule at the start): the
 * shift, the tie rule (gs_fast.h), then the overflows. */
#define GS_OVF_SHIFT 7
#define GS_OVF_ONE ((size_t)1 << GS_OVF_SHIFT)
_Static_assert(GS_TIE_ODD >= 32u && GS_TIE_POS >= 32u && GS_TIE_ODD < GS_OVF_ONE &&
               GS_TIE_POS < GS_OVF_ONE, "the rule lies between the shift and the count");

/* The longest block a loop takes: 128 x its overflows fit a size_t (RV32:
 * 2^24 - 1 samples). The dispatch cuts a longer one in blocks of
 * GS_LEAF_CUT, whole flag words. The tests make it short. */
#ifndef GS_LEAF_MAX_N
#define GS_LEAF_MAX_N (SIZE_MAX >> (GS_OVF_SHIFT + 1))
#endif
#define GS_LEAF_CUT (((size_t)GS_LEAF_MAX_N + 1) / 2)
_Static_assert(GS_LEAF_CUT % 32 == 0, "a cut ends on a flag word");

/*
 * Sample xp[K] of a sat-fast stage (every v exact). The range test is on the
 * product q = g*x, against the window [q_lo, q_hi] of the q whose y is in
 * range (gs_stage_init): an overflow leaves right after the multiply, and
 * stores the rail on q's side (q above the window: y below it). In range:
 * load, mul, two branches not taken, sub, (and, beqz), sra, store. An
 * overflow sets FLAG in the flag word w and adds 128 to sc, the count word:
 * the shift in bits 0-4 (all that sra reads of a register), the tie rule in
 * bits 5-6, the overflows above them (one register for three). A tie of
 * GS_KIND_TIE (v & t_mask == 0) has y = h, its half-up result, moved down by
 * one when h is odd (half-even: sc bit 5), when h > 0 (half-zero: bit 6:
 * -(g*x) > 0 goes toward 0), or when h <= 0 (half-away); the window has it
 * in range already.
 */
#define GS_ONE(KIND, REDX, G, K, FLAG)                                              \
    do {                                                                            \
        const int32_t q_ = (int32_t)((G(K)) * (uint32_t)REDX(xp[K]));               \
        if (!GS_RAILS_BRANCHED) {                                                   \
            if (GS_UNLIKELY((uint32_t)q_ - (uint32_t)q_lo > q_span)) {              \
                yp[K] = q_ < q_lo ? r_hi : r_lo;                                    \
                w |= (FLAG);                                                        \
                sc += GS_OVF_ONE;                                                   \
                break;                                                              \
            }                                                                       \
        } else if (GS_UNLIKELY(q_ < q_lo)) {                                        \
            GS_OPAQUE(yp); /* its own store: no move to the common one */           \
            yp[K] = r_hi;                                                           \
            w |= (FLAG);                                                            \
            sc += GS_OVF_ONE;                                                       \
            break;                                                                  \
        } else if (GS_UNLIKELY(q_ > q_hi)) {                                        \
            GS_OPAQUE(yp);                                                          \
            yp[K] = r_lo;                                                           \
            w |= (FLAG);                                                            \
            sc += GS_OVF_ONE;                                                       \
            break;                                                                  \
        }                                                                           \
        int32_t v_ = gs_fast_v(KIND, bias, t_mask, (uint32_t)q_);                   \
        int32_t y_ = v_ >> (sc & 31u);                                              \
        if (KIND == GS_KIND_TIE && GS_UNLIKELY(((uint32_t)v_ & t_mask) == 0)) {     \
            if (sc & GS_TIE_ODD)                                                    \
                y_ -= y_ & 1;                                                       \
            else if (sc & GS_TIE_POS)                                               \
                y_ -= y_ > 0;                                                       \
            else                                                                    \
                y_ -= y_ <= 0;                                                      \
        }                                                                           \
        yp[K] = y_;                                                                 \
    } while (0)

/* Samples B..B+7 of a turn, each with its constant flag bit. */
#define GS_EIGHT(KIND, REDX, G, B)                                                  \
    do {                                                                            \
        GS_ONE(KIND, REDX, G, (B) + 0, UINT32_C(1) << ((B) + 0));                   \
        GS_ONE(KIND, REDX, G, (B) + 1, UINT32_C(1) << ((B) + 1));                   \
        GS_ONE(KIND, REDX, G, (B) + 2, UINT32_C(1) << ((B) + 2));                   \
        GS_ONE(KIND, REDX, G, (B) + 3, UINT32_C(1) << ((B) + 3));                   \
        GS_ONE(KIND, REDX, G, (B) + 4, UINT32_C(1) << ((B) + 4));                   \
        GS_ONE(KIND, REDX, G, (B) + 5, UINT32_C(1) << ((B) + 5));                   \
        GS_ONE(KIND, REDX, G, (B) + 6, UINT32_C(1) << ((B) + 6));                   \
        GS_ONE(KIND, REDX, G, (B) + 7, UINT32_C(1) << ((B) + 7));                   \
    } while (0)

/*
 * The flags of a turn of 16 samples are one half of a packed word (bit i of
 * word k: sample 32k + i). With GCC on a little-endian CPU a turn stores its
 * halfword through a may_alias type: no register says which half is next.
 * Elsewhere (and in tests/gs_block_alt.c) a half counter picks the half and
 * the upper one is or-ed in. GS_FLAGS_END zeroes the upper half of the last
 * word when n % 32 is 1..16 (the API writes whole words): the address says
 * which half is next, as n would cost the loop a register.
 */
#ifndef GS_FLAG_HALVES
#if defined(__GNUC__) && defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#define GS_FLAG_HALVES 1
#else
#define GS_FLAG_HALVES 0
#endif
#endif
#if GS_FLAG_HALVES
typedef uint16_t gs_half_t __attribute__((may_alias));
_Static_assert(_Alignof(uint32_t) == 4, "a packed word starts on a 4-byte boundary");
#define GS_FLAGS_DECL gs_half_t *hp = (gs_half_t *)bits
#define GS_FLAGS_PUT(w)                                                             \
    do {                                                                            \
        if (hp)                                                                     \
            *hp++ = (uint16_t)(w);                                                  \
    } while (0)
#define GS_FLAGS_END                                                                \
    do {                                                                            \
        if (hp && ((uintptr_t)hp & 2)) /* an odd half: bits is word-aligned */    \
            *hp = 0;                                                                \
    } while (0)
#else
#define GS_FLAGS_DECL                                                               \
    uint32_t *hp = bits;                                                            \
    unsigned h_ = 0
#define GS_FLAGS_PUT(w)                                                             \
    do {                                                                            \
        if (hp) {                                                                   \
            if (h_)                                                                 \
                *hp++ |= (w) << 16;                                                 \
            else                                                                    \
                *hp = (w);                                                          \
            h_ ^= 1;                                                                \
        }                                                                           \
    } while (0)
#define GS_FLAGS_END ((void)0)
#endif

/*
 * The loop, a leaf function: no call; a turn keeps 15 values, the
 * caller-saved registers of RV32, so that a block of 16 saves none (the last
 * n % 16 take one more, saved on their own path). Turns of 16 samples
 * while 16 are left, each overflow setting its constant bit of w, which a
 * turn's end stores; then the last n % 16 from the last one down, w moving
 * up a bit a sample, so that sample i's flag ends at bit i (no register walks
 * a bit). Returns the overflow count: n <= GS_LEAF_MAX_N (the dispatch cuts a
 * longer block), so that 128 x the count fits sc.
 */
#define GS_LEAF(NAME, KIND, REDX, G, GARG, GINIT, GADV)                             \
    static GS_NOINLINE size_t NAME(const gs_stage_t *st, const int32_t *x, GARG ga, \
                                   int32_t *y, uint32_t *bits, size_t n)           \
    {                                                                               \
        const int32_t bias = st->bias;                                              \
        const int32_t r_lo = (int32_t)st->y_min, r_hi = (int32_t)st->y_max;         \
        const int32_t q_lo = st->q_lo, q_hi = st->q_hi;                             \
        const uint32_t q_span = st->q_span;                                         \
        const uint32_t t_mask = st->t_mask;                                         \
        const unsigned x_sh = st->x_sh & 31u;                                       \
        GINIT;                                                                      \
        size_t sc = st->s_rule;                                                     \
        uint32_t w = 0;                                                             \
        GS_FLAGS_DECL;                                                              \
        const int32_t *xp = x, *xe = x + n;                                         \
        int32_t *yp = y;                                                            \
        (void)x_sh; (void)q_hi; (void)q_span;                                       \
        if (n >= 16) {                                                              \
            /* xp < lim: 16 samples left; lim hidden, so that xe is not kept */     \
            const int32_t *lim = xe - 15;                                           \
            GS_OPAQUE(lim);                                                         \
            do {                                                                    \
                GS_OPAQUE(xp);                                                      \
                GS_OPAQUE(yp);                                                      \
                GS_EIGHT(KIND, REDX, G, 0);                                         \
                GS_EIGHT(KIND, REDX, G, 8);                                         \
                GADV(16);                                                           \
                xp += 16;                                                           \
                yp += 16;                                                           \
                GS_FLAGS_PUT(w);                                                    \
                w = 0;                                                              \
            } while (xp < lim);                                                     \
            xe = lim + 15;                                                          \
        }                                                                           \
        if (xp != xe) {                                                             \
            const int32_t *xs = xp;                                                 \
            yp += xe - xp;                                                          \
            GADV(xe - xp);                                                          \
            xp = xe;                                                                \
            do {                                                                    \
                xp--, yp--;                                                         \
                GADV(-1);                                                           \
                w <<= 1;                                                            \
                GS_ONE(KIND, REDX, G, 0, 1u);                                       \
            } while (xp != xs);                                                     \
            GS_FLAGS_PUT(w);                                                        \
        }                                                                           \
        GS_FLAGS_END;                                                               \
        return sc >> GS_OVF_SHIFT;                                                  \
    }

/* Reductions: the 16-bit formats of the default profile load a halfword. */
#define GS_RX16(v) ((int32_t)(int16_t)(v))
#define GS_RXW(v) ((int32_t)((uint32_t)(v) << x_sh) >> x_sh)
#define GS_G1(K) g1
#define GS_G16(K) ((uint32_t)(uint16_t)gp[K])
#define GS_GW(K) (gp[K] & st->g_mask)

/* The leaves take the arguments of the API function that calls them, in its
 * order (a jump, no moves): one gain (a value) or a gain per sample (a pointer). */
#define GS_INIT1 const uint32_t g1 = ga & st->g_mask
#define GS_INITN const uint32_t *gp = ga
#define GS_ADV1(d) ((void)0)
#define GS_ADVN(d) (gp += (d))
typedef size_t gs_leaf1_t(const gs_stage_t *, const int32_t *, uint32_t, int32_t *, uint32_t *,
                          size_t);
typedef size_t gs_leafn_t(const gs_stage_t *, const int32_t *, const uint32_t *, int32_t *,
                          uint32_t *, size_t);

#define GS_LEAVES(K, KIND)                                                                   \
    GS_LEAF(gs_leaf1w_##K, KIND, GS_RXW, GS_G1, uint32_t, GS_INIT1, GS_ADV1)                 \
    GS_LEAF(gs_leaf1h_##K, KIND, GS_RX16, GS_G1, uint32_t, GS_INIT1, GS_ADV1)                \
    GS_LEAF(gs_leafnw_##K, KIND, GS_RXW, GS_GW, const uint32_t *, GS_INITN, GS_ADVN)         \
    GS_LEAF(gs_leafnh_##K, KIND, GS_RX16, GS_G16, const uint32_t *, GS_INITN, GS_ADVN)
GS_LEAVES(bias, GS_KIND_BIAS)
GS_LEAVES(tie, GS_KIND_TIE)
GS_LEAVES(zero, GS_KIND_ZERO)

/* The index of the loops that serve st (in the tables of the dispatch below,
 * so that a program that never calls it does not link them): [16-bit][kind],
 * GS_LEAF_NONE for none (the general-width ones if asked: for the tests). */
void gs_stage_leaves(gs_stage_t *st, bool general_width)
{
    st->leaf_1 = GS_LEAF_NONE * sizeof(gs_leaf1_t *);
    st->leaf_n = GS_LEAF_NONE * sizeof(gs_leafn_t *);
    if (!st->sat_fast)
        return;
    unsigned k = st->kind - 1u, h = !general_width && st->in_w == 16;
    st->leaf_1 = (uint8_t)(3 * h + k);
    st->leaf_n = (uint8_t)(3 * (h && st->g_w == 16) + k);
    st->leaf_1 *= sizeof(gs_leaf1_t *); /* byte offsets: no shift in the dispatch */
    st->leaf_n *= sizeof(gs_leafn_t *);
}

bool gs_stage_force_general_width(const gs_stage_t *st, gs_stage_t *out)
{
    *out = *st;
    if (st->magic != GS_STAGE_MAGIC_ || !st->sat_fast)
        return false;
    gs_stage_leaves(out, true);
    return true;
}

/* A refused stage: y = 0, every flag set, n overflows. */
static GS_NOINLINE size_t refuse(int32_t *y, uint32_t *bits, size_t n)
{
    for (size_t i = 0; i < n; i++)
        y[i] = 0;
    if (bits)
        for (size_t k = 0; k < (n + 31) / 32; k++)
            bits[k] = n - 32 * k >= 32 ? UINT32_MAX : (UINT32_C(1) << (n % 32)) - 1;
    return n;
}

/* Any other stage (wrap, a clipped window, a wide stage): every sample the
 * fast path declines (all of a wide stage's) goes to gs_stage_slow. */
static GS_NOINLINE size_t careful(const gs_stage_t *st, const int32_t *x, const uint32_t *g, uint32_t g1,
                      int32_t *y, uint32_t *bits, size_t n)
{
    size_t novf = 0;
    for (size_t i = 0; i < n; i++) {
        if (bits && i % 32 == 0)
            bits[i / 32] = 0;
        int32_t xr = gs_red_x(st, x[i]);
        uint32_t gr = gs_red_g(st, g ? g[i] : g1);
        int32_t v = gs_fast_v(st->kind, st->bias, st->t_mask, gr * (uint32_t)xr);
        if (st->kind != GS_KIND_NONE && gs_fast_ok(st->kind, v, st->v_lo, st->v_span, st->t_mask)) {
            y[i] = v >> st->shift;
        } else {
            bool o;
            y[i] = gs_stage_slow(st, v, xr, gr, &o);
            if (o) {
                novf++;
                if (bits)
                    bits[i / 32] |= UINT32_C(1) << (i % 32);
            }
        }
    }
    return novf;
}

/* The loops of a stage without a fast one. */
static size_t other_1(const gs_stage_t *st, const int32_t *x, uint32_t g, int32_t *y,
                      uint32_t *bits, size_t n)
{
    return careful(st, x, NULL, g, y, bits, n);
}
static size_t other_n(const gs_stage_t *st, const int32_t *x, const uint32_t *g, int32_t *y,
                      uint32_t *bits, size_t n)
{
    return careful(st, x, g, 0, y, bits, n);
}

/* By gs_stage_leaves(): [16-bit formats][kind - 1], then GS_LEAF_NONE; 8
 * entries, so that any byte offset & GS_LEAF_MASK is one. GS_LEAF_DEFAULT is
 * the default profile's (16-bit codes, a tie rule: half-even, half-zero or
 * half-away): the API functions jump to it directly, a table jump less for
 * the product's own profile. */
#define GS_LEAF_MASK (7 * sizeof(gs_leaf1_t *))
#define GS_LEAF_AT(t, off) (*(t + ((off) & GS_LEAF_MASK) / sizeof *t))
#define GS_LEAF_DEFAULT ((3 + GS_KIND_TIE - 1) * sizeof(gs_leaf1_t *))
static gs_leaf1_t *const leaves_1[8] = {
    gs_leaf1w_bias, gs_leaf1w_tie, gs_leaf1w_zero, gs_leaf1h_bias, gs_leaf1h_tie, gs_leaf1h_zero,
    other_1, other_1,
};
static gs_leafn_t *const leaves_n[8] = {
    gs_leafnw_bias, gs_leafnw_tie, gs_leafnw_zero, gs_leafnh_bias, gs_leafnh_tie, gs_leafnh_zero,
    other_n, other_n,
};

/* A block longer than a loop takes, in blocks of GS_LEAF_CUT. */
static GS_NOINLINE size_t cut_1(const gs_stage_t *st, const int32_t *x, uint32_t g, int32_t *y,
                                uint32_t *bits, size_t n)
{
    const size_t c = GS_LEAF_CUT;
    size_t novf = 0;
    for (; n > c; n -= c, x += c, y += c) {
        novf += gs_stage_block_gain(st, x, g, y, bits, c);
        bits = bits ? bits + c / 32 : NULL;
    }
    return novf + gs_stage_block_gain(st, x, g, y, bits, n);
}
static GS_NOINLINE size_t cut_n(const gs_stage_t *st, const int32_t *x, const uint32_t *g,
                                int32_t *y, uint32_t *bits, size_t n)
{
    const size_t c = GS_LEAF_CUT;
    size_t novf = 0;
    for (; n > c; n -= c, x += c, g += c, y += c) {
        novf += gs_stage_block(st, x, g, y, bits, c);
        bits = bits ? bits + c / 32 : NULL;
    }
    return novf + gs_stage_block(st, x, g, y, bits, n);
}

/* The dispatch: a tail call, the arguments in place. */
size_t gs_stage_block(const gs_stage_t *st, const int32_t *x, const uint32_t *g,
                      int32_t *y, uint32_t *ovf_bits, size_t n)
{
    if (GS_UNLIKELY(st->magic != GS_STAGE_MAGIC_))
        return refuse(y, ovf_bits, n);
    if (GS_UNLIKELY(n > GS_LEAF_MAX_N))
        return cut_n(st, x, g, y, ovf_bits, n);
    if (GS_LIKELY(st->leaf_n == GS_LEAF_DEFAULT))
        return gs_leafnh_tie(st, x, g, y, ovf_bits, n);
    return GS_LEAF_AT(leaves_n, st->leaf_n)(st, x, g, y, ovf_bits, n);
}

size_t gs_stage_block_gain(const gs_stage_t *st, const int32_t *x, uint32_t g,
                           int32_t *y, uint32_t *ovf_bits, size_t n)
{
    if (GS_UNLIKELY(st->magic != GS_STAGE_MAGIC_))
        return refuse(y, ovf_bits, n);
    if (GS_UNLIKELY(n > GS_LEAF_MAX_N))
        return cut_1(st, x, g, y, ovf_bits, n);
    if (GS_LIKELY(st->leaf_1 == GS_LEAF_DEFAULT))
        return gs_leaf1h_tie(st, x, g, y, ovf_bits, n);
    return GS_LEAF_AT(leaves_1, st->leaf_1)(st, x, g, y, ovf_bits, n);
}
