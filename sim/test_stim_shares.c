/*
 * test_stim_shares.c - the random stimulus gives each kind of sample its share,
 * and the coverage classifier counts what it sees (make cosim-stimulus). 2^20
 * samples of gen_random() per configuration are sorted here with int64
 * arithmetic of this file (a floor division, not the model's or the harness'
 * shifts): exact rounding ties (g*x mod 2^s = 2^(s-1); x < 0 and x > 0 each) and
 * their +-1 * neighbours among the samples whose gain has a tie in range, inputs at the
 * input rails and small ones, inputs within 3 of a saturation threshold among
 * the samples whose gain has one in range (each rail apart), results on or past
 * an output rail (sat's rails, and sat-sym's, whose low rail is one step up;
 * wrap's results reduced modulo 2^OUT_W for the bins).
 * Each must reach half the share stim_random.c promises. Then
 * classify() gets the same samples with results computed here and must give
 * the bins counted here, in its 32-bit and its 64-bit loop.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "run.h"

int test_ctx(cosim_opts_t *o, ctx_t *t, char **argv);

#define N_SH (1u << 20)

typedef struct {
    int s, w;
    int64_t xmin, xmax, ymin, ymax;
} ref_t;

/* floor(p / 2^s) and the remainder in [0, 2^s), by C's truncating division */
static int64_t fdiv(int64_t p, int s, int64_t *rem)
{
    int64_t m = (int64_t)1 << s, q = p / m, r = p % m;
    if (r < 0) {
        q -= 1;
        r += m;
    }
    *rem = r;
    return q;
}

/* -(g*x) / 2^s rounded half to even */
static int64_t rounded(const ref_t *R, uint32_t g, int64_t x)
{
    int64_t r, q = fdiv(-((int64_t)g * x), R->s, &r), h = (int64_t)1 << (R->s - 1);
    if (r > h || (r == h && (q % 2 != 0)))
        q += 1;
    return q;
}

/* that clipped to the output range: -1, 0, 1 for below, in, above it */
static int sat_of(const ref_t *R, uint32_t g, int64_t x, int64_t *y)
{
    int64_t q = rounded(R, g, x);
    *y = q > R->ymax ? R->ymax : q < R->ymin ? R->ymin : q;
    return q > R->ymax ? 1 : q < R->ymin ? -1 : 0;
}

static int is_tie(const ref_t *R, uint32_t g, int64_t x)
{
    int64_t r;
    fdiv((int64_t)g * x, R->s, &r);
    return x >= R->xmin && x <= R->xmax && r == (int64_t)1 << (R->s - 1);
}

/* a tie exists for g: x = odd * 2^e with e = s - 1 - ctz(g) in [0, W-1] */
static int tie_gain(const ref_t *R, uint32_t g)
{
    int z = 0;
    if (g == 0)
        return 0;
    while (!(g >> z & 1))
        z++;
    return R->s - 1 - z >= 0 && R->s - 1 - z <= R->w - 1;
}

/* x within 3 of a change between saturating at rail `side` and not */
static int near_thr(const ref_t *R, uint32_t g, int64_t x, int side)
{
    int in = 0, out = 0;
    int64_t y;
    for (int64_t d = -3; d <= 3; d++) {
        if (x + d < R->xmin || x + d > R->xmax)
            continue;
        if (sat_of(R, g, x + d, &y) == side)
            out = 1;
        else
            in = 1;
    }
    return in && out;
}

static int fails;

static void share(const char *name, const char *what, uint64_t hit, uint64_t of, double want)
{
    int bad = of < N_SH / 16 || (double)hit < 0.5 * want * (double)of;
    printf("test_stimulus: %s %s: %-28s %7" PRIu64 " of %7" PRIu64 " (%.3f, share %.3f, half of it needed)\n",
           bad ? "FAIL" : "ok  ", name, what, hit, of, of ? (double)hit / (double)of : 0.0, want);
    fails += bad;
}

