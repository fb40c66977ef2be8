/*
 * harness.c - lock-step checking of gain_stage against the C model.
 *
 * Per clock cycle (dut_cycle, see dut.h) the harness knows the state the output
 * must be in and compares it:
 *   - every result that leaves (m_valid && m_ready) must be the model's result of
 *     the oldest sample not yet out (so nothing is lost, duplicated or reordered),
 *     data and ovf bit for bit;
 *   - with m_ready held high, a sample taken at cycle c leaves at exactly cycle
 *     c + LATENCY, m_valid is low in every other cycle, and s_ready never refuses
 *     a sample (full throughput);
 *   - under backpressure, m_valid/m_data/m_ovf hold still while m_valid && !m_ready,
 *     no result leaves earlier than LATENCY cycles after its sample, and the DUT
 *     makes progress within --timeout cycles (no deadlock);
 *   - m_valid stays low through reset and until a sample has been taken.
 *
 * Speed: the stimulus and the expected results are made in blocks (gs_eval_block)
 * into rings indexed by sample number; the per-cycle loop only compares integers.
 * It is specialised (always_inline with a constant flag) for the no-stall case.
 */
#define _POSIX_C_SOURCE 200809L
#include "harness.h"

#include <errno.h>
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "dut.h"
#include "gainstage.h"

#if defined(__GNUC__)
#define ALWAYS_INLINE static inline __attribute__((always_inline))
#define COLD __attribute__((cold, noinline))
#define UNLIKELY(x) __builtin_expect(!!(x), 0)
#else
#define ALWAYS_INLINE static inline
#define COLD
#define UNLIKELY(x) (x)
#endif

#define RING_BITS 16
#define RING ((uint64_t)1 << RING_BITS)
#define RMASK (RING - 1)
#define BLK 4096
#define CH 1024                   /* cycles per dut_batch() call; divides BLK */
/* More samples in flight than this is a DUT bug (it swallows samples). */
#define MAX_INFLIGHT (RING - 4 * BLK)

/* ---- functional coverage bins ---- */
enum {
    CV_RAIL_POS, CV_RAIL_NEG, CV_MAX_IN, CV_MIN_IN, CV_WRAP, CV_ZERO, CV_EXACT,
    CV_INEXACT_POS, CV_INEXACT_NEG, CV_TIE_POS_EVEN, CV_TIE_POS_ODD, CV_TIE_NEG_EVEN,
    CV_TIE_NEG_ODD, CV_GAIN_CHANGE,
    CV_GAP, CV_IN_STALL, CV_OUT_HOLD, CV_LONG_HOLD,
    CV_N
};
static const char *const cv_name[CV_N] = {
    "rail+ (clipped high)", "rail- (clipped low)", "max in range", "min in range",
    "wrapped", "zero", "exact (no rounding)", "inexact P>0", "inexact P<0",
    "tie P>0 even", "tie P>0 odd", "tie P<0 even", "tie P<0 odd", "gain changes",
    "s_valid gap cycles", "s_valid refused (s_ready low)", "m_valid held (m_ready low)",
    "holds longer than LATENCY",
};

typedef struct {
    uint64_t samples, cycles, overflows, errors;
    uint64_t cov[CV_N];
    uint64_t first_bad_cycle;
    uint64_t gen_end;             /* samples generated so far (rings valid below) */
    int latency;
    int latency_measured;
    int fatal;
    double seconds;
} stats_t;

typedef struct {
    const cosim_opts_t *o;
    const gs_config_t *c;
    uint32_t gain;                 /* configured gain code */
    int32_t *cx;                   /* corner set */
    uint32_t *cg;
    size_t nc, ncap;
    uint64_t base_vec, base_rand, base_exh, total;
    int64_t xmin, xmax;
    uint32_t imask, omask, gmax;
    uint32_t gsp[8];               /* special gains of the random stimulus */
    double thr_num[2];             /* -(rail edge) * 2^shift: x near it is thr_num / g */
    int jobs, job;
} ctx_t;

/* (r * m) >> 32 for a 32-bit r: a uniform value in [0, m) without a division. */
static inline uint64_t below(uint64_t r, uint64_t m) { return ((r & 0xffffffffu) * m) >> 32; }

/* ---- small helpers ---- */

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

static int64_t sext(uint64_t v, int w)
{
    uint64_t m = (w >= 64) ? ~0ull : (((uint64_t)1 << w) - 1);
    uint64_t sign = (uint64_t)1 << (w - 1);
    return (int64_t)((v & m) ^ sign) - (int64_t)sign;
}

static int64_t clamp64(int64_t v, int64_t lo, int64_t hi) { return v < lo ? lo : v > hi ? hi : v; }

/* ---- stimulus ---- */

/* An input code x for which g*x lies exactly on a rounding tie, or no tie (0). */
static int tie_x(const ctx_t *t, uint32_t g, uint64_t r, int64_t *x)
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
static int64_t thr_x(const ctx_t *t, uint32_t g, int pos)
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
 * special code: 0, 1, max, max-1, 1.0, 2^(W-1), 1.0 + 1 LSB, a power of two)
 * and an input: uniform (7/16), near the input rails (2/16), an exact rounding
 * tie for its gain (2/16), next to a tie (2/16), around a saturation threshold
 * (2/16), or small (1/16). The cheap candidates are selected without branches;
 * only the rarer ones that need a division or a ctz are branched to.
 */
