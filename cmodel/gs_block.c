/*
 * gs_block.c - block evaluation of a prepared stage (gs_fast.h). A sat-fast
 * stage (sat or sat-sym, every v exact: the default profile among them) runs
 * loops of about ten instructions per sample, specialised per kind and width,
 * unrolled by 8, in leaf functions; an in-range sample stores only y. Other
 * stages take gs_stage_slow for each sample the fast path declines.
 */
#include "gainstage.h"
#include "gs_fast.h"

/* The result of a tie of GS_KIND_TIE from h, its half-up result: down by one
 * when h is odd (half-even), when h > 0 (half-zero: -(g*x) > 0 goes toward 0),
 * or when h <= 0 (half-away); the stage holds which (tie_odd, tie_pos). */
static inline int32_t gs_tie(const gs_stage_t *st, int32_t h)
{
    /* branches, not a formula: fewer registers live on this rare path */
    if (st->tie_odd)
        return h - (h & 1);
    return h - (st->tie_pos ? h > 0 : h <= 0);
}

/*
 * Sample xp[K] of a sat-fast stage. Out of the window: an overflow, on v's
 * side, except a tie of GS_KIND_TIE, decided from its half-up result (the
 * lower edge of the window is one, and so is the v just above it). Its flag
 * is bit << K of the flag word w.
 */
#define GS_ONE(KIND, REDX, G, K)                                                    \
    do {                                                                            \
        int32_t xr_ = REDX(xp[K]);                                                  \
        int32_t v_ = gs_fast_v(KIND, bias, t_mask, (G(K)) * (uint32_t)xr_);         \
        if (GS_LIKELY(gs_fast_ok(KIND, v_, v_lo, v_span, t_mask))) {                \
            yp[K] = v_ >> s;                                                        \
            break;                                                                  \
        }                                                                           \
        bool lo_ = v_ < (int32_t)v_lo;                                              \
        if (KIND == GS_KIND_TIE && ((uint32_t)v_ & t_mask) == 0) {                  \
            int32_t r_ = gs_tie(st, v_ >> s);                                       \
            if (r_ >= (int32_t)st->y_min && r_ <= (int32_t)st->y_max) {             \
                yp[K] = r_;                                                         \
                break;                                                              \
            }                                                                       \
            lo_ = r_ < (int32_t)st->y_min;                                          \
        }                                                                           \
        yp[K] = (int32_t)(lo_ ? st->y_min : st->y_max);                             \
        w |= bit << (K);                                                            \
        cnt++;                                                                      \
    } while (0)

/*
 * The loop, a leaf function (no call inside, so no register saving), 8
 * samples per turn; bit walks the flag word, which is stored when it is full
 * and at the end. Returns the overflow count.
 */
#define GS_LEAF(NAME, KIND, REDX, G, GARG, GP, G1, GINC)                            \
    static GS_NOINLINE size_t NAME(const gs_stage_t *st, const int32_t *x, GARG ga, \
                                   int32_t *y, uint32_t *bits, size_t n)           \
    {                                                                               \
        const uint32_t *const g = GP(ga);                                           \
        uint32_t g1 = G1(ga);                                                       \
        const int32_t bias = st->bias;                                              \
        const uint32_t v_lo = st->v_lo, v_span = st->v_span, t_mask = st->t_mask;   \
        const uint32_t g_mask = st->g_mask;                                         \
        const int s = st->shift, x_sh = st->x_sh;                                   \
        size_t cnt = 0;                                                             \
        uint32_t w = 0, bit = 1;                                                    \
        const int32_t *xp = x, *const x8 = x + (n & ~(size_t)7), *const xe = x + n; \
        int32_t *yp = y;                                                            \
        const uint32_t *gp = g;                                                     \
        g1 &= g_mask; (void)g1; (void)x_sh; (void)gp;                             \
        for (; xp != x8; xp += 8, yp += 8, gp += 8 * (GINC)) {                      \
            GS_ONE(KIND, REDX, G, 0);                                               \
            GS_ONE(KIND, REDX, G, 1);                                               \
            GS_ONE(KIND, REDX, G, 2);                                               \
            GS_ONE(KIND, REDX, G, 3);                                               \
            GS_ONE(KIND, REDX, G, 4);                                               \
            GS_ONE(KIND, REDX, G, 5);                                               \
            GS_ONE(KIND, REDX, G, 6);                                               \
            GS_ONE(KIND, REDX, G, 7);                                               \
            bit <<= 8;                                                              \
            if (!bit) {                                                             \
                if (bits)                                                           \
                    *bits++ = w;                                                    \
                w = 0;                                                              \
                bit = 1;                                                            \
            }                                                                       \
        }                                                                           \
        for (; xp != xe; xp++, yp++, gp += (GINC), bit <<= 1)                    \
            GS_ONE(KIND, REDX, G, 0);                                               \
        if (bits && bit != 1)                                                       \
            *bits = w;                                                              \
        return cnt;                                                                 \
    }

