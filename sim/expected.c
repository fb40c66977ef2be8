/*
 * expected.c - a block of the stimulus through the C model into the rings the
 * drive/check loops read: the input codes as driven, the gains, the expected
 * m_data | m_ovf << 32; the block's functional coverage is counted here.
 */
#include "run.h"

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
    gen_samples(t, u->sl->lo + *gen, n, x, g);
    int same = 1;
    for (size_t i = 1; i < n; i++)
        same &= g[i] == g[0];
    size_t novf = same ? gs_eval_block_gain(t->c, x, g[0], r->by, r->bo, n)
                       : gs_eval_block(t->c, x, g, r->by, r->bo, n);
    u->st->overflows += novf;
    u->st->gen_end = *gen + m;
    classify(t, x, g, r->by, r->bo, n, gprev, u->st->cov);
    const uint32_t im = t->imask, om = t->omask;
    for (size_t i = 0; i < n; i++) {
        xr[i] = (uint32_t)x[i] & im;
        exp[i] = ((uint32_t)r->by[i] & om) | (uint64_t)r->bo[i] << 32;
    }
    *gen += m;
}
