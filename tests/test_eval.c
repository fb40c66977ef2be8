/*
 * test_eval.c - gs_eval, gs_eval_block and gs_eval_block_gain against the
 * independent reference (ref_exact.h), in all 24 rounding x overflow pairs:
 *   - exhaustively for every input and gain code of formats up to 8 bits;
 *   - on seeded random samples at 16 and 32 bits (reproducible: the seed is
 *     fixed, TEST_SEED in the environment changes it, TEST_SCALE scales counts);
 *   - on directed boundaries: extreme codes, exact ties, saturation thresholds;
 *   - the block APIs element by element against gs_eval.
 */
#include <stdlib.h>

#include "test_util.h"

#define NMODES ((int)GS_ROUND_COUNT * (int)GS_OVF_COUNT)

static uint64_t seed_base = 0x6761696E73746167u; /* "gainstag" */

/* Every mode pair of one format, in an array of 24 configurations. */
static void make_all_modes(tcfg_t *t, tfmt_t f)
{
    for (int r = 0; r < (int)GS_ROUND_COUNT; r++)
        for (int o = 0; o < (int)GS_OVF_COUNT; o++)
            tcfg_make(&t[r * (int)GS_OVF_COUNT + o], f, (gs_round_t)r, (gs_overflow_t)o);
}

static int64_t in_min(tfmt_t f) { return -(INT64_C(1) << (f.in_w - 1)); }
static int64_t in_max(tfmt_t f) { return (INT64_C(1) << (f.in_w - 1)) - 1; }
static uint64_t g_max(tfmt_t f) { return (UINT64_C(1) << f.g_w) - 1; }

/* ---------------------------------------------------------------- exhaustive */

/* Formats of at most 8 bits: positive, zero and negative shifts, odd widths,
 * outputs narrower than the product (saturation), F > W, shifts +-62. */
static const tfmt_t small_fmts[] = {
    { 8, 7, 8, 4, 8, 7 },      /* s = 4 */
    { 8, 0, 8, 0, 16, 0 },     /* s = 0, never overflows */
    { 8, 0, 8, 0, 8, 0 },      /* s = 0, overflows */
    { 8, 7, 8, 7, 8, 7 },      /* s = 7 */
    { 8, 7, 8, 8, 4, 1 },      /* s = 14, narrow out */
    { 8, 0, 8, 0, 12, 5 },     /* s = -5 */
    { 8, 3, 8, 2, 32, 20 },    /* s = -15, wide out */
    { 7, 3, 5, 0, 6, 1 },      /* odd widths s7.3 x u5.0 -> s6.1, s = 2 */
    { 8, 8, 8, 8, 2, 0 },      /* s = 16, W = 2 out */
    { 8, 0, 1, 0, 8, 0 },      /* 1-bit gain */
    { 2, 1, 8, 3, 3, 2 },      /* 2-bit input */
    { 8, 62, 8, 62, 8, 62 },   /* s = 62 */
    { 8, 0, 8, 0, 8, 62 },     /* s = -62 */
    { 8, 10, 8, 12, 8, 0 },    /* F > W, s = 22 */
    { 8, 7, 8, 0, 32, 31 },    /* s = -24 */
    { 5, 4, 3, 1, 9, 5 },      /* s = 0, odd widths */
    { 8, 4, 8, 4, 8, 1 },      /* s = 7 */
    { 8, 1, 8, 1, 31, 0 },     /* s = 2, 31-bit out */
    { 8, 30, 8, 33, 8, 1 },    /* s = 62 */
    { 8, 0, 8, 50, 8, 0 },     /* s = 50: everything rounds to -1/0/1 */
    { 8, 20, 8, 0, 2, 62 },    /* s = -42, 2-bit out */
    { 6, 2, 7, 5, 5, 0 },      /* s = 7 */
    { 3, 0, 2, 1, 2, 0 },      /* tiny */
    { 8, 2, 8, 6, 8, 1 },      /* s = 7, the output keeps 1 fraction bit */
};

