/*
 * stim_random.c - the random stimulus: a gain per sample, biased to the rails,
 * the rounding ties and the saturation thresholds. Made in blocks, off the
 * per-cycle path.
 */
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
 * (2/16), or small (1/16). The cheap candidates are selected without branches;
 * only the rarer ones that need a division or a ctz are branched to.
 */
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
    uint64_t r0a[256], r1a[256];
    uint16_t sp_i[256];
    /* In chunks of 256 samples: the random words, then every sample's gain and
     * cheap input (both loops vectorise), then the few samples that need a tie or
     * a threshold (a ctz or a division) one by one. */
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
        size_t ns = 0;
        for (size_t i = 0; i < m; i++) {
            uint32_t cat = (uint32_t)(r0a[i] & 15);
            sp_i[ns] = (uint16_t)i;
            ns += (cat - 9u < 4u) | (cat >= 14);
        }
        for (size_t q = 0; q < ns; q++) {
            size_t i = sp_i[q];
            uint64_t r0 = r0a[i], r1 = r1a[i];
            uint32_t cat = (uint32_t)(r0 & 15);
            int64_t xx = x[i];
            if (cat - 11u < 2u) {
                /* a saturation threshold: x near -(rail edge) * 2^s / g */
                if (g[i] != 0)
                    xx = thr_x(t, g[i], (int)(r0 >> 4) & 1) + (int64_t)below(r0 >> 5, 5) - 2;
            } else {
                /* a tie: g * x = odd * 2^(s-1), i.e. x = odd * 2^e, e = s - 1 - ctz(g) */
                int64_t xt;
                if (tie_x(t, g[i], r1 & 0xffffffffu, &xt))
                    xx = cat >= 14 ? xt + ((r0 & 16) ? 1 : -1) : xt;
            }
            x[i] = (int32_t)clamp64(xx, xmin, xmax);
        }
    }
}