/* Reductions: the 16-bit formats of the default profile load a halfword. */
#define GS_RX16(v) ((int32_t)(int16_t)(v))
#define GS_RXW(v) ((int32_t)((uint32_t)(v) << x_sh) >> x_sh)
#define GS_G1(K) g1
#define GS_G16(K) ((uint32_t)(uint16_t)gp[K])
#define GS_GW(K) (gp[K] & g_mask)

/* The leaves take the arguments of the API function that calls them, in its
 * order (a jump, no moves): one gain (a value) or a gain per sample (a pointer). */
typedef size_t (*gs_leaf1_t)(const gs_stage_t *, const int32_t *, uint32_t, int32_t *,
                             uint32_t *, size_t);
typedef size_t (*gs_leafn_t)(const gs_stage_t *, const int32_t *, const uint32_t *, int32_t *,
                             uint32_t *, size_t);
#define GS_NO_GP(a) ((const uint32_t *)NULL)
#define GS_GP(a) (a)
#define GS_G1V(a) (a)
#define GS_NO_G1(a) 0u

#define GS_LEAVES(K, KIND)                                                                   \
    GS_LEAF(gs_leaf1w_##K, KIND, GS_RXW, GS_G1, uint32_t, GS_NO_GP, GS_G1V, 0)               \
    GS_LEAF(gs_leaf1h_##K, KIND, GS_RX16, GS_G1, uint32_t, GS_NO_GP, GS_G1V, 0)              \
    GS_LEAF(gs_leafnw_##K, KIND, GS_RXW, GS_GW, const uint32_t *, GS_GP, GS_NO_G1, 1)        \
    GS_LEAF(gs_leafnh_##K, KIND, GS_RX16, GS_G16, const uint32_t *, GS_GP, GS_NO_G1, 1)
GS_LEAVES(bias, GS_KIND_BIAS)
GS_LEAVES(tie, GS_KIND_TIE)
GS_LEAVES(zero, GS_KIND_ZERO)

/* By gs_stage_leaf(): [16-bit formats][kind - 1], leaf_1 for one gain,
 * leaf_n - 6 for a gain per sample. */
static const gs_leaf1_t leaves_1[2 * 3] = {
    gs_leaf1w_bias, gs_leaf1w_tie, gs_leaf1w_zero, gs_leaf1h_bias, gs_leaf1h_tie, gs_leaf1h_zero,
};
static const gs_leafn_t leaves_n[2 * 3] = {
    gs_leafnw_bias, gs_leafnw_tie, gs_leafnw_zero, gs_leafnh_bias, gs_leafnh_tie, gs_leafnh_zero,
};

uint8_t gs_stage_leaf(const gs_stage_t *st, bool per_sample)
{
    if (!st->sat_fast)
        return GS_LEAF_NONE;
    bool h = st->in_w == 16 && (!per_sample || st->g_w == 16);
    return (uint8_t)(6 * per_sample + 3 * h + st->kind - 1);
}

bool gs_stage_force_general_width(const gs_stage_t *st, gs_stage_t *out)
{
    *out = *st;
    if (st->magic != GS_STAGE_MAGIC_ || st->leaf_1 >= GS_LEAF_NONE)
        return false;
    out->leaf_1 = (uint8_t)(st->leaf_1 % 3);
    out->leaf_n = (uint8_t)(6 + st->leaf_n % 3);
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

/* Any stage without a fast loop for this call: refused, or careful. */
static GS_NOINLINE size_t other(const gs_stage_t *st, const int32_t *x, const uint32_t *g,
                                uint32_t g1, int32_t *y, uint32_t *bits, size_t n)
{
    if (st->magic != GS_STAGE_MAGIC_)
        return refuse(y, bits, n);
    return careful(st, x, g, g1, y, bits, n);
}

/* The dispatch, out of the loops: a tail call to the leaf on the fast path. */
size_t gs_stage_block(const gs_stage_t *st, const int32_t *x, const uint32_t *g,
                      int32_t *y, uint32_t *ovf_bits, size_t n)
{
    unsigned k = st->leaf_n - 6u; /* GS_LEAF_NONE - 6: out of the table */
    if (GS_LIKELY(st->magic == GS_STAGE_MAGIC_ && k < 6))
        return leaves_n[k](st, x, g, y, ovf_bits, n);
    return other(st, x, g, 0, y, ovf_bits, n);
}

size_t gs_stage_block_gain(const gs_stage_t *st, const int32_t *x, uint32_t g,
                           int32_t *y, uint32_t *ovf_bits, size_t n)
{
    unsigned k = st->leaf_1; /* 0..5, or GS_LEAF_NONE */
    if (GS_LIKELY(st->magic == GS_STAGE_MAGIC_ && k < 6))
        return leaves_1[k](st, x, g, y, ovf_bits, n);
    return other(st, x, NULL, g, y, ovf_bits, n);
}