static void test_exhaustive_small(void **state)
{
    (void)state;
    tstat_t st = { 0, 0 };
    tcfg_t t[NMODES];
    for (size_t i = 0; i < sizeof small_fmts / sizeof small_fmts[0]; i++) {
        tfmt_t f = small_fmts[i];
        make_all_modes(t, f);
        for (int m = 0; m < NMODES; m++)
            for (int64_t x = in_min(f); x <= in_max(f); x++)
                for (uint64_t g = 0; g <= g_max(f); g++)
                    tcheck(&st, &t[m], x, g);
    }
    tstat_assert(&st, "exhaustive <= 8-bit formats x 24 modes");
}

/* ---------------------------------------------------------------- random */

static const tfmt_t fmts16[] = {
    { 16, 15, 16, 12, 16, 15 },   /* default profile formats, s = 12 */
    { 16, 15, 16, 15, 16, 15 },   /* s = 15 */
    { 16, 0, 16, 0, 32, 0 },      /* s = 0, exact */
    { 16, 15, 16, 12, 12, 8 },    /* narrow out, s = 19 */
    { 16, 4, 16, 4, 24, 20 },     /* s = -12 */
    { 15, 7, 13, 3, 11, 2 },      /* odd widths, s = 8 */
    { 16, 40, 16, 22, 16, 0 },    /* s = 62 */
    { 16, 0, 16, 0, 16, 62 },     /* s = -62 */
    /* either side of the model's 32-bit path (IN_W + G_W <= 32, 1 <= s <= 31) */
    { 17, 16, 16, 12, 16, 15 },   /* 33-bit product, s = 13 */
    { 16, 15, 17, 12, 16, 15 },   /* 33-bit product, s = 12 */
    { 3, 1, 30, 20, 32, 0 },      /* 33-bit product, s = 21 */
    { 2, 1, 30, 20, 32, 0 },      /* 32-bit product, s = 21 */
    { 16, 15, 16, 16, 32, 0 },    /* 32-bit product, s = 31 */
    { 16, 15, 16, 17, 32, 0 },    /* 32-bit product, s = 32 */
};

static const tfmt_t fmts32[] = {
    { 32, 16, 32, 16, 32, 16 },   /* libfixmath formats, s = 16 */
    { 32, 31, 32, 31, 32, 31 },   /* s = 31 */
    { 32, 0, 32, 0, 32, 0 },      /* s = 0: the product is 64 bits wide */
    { 32, 31, 32, 31, 32, 0 },    /* s = 62 */
    { 32, 0, 32, 0, 32, 62 },     /* s = -62 */
    { 32, 31, 32, 12, 16, 15 },   /* 32-bit in, 16-bit out, s = 28 */
    { 32, 10, 32, 5, 32, 30 },    /* s = -15 */
    { 31, 30, 29, 17, 27, 3 },    /* odd widths, s = 44 */
    { 32, 20, 16, 12, 32, 1 },    /* 32 x 16, s = 31 */
};

static void run_random(const tfmt_t *fmts, size_t nfmt, unsigned long n, uint64_t seed,
                       const char *what)
{
    tstat_t st = { 0, 0 };
    tcfg_t t[NMODES];
    for (size_t i = 0; i < nfmt; i++) {
        tfmt_t f = fmts[i];
        rng_t r = { seed + i };
        make_all_modes(t, f);
        for (unsigned long k = 0; k < n; k++) {
            int64_t x = rng_signed_edgy(&r, f.in_w);
            uint64_t g = rng_unsigned_edgy(&r, f.g_w);
            for (int m = 0; m < NMODES; m++)
                tcheck(&st, &t[m], x, g);
        }
    }
    tstat_assert(&st, what);
}

