/*
 * coverage.c - functional coverage: which kinds of samples (rails, ties,
 * exact, inexact, ...) and of handshakes the run exercised, and their lines in
 * the summary.
 */
#include <inttypes.h>
#include <stdio.h>

#include "run.h"

static const char *const cv_name[CV_N] = {
    "rail+ (clipped high)", "rail- (clipped low)", "max in range", "min in range",
    "wrapped", "zero", "exact (no rounding)", "inexact P>0", "inexact P<0",
    "tie P>0 even", "tie P>0 odd", "tie P<0 even", "tie P<0 odd", "gain changes",
    "s_valid gap cycles", "s_valid refused (s_ready low)", "m_valid held (m_ready low)",
    "holds longer than LATENCY",
};

/*
 * Coverage of a block of samples and their expected results (the ring words,
 * m_data | m_ovf << 32: an output code is in range, so comparing its OUT_W bits
 * compares the value): branch-free counters (a loop the compiler vectorises),
 * summed into the bins.
 */
_Static_assert(((int64_t)-5 >> 1) == -3, "cosim needs an arithmetic right shift");

/* The counts of one block (n <= 2^32), the product in P: int32_t for the narrow
 * configurations (c->narrow: IN_W + G_W <= 32, so |g*x| < 2^31, and 1 <= shift <= 31),
 * so that gcc's vectors hold 16 samples, else int64_t (shift <= 0 too: frac = 0). */
#define CLASSIFY_LOOP(P)                                                                 \
    for (size_t i = 0; i < n; i++) {                                                     \
        P p = (P)(0 - (uint64_t)g[i] * (uint64_t)(int64_t)x[i]);                         \
        P frac = p & (P)fmask;                                                           \
        uint32_t y = (uint32_t)exp[i] & om;                                              \
        uint32_t o = (uint32_t)(exp[i] >> 32) & 1, hi = y == ymax, lo = y == ymin;       \
        uint32_t tie = frac == (P)half, inex = (frac != 0) & (frac != (P)half);          \
        uint32_t pos = p > 0, odd = (uint32_t)(p >> s) & 1;                              \
        n_ovf += o;                                                                      \
        n_ovf_hi += o & hi;                                                              \
        n_max += (o ^ 1) & hi;                                                           \
        n_min += (o ^ 1) & lo;                                                           \
        n_zero += y == 0;                                                                \
        n_tie += tie;                                                                    \
        n_tie_pos += tie & pos;                                                          \
        n_tie_odd += tie & odd;                                                          \
        n_tie_pos_odd += tie & pos & odd;                                                \
        n_inex += inex;                                                                  \
        n_inex_pos += inex & pos;                                                        \
    }

void classify(const ctx_t *t, const int32_t *restrict x, const uint32_t *restrict g,
              const uint64_t *restrict exp, size_t n, uint32_t *gprev, uint64_t *cov)
{
    const gs_config_t *c = t->c;
    const int s = c->shift > 0 ? c->shift : 0;
    const int64_t fmask = s ? (int64_t)(((uint64_t)1 << s) - 1) : 0;
    const int64_t half = s ? (int64_t)1 << (s - 1) : -1;   /* -1: no tie when s = 0 */
    const uint32_t om = t->omask;
    const uint32_t ymax = (uint32_t)c->y_max & om, ymin = (uint32_t)c->y_min & om;
    uint32_t n_ovf = 0, n_ovf_hi = 0, n_max = 0, n_min = 0, n_zero = 0, n_tie = 0,
             n_tie_pos_odd = 0, n_tie_pos = 0, n_tie_odd = 0, n_inex = 0, n_inex_pos = 0,
             n_chg = 0;
    if (c->narrow) {
        CLASSIFY_LOOP(int32_t)
    } else {
        CLASSIFY_LOOP(int64_t)
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

void coverage_print(const cosim_opts_t *o, const gs_config_t *c, const uint64_t *cov)
{
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
            printf(" %s %" PRIu64 "%s%s", cv_name[k], cov[k], cov[k] ? "" : " (not hit)",
                   k + 1 < CV_N && k != CV_GAIN_CHANGE ? "," : "");
    }
    printf("\n");
}