static void check_cfg(const char *name, char *in, char *gf, char *out, char *ovf)
{
    char *argv[] = { "test_stimulus", "--in", in, "--gain-fmt", gf, "--out", out, "--round",
                     "half-even", "--overflow", ovf, "--random", "1M", "--seed", "3", NULL };
    cosim_opts_t o;
    ctx_t t;
    if (test_ctx(&o, &t, argv) != 0) {
        printf("test_stimulus: FAIL %s: options refused\n", name);
        fails++;
        return;
    }
    const gs_config_t *c = &o.cli.cfg;
    /* the output rails from the formats and the overflow option (sat-sym: the
     * low rail mirrors the high one), not from the configuration's y_min */
    int sym = strcmp(ovf, "sat-sym") == 0, wrap = strcmp(ovf, "wrap") == 0;
    ref_t R = { c->in.f + c->gain.f - c->out.f, c->in.w, -((int64_t)1 << (c->in.w - 1)),
                ((int64_t)1 << (c->in.w - 1)) - 1, -((int64_t)1 << (c->out.w - 1)) + sym,
                ((int64_t)1 << (c->out.w - 1)) - 1 };
    int32_t *x = malloc(N_SH * sizeof *x);
    uint32_t *g = malloc(N_SH * sizeof *g);
    uint64_t *exp = malloc(N_SH * sizeof *exp);
    if (!x || !g || !exp) {
        printf("test_stimulus: out of memory\n");
        exit(1);
    }
    gen_random(&t, 0, N_SH, x, g);
    uint64_t tg = 0, tie = 0, tie_neg = 0, nb = 0, rail_in = 0, small = 0, rail_out = 0;
    uint64_t el[2] = { 0, 0 }, near[2] = { 0, 0 };
    uint64_t want[CV_N] = { 0 }, cov[CV_N] = { 0 };
    uint32_t prev = 7;
    int64_t m = (int64_t)1 << R.s, h = m / 2;
    const uint64_t om = ((uint64_t)1 << c->out.w) - 1;   /* the output code's bits */
    for (uint32_t i = 0; i < N_SH; i++) {
        int64_t xi = x[i], y, r;
        uint32_t gi = g[i];
        int st = sat_of(&R, gi, xi, &y);
        /* wrap: the rounded value reduced into the output range modulo 2^OUT_W */
        int64_t yw = y;
        if (wrap && st != 0) {
            int64_t r0;
            fdiv(rounded(&R, gi, xi) - R.ymin, c->out.w, &r0);
            yw = R.ymin + r0;
        }
        exp[i] = ((uint64_t)yw & om) | (uint64_t)(st != 0) << 32;
        /* the shares */
        if (tie_gain(&R, gi)) {
            tg++;
            tie += is_tie(&R, gi, xi);
            tie_neg += xi < 0 && is_tie(&R, gi, xi);
            nb += is_tie(&R, gi, xi - 1) || is_tie(&R, gi, xi + 1);
        }
        rail_in += xi <= R.xmin + 3 || xi >= R.xmax - 3;
        small += xi >= -3 && xi <= 3;
        rail_out += y == R.ymax || y == R.ymin;
        for (int k = 0; k < 2; k++) {
            int side = k ? 1 : -1;
            int64_t y2;
            if (sat_of(&R, gi, R.xmin, &y2) == side || sat_of(&R, gi, R.xmax, &y2) == side) {
                el[k]++;
                near[k] += near_thr(&R, gi, xi, side);
            }
        }
        /* the bins, as coverage.c names them */
        int64_t p = -((int64_t)gi * xi), q = fdiv(p, R.s, &r);
        want[wrap ? CV_WRAP : CV_RAIL_POS] += st == 1;
        want[wrap ? CV_WRAP : CV_RAIL_NEG] += st == -1;
        want[CV_MAX_IN] += st == 0 && y == R.ymax;
        want[CV_MIN_IN] += st == 0 && y == R.ymin;
        want[CV_ZERO] += yw == 0;
        want[CV_EXACT] += r == 0;
        want[CV_INEXACT_POS] += r != 0 && r != h && p > 0;
        want[CV_INEXACT_NEG] += r != 0 && r != h && p < 0;
        want[r != h ? CV_N - 1 : p > 0 ? (q % 2 ? CV_TIE_POS_ODD : CV_TIE_POS_EVEN)
                                        : (q % 2 ? CV_TIE_NEG_ODD : CV_TIE_NEG_EVEN)] += 1;
        want[CV_GAIN_CHANGE] += gi != prev;
        prev = gi;
    }
    want[CV_N - 1] = 0;
    share(name, "exact ties", tie, tg, 2.0 / 16);
    share(name, "exact ties at x < 0", tie_neg, tg, 1.0 / 16);
    share(name, "exact ties at x > 0", tie - tie_neg, tg, 1.0 / 16);
    share(name, "next to a tie", nb, tg, 2.0 / 16);
    share(name, "at an input rail (+-3)", rail_in, N_SH, 2.0 / 16);
    share(name, "small (|x| <= 3)", small, N_SH, 1.0 / 16);
    share(name, "near the low-rail threshold", near[0], el[0], 1.0 / 16);
    share(name, "near the high-rail threshold", near[1], el[1], 1.0 / 16);
    share(name, "result on/past a rail (floor)", rail_out, el[0] + el[1] ? N_SH : 0, 1.0 / 16);

    uint32_t gp = 7;
    for (uint32_t b = 0; b < N_SH; b += BLK)     /* in the harness' blocks */
        classify(&t, x + b, g + b, exp + b, BLK, &gp, cov);
    int bad = 0, zero = 0;
    for (int k = 0; k <= CV_GAIN_CHANGE; k++) {
        int na = wrap ? k == CV_RAIL_POS || k == CV_RAIL_NEG : k == CV_WRAP;   /* no such bin */
        zero += want[k] == 0 && !na;
        if (cov[k] != want[k]) {
            printf("test_stimulus: FAIL %s: coverage bin %d: classify %" PRIu64
                   ", counted here %" PRIu64 "\n", name, k, cov[k], want[k]);
            bad = 1;
        }
    }
    bad |= zero != 0;    /* every bin hit: a swap of two bins shows */
    printf("test_stimulus: %s %s: classify (%s loop) gives the bins counted here%s\n",
           bad ? "FAIL" : "ok  ", name, c->narrow ? "32-bit" : "64-bit",
           zero ? ", but some are empty" : "");
    fails += bad;
    free(x);
    free(g);
    free(exp);
    free(t.cx);
    free(t.cg);
}

/* the number of failed checks */
int check_shares(void)
{
    check_cfg("s16.15 x u16.12 -> s16.15", "s16.15", "u16.12", "s16.15", "sat"); /* the default */
    check_cfg("s8.7 x u16.12 -> s4.0", "s8.7", "u16.12", "s4.0", "sat");   /* shift 19 >= IN_W */
    check_cfg("s20.16 x u16.12 -> s16.12", "s20.16", "u16.12", "s16.12", "sat"); /* IN_W + G_W = 36 */
    /* sat-sym moves the low rail, and its threshold, up by one output step: with
     * gains below 2^8 that is >= 16 input steps, past the +-3 counted here */
    check_cfg("s16.15 x u8.4 -> s10.7 sat-sym", "s16.15", "u8.4", "s10.7", "sat-sym");
    /* wrap: the same thresholds, classify's wrapped bin instead of the rails */
    check_cfg("s16.15 x u16.12 -> s16.15 wrap", "s16.15", "u16.12", "s16.15", "wrap");
    return fails;
}