static void test_random16(void **state)
{
    (void)state;
    run_random(fmts16, sizeof fmts16 / sizeof fmts16[0], scaled(1000000), seed_base ^ 16,
               "random 16-bit formats x 24 modes");
}

static void test_random32(void **state)
{
    (void)state;
    run_random(fmts32, sizeof fmts32 / sizeof fmts32[0], scaled(1000000), seed_base ^ 32,
               "random 32-bit formats x 24 modes");
}

/* 16-bit: every input against a handful of gains (0, 1, one, max, ...). */
static void test_all_x_16(void **state)
{
    (void)state;
    tstat_t st = { 0, 0 };
    tcfg_t t[NMODES];
    for (size_t i = 0; i < sizeof fmts16 / sizeof fmts16[0]; i++) {
        tfmt_t f = fmts16[i];
        make_all_modes(t, f);
        uint64_t gs[] = { 0, 1, 2, 3, g_max(f), g_max(f) - 1, UINT64_C(1) << (f.g_w - 1),
                          f.g_f < f.g_w ? UINT64_C(1) << f.g_f : 5, 0x4B33 & g_max(f) };
        for (int m = 0; m < NMODES; m++)
            for (size_t k = 0; k < sizeof gs / sizeof gs[0]; k++)
                for (int64_t x = in_min(f); x <= in_max(f); x++)
                    tcheck(&st, &t[m], x, gs[k]);
    }
    tstat_assert(&st, "16-bit: all inputs x directed gains");
}

/* ---------------------------------------------------------------- directed */

/* Extreme codes crossed with extreme gains. */
static void directed_extremes(tstat_t *st, const tcfg_t *t, tfmt_t f)
{
    int64_t xs[] = { in_min(f), in_min(f) + 1, in_min(f) + 2, -2, -1, 0, 1, 2,
                     in_max(f) - 1, in_max(f) };
    uint64_t gm = g_max(f);
    uint64_t gs[] = { 0, 1, 2, gm, gm - 1, gm >> 1, (gm >> 1) + 1,
                      f.g_f < f.g_w ? UINT64_C(1) << f.g_f : 1 };
    for (size_t i = 0; i < sizeof xs / sizeof xs[0]; i++)
        for (size_t k = 0; k < sizeof gs / sizeof gs[0]; k++)
            if (xs[i] >= in_min(f) && xs[i] <= in_max(f) && gs[k] <= gm)
                tcheck(st, t, xs[i], gs[k]);
}

static unsigned long n_ties;

/* Exact ties: g*x = odd * 2^(s-1) (so P / 2^s is exactly half-way), and the
 * products one step either side of them through x +- 1. */
static void directed_ties(tstat_t *st, const tcfg_t *t, tfmt_t f, rng_t *r, int n)
{
    int s = f.in_f + f.g_f - f.out_f;
    if (s <= 0)
        return;
    for (int k = 0; k < n; k++) {
        /* split 2^(s-1) between x (at most in_w-2 zero bits so an odd
         * multiple fits) and g (at most g_w-1) */
        int amax = f.in_w - 2 < s - 1 ? f.in_w - 2 : s - 1;
        int amin = s - 1 - (f.g_w - 1) > 0 ? s - 1 - (f.g_w - 1) : 0;
        if (amin > amax)
            return;     /* no tie is representable */
        int a = amin + (int)(rng_next(r) % (uint64_t)(amax - amin + 1));
        int b = s - 1 - a;
        int xb = f.in_w - 1 - a;    /* bits left for the odd factor of x */
        int gb = f.g_w - b;         /* bits left for the odd factor of g */
        int64_t ox = (int64_t)(rng_next(r) & ((UINT64_C(1) << (xb - 1)) - 1)) * 2 + 1;
        if (xb > 1 && (rng_next(r) & 1))
            ox = -ox;
        if (xb <= 1)
            ox = (rng_next(r) & 1) ? 1 : -1;
        uint64_t og = (rng_unsigned(r, gb - 1 > 0 ? gb - 1 : 0) << 1) | 1;
        if (gb <= 1)
            og = 1;
        int64_t x = ox * (INT64_C(1) << a);
        uint64_t g = og << b;
        if (x >= in_min(f) && x <= in_max(f) && g <= g_max(f)) {
            ref_i128 q, rem;    /* the generator's claim, checked */
            ref_floordiv(-((ref_i128)g * x), ref_pow2(s), &q, &rem);
            if (rem != ref_pow2(s - 1))
                fail_msg("tie generator: x=%lld g=%llu is not a tie [%s]", (long long)x,
                         (unsigned long long)g, t->name);
            n_ties++;
        }
        for (int64_t dx = -1; dx <= 1; dx++)
            if (x + dx >= in_min(f) && x + dx <= in_max(f) && g <= g_max(f))
                tcheck(st, t, x + dx, g);
    }
}

