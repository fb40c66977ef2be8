/*
 * stim_random.c - the random stimulus: a gain per sample, biased to the rails,
 * the rounding ties and the saturation thresholds. Made in blocks, off the
 * per-cycle path.
 */
#include <string.h>

#include "run.h"
#include "seed.h"

/* A bijection of 32-bit words with good avalanche ("lowbias32", C. Wellons). */
static inline uint32_t hash32(uint32_t x)
{
    x ^= x >> 16;
    x *= 0x7feb352du;
    x ^= x >> 15;
    x *= 0x846ca68bu;
    return x ^ (x >> 16);
}

/* a 16-bit random r: a value in [0, m) for m <= 2^16, without a division */
static inline uint32_t below16(uint32_t r, uint32_t m) { return (r * m) >> 16; }

static inline int32_t msk(int32_t c) { return -c; }   /* 0/1 -> no bits / all bits */

/* Samples per pass of gen_random's loops: their words (27 bytes a sample) stay in
 * L1, and the loops' set-up is spread thin. Any size gives the same samples. */
#define CHUNK 512

/*
 * Random samples j0 .. j0+n-1 of the random stimulus. Counter-based: sample j
 * depends only on the seed and j (three 32-bit words, hash32 of j's low word
 * under keys made from the seed and j's high word), so any slice is
 * reproducible. Each sample draws its own gain (half the time the configured
 * one, else uniform, or a special code: special_gains() in its slots, a power
 * of two in the rest) and an input: uniform (7/16), near the input rails
 * (2/16), an exact rounding tie for its gain (2/16), next to a tie (2/16),
 * around a saturation threshold (2/16), or small (1/16). Every candidate is
 * computed and selected without branches, in 32-bit lanes (all the codes fit:
 * W, G_W <= 32) so that gcc's vectors hold 16 samples; only the thresholds'
 * division is in doubles (exact IEEE: the same samples on every machine).
 * Words: a: category [0,4), sign [4], rail distance [5,7), gain select [8,11),
 * special slot [11,14) (configured +-1: [11,13)), small/jitter [16,32);
 * b: the uniform input (low W bits) or a tie's odd factor (top bits);
 * c: the uniform gain (low G_W bits) or a power of two's exponent [16,32).
 */
