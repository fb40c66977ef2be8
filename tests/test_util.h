/*
 * test_util.h - shared helpers of the unit tests: a seeded PRNG, building a
 * model configuration and its reference twin from one description, and a
 * comparison that reports the first mismatches in full.
 */
#ifndef TEST_UTIL_H
#define TEST_UTIL_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "gainstage.h"
#include "ref_exact.h"
#include "splitmix.h"

/* ---- reproducible random numbers (splitmix64) ---- */
typedef struct { uint64_t s; } rng_t;

static inline uint64_t rng_next(rng_t *r) { return splitmix64(&r->s); }

/* A uniform code of a signed w-bit format, sign-extended. */
static inline int64_t rng_signed(rng_t *r, int w)
{
    uint64_t u = rng_next(r) & ((UINT64_C(1) << w) - 1);
    int64_t half = INT64_C(1) << (w - 1);
    return (int64_t)u >= half ? (int64_t)u - 2 * half : (int64_t)u;
}

/* A uniform code of an unsigned w-bit format. */
static inline uint64_t rng_unsigned(rng_t *r, int w)
{
    return w >= 64 ? rng_next(r) : rng_next(r) & ((UINT64_C(1) << w) - 1);
}

/* Codes biased to the interesting places: uniform half of the time, otherwise
 * small magnitudes, values near the extremes, or a random number of bits. */
static inline int64_t rng_signed_edgy(rng_t *r, int w)
{
    uint64_t k = rng_next(r) % 8;
    int64_t min = -(INT64_C(1) << (w - 1)), max = (INT64_C(1) << (w - 1)) - 1;
    switch (k) {
    case 0: return min + (int64_t)(rng_next(r) % 4);
    case 1: return max - (int64_t)(rng_next(r) % 4);
    case 2: { int64_t v = (int64_t)(rng_next(r) % 9) - 4; /* clamped for tiny w */
              return v < min ? min : v > max ? max : v; }
    case 3: { int b = 1 + (int)(rng_next(r) % (uint64_t)(w - 1));
              return rng_signed(r, b + 1); }
    default: return rng_signed(r, w);
    }
}

static inline uint64_t rng_unsigned_edgy(rng_t *r, int w)
{
    uint64_t k = rng_next(r) % 8;
    uint64_t max = (w >= 64) ? UINT64_MAX : (UINT64_C(1) << w) - 1;
    switch (k) {
    case 0: { uint64_t d = rng_next(r) % 4; return d > max ? max : max - d; }
    case 1: { uint64_t d = rng_next(r) % 4; return d > max ? max : d; }
    case 2: { int b = (int)(rng_next(r) % (uint64_t)w);
              return UINT64_C(1) << b; }
    case 3: { int b = 1 + (int)(rng_next(r) % (uint64_t)w);
              return rng_unsigned(r, b); }
    default: return rng_unsigned(r, w);
    }
}

/* ---- a configuration in both worlds ---- */
typedef struct {
    gs_config_t gs;
    gs_stage_t st;   /* gs prepared (gs_stage_init) */
    ref_cfg_t ref;
    char name[128];
} tcfg_t;

typedef struct { int in_w, in_f, g_w, g_f, out_w, out_f; } tfmt_t;

/* Build and check a model configuration and the matching reference one. The
 * modes are matched by their spec NAMES (gs_round_name / gs_overflow_name). */
static inline void tcfg_make(tcfg_t *t, tfmt_t f, gs_round_t rm, gs_overflow_t om)
{
    memset(t, 0, sizeof *t);
    t->gs.in = (gs_fmt_t){ (uint8_t)f.in_w, (uint8_t)f.in_f, true };
    t->gs.gain = (gs_fmt_t){ (uint8_t)f.g_w, (uint8_t)f.g_f, false };
    t->gs.out = (gs_fmt_t){ (uint8_t)f.out_w, (uint8_t)f.out_f, true };
    t->gs.round = rm;
    t->gs.overflow = om;
    t->ref = (ref_cfg_t){ f.in_w, f.in_f, f.g_w, f.g_f, f.out_w, f.out_f,
                          ref_round_from_name(gs_round_name(rm)),
                          ref_ovf_from_name(gs_overflow_name(om)) };
    snprintf(t->name, sizeof t->name, "s%d.%d x u%d.%d -> s%d.%d %s %s",
             f.in_w, f.in_f, f.g_w, f.g_f, f.out_w, f.out_f,
             gs_round_name(rm), gs_overflow_name(om));
    if (t->ref.round < 0 || t->ref.ovf < 0)
        fail_msg("mode names of the model are not the spec's: %s", t->name);
    gs_status_t st = gs_config_check(&t->gs);
    if (st != GS_OK)
        fail_msg("gs_config_check refused a legal config %s: %s", t->name, gs_strerror(st));
    st = gs_stage_init(&t->st, &t->gs);
    if (st != GS_OK)
        fail_msg("gs_stage_init refused a legal config %s: %s", t->name, gs_strerror(st));
}