/* Saturation thresholds: x such that R lands on or just beyond each rail. */
static void directed_rails(tstat_t *st, const tcfg_t *t, tfmt_t f, rng_t *r, int n)
{
    int s = f.in_f + f.g_f - f.out_f;
    ref_i128 half = ref_pow2(f.out_w - 1);
    ref_i128 targets[] = { half - 1, half, half + 1, -half, -half - 1, -half + 1, -half + 2 };
    for (int k = 0; k < n; k++) {
        uint64_t g = rng_unsigned_edgy(r, f.g_w);
        if (g == 0)
            continue;
        for (size_t i = 0; i < sizeof targets / sizeof targets[0]; i++) {
            /* x0 ~ -T * 2^s / g */
            ref_i128 num = -targets[i] * (s >= 0 ? ref_pow2(s) : 1);
            ref_i128 den = (ref_i128)g * (s < 0 ? ref_pow2(-s) : 1);
            ref_i128 x0 = num / den;
            for (ref_i128 x = x0 - 2; x <= x0 + 2; x++)
                if (x >= in_min(f) && x <= in_max(f))
                    tcheck(st, t, (int64_t)x, g);
        }
    }
}

static void run_directed(const tfmt_t *fmts, size_t nfmt, uint64_t seed, tstat_t *st)
{
    tcfg_t t[NMODES];
    for (size_t i = 0; i < nfmt; i++) {
        make_all_modes(t, fmts[i]);
        for (int m = 0; m < NMODES; m++) {
            rng_t r = { seed + (uint64_t)(i * 100 + (size_t)m) };
            directed_extremes(st, &t[m], fmts[i]);
            directed_ties(st, &t[m], fmts[i], &r, (int)scaled(300));
            directed_rails(st, &t[m], fmts[i], &r, (int)scaled(100));
        }
    }
}

static void test_directed(void **state)
{
    (void)state;
    tstat_t st = { 0, 0 };
    run_directed(small_fmts, sizeof small_fmts / sizeof small_fmts[0], seed_base ^ 1, &st);
    run_directed(fmts16, sizeof fmts16 / sizeof fmts16[0], seed_base ^ 2, &st);
    run_directed(fmts32, sizeof fmts32 / sizeof fmts32[0], seed_base ^ 3, &st);
    print_message("[ info     ] %lu exact ties among the directed points\n", n_ties);
    assert_true(n_ties >= scaled(300) * 24 * 10);   /* ties in at least 10 formats */
    tstat_assert(&st, "directed extremes, ties, rails");
}

/* Exact ties of the libfixmath formats (odd x times an odd multiple of 2^15,
 * shift 16): half-up and half-down must differ on every one, in the reference
 * and in the model. (The directed tie generator is guarded by its own count in
 * test_directed.) */
