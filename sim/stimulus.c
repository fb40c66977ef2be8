/*
 * stimulus.c - sample k of the whole stimulus, fed in this order: corners,
 * vectors, random, exhaustive (g outer, x inner). Also the two stimulus
 * helpers the random and the corner samples share: an exact rounding tie for
 * a gain, and the input near which a gain's product crosses a rail.
 */
#include "run.h"

/* An input code x for which g*x lies exactly on a rounding tie, or no tie (0). */
int tie_x(const ctx_t *t, uint32_t g, uint64_t r, int64_t *x)
{
    int s = t->c->shift, w = t->c->in.w;
    if (s <= 0 || g == 0)
        return 0;
    int v = __builtin_ctz(g);
    int e = s - 1 - v;          /* x = odd * 2^e makes g*x = odd * 2^(s-1) */
    if (e < 0 || e > w - 1)
        return 0;
    if (e == w - 1) {
        *x = t->xmin;           /* the only one: -1 * 2^(w-1) */
        return 1;
    }
    /* k odd in [-2^(w-1-e), 2^(w-1-e) - 1]: a power-of-two range, so a mask */
    int64_t lo = -((int64_t)1 << (w - 1 - e));
    int64_t k = lo + (int64_t)(r & (((uint64_t)1 << (w - e)) - 1));
    k |= 1;                     /* two's complement: the odd neighbour, still in range */
    *x = k * ((int64_t)1 << e);
    return 1;
}

/* The input code near which g*x crosses a rail (positive if pos). */
int64_t thr_x(const ctx_t *t, uint32_t g, int pos)
{
    if (g == 0)
        return 0;
    double xt = t->thr_num[pos] / (double)g;
    if (xt > (double)t->xmax)
        return t->xmax;
    if (xt < (double)t->xmin)
        return t->xmin;
    return (int64_t)(xt < 0 ? xt - 0.5 : xt + 0.5);
}

/* Samples [idx, idx + n) of the whole stimulus. */
void gen_samples(const ctx_t *t, uint64_t idx, size_t n, int32_t *x, uint32_t *g)
{
    const cosim_opts_t *o = t->o;
    for (size_t i = 0; i < n;) {
        uint64_t k = idx + i;
        if (k < t->base_vec) {                         /* corners */
            for (; i < n && idx + i < t->base_vec; i++) {
                x[i] = t->cx[idx + i];
                g[i] = t->cg[idx + i];
            }
        } else if (k < t->base_rand) {                 /* vectors */
            for (; i < n && idx + i < t->base_rand; i++) {
                x[i] = o->vec[idx + i - t->base_vec];
                g[i] = t->gain;
            }
        } else if (k < t->base_exh) {                  /* random */
            size_t m = (size_t)(t->base_exh - (idx + i)) < n - i ? (size_t)(t->base_exh - (idx + i))
                                                                   : n - i;
            gen_random(t, idx + i - t->base_rand, m, x + i, g + i);
            i += m;
        } else {                                       /* exhaustive: g outer, x inner */
            int w = t->c->in.w;
            uint64_t j = k - t->base_exh;
            uint64_t gi = j >> w, xi = j & (((uint64_t)1 << w) - 1);
            uint32_t g0 = o->all_gains ? o->g_lo : t->gain;
            if (xi + (n - i) <= ((uint64_t)1 << w)) {   /* one gain: a plain ramp */
                int32_t xb = (int32_t)(t->xmin + (int64_t)xi);
                uint32_t gg = g0 + (uint32_t)gi;
                size_t m = n - i;
                int32_t *xo = x + i;
                uint32_t *go = g + i;
                for (size_t q = 0; q < m; q++) {
                    xo[q] = xb + (int32_t)q;
                    go[q] = gg;
                }
                break;
            }
            for (; i < n; i++) {
                x[i] = (int32_t)(t->xmin + (int64_t)xi);
                g[i] = g0 + (uint32_t)gi;
                if (++xi >> w) {
                    xi = 0;
                    gi++;
                }
            }
        }
    }
}