/* Mismatch bookkeeping, the one copy every test uses: count all, print the
 * first few in full. */
typedef struct {
    unsigned long long checked, bad;
} tstat_t;

#define TSTAT_SHOW 8

/* Count a check; true when it is a mismatch that is to be printed. */
static inline bool tstat_count(tstat_t *st, bool ok)
{
    st->checked++;
    return !ok && st->bad++ < TSTAT_SHOW;
}

static inline void tstat_report(tstat_t *st, const char *what, const char *cfg,
                                long long x, unsigned long long g,
                                long long y, int ovf, long long ey, int eovf)
{
    if (st->bad++ < TSTAT_SHOW)
        print_error("MISMATCH %s [%s] x=%lld g=%llu: model y=%lld ovf=%d, reference y=%lld ovf=%d\n",
                    what, cfg, x, g, y, ovf, ey, eovf);
}

/* One (x, g) against the reference, through gs_eval and gs_stage_eval;
 * returns 1 if both agree with it. */
static inline int tcheck(tstat_t *st, const tcfg_t *t, int64_t x, uint64_t g)
{
    int eovf;
    int64_t ey = ref_eval(&t->ref, x, g, &eovf);
    bool ovf = false, sovf = false;
    int32_t y = gs_eval(&t->gs, (int32_t)x, (uint32_t)g, &ovf);
    int32_t sy = gs_stage_eval(&t->st, (int32_t)x, (uint32_t)g, &sovf);
    st->checked++;
    if (y != ey || (int)ovf != eovf) {
        tstat_report(st, "gs_eval", t->name, x, g, y, ovf, ey, eovf);
        return 0;
    }
    if (sy != ey || (int)sovf != eovf) {
        tstat_report(st, "gs_stage_eval", t->name, x, g, sy, sovf, ey, eovf);
        return 0;
    }
    return 1;
}

static inline void tstat_assert(const tstat_t *st, const char *what)
{
    print_message("[ info     ] %s: %llu checks, %llu mismatches\n", what, st->checked, st->bad);
    if (st->bad)
        fail_msg("%s: %llu of %llu checks disagree with the reference", what, st->bad, st->checked);
}

/* The factor TEST_SCALE applies to the random sample counts (1 by default). */
static inline double *test_scale(void)
{
    static double scale = 1.0;
    return &scale;
}

/* n scaled by TEST_SCALE, at least 1. */
static inline unsigned long scaled(unsigned long n)
{
    double v = (double)n * *test_scale();
    return v < 1 ? 1 : (unsigned long)v;
}

/* Line-buffered stdout, so that cmocka's stdout and stderr lines keep their
 * order when make pipes them into one log. TEST_ONLY / TEST_SKIP from the
 * environment: cmocka's filters (a glob of test names), so that make can run
 * one binary's tests in two processes. With a seed: TEST_SEED and TEST_SCALE
 * from the environment override the suite's defaults. */
static inline void test_main_init(uint64_t *seed)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    const char *only = getenv("TEST_ONLY"), *skip = getenv("TEST_SKIP");
    if (only && *only)   /* empty: no filter */
        cmocka_set_test_filter(only);
    if (skip && *skip)
        cmocka_set_skip_filter(skip);
    if (!seed)
        return;
    const char *s = getenv("TEST_SEED");
    if (s)
        *seed = strtoull(s, NULL, 0);
    const char *sc = getenv("TEST_SCALE");
    if (sc)
        *test_scale() = strtod(sc, NULL);
    print_message("[ info     ] seed 0x%llx, scale %g\n", (unsigned long long)*seed,
                  *test_scale());
}

#endif
