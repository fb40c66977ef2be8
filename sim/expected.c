/*
 * expected.c - a block of the stimulus through the C model into the rings the
 * drive/check loops read: the input codes as driven, the gains, the expected
 * m_data | m_ovf << 32; the block's functional coverage is counted here.
 */
#include <stdbool.h>

#include "run.h"

/*
 * The narrow configurations (the default profile among them): the model's own
 * per-sample arithmetic (gs_core32, what gs_eval_block runs for them), inlined
 * with the rounding and overflow modes as constants and fused with the packing
 * of the rings: one pass over the block that vectorises, without the y[] and
 * ovf[] arrays of gs_eval_block that the rings do not need. Same results by
 * construction: the same function on the same operands.
 */
ALWAYS_INLINE size_t narrow_loop(const gs_stage_t *c, const int32_t *restrict x,
                                 const uint32_t *restrict g, uint32_t *restrict xr,
                                 uint64_t *restrict exp,
                                 uint32_t im, uint32_t om, size_t n, gs_round_t rnd,
                                 gs_overflow_t ovm)
{
    size_t novf = 0;
    for (size_t i = 0; i < n; i++) {
        bool o;
        int32_t yy = gs_core32(c, x[i], g[i], &o, rnd, ovm, false);
        novf += o;
        xr[i] = (uint32_t)x[i] & im;
        exp[i] = ((uint32_t)yy & om) | (uint64_t)o << 32;
    }
    return novf;
}

#define NARROW_OVM(RND)                                                                  \
    switch (c->overflow) {                                                               \
    case GS_OVF_SAT:                                                                     \
        return narrow_loop(&cc, x, g, xr, exp, im, om, n, RND, GS_OVF_SAT);       \
    case GS_OVF_SAT_SYM:                                                                 \
        return narrow_loop(&cc, x, g, xr, exp, im, om, n, RND, GS_OVF_SAT_SYM);   \
    default:                                                                             \
        return narrow_loop(&cc, x, g, xr, exp, im, om, n, RND, GS_OVF_WRAP);      \
    }

static size_t narrow_block(const gs_config_t *c, const int32_t *restrict x,
                           const uint32_t *restrict g, uint32_t *restrict xr,
                           uint64_t *restrict exp,
                           uint32_t im, uint32_t om, size_t n)
{
    /* The checked stage (the stimulus codes are in format, so none is reduced),
     * copied to a local: the stores cannot alias it. */
    const gs_stage_t cc = *gs_config_stage(c);
    switch (c->round) {
    case GS_ROUND_FLOOR:     NARROW_OVM(GS_ROUND_FLOOR);
    case GS_ROUND_CEIL:      NARROW_OVM(GS_ROUND_CEIL);
    case GS_ROUND_ZERO:      NARROW_OVM(GS_ROUND_ZERO);
    case GS_ROUND_HALF_UP:   NARROW_OVM(GS_ROUND_HALF_UP);
    case GS_ROUND_HALF_DOWN: NARROW_OVM(GS_ROUND_HALF_DOWN);
    case GS_ROUND_HALF_ZERO: NARROW_OVM(GS_ROUND_HALF_ZERO);
    case GS_ROUND_HALF_AWAY: NARROW_OVM(GS_ROUND_HALF_AWAY);
    default:                 NARROW_OVM(GS_ROUND_HALF_EVEN);
    }
}

/* Fill the rings with the next block: samples [*gen, *gen + m). Blocks start
 * at multiples of BLK, so a block is contiguous in the rings. */
void refill(run_t *u, uint64_t *gen, uint32_t *gprev)
{
    const ctx_t *t = u->t;
    rings_t *r = u->r;
    uint64_t m = u->sl->n - *gen;
    if (m > BLK)
        m = BLK;
    size_t n = (size_t)m, s0 = (size_t)(*gen & RMASK);
    int32_t *x = r->x + s0;
    uint32_t *g = r->g + s0, *xr = r->xr + s0;
    uint64_t *exp = r->exp + s0;
    const uint32_t im = t->imask, om = t->omask;
    gen_samples(t, u->sl->lo + *gen, n, x, g);
    size_t novf;
    if (t->c->narrow) {
        novf = narrow_block(t->c, x, g, xr, exp, im, om, n);
    } else {
        int same = 1;
        for (size_t i = 1; i < n; i++)
            same &= g[i] == g[0];
        novf = same ? gs_eval_block_gain(t->c, x, g[0], r->by, r->bo, n)
                    : gs_eval_block(t->c, x, g, r->by, r->bo, n);
        for (size_t i = 0; i < n; i++) {
            xr[i] = (uint32_t)x[i] & im;
            exp[i] = ((uint32_t)r->by[i] & om) | (uint64_t)r->bo[i] << 32;
        }
    }
    u->st->overflows += novf;
    u->st->gen_end = *gen + m;
    classify(t, x, g, exp, n, gprev, u->st->cov);
    *gen += m;
}
