/*
 * stim_random.c - the random stimulus: a gain per sample, biased to the rails,
 * the rounding ties and the saturation thresholds. Made in blocks, off the
 * per-cycle path.
 */
#include <string.h>

#include "run.h"

static inline uint64_t mix64(uint64_t z)
{
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
}

/*
 * Random samples j0 .. j0+n-1 of the random stimulus. Counter-based (sample j
 * depends only on the seed and j), so any slice is reproducible. Each sample
 * draws its own gain (half the time the configured one, else uniform, or a
 * special code: special_gains() in its slots, a power of two in the rest)
 * and an input: uniform (7/16), near the input rails (2/16), an exact rounding
 * tie for its gain (2/16), next to a tie (2/16), around a saturation threshold
 * (2/16), or small (1/16). Every candidate is computed and selected without
 * branches.
 */
/* 2^k for 0 <= k <= 62, built as a double (exact) so that a loop vectorises */
static inline int64_t pow2i(int64_t k)
{
    uint64_t b = (uint64_t)(1023 + k) << 52;
    double d;
    memcpy(&d, &b, sizeof d);
    return (int64_t)d;
}

static inline int64_t msk(int64_t c) { return -c; }   /* 0/1 -> no bits / all bits */

void gen_random(const ctx_t *t, uint64_t j0, size_t n, int32_t *xo, uint32_t *go)
{
    const gs_config_t *c = t->c;
    const int w = c->in.w, gw = c->gain.w;
    const uint64_t sk = t->o->seed * 0x2545f4914f6cdd1dull;
    const uint32_t gain = t->gain, gmax = t->gmax;
    const uint32_t fixed = t->o->fixed_gain ? ~0u : 0u;
    const int64_t xmin = t->xmin, xmax = t->xmax;
    const uint32_t s0 = t->gsp[0], s1 = t->gsp[1], s2 = t->gsp[2], s3 = t->gsp[3],
                   s4 = t->gsp[4], s5 = t->gsp[5], s6 = t->gsp[6];
    const uint32_t nsp = (uint32_t)t->nsp;  /* slots past the list: a power of two */
    const int64_t S = c->shift, W = w;
    const double tn0 = t->thr_num[0], tn1 = t->thr_num[1];
    const double dxmin = (double)xmin, dxmax = (double)xmax;
    uint64_t r0a[256], r1a[256];
    int64_t xth[256];
    int32_t ctz[256];
    /* In chunks of 256 samples: the random words, every sample's gain and cheap
     * input, then the ties and thresholds (three loops that vectorise). */
    for (size_t b = 0; b < n; b += 256) {
        size_t m = n - b < 256 ? n - b : 256;
        int32_t *x = xo + b;
        uint32_t *g = go + b;
        for (size_t i = 0; i < m; i++) {
            uint64_t st = sk ^ (j0 + b + i) * 0x9e3779b97f4a7c15ull;
            r0a[i] = mix64(st + 0x9e3779b97f4a7c15ull);
            r1a[i] = mix64(st + 0x3c6ef372fe94f82aull);
        }
        for (size_t i = 0; i < m; i++) {
            uint64_t r0 = r0a[i], r1 = r1a[i];
            /* gain: gsel 0-1 configured, 2-5 uniform, 6 special, 7 configured +-1 */
            uint32_t gsel = (uint32_t)(r0 >> 8) & 7, k = (uint32_t)(r0 >> 11) & 7;
            uint32_t pw = (uint32_t)1 << (uint32_t)below(r0 >> 16, (uint64_t)gw);
            uint32_t sp = (s0 & (0u - (k == 0))) | (s1 & (0u - (k == 1))) |
                          (s2 & (0u - (k == 2))) | (s3 & (0u - (k == 3))) |
                          (s4 & (0u - (k == 4))) | (s5 & (0u - (k == 5))) |
                          (s6 & (0u - (k == 6))) | (pw & (0u - (k >= nsp)));
            uint32_t gu = (uint32_t)(r1 >> 32) & gmax;
            uint32_t gn = (gain + (uint32_t)((r0 >> 11) & 3) - 1) & gmax;
            uint32_t gg = (gain & (0u - (gsel < 2))) | (gu & (0u - (gsel - 2u < 4u))) |
                          (sp & (0u - (gsel == 6))) | (gn & (0u - (gsel == 7)));
            g[i] = (gg & ~fixed) | (gain & fixed);
            /* input: uniform, a rail, or small (ties and thresholds below) */
            int64_t xu = gs_wrap(r1, w);
            int64_t d3 = (int64_t)((r0 >> 5) & 3);
            int64_t xr = (r0 & 16) ? xmin + d3 : xmax - d3;
            int64_t xs = (int64_t)below(r0 >> 4, 7) - 3;
            uint32_t cat = (uint32_t)(r0 & 15);
            int64_t xx = cat - 7u < 2u ? xr : xu;
            xx = cat == 13 ? xs : xx;
            xx = xx < xmin ? xmin : xx;   /* +-3 may not fit a 2-bit input */
            xx = xx > xmax ? xmax : xx;
            x[i] = (int32_t)xx;
        }
        /* ties and thresholds, for every sample and without branches (the
         * loops vectorise: a division and a ctz per sample cost less than the
         * mispredicted branches to them), each the same as thr_x / tie_x */
        for (size_t i = 0; i < m; i++) {
            /* a saturation threshold: x near -(rail edge) * 2^s / g, clamped */
            uint64_t r0 = r0a[i];
            uint32_t gi = g[i];
            double xt = ((r0 >> 4) & 1 ? tn1 : tn0) / (double)(gi + (gi == 0));
            xt = xt > dxmax ? dxmax : xt < dxmin ? dxmin : xt;
            xth[i] = (int64_t)(xt < 0 ? xt - 0.5 : xt + 0.5) + (int64_t)below(r0 >> 5, 5) - 2;
        }
        for (size_t i = 0; i < m; i++) {
            /* the lowest set bit's exponent as a float (exact): ctz(g) */
            float fl = (float)(g[i] & (0u - g[i]));
            uint32_t fb;
            memcpy(&fb, &fl, sizeof fb);
            ctz[i] = (int32_t)(fb >> 23) - 127;
        }
        for (size_t i = 0; i < m; i++) {
            /* a tie: g * x = odd * 2^(s-1), i.e. x = odd * 2^e, e = s - 1 - ctz(g);
             * selections as masks, powers of two as doubles (so it vectorises) */
            int64_t r0 = (int64_t)r0a[i], r1 = (int64_t)(r1a[i] & 0xffffffffu);
            int64_t cat = r0 & 15, gi = g[i];
            int64_t e = S - 1 - ctz[i];
            int64_t ec = e < 0 ? 0 : e;
            ec = ec > W - 1 ? W - 1 : ec;
            int64_t ok = msk(S > 0) & msk(gi != 0) & msk(e == ec);
            /* k odd in [-2^(w-1-e), 2^(w-1-e) - 1]; e = w - 1: only x = min */
            int64_t k = (-pow2i(W - 1 - ec) + (r1 & (pow2i(W - ec) - 1))) | 1;
            int64_t top = msk(ec == W - 1);
            int64_t xti = (xmin & top) | ((k * pow2i(ec)) & ~top);
            xti += (((r0 >> 3) & 2) - 1) & msk(cat >= 14);      /* next to a tie: +-1 */
            int64_t thr = msk((uint64_t)(cat - 11) < 2) & msk(gi != 0);
            int64_t tie = (msk((uint64_t)(cat - 9) < 2) | msk(cat >= 14)) & ok & ~thr;
            int64_t xx = (xth[i] & thr) | (xti & tie) | ((int64_t)x[i] & ~(thr | tie));
            xx = xx < xmin ? xmin : xx;
            xx = xx > xmax ? xmax : xx;
            x[i] = (int32_t)xx;
        }
    }
}