static void test_ties_are_ties(void **state)
{
    (void)state;
    tfmt_t f = { 32, 16, 32, 16, 32, 16 };
    tcfg_t up, down;
    tcfg_make(&up, f, GS_ROUND_HALF_UP, GS_OVF_WRAP);
    tcfg_make(&down, f, GS_ROUND_HALF_DOWN, GS_OVF_WRAP);
    rng_t r = { 7 };
    int differ = 0, model_differ = 0;
    for (int k = 0; k < 1000; k++) {
        int64_t x = rng_signed(&r, 16) * 2 + 1;        /* odd */
        uint64_t g = (rng_unsigned(&r, 16) * 2 + 1) << 15;
        int o1, o2;
        bool m1, m2;
        if (ref_eval(&up.ref, x, g, &o1) != ref_eval(&down.ref, x, g, &o2))
            differ++;
        if (gs_eval(&up.gs, (int32_t)x, (uint32_t)g, &m1) !=
            gs_eval(&down.gs, (int32_t)x, (uint32_t)g, &m2))
            model_differ++;
    }
    assert_int_equal(differ, 1000);
    assert_int_equal(model_differ, 1000);
}

/* ---------------------------------------------------------------- blocks */

static void test_blocks(void **state)
{
    (void)state;
    static const size_t lens[] = { 0, 1, 2, 3, 4, 7, 8, 9, 15, 16, 17, 31, 33, 64, 100, 1023, 4097 };
    const tfmt_t fmts[] = { fmts16[0], fmts16[3], fmts16[4], fmts32[0], fmts32[2], fmts32[4],
                            small_fmts[7], small_fmts[12] };
    enum { MAXN = 4097 + 1 };
    int32_t *x = malloc(MAXN * sizeof *x), *y = malloc(MAXN * sizeof *y);
    uint32_t *g = malloc(MAXN * sizeof *g);
    uint8_t *ov = malloc(MAXN);
    assert_non_null(x); assert_non_null(y); assert_non_null(g); assert_non_null(ov);
    rng_t r = { seed_base ^ 0xB10C };
    tstat_t sta = { 0, 0 };
    for (size_t fi = 0; fi < sizeof fmts / sizeof fmts[0]; fi++) {
        tcfg_t t[NMODES];
        make_all_modes(t, fmts[fi]);
        for (int m = 0; m < NMODES; m++)
            for (size_t li = 0; li < sizeof lens / sizeof lens[0]; li++) {
                size_t n = lens[li];
                size_t off = (size_t)(rng_next(&r) % 2);   /* odd start too */
                for (size_t i = 0; i < n + off; i++) {
                    x[i] = (int32_t)rng_signed_edgy(&r, fmts[fi].in_w);
                    g[i] = (uint32_t)rng_unsigned_edgy(&r, fmts[fi].g_w);
                }
                uint32_t g1 = (uint32_t)rng_unsigned_edgy(&r, fmts[fi].g_w);
                for (int pass = 0; pass < 4; pass++) {
                    bool same_gain = pass & 1, null_ovf = pass & 2;
                    memset(y, 0x5A, MAXN * sizeof *y);
                    memset(ov, 0x5A, MAXN);
                    size_t cnt = same_gain
                        ? gs_eval_block_gain(&t[m].gs, x + off, g1, y + off, null_ovf ? NULL : ov + off, n)
                        : gs_eval_block(&t[m].gs, x + off, g + off, y + off, null_ovf ? NULL : ov + off, n);
                    size_t expect_cnt = 0;
                    for (size_t i = 0; i < n; i++) {
                        bool o;
                        uint32_t gi = same_gain ? g1 : g[i + off];
                        int32_t e = gs_eval(&t[m].gs, x[i + off], gi, &o);
                        expect_cnt += o;
                        if (tstat_count(&sta, y[i + off] == e &&
                                                  (null_ovf || ov[i + off] == (uint8_t)o)))
                                print_error("MISMATCH %s [%s] n=%zu i=%zu x=%d g=%u: block y=%d ovf=%d, gs_eval y=%d ovf=%d\n",
                                            same_gain ? "gs_eval_block_gain" : "gs_eval_block",
                                            t[m].name, n, i, x[i + off], gi, y[i + off],
                                            null_ovf ? -1 : ov[i + off], e, o);
                    }
                    if (tstat_count(&sta, cnt == expect_cnt))
                        print_error("MISMATCH overflow count [%s] n=%zu: %zu, expected %zu\n",
                                    t[m].name, n, cnt, expect_cnt);
                    /* nothing written outside [off, off+n) */
                    for (size_t i = n + off; i < MAXN; i++)
                        if (y[i] != 0x5A5A5A5A || ov[i] != 0x5A) {
                            if (tstat_count(&sta, false))
                                print_error("block wrote past n=%zu at %zu [%s]\n", n, i, t[m].name);
                            break;
                        }
                    if (off && (y[0] != 0x5A5A5A5A || ov[0] != 0x5A) && tstat_count(&sta, false))
                        print_error("block wrote before its start [%s]\n", t[m].name);
                }
            }
    }
    free(x); free(y); free(g); free(ov);
    tstat_assert(&sta, "blocks against gs_eval");
}