void gen_random(const ctx_t *t, uint64_t j0, size_t n, int32_t *xo, uint32_t *go)
{
    const gs_config_t *c = t->c;
    const int32_t W = c->in.w;
    const uint32_t gw = (uint32_t)c->gain.w;
    const uint64_t sk = t->o->seed * 0x2545f4914f6cdd1dull;
    const uint32_t gain = t->gain, gmax = t->gmax;
    const uint32_t fixed = t->o->fixed_gain ? ~0u : 0u;
    const int32_t xmin = (int32_t)t->xmin, xmax = (int32_t)t->xmax;
    const uint32_t s0 = t->gsp[0], s1 = t->gsp[1], s2 = t->gsp[2], s3 = t->gsp[3],
                   s4 = t->gsp[4], s5 = t->gsp[5], s6 = t->gsp[6];
    const uint32_t nsp = (uint32_t)t->nsp;  /* slots past the list: a power of two */
    /* shifts past the input width make no tie: S clamped keeps it in int32 */
    const int32_t S = c->shift < 0 ? 0 : c->shift > 2 * W + 64 ? 2 * W + 64 : c->shift;
    const double tn0 = t->thr_num[0], tn1 = t->thr_num[1];
    const double dxmin = (double)xmin, dxmax = (double)xmax;
    uint32_t ra[CHUNK], rb[CHUNK], rc[CHUNK];
    int32_t xth[CHUNK];
    uint32_t ta[CHUNK], tg[CHUNK];
    uint16_t it[CHUNK];
    uint8_t tf[CHUNK];
    /* In chunks of up to CHUNK samples with one high word of j: the random words,
     * every sample's gain and cheap input, then the thresholds and the ties
     * (loops that vectorise). */
    for (size_t b = 0; b < n;) {
        uint64_t j = j0 + b;
        uint32_t lo = (uint32_t)j;
        size_t m = n - b < CHUNK ? n - b : CHUNK;
        if ((uint64_t)m > ((uint64_t)1 << 32) - lo)
            m = (size_t)(((uint64_t)1 << 32) - lo);
        uint64_t kk = mix64(sk ^ mix64((j >> 32) + 0x9e3779b97f4a7c15ull));
        const uint32_t ka = (uint32_t)kk, kb = (uint32_t)(kk >> 32), kc = ka ^ 0x85ebca6bu;
        int32_t *x = xo + b;
        uint32_t *g = go + b;
        for (size_t i = 0; i < m; i++) {
            uint32_t a = hash32((lo + (uint32_t)i) ^ ka);
            uint32_t bw = hash32(a + kb);
            ra[i] = a;
            rb[i] = bw;
            rc[i] = hash32(bw + kc);
        }
        for (size_t i = 0; i < m; i++) {
            uint32_t a = ra[i], cw = rc[i];
            /* gain: gsel 0-1 configured, 2-5 uniform, 6 special, 7 configured +-1 */
            uint32_t gsel = (a >> 8) & 7, k = (a >> 11) & 7;
            uint32_t pw = 1u << below16(cw >> 16, gw);
            uint32_t sp = (s0 & (0u - (k == 0))) | (s1 & (0u - (k == 1))) |
                          (s2 & (0u - (k == 2))) | (s3 & (0u - (k == 3))) |
                          (s4 & (0u - (k == 4))) | (s5 & (0u - (k == 5))) |
                          (s6 & (0u - (k == 6))) | (pw & (0u - (k >= nsp)));
            uint32_t gu = cw & gmax;
            uint32_t gn = (gain + ((a >> 11) & 3) - 1) & gmax;
            uint32_t gg = (gain & (0u - (gsel < 2))) | (gu & (0u - (gsel - 2u < 4u))) |
                          (sp & (0u - (gsel == 6))) | (gn & (0u - (gsel == 7)));
            uint32_t gi = (gg & ~fixed) | (gain & fixed);
            g[i] = gi;
            tf[i] = (uint8_t)(((a & 15) - 11u < 2u) & (gi != 0));   /* a threshold (below) */
            /* input: uniform, a rail, or small (ties and thresholds below) */
            int32_t xu = (int32_t)(rb[i] << (32 - W)) >> (32 - W);
            int32_t d3 = (int32_t)((a >> 5) & 3);
            int32_t xr = (a & 16) ? xmin + d3 : xmax - d3;
            int32_t xs = (int32_t)below16(a >> 16, 7) - 3;
            xs = xs < xmin ? xmin : xs > xmax ? xmax : xs;   /* +-3 may not fit 2 bits */
            uint32_t cat = a & 15;
            int32_t xx = cat - 7u < 2u ? xr : xu;
            x[i] = cat == 13 ? xs : xx;
        }
        /* thresholds: only 2 samples in 16 take one (tf), and the division is
         * the slowest step: those samples' words gathered first (their indices from a bit mask),
         * then their thresholds in a loop that vectorises: thr_x's arithmetic
         * (xt is clamped to the input codes, W <= 32, so that xt +- 0.5 cut to
         * int32 is thr_x's int64 value), then +-2 kept in range */
        size_t nthr = 0;
        for (size_t i0 = 0; i0 < m; i0 += 64) {
            /* a bit per sample, then the set bits in order: a store per
             * threshold, not one per sample */
            size_t e = m - i0 < 64 ? m - i0 : 64;
            uint64_t bits = 0;
            for (size_t i = 0; i < e; i++)
                bits |= (uint64_t)tf[i0 + i] << i;
            for (; bits; bits &= bits - 1)
                it[nthr++] = (uint16_t)(i0 + (size_t)__builtin_ctzll(bits));
        }
        for (size_t k = 0; k < nthr; k++) {
            ta[k] = ra[it[k]];
            tg[k] = g[it[k]];
        }
        for (size_t k = 0; k < nthr; k++) {
            uint32_t a = ta[k];
            double xt = ((a >> 4) & 1 ? tn1 : tn0) / (double)tg[k];
            xt = xt > dxmax ? dxmax : xt < dxmin ? dxmin : xt;
            int32_t r = (int32_t)(xt + (xt < 0 ? -0.5 : 0.5));
            int32_t d = (int32_t)below16(a >> 16, 5) - 2;
            xth[k] = d >= 0 ? (r > xmax - d ? xmax : r + d) : (r < xmin - d ? xmin : r + d);
        }
        for (size_t i = 0; i < m; i++) {
            /* a tie: g * x = odd * 2^(s-1), i.e. x = odd * 2^e, e = s - 1 - ctz(g),
             * as tie_x: an odd k in [-2^(w-1-e), 2^(w-1-e) - 1], the top w - e bits
             * of b sign-extended (e = w - 1: only k = -1, x = min) */
            uint32_t a = ra[i], gi = g[i];
            int32_t cat = (int32_t)(a & 15);
            float fl = (float)(gi & (0u - gi));    /* ctz(g) as a float's exponent */
            uint32_t fb;
            memcpy(&fb, &fl, sizeof fb);
            int32_t e = S - 1 - ((int32_t)(fb >> 23) - 127);
            int32_t ec = e < 0 ? 0 : e > W - 1 ? W - 1 : e;
            int32_t ok = msk(S > 0) & msk(gi != 0) & msk(e == ec);
            int32_t kq = ((int32_t)rb[i] >> (32 - (W - ec))) | 1 | msk(ec == W - 1);
            int32_t xti = (int32_t)((uint32_t)kq << ec);
            /* next to a tie: +-1, kept in range */
            int32_t up = xti < xmax ? xti + 1 : xmax, dn = xti > xmin ? xti - 1 : xmin;
            int32_t nt = a & 16 ? up : dn;
            xti = cat >= 14 ? nt : xti;
            int32_t tie = (msk((uint32_t)(cat - 9) < 2u) | msk(cat >= 14)) & ok;
            x[i] = (xti & tie) | (x[i] & ~tie);
        }
        for (size_t k = 0; k < nthr; k++)
            x[it[k]] = xth[k];
        b += m;
    }
}