static void gen_random(const ctx_t *t, uint64_t j0, size_t n, int32_t *xo, uint32_t *go)
{
    const gs_config_t *c = t->c;
    const int w = c->in.w, gw = c->gain.w;
    const uint64_t sk = t->o->seed * 0x2545f4914f6cdd1dull;
    const uint32_t gain = t->gain, gmax = t->gmax;
    const uint32_t fixed = t->o->fixed_gain ? ~0u : 0u;
    const int64_t xmin = t->xmin, xmax = t->xmax;
    const uint32_t s0 = t->gsp[0], s1 = t->gsp[1], s2 = t->gsp[2], s3 = t->gsp[3],
                   s4 = t->gsp[4], s5 = t->gsp[5], s6 = t->gsp[6];
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
                          (s6 & (0u - (k == 6))) | (pw & (0u - (k == 7)));
            uint32_t gu = (uint32_t)(r1 >> 32) & gmax;
            uint32_t gn = (gain + (uint32_t)((r0 >> 11) & 3) - 1) & gmax;
            uint32_t gg = (gain & (0u - (gsel < 2))) | (gu & (0u - (gsel - 2u < 4u))) |
                          (sp & (0u - (gsel == 6))) | (gn & (0u - (gsel == 7)));
            g[i] = (gg & ~fixed) | (gain & fixed);
            /* input: uniform, a rail, or small (ties and thresholds below) */
            int64_t xu = sext(r1, w);
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

static void corner_add(ctx_t *t, int64_t x, uint32_t g)
{
    if (t->nc == t->ncap) {
        t->ncap = t->ncap ? 2 * t->ncap : 256;
        t->cx = realloc(t->cx, t->ncap * sizeof *t->cx);
        t->cg = realloc(t->cg, t->ncap * sizeof *t->cg);
        if (!t->cx || !t->cg) {
            fprintf(stderr, "cosim: out of memory\n");
            exit(2);
        }
    }
    t->cx[t->nc] = (int32_t)clamp64(x, t->xmin, t->xmax);
    t->cg[t->nc] = g;
    t->nc++;
}

/* Directed corners: for each special gain, the special inputs. */
static void corners_make(ctx_t *t)
{
    int gw = t->c->gain.w, gf = t->c->gain.f;
    uint32_t gl[9];
    int ng = 0;
    gl[ng++] = t->gain;
    if (!t->o->fixed_gain) {
        uint32_t cand[8] = { 0, 1, t->gmax, t->gmax - (t->gmax > 0),
                             gf < gw ? (uint32_t)1 << gf : 0,
                             gf < gw ? ((uint32_t)1 << gf) + 1 : 1,
                             (uint32_t)1 << (gw - 1), 3u & t->gmax };
        for (int k = 0; k < 8; k++) {
            int dup = cand[k] > t->gmax; /* 2^G_F + 1 does not fit a u1.0 gain */
            for (int m = 0; m < ng; m++)
                dup |= gl[m] == cand[k];
            if (!dup)
                gl[ng++] = cand[k];
        }
    }
    for (int k = 0; k < ng; k++) {
        uint32_t g = gl[k];
        static const int64_t small[] = { 0, 1, -1, 2, -2 };
        for (size_t m = 0; m < sizeof small / sizeof small[0]; m++)
            corner_add(t, small[m], g);
        corner_add(t, t->xmin, g);
        corner_add(t, t->xmin + 1, g);
        corner_add(t, t->xmax, g);
        corner_add(t, t->xmax - 1, g);
        for (int pos = 0; pos < 2; pos++) {
            int64_t x0 = thr_x(t, g, pos);
            for (int d = -2; d <= 2; d++)
                corner_add(t, x0 + d, g);
        }
        int64_t x;
        for (uint64_t r = 0; r < 4; r++) {
            /* r = 0 and the last one give the smallest and the largest tie codes */
            uint64_t rr = r == 0 ? ~0ull / 2 : r == 1 ? 0 : r * 0x9e3779b97f4a7c15ull;
            if (tie_x(t, g, rr, &x)) {
                corner_add(t, x, g);
                corner_add(t, x + 1, g);
                corner_add(t, x - 1, g);
                corner_add(t, -x, g);
            }
        }
    }
}

/* Samples [idx, idx + n) of the whole stimulus. */
static void gen_samples(const ctx_t *t, uint64_t idx, size_t n, int32_t *x, uint32_t *g)
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

/*
 * Coverage of a block of samples and their expected results: branch-free
 * counters (a loop the compiler vectorises), summed into the bins.
 */
_Static_assert(((int64_t)-5 >> 1) == -3, "cosim needs an arithmetic right shift");

static void classify(const ctx_t *t, const int32_t *x, const uint32_t *g, const int32_t *y,
                     const uint8_t *ovf, size_t n, uint32_t *gprev, uint64_t *cov)
{
    const gs_config_t *c = t->c;
    const int s = c->shift > 0 ? c->shift : 0;
    const int64_t fmask = s ? (int64_t)(((uint64_t)1 << s) - 1) : 0;
    const int64_t half = s ? (int64_t)1 << (s - 1) : -1;   /* -1: no tie when s = 0 */
    const int32_t ymax = (int32_t)c->y_max, ymin = (int32_t)c->y_min;
    uint64_t n_ovf = 0, n_ovf_hi = 0, n_max = 0, n_min = 0, n_zero = 0, n_tie = 0,
             n_tie_pos_odd = 0, n_tie_pos = 0, n_tie_odd = 0, n_inex = 0, n_inex_pos = 0,
             n_chg = 0;
    for (size_t i = 0; i < n; i++) {
        int64_t p = -((int64_t)g[i] * (int64_t)x[i]);
        int64_t frac = p & fmask;
        uint64_t o = ovf[i] != 0, hi = y[i] == ymax, lo = y[i] == ymin;
        uint64_t tie = frac == half, inex = (frac != 0) & (frac != half);
        uint64_t pos = p > 0, odd = (uint64_t)(p >> s) & 1;
        n_ovf += o;
        n_ovf_hi += o & hi;
        n_max += (o ^ 1) & hi;
        n_min += (o ^ 1) & lo;
        n_zero += y[i] == 0;
        n_tie += tie;
        n_tie_pos += tie & pos;
        n_tie_odd += tie & odd;
        n_tie_pos_odd += tie & pos & odd;
        n_inex += inex;
        n_inex_pos += inex & pos;
    }
    if (n) {
        n_chg = g[0] != *gprev;
        for (size_t i = 1; i < n; i++)
            n_chg += g[i] != g[i - 1];
        *gprev = g[n - 1];
    }
    if (c->overflow == GS_OVF_WRAP) {
        cov[CV_WRAP] += n_ovf;
    } else {
        cov[CV_RAIL_POS] += n_ovf_hi;
        cov[CV_RAIL_NEG] += n_ovf - n_ovf_hi;
    }
    cov[CV_MAX_IN] += n_max;
    cov[CV_MIN_IN] += n_min;
    cov[CV_ZERO] += n_zero;
    cov[CV_TIE_POS_ODD] += n_tie_pos_odd;
    cov[CV_TIE_POS_EVEN] += n_tie_pos - n_tie_pos_odd;
    cov[CV_TIE_NEG_ODD] += n_tie_odd - n_tie_pos_odd;
    cov[CV_TIE_NEG_EVEN] += n_tie - n_tie_pos - (n_tie_odd - n_tie_pos_odd);
    cov[CV_INEXACT_POS] += n_inex_pos;
    cov[CV_INEXACT_NEG] += n_inex - n_inex_pos;
    cov[CV_EXACT] += n - n_tie - n_inex;
    cov[CV_GAIN_CHANGE] += n_chg;
}

/* ---- the checking loop ---- */

typedef struct {
    uint64_t lo, n;               /* samples [lo, lo + n) of the stimulus */
    int report;                   /* print errors */
    const char *trace;            /* waveform file, or NULL */
    uint64_t tr_from, tr_to;
    uint64_t stop_cycle;          /* replay: stop at this cycle */
    FILE *dump;
} slice_t;

typedef struct {
    int32_t x[RING];
    uint32_t xr[RING], g[RING];
    uint64_t exp[RING];           /* expected m_data | m_ovf << 32 */
    uint64_t acc[RING];           /* cycle at which the sample was taken */
    uint64_t out[CH];             /* dut_batch() outputs of a chunk of cycles */
    int32_t by[BLK];
    uint8_t bo[BLK];
} rings_t;

typedef struct {
    const ctx_t *t;
    const slice_t *sl;
    rings_t *r;
    stats_t *st;
    int latency;
} run_t;

static const char *prefix(const run_t *u)
{
    static char buf[32];
    if (u->t->jobs <= 1)
        return "cosim";
    snprintf(buf, sizeof buf, "cosim[job %d]", u->t->job);
    return buf;
}

/* Returns 1 when the run must stop (--max-errors reached). */
static COLD int err_note(run_t *u, uint64_t cyc)
{
    stats_t *st = u->st;
    if (st->errors == 0)
        st->first_bad_cycle = cyc;
    st->errors++;
    return st->errors >= u->t->o->max_errors;
}

static COLD void describe_sample(const run_t *u, uint64_t k, char *buf, size_t len)
{
    const rings_t *r = u->r;
    uint64_t s = k & RMASK;
    snprintf(buf, len, "sample %" PRIu64 " (x=%" PRId32 " 0x%0*" PRIx32 ", g=%" PRIu32
             " 0x%" PRIx32 ", taken at cycle %" PRIu64 ")",
             u->sl->lo + k, r->x[s], (u->t->c->in.w + 3) / 4, r->xr[s], r->g[s], r->g[s],
             r->acc[s]);
}

static COLD int err_data(run_t *u, uint64_t cyc, uint64_t k, uint64_t got)
{
    if (u->sl->report) {
        char d[160];
        describe_sample(u, k, d, sizeof d);
        int w = u->t->c->out.w;
        uint64_t e = u->r->exp[k & RMASK];
        int64_t ye = sext(e & 0xffffffffu, w), yg = sext(got & 0xffffffffu, w);
        /* a hint when the value is a neighbour's: a duplicated or a lost result */
        const char *hint = "";
        if (k > 0 && got == u->r->exp[(k - 1) & RMASK] && got != e)
            hint = "; that is the previous sample's result (duplicated?)";
        else if (k + 1 < u->st->gen_end && got == u->r->exp[(k + 1) & RMASK] && got != e)
            hint = "; that is the next sample's result (this one lost?)";
        fprintf(stderr,
                "%s: MISMATCH at cycle %" PRIu64 ", %s: expected y=%" PRId64 " ovf=%u, got y=%"
                PRId64 " ovf=%u (diff %+" PRId64 " LSB)%s\n",
                prefix(u), cyc, d, ye, (unsigned)(e >> 32), yg, (unsigned)(got >> 32), yg - ye,
                hint);
    }
    return err_note(u, cyc);
}

static COLD int err_proto(run_t *u, uint64_t cyc, const char *what, uint64_t k, int has_k)
{
    if (u->sl->report) {
        char d[160] = "";
        if (has_k)
            describe_sample(u, k, d, sizeof d);
        fprintf(stderr, "%s: PROTOCOL at cycle %" PRIu64 ": %s%s%s\n", prefix(u), cyc, what,
                has_k ? ": " : "", d);
    }
    return err_note(u, cyc);
}

static COLD int err_latency(run_t *u, uint64_t cyc, uint64_t k)
{
    char what[96];
    uint64_t due = u->r->acc[k & RMASK] + (uint64_t)u->latency;
    snprintf(what, sizeof what, "result left %s (after %" PRIu64 " cycles, LATENCY %d)",
             cyc < due ? "early" : "late", cyc - u->r->acc[k & RMASK], u->latency);
    return err_proto(u, cyc, what, k, 1);
}

/* Fill the rings with the next block: samples [*gen, *gen + m). Blocks start
 * at multiples of BLK, so a block is contiguous in the rings. */
static void refill(run_t *u, uint64_t *gen, uint32_t *gprev)
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

static uint64_t xs_next(uint64_t *s)
{
    uint64_t x = *s;
    x ^= x >> 12;
    x ^= x << 25;
    x ^= x >> 27;
    *s = x;
    return x * 0x2545f4914f6cdd1dull;
}

static void dump_line(FILE *f, int64_t y, unsigned ovf)
{
    char buf[32], *p = buf + sizeof buf;
    *--p = '\n';
    *--p = (char)('0' + ovf);
    *--p = ' ';
    uint64_t m = y < 0 ? (uint64_t)0 - (uint64_t)y : (uint64_t)y;
    do {
        *--p = (char)('0' + m % 10);
        m /= 10;
    } while (m);
    if (y < 0)
        *--p = '-';
    fwrite(p, 1, (size_t)(buf + sizeof buf - p), f);
}

static void progress(const run_t *u, uint64_t done, double t0, int final)
{
    double dt = now_s() - t0;
    if (final) {
        fprintf(stderr, "\r\033[K");
        return;
    }
    fprintf(stderr, "\r%s: %5.1f%%  %" PRIu64 "/%" PRIu64 " samples  %.2f Msamples/s\033[K",
            prefix(u), 100.0 * (double)done / (double)u->sl->n, done, u->sl->n,
            dt > 0 ? (double)done / dt / 1e6 : 0.0);
}

/* A cycle of the handshake loop broke a rule: report it the way a designer
 * reads it (one message per fault). 1: stop the run. */
static COLD int stall_bad(run_t *u, uint64_t cyc, uint32_t held, uint32_t same, uint32_t mv,
                          uint64_t got, uint64_t nout, uint64_t nin, int exact)
{
    const uint64_t L = (uint64_t)u->latency;
    if (held && !same &&
        err_proto(u, cyc, mv ? "m_data/m_ovf changed while m_valid && !m_ready"
                             : "m_valid dropped while m_ready was low", nout, 1))
        return 1;
    if (mv && !same) {
        if (nout == nin)
            return err_proto(u, cyc, "m_valid high with no sample outstanding (a duplicate or "
                             "spurious result)", 0, 0);
        uint64_t so = nout & RMASK, due = u->r->acc[so] + L;
        if (got != u->r->exp[so] && err_data(u, cyc, nout, got))
            return 1;
        if ((exact ? cyc != due : cyc < due) && err_latency(u, cyc, nout))
            return 1;
    } else if (exact && !mv && nout != nin && u->r->acc[nout & RMASK] + L == cyc) {
        return err_proto(u, cyc, "m_valid low when the result was due", nout, 1);
    }
    return 0;
}

/*
 * The handshake loop (--stall, --gap, --backpressure): one dut_cycle() per
 * cycle, s_valid and m_ready randomised (Bernoulli P, plus now and then a burst
 * longer than the pipeline), every cycle checked. exact: m_ready is always high
 * (only input gaps), so exact latency and full throughput are checked too.
 * The random handshakes would defeat branch prediction, so the bookkeeping is
 * arithmetic and a rule violation is one rarely taken branch.
 */
ALWAYS_INLINE void loop(run_t *u, dut_t *d, uint64_t *cycp, const int exact)
{
    const ctx_t *t = u->t;
    const cosim_opts_t *o = t->o;
    rings_t *r = u->r;
    stats_t *st = u->st;
    const uint64_t n = u->sl->n, L = (uint64_t)u->latency, timeout = o->timeout;
    const uint64_t stop = u->sl->stop_cycle;
    const uint32_t omask = t->omask;
    const uint32_t gap_thr = (uint32_t)(o->gap_p * 4294967296.0);
    const uint32_t bp_thr = (uint32_t)(o->bp_p * 4294967296.0);
    const uint32_t blen = (uint32_t)(2 * L + 4);
    FILE *dump = u->sl->dump;
    const int show = t->job == 0 && (o->progress == 1 || (o->progress < 0 && !o->quiet && isatty(2)));
    double t0 = now_s(), tlast = t0;
    uint64_t cyc = *cycp, last_prog = cyc;
    uint64_t gen = 0, nin = 0, nout = 0;
    uint64_t low = 0;            /* refill when nin reaches this */
    uint32_t gprev = t->gain;
    uint64_t rng = 0x9e3779b97f4a7c15ull ^ (o->seed * 0xbf58476d1ce4e5b9ull) ^
                   ((uint64_t)t->job << 32);
    uint32_t sv = 0, mr = 1, bp_burst = 0, gap_burst = 0, held = 0;
    uint64_t held_val = 0, hold_run = 0;
    uint64_t c_gap = 0, c_in_stall = 0, c_out_hold = 0, c_long = 0;
    dut_io_t io = { 0 };
    int drain = 0;
    uint64_t drain_end = 0;

    for (;;) {
        if (UNLIKELY(nin >= low)) {
            while (gen < n && gen - nout + BLK <= RING - BLK)
                refill(u, &gen, &gprev);
            low = gen > BLK / 2 ? gen - BLK / 2 : gen;
            if (gen == n)
                low = UINT64_MAX;
            if (UNLIKELY(nin - nout > MAX_INFLIGHT)) {
                err_proto(u, cyc, "the DUT took more samples than it can hold without "
                          "giving any out", nout, 1);
                break;
            }
        }
        /* drive: a new sample is offered unless a gap is drawn; once offered it
         * stays until taken (AXI-Stream) */
        uint32_t need = (sv == 0) & (nin < n);
        if (gap_thr) {
            uint64_t rv = xs_next(&rng);
            uint32_t inb = gap_burst != 0;
            uint32_t pass = (uint32_t)(rv >> 32) >= gap_thr;
            uint32_t start = need & (inb ^ 1) & (pass ^ 1) & ((rv & 0xfff) == 0);
            uint32_t go = need & (inb ^ 1) & pass;
            gap_burst = start ? blen + (uint32_t)((rv >> 12) & 15) : gap_burst - (need & inb);
            sv |= go;
            c_gap += need & (go ^ 1);
        } else {
            sv |= need;
        }
        if (bp_thr) {
            uint64_t rv = xs_next(&rng);
            uint32_t inb = bp_burst != 0;
            mr = (inb ^ 1) & ((uint32_t)(rv >> 32) >= bp_thr);
            uint32_t start = (inb ^ 1) & ((rv & 0xfff) == 0);
            bp_burst = start ? blen + (uint32_t)((rv >> 12) & 15) : bp_burst - inb;
        }
        uint64_t si = nin & RMASK;
        io.s_valid = sv;
        io.s_data = r->xr[si];
        io.s_gain = r->g[si];
        io.m_ready = mr;
        dut_cycle(d, &io);

        /* output side: a result shown for the first time is checked; one still
         * held (m_ready was low) must not have changed */
        uint32_t mv = io.m_valid & 1;
        uint64_t got = (io.m_data & omask) | (uint64_t)(io.m_ovf & 1) << 32;
        uint32_t have = nout != nin;
        uint64_t so = nout & RMASK, due = r->acc[so] + L;
        uint32_t same = held & mv & (got == held_val);
        uint32_t fresh = mv & (same ^ 1);
        uint32_t late = exact ? cyc != due : cyc < due;
        uint32_t bad = (held & (same ^ 1)) | (fresh & (have ^ 1)) |
                       (fresh & have & ((got != r->exp[so]) | late)) |
                       (exact & (mv ^ 1) & have & (due == cyc));
        if (UNLIKELY(bad) && stall_bad(u, cyc, held, same, mv, got, nout, nin, exact))
            break;
        uint32_t pop = mv & mr & have;
        if (dump && pop)
            dump_line(dump, sext(got & 0xffffffffu, t->c->out.w), (unsigned)(got >> 32));
        nout += pop;
        last_prog = pop ? cyc : last_prog;
        held = mv & (mr ^ 1);
        held_val = got;
        c_out_hold += held;
        c_long += (held ^ 1) & (hold_run > L);
        hold_run = held ? hold_run + 1 : 0;
        /* input side (acc[si] is only read once the sample has been taken) */
        uint32_t sr = io.s_ready & 1, take = sv & sr;
        r->acc[si] = cyc;
        nin += take;
        c_in_stall += sv & (sr ^ 1);
        if (UNLIKELY(exact & sv & (sr ^ 1)) &&
            err_proto(u, cyc, "s_ready low with m_ready high (full throughput lost)", nin, 1))
            break;
        sv &= take ^ 1;
        last_prog = take ? cyc : last_prog;
        cyc++;
        if (UNLIKELY(cyc >= stop))
            break;
        if (UNLIKELY(nout == n)) {
            /* everything is out: a few more cycles must show no extra result */
            if (!drain) {
                drain = 1;
                drain_end = cyc + L + 8;
            } else if (cyc >= drain_end) {
                break;
            }
        }
        if (UNLIKELY(cyc - last_prog > timeout) && !drain) {
            if (u->sl->report) {
                char what[160];
                snprintf(what, sizeof what,
                         "TIMEOUT: no sample taken and no result out for %" PRIu64
                         " cycles, %" PRIu64 " outstanding (deadlock or lost sample)",
                         timeout, nin - nout);
                err_proto(u, cyc, what, nout, nin != nout);
            } else {
                err_note(u, cyc);
            }
            st->fatal = 1;
            break;
        }
        if (UNLIKELY((cyc & 0xfffff) == 0) && show) {
            double tn = now_s();
            if (tn - tlast > 0.5) {
                progress(u, nout, t0, 0);
                tlast = tn;
            }
        }
    }
    if (show)
        progress(u, nout, t0, 1);
    st->samples += nout;
    st->cov[CV_GAP] += c_gap;
    st->cov[CV_IN_STALL] += c_in_stall;
    st->cov[CV_OUT_HOLD] += c_out_hold;
    st->cov[CV_LONG_HOLD] += c_long;
    *cycp = cyc;
}

static void loop_stall(run_t *u, dut_t *d, uint64_t *cyc, int exact)
{
    if (exact)
        loop(u, d, cyc, 1);
    else
        loop(u, d, cyc, 0);
}

/* The full-rate path found a bad cycle: say what is wrong. 1: stop the run. */
static COLD int fast_error(run_t *u, uint64_t c0, uint64_t c, uint64_t w, uint64_t n)
{
    const uint64_t L = (uint64_t)u->latency;
    const uint64_t V = 1ull << DUT_VALID_BIT, R = 1ull << DUT_READY_BIT;
    const uint64_t dm = u->t->omask | 1ull << DUT_OVF_BIT;
    int due = c >= L && c - L < n;
    uint64_t j = c - L;
    if (due)
        u->r->acc[j & RMASK] = c0 + j;
    if (c < n && !(w & R)) {
        u->r->acc[c & RMASK] = c0 + c;
        err_proto(u, c0 + c, "s_ready low with m_ready high (full throughput lost); the "
                  "full-rate run cannot go on", c, 1);
        u->st->fatal = 1;
        return 1;
    }
    if (due && !(w & V))
        return err_proto(u, c0 + c, "m_valid low when the result was due", j, 1);
    if (!due && (w & V))
        return err_proto(u, c0 + c, "m_valid high with no result due (a duplicate, spurious "
                         "or mistimed result)", 0, 0);
    return err_data(u, c0 + c, j, w & dm);
}

/*
 * Full rate (no --stall/--gap/--backpressure): s_valid and m_ready are always
 * high, so the whole output sequence is known in advance: sample j is taken at
 * cycle c0 + j and its result must be on the output, valid, exactly at cycle
 * c0 + j + LATENCY; every other cycle must have m_valid low. The DUT runs a
 * chunk of cycles per call (dut_batch) and every cycle of it is then compared.
 */
/*
 * A chunk in the steady state (every cycle takes a sample and returns one):
 * the expected words have one shape, so the check is a tight loop. False on
 * any difference; the general loop then finds and reports it.
 */
static int steady_ok(const uint64_t *out, const uint64_t *exp, uint64_t e0, uint64_t m,
                     uint64_t mask, uint64_t flags)
{
    uint64_t bad = 0;
    for (uint64_t i = 0; i < m; i++)
        bad |= (out[i] & mask) ^ (exp[(e0 + i) & RMASK] | flags);
    return bad == 0;
}

static void loop_fast(run_t *u, dut_t *d, uint64_t *cycp)
{
    const ctx_t *t = u->t;
    const cosim_opts_t *o = t->o;
    rings_t *r = u->r;
    stats_t *st = u->st;
    const uint64_t n = u->sl->n, L = (uint64_t)u->latency, c0 = *cycp;
    const uint64_t V = 1ull << DUT_VALID_BIT, R = 1ull << DUT_READY_BIT;
    const uint64_t dm = t->omask | 1ull << DUT_OVF_BIT;
    uint64_t total = n + L + 8;   /* drive n samples, then drain */
    if (u->sl->stop_cycle != UINT64_MAX)
        total = u->sl->stop_cycle > c0 ? u->sl->stop_cycle - c0 : 0;
    FILE *dump = u->sl->dump;
    const int show = t->job == 0 && (o->progress == 1 || (o->progress < 0 && !o->quiet && isatty(2)));
    double t0 = now_s(), tlast = t0;
    uint64_t gen = 0, checked = 0, k;
    uint32_t gprev = t->gain;
    int stop = 0;

    for (k = 0; k < total && !stop; k += CH) {
        uint64_t m = total - k < CH ? total - k : CH;
        while (gen < n && gen < k + m)
            refill(u, &gen, &gprev);
        uint64_t nv = k < n ? (n - k < m ? n - k : m) : 0;
        size_t s0 = (size_t)(k & RMASK);
        dut_batch(d, r->xr + s0, r->g + s0, (size_t)nv, (size_t)m, r->out);
        if (k >= L && k + m <= n && steady_ok(r->out, r->exp, k - L, m, dm | V | R, V | R)) {
            checked += m;
        } else for (uint64_t i = 0; i < m; i++) {
            uint64_t c = k + i, w = r->out[i];
            uint64_t rr = c < n ? R : 0;
            int due = c >= L && c - L < n;
            uint64_t want = due ? r->exp[(c - L) & RMASK] | V | rr : rr;
            uint64_t mask = due ? dm | V | rr : V | rr;
            if (UNLIKELY((w & mask) != want) && fast_error(u, c0, c, w, n)) {
                stop = 1;
                m = i + 1;
                break;
            }
            checked += (uint64_t)due;
        }
        if (dump) {
            for (uint64_t i = 0; i < m; i++) {
                uint64_t c = k + i;
                if (c >= L && c - L < n && (r->out[i] & V))
                    dump_line(dump, sext(r->out[i] & t->omask, t->c->out.w),
                              (unsigned)(r->out[i] >> DUT_OVF_BIT) & 1);
            }
        }
        if (stop)
            total = k + m;
        if (UNLIKELY((k & 0xfffff) == 0) && show) {
            double tn = now_s();
            if (tn - tlast > 0.5) {
                u->st->samples = checked;
                progress(u, checked, t0, 0);
                tlast = tn;
            }
        }
    }
    if (show)
        progress(u, checked, t0, 1);
    st->samples = checked;
    *cycp = c0 + (k < total ? k : total);
}

/* Reset: two cycles with rst high, then one idle; m_valid must stay low. */
static int do_reset(run_t *u, dut_t *d, uint64_t *cyc)
{
    dut_io_t io = { 0 };
    for (int k = 0; k < 3; k++) {
        io.rst = k < 2;
        io.s_valid = 0;
        io.m_ready = 1;
        dut_cycle(d, &io);
        if (k > 0 && (io.m_valid & 1) &&
            err_proto(u, *cyc, "m_valid high after reset with no sample taken", 0, 0))
            return -1;
        ++*cyc;
    }
    return 0;
}

/* A netlist has no LATENCY: send one sample, count the cycles. */
static int measure_latency(dut_t *d, uint64_t *cyc)
{
    dut_io_t io = { 0 };
    io.s_valid = 1;
    io.m_ready = 1;
    uint64_t taken = 0;
    int have = 0;
    for (int k = 0; k < 1000; k++) {
        dut_cycle(d, &io);
        if (!have && (io.s_ready & 1)) {
            have = 1;
            taken = *cyc;
            io.s_valid = 0;
        } else if (have && (io.m_valid & 1)) {
            ++*cyc;
            return (int)(*cyc - 1 - taken);
        }
        ++*cyc;
    }
    return -1;
}

static int run_slice(const ctx_t *t, const slice_t *sl, stats_t *st)
{
    memset(st, 0, sizeof *st);
    st->first_bad_cycle = UINT64_MAX;
    rings_t *r = calloc(1, sizeof *r);
    if (!r) {
        fprintf(stderr, "cosim: out of memory\n");
        return -1;
    }
    run_t u = { t, sl, r, st, 0 };
    dut_t *d = dut_new();
    if (sl->trace && dut_trace_open(d, sl->trace, sl->tr_from, sl->tr_to) < 0) {
        fprintf(stderr, "cosim: %s: cannot write the waveform\n", sl->trace);
        dut_free(d);
        free(r);
        return -1;
    }
    uint64_t cyc = 0;
    int lat = dut_latency(d);
    const cosim_opts_t *o = t->o;
    if (do_reset(&u, d, &cyc) < 0)
        goto out;
    if (lat < 0) {
        lat = measure_latency(d, &cyc);
        st->latency_measured = 1;
        if (lat < 0) {
            err_proto(&u, cyc, "no result within 1000 cycles of the first sample: cannot "
                      "measure the latency", 0, 0);
            st->fatal = 1;
            goto out;
        }
        if (do_reset(&u, d, &cyc) < 0)
            goto out;
    }
    if (o->latency >= 0 && o->latency != lat) {
        char what[128];
        snprintf(what, sizeof what, "the DUT's latency is %d (%s), --latency says %d", lat,
                 st->latency_measured ? "measured" : "its LATENCY parameter", o->latency);
        err_proto(&u, cyc, what, 0, 0);
        lat = o->latency;
    }
    u.latency = st->latency = lat;
    double t0 = now_s();
    if (o->gap_p > 0 || o->bp_p > 0)
        loop_stall(&u, d, &cyc, o->bp_p == 0);
    else
        loop_fast(&u, d, &cyc);
    st->seconds = now_s() - t0;
out:
    st->cycles = cyc;
    if (o->coverage)
        dut_coverage_write(d, o->coverage); /* a coverage build: checked before the run */
    dut_free(d);
    free(r);
    return 0;
}

/* ---- summary ---- */

static void summary(const ctx_t *t, const stats_t *st, int jobs, double wall)
{
    const cosim_opts_t *o = t->o;
    const gs_config_t *c = t->c;
    const dut_info_t *di = dut_info();
    char cfg[200];
    gs_cli_describe(&o->cli, cfg, sizeof cfg);
    printf("cosim: DUT %s%s, LATENCY %d%s\n", di->src, di->netlist ? " (netlist)" : "",
           st->latency, st->latency_measured ? " (measured)" : "");
    printf("cosim: config %s\n", cfg);
    gs_cli_report_gain(&o->cli, stdout);
    printf("cosim: stimulus");
    if (o->corners)
        printf(" corners %zu", t->nc);
    if (o->vectors)
        printf(" vectors %zu (%s)", o->n_vec, o->vectors);
    if (o->random)
        printf(" random %" PRIu64 " (seed %" PRIu64 "%s)", o->random_n, o->seed,
               o->fixed_gain ? ", fixed gain" : "");
    if (o->exhaustive) {
        if (o->all_gains)
            printf(" exhaustive 2^%d x gains %" PRIu32 "..%" PRIu32, c->in.w, o->g_lo, o->g_hi);
        else
            printf(" exhaustive 2^%d", c->in.w);
    }
    if (o->gap_p > 0 || o->bp_p > 0)
        printf("; handshakes: s_valid gaps %.3g, m_ready low %.3g", o->gap_p, o->bp_p);
    else
        printf("; handshakes: full rate");
    printf("\n");
    double rate = st->seconds > 0 ? (double)st->samples / st->seconds : 0;
    printf("cosim: samples %" PRIu64 ", cycles %" PRIu64 ", overflows %" PRIu64
           ", mismatches %" PRIu64 ", %.2f s, %.3f Msamples/s%s\n",
           st->samples, st->cycles, st->overflows, st->errors, wall, rate / 1e6,
           jobs > 1 ? " (all jobs)" : "");
    if (jobs > 1)
        printf("cosim: %d jobs, wall clock %.2f s: %.3f Msamples/s overall\n", jobs, wall,
               wall > 0 ? (double)st->samples / wall / 1e6 : 0.0);
    int ties = c->shift > 0, wrap = c->overflow == GS_OVF_WRAP;
    printf("coverage:");
    for (int k = 0; k < CV_N; k++) {
        int na = ((k == CV_RAIL_POS || k == CV_RAIL_NEG) && wrap) || (k == CV_WRAP && !wrap) ||
                 (k >= CV_INEXACT_POS && k <= CV_TIE_NEG_ODD && !ties) ||
                 (k == CV_GAP && o->gap_p == 0) ||
                 ((k == CV_IN_STALL || k == CV_OUT_HOLD || k == CV_LONG_HOLD) && o->bp_p == 0);
        if (k == CV_GAP)
            printf("\ncoverage (handshakes):");
        if (na)
            printf(" %s n/a%s", cv_name[k], k + 1 < CV_N && k != CV_GAIN_CHANGE ? "," : "");
        else
            printf(" %s %" PRIu64 "%s%s", cv_name[k], st->cov[k], st->cov[k] ? "" : " (not hit)",
                   k + 1 < CV_N && k != CV_GAIN_CHANGE ? "," : "");
    }
    printf("\n");
}

static void merge(stats_t *a, const stats_t *b)
{
    a->samples += b->samples;
    a->cycles += b->cycles;
    a->overflows += b->overflows;
    a->errors += b->errors;
    for (int k = 0; k < CV_N; k++)
        a->cov[k] += b->cov[k];
    if (b->first_bad_cycle < a->first_bad_cycle)
        a->first_bad_cycle = b->first_bad_cycle;
    a->fatal |= b->fatal;
    a->latency = b->latency;
    a->latency_measured = b->latency_measured;
    if (b->seconds > a->seconds)
        a->seconds = b->seconds;
}

static int copy_file(FILE *dst, const char *src)
{
    FILE *f = fopen(src, "rb");
    if (!f)
        return -1;
    char buf[65536];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, f)) > 0)
        if (fwrite(buf, 1, n, dst) != n) {
            fclose(f);
            return -1;
        }
    fclose(f);
    return 0;
}