/* ---------------------------------------------------------------- code ranges */

static void test_code_fits(void **state)
{
    (void)state;
    tcfg_t t;
    tcfg_make(&t, (tfmt_t){ 16, 15, 16, 12, 16, 15 }, GS_ROUND_HALF_EVEN, GS_OVF_SAT);
    assert_true(gs_code_fits_in(&t.gs, -32768));
    assert_true(gs_code_fits_in(&t.gs, 32767));
    assert_false(gs_code_fits_in(&t.gs, -32769));
    assert_false(gs_code_fits_in(&t.gs, 32768));
    assert_false(gs_code_fits_in(&t.gs, INT64_MIN));
    assert_false(gs_code_fits_in(&t.gs, INT64_MAX));
    assert_true(gs_code_fits_gain(&t.gs, 0));
    assert_true(gs_code_fits_gain(&t.gs, 65535));
    assert_false(gs_code_fits_gain(&t.gs, 65536));
    assert_false(gs_code_fits_gain(&t.gs, UINT64_MAX));
    tcfg_make(&t, (tfmt_t){ 32, 16, 32, 16, 32, 16 }, GS_ROUND_HALF_AWAY, GS_OVF_SAT);
    assert_true(gs_code_fits_in(&t.gs, INT32_MIN));
    assert_true(gs_code_fits_in(&t.gs, INT32_MAX));
    assert_false(gs_code_fits_in(&t.gs, (int64_t)INT32_MIN - 1));
    assert_false(gs_code_fits_in(&t.gs, (int64_t)INT32_MAX + 1));
    assert_true(gs_code_fits_gain(&t.gs, UINT32_MAX));
    assert_false(gs_code_fits_gain(&t.gs, (uint64_t)UINT32_MAX + 1));
    tcfg_make(&t, (tfmt_t){ 2, 1, 1, 0, 3, 2 }, GS_ROUND_FLOOR, GS_OVF_WRAP);
    assert_true(gs_code_fits_in(&t.gs, -2));
    assert_true(gs_code_fits_in(&t.gs, 1));
    assert_false(gs_code_fits_in(&t.gs, 2));
    assert_false(gs_code_fits_in(&t.gs, -3));
    assert_true(gs_code_fits_gain(&t.gs, 1));
    assert_false(gs_code_fits_gain(&t.gs, 2));
}

int main(void)
{
    test_main_init(&seed_base);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_exhaustive_small),
        cmocka_unit_test(test_all_x_16),
        cmocka_unit_test(test_random16),
        cmocka_unit_test(test_random32),
        cmocka_unit_test(test_directed),
        cmocka_unit_test(test_ties_are_ties),
        cmocka_unit_test(test_blocks),
        cmocka_unit_test(test_code_fits),
    };
    return cmocka_run_group_tests_name("model vs reference (gs_eval, blocks)", tests, NULL, NULL);
}