int cosim_run(cosim_opts_t *o)
{
    ctx_t t;
    memset(&t, 0, sizeof t);
    t.o = o;
    t.c = &o->cli.cfg;
    t.gain = o->cli.gain_code;
    int iw = t.c->in.w;
    t.xmin = -((int64_t)1 << (iw - 1));
    t.xmax = ((int64_t)1 << (iw - 1)) - 1;
    t.imask = (uint32_t)(((uint64_t)1 << iw) - 1);
    t.omask = (uint32_t)(((uint64_t)1 << t.c->out.w) - 1);
    t.gmax = (uint32_t)(((uint64_t)1 << t.c->gain.w) - 1);
    {
        int gw = t.c->gain.w, gf = t.c->gain.f;
        uint32_t one = gf < gw ? (uint32_t)1 << gf : t.gmax;
        uint32_t sp[8] = { 0, 1, t.gmax, t.gmax - (t.gmax > 0), one, (uint32_t)1 << (gw - 1),
                           (one + 1) & t.gmax, 0 };
        memcpy(t.gsp, sp, sizeof sp);
        t.thr_num[0] = -ldexp((double)t.c->y_min - 0.5, t.c->shift);
        t.thr_num[1] = -ldexp((double)t.c->y_max + 0.5, t.c->shift);
    }

    /* the compiled model must be the configuration asked for */
    const dut_info_t *di = dut_info();
    const gs_config_t *c = t.c;
    if (di->in_w != c->in.w || di->in_f != c->in.f || di->g_w != c->gain.w ||
        di->g_f != c->gain.f || di->out_w != c->out.w || di->out_f != c->out.f ||
        di->round != (int)c->round || di->overflow != (int)c->overflow) {
        fprintf(stderr, "cosim: this simulator was built for another configuration "
                "(run it through the cosim command)\n");
        return 2;
    }
    if (o->trace && !di->traced) {
        fprintf(stderr, "cosim: --trace: this simulator was built without tracing\n");
        return 2;
    }
    if (o->coverage && !di->coverage) {
        fprintf(stderr, "cosim: --coverage: this simulator was built without coverage\n");
        return 2;
    }
    if (cosim_opts_load(o) < 0)
        return 2;
    if (o->corners)
        corners_make(&t);
    t.base_vec = o->corners ? t.nc : 0;
    t.base_rand = t.base_vec + o->n_vec;
    t.base_exh = t.base_rand + (o->random ? o->random_n : 0);
    t.total = cosim_opts_total(o, t.nc);
    if (t.total == 0) {
        fprintf(stderr, "cosim: no samples to run\n");
        return 2;
    }

    FILE *dump = NULL;
    if (o->dump) {
        dump = fopen(o->dump, "w");
        if (!dump) {
            fprintf(stderr, "cosim: --dump %s: cannot write: %s\n", o->dump, strerror(errno));
            return 2;
        }
        setvbuf(dump, NULL, _IOFBF, 1 << 20);
    }
    stats_t tot;
    memset(&tot, 0, sizeof tot);
    tot.first_bad_cycle = UINT64_MAX;
    double w0 = now_s();
    int jobs = o->jobs;
    if ((uint64_t)jobs > t.total)
        jobs = (int)t.total;
    t.jobs = jobs;

    if (jobs == 1) {
        slice_t sl = { 0, t.total, 1, o->trace, 0, 0, UINT64_MAX, dump };
        if (o->trace)
            sl.tr_to = o->trace_all ? UINT64_MAX : 2 * o->trace_window;
        if (run_slice(&t, &sl, &tot) < 0)
            return 2;
        /* a window around the first mismatch: when the first run's trace ends
         * before the window does, replay the same run over the window */
        uint64_t tr_from = 0, tr_to = sl.tr_to;
        if (o->trace && !o->trace_all && tot.errors &&
            tot.first_bad_cycle + o->trace_window + 1 > sl.tr_to) {
            uint64_t fb = tot.first_bad_cycle, w = o->trace_window;
            tr_from = fb >= w ? fb - w : 0;
            tr_to = fb + w + 1;
            stats_t st2;
            slice_t rs = { 0, t.total, 0, o->trace, tr_from, tr_to, tr_to, NULL };
            t.job = 0;
            if (run_slice(&t, &rs, &st2) < 0)
                return 2;
        }
        if (o->trace) {
            uint64_t a = tr_from, b = tr_to < tot.cycles ? tr_to : tot.cycles;
            if (!o->quiet)
                printf("cosim: waveform %s: cycles %" PRIu64 "..%" PRIu64
                       " (time = 2 x cycle)\n", o->trace, a, b);
        }
    } else {
        pid_t pid[64];
        int fd[64];
        fflush(stdout);
        fflush(stderr);
        for (int j = 0; j < jobs; j++) {
            int p[2];
            if (pipe(p) < 0) {
                perror("cosim: pipe");
                return 2;
            }
            uint64_t lo = t.total * (uint64_t)j / (uint64_t)jobs;
            uint64_t hi = t.total * (uint64_t)(j + 1) / (uint64_t)jobs;
            pid[j] = fork();
            if (pid[j] < 0) {
                perror("cosim: fork");
                return 2;
            }
            if (pid[j] == 0) {
                close(p[0]);
                t.job = j;
                FILE *pd = NULL;
                char part[4096];
                if (dump) {
                    snprintf(part, sizeof part, "%s.part%d", o->dump, j);
                    pd = fopen(part, "w");
                    if (!pd)
                        _exit(2);
                    setvbuf(pd, NULL, _IOFBF, 1 << 20);
                }
                slice_t sl = { lo, hi - lo, 1, NULL, 0, 0, UINT64_MAX, pd };
                stats_t st;
                int rc = run_slice(&t, &sl, &st);
                if (pd && fclose(pd) != 0)
                    rc = -1;
                if (rc == 0 && write(p[1], &st, sizeof st) != (ssize_t)sizeof st)
                    rc = -1;
                fflush(stderr);
                _exit(rc == 0 ? 0 : 2);
            }
            close(p[1]);
            fd[j] = p[0];
        }
        int fail = 0;
        for (int j = 0; j < jobs; j++) {
            stats_t st;
            ssize_t nr = read(fd[j], &st, sizeof st);
            close(fd[j]);
            int status = 0;
            waitpid(pid[j], &status, 0);
            if (nr != (ssize_t)sizeof st || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
                fprintf(stderr, "cosim: job %d failed\n", j);
                fail = 1;
                continue;
            }
            merge(&tot, &st);
            if (dump) {
                char part[4096];
                snprintf(part, sizeof part, "%s.part%d", o->dump, j);
                if (copy_file(dump, part) < 0)
                    fail = 1;
                remove(part);
            }
        }
        if (fail)
            return 2;
    }
    double wall = now_s() - w0;
    if (dump && fclose(dump) != 0) {
        fprintf(stderr, "cosim: --dump %s: write error\n", o->dump);
        return 2;
    }
    if (!o->quiet)
        summary(&t, &tot, jobs, wall);
    free(t.cx);
    free(t.cg);
    free(o->vec);
    o->vec = NULL;
    if (tot.errors) {
        printf("cosim: FAIL: %" PRIu64 " error%s (mismatch or handshake rule)%s, first at cycle %" PRIu64 "\n",
               tot.errors, tot.errors == 1 ? "" : "s",
               tot.fatal ? ", run stopped" : tot.errors >= o->max_errors ? ", stopped at --max-errors" : "",
               tot.first_bad_cycle);
        return 1;
    }
    printf("cosim: PASS: %" PRIu64 " samples, every output matched the C model\n", tot.samples);
    return 0;
}
