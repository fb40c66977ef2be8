/*
 * test_stage.c - prepared stages (gs_stage_*) against the independent
 * reference (ref_exact.h), and the API's answers to misuse (issue 10 item 12):
 *   - the fast block loops (16-bit and general-width, one gain and per-sample
 *     gains, every kind), the careful path and the wide path, in many formats
 *     and all 24 mode pairs, on edge-biased random blocks of awkward lengths,
 *     and every pair of formats up to 8 bits;
 *   - packed flags: the count, bits past n zero, nothing written outside;
 *   - unchecked, refused, zeroed and garbage configurations and stages, a
 *     configuration changed after its check, codes outside their formats,
 *     NULL flags, and parsers that must not write their outputs on failure.
 */
#include <stdlib.h>

#include "test_util.h"
#include "gs_block_alt.h"

#define NMODES ((int)GS_ROUND_COUNT * (int)GS_OVF_COUNT)

static uint64_t seed_base = 0x5354414745u; /* "STAGE" */

/* 16-bit formats (halfword loops), general widths, a clipped window (not
 * sat-fast), wide ones (no fast loop), shifts from -4 to 31. */
static const tfmt_t fmts[] = {
    { 16, 15, 16, 12, 16, 15 },  /* default, s = 12 */
    { 16, 8, 16, 8, 16, 4 },     /* s = 12 */
    { 16, 15, 16, 15, 16, 15 },  /* s = 15 */
    { 16, 15, 16, 1, 8, 0 },     /* s = 16, narrow out */
    { 16, 15, 16, 16, 32, 0 },   /* s = 31 */
    { 16, 15, 16, 12, 32, 0 },   /* s = 27: v can pass 2^31, window clipped */
    { 16, 15, 8, 4, 16, 15 },    /* 16-bit x, 8-bit gain: mixed loops */
    { 12, 11, 10, 3, 9, 4 },     /* odd widths, s = 10 */
    { 8, 7, 8, 4, 8, 7 },        /* s = 4 */
    { 20, 19, 12, 10, 16, 15 },  /* s = 14 */
    { 24, 23, 8, 8, 16, 15 },    /* s = 16 */
    { 2, 1, 30, 3, 3, 2 },       /* 2-bit input, 30-bit gain */
    { 31, 0, 1, 1, 32, 0 },      /* 1-bit gain, s = 1 */
    { 32, 16, 32, 16, 32, 16 },  /* libfixmath formats: wide */
    { 20, 0, 20, 0, 20, 0 },     /* s = 0: wide */
    { 16, 0, 16, 0, 16, 4 },     /* s = -4: wide */
};
#define NFMTS (sizeof fmts / sizeof fmts[0])

static const size_t lens[] = { 0, 1, 3, 7, 8, 9, 15, 16, 17, 31, 32, 33, 40, 48, 49, 63, 64, 65, 100, 1000 };
#define NLENS (sizeof lens / sizeof lens[0])
#define MAXN 1000
#define GUARD 4

/* Blocks of x (and g) through gs_stage_block (per-sample gains, or all equal
 * to g1 when one_gain) and gs_stage_block_gain, element by element against
 * the reference; flags, counts, and the guards around the outputs. */
static void check_block(tstat_t *st, const tcfg_t *t, const int32_t *x, const uint32_t *g,
                        uint32_t g1, bool one_gain, size_t n)
{
    static int32_t ybuf[MAXN + 2 * GUARD];
    static uint32_t bbuf[MAXN / 32 + 1 + 2 * GUARD];
    int32_t *y = ybuf + GUARD;
    uint32_t *bits = bbuf + GUARD;
    for (int api = 0; api < 4; api++) { /* 2, 3: the other range test (gs_block_alt.c) */
        for (size_t i = 0; i < sizeof ybuf / sizeof ybuf[0]; i++)
            ybuf[i] = 0x5A5A5A5A;
        for (size_t i = 0; i < sizeof bbuf / sizeof bbuf[0]; i++)
            bbuf[i] = 0xA5A5A5A5u;
        static const char *const name[4] = { "gs_stage_block", "gs_stage_block_gain",
                                             "gs_alt_stage_block", "gs_alt_stage_block_gain" };
        const char *what = name[api];
        size_t cnt = api == 0 ? gs_stage_block(&t->st, x, g, y, bits, n)
                   : api == 1 ? gs_stage_block_gain(&t->st, x, g1, y, bits, n)
                   : api == 2 ? gs_alt_stage_block(&t->st, x, g, y, bits, n)
                              : gs_alt_stage_block_gain(&t->st, x, g1, y, bits, n);
        size_t eo = 0;
        for (size_t i = 0; i < n; i++) {
            uint32_t gi = api % 2 || one_gain ? g1 : g[i];
            int eovf;
            int64_t ey = ref_eval(&t->ref, x[i], gi, &eovf);
            eo += (size_t)eovf;
            int o = gs_ovf_bit(bits, i);
            if (tstat_count(st, y[i] == ey && o == eovf))
                print_error("MISMATCH %s [%s] n=%zu i=%zu x=%d g=%u: model y=%d ovf=%d, "
                            "reference y=%lld ovf=%d\n", what, t->name, n, i, x[i], gi, y[i],
                            o, (long long)ey, eovf);
        }
        if (tstat_count(st, cnt == eo))
            print_error("MISMATCH %s [%s] n=%zu: %zu overflows, reference %zu\n", what,
                        t->name, n, cnt, eo);
        size_t words = (n + 31) / 32;
        bool tail_zero = n % 32 == 0 || (bits[n / 32] >> (n % 32)) == 0;
        bool guards = bbuf[GUARD - 1] == 0xA5A5A5A5u && bits[words] == 0xA5A5A5A5u &&
                      ybuf[GUARD - 1] == 0x5A5A5A5A && y[n] == 0x5A5A5A5A;
        if (tstat_count(st, tail_zero && guards))
            print_error("%s [%s] n=%zu: flags past n set, or a write outside the block\n",
                        what, t->name, n);
    }
}

static void test_blocks_random(void **state)
{
    (void)state;
    static int32_t x[MAXN];
    static uint32_t g[MAXN];
    tstat_t st = { 0, 0 };
    rng_t r = { seed_base };
    unsigned long reps = scaled(12);
    for (size_t f = 0; f < NFMTS; f++)
        for (int m = 0; m < NMODES; m++) {
            tcfg_t t;
            tcfg_make(&t, fmts[f], (gs_round_t)(m / (int)GS_OVF_COUNT),
                      (gs_overflow_t)(m % (int)GS_OVF_COUNT));
            for (unsigned long k = 0; k < reps; k++)
                for (size_t l = 0; l < NLENS; l++) {
                    size_t n = lens[l];
                    for (size_t i = 0; i < n; i++) {
                        x[i] = (int32_t)rng_signed_edgy(&r, fmts[f].in_w);
                        g[i] = (uint32_t)rng_unsigned_edgy(&r, fmts[f].g_w);
                    }
                    check_block(&st, &t, x, g, g[0], false, n);
                }
        }
    tstat_assert(&st, "stage blocks, 16 formats x 24 modes, random");
}

/* Every (x, g) of formats up to 8 bits, one block of all x per gain. */
static void test_blocks_exhaustive_small(void **state)
{
    (void)state;
    static const tfmt_t small[] = {
        { 8, 7, 8, 4, 8, 7 }, { 8, 7, 8, 7, 8, 7 }, { 8, 7, 8, 8, 4, 1 }, { 7, 3, 5, 0, 6, 1 },
        { 8, 8, 8, 8, 2, 0 }, { 2, 1, 8, 3, 3, 2 }, { 6, 2, 7, 5, 5, 0 }, { 8, 0, 8, 0, 8, 0 },
        { 8, 0, 8, 0, 12, 5 },
    };
    static int32_t x[256];
    static uint32_t g[256];
    tstat_t st = { 0, 0 };
    for (size_t f = 0; f < sizeof small / sizeof small[0]; f++)
        for (int m = 0; m < NMODES; m++) {
            tcfg_t t;
            tcfg_make(&t, small[f], (gs_round_t)(m / (int)GS_OVF_COUNT),
                      (gs_overflow_t)(m % (int)GS_OVF_COUNT));
            size_t nx = (size_t)1 << small[f].in_w;
            for (size_t i = 0; i < nx; i++)
                x[i] = (int32_t)i - (int32_t)(nx / 2);
            for (uint32_t gc = 0; gc >> small[f].g_w == 0; gc++) {
                for (size_t i = 0; i < nx; i++)
                    g[i] = gc;
                check_block(&st, &t, x, g, gc, true, nx);
            }
        }
    tstat_assert(&st, "stage blocks, every pair of 9 formats x 24 modes");
}

/* ---- misuse ---- */

static void expect_refused(const gs_config_t *c, const char *what)
{
    bool o = false;
    int32_t y = gs_eval(c, 1, 1, &o);
    if (y != 0 || !o)
        fail_msg("%s: gs_eval gave y=%d ovf=%d, expected the refusal 0/1", what, y, o);
    int32_t x[5] = { 1, 2, 3, 4, 5 }, ys[5] = { 7, 7, 7, 7, 7 };
    uint32_t g[5] = { 1, 1, 1, 1, 1 };
    uint8_t ov[5] = { 0 };
    if (gs_eval_block(c, x, g, ys, ov, 5) != 5 || ys[4] != 0 || ov[4] != 1)
        fail_msg("%s: gs_eval_block did not refuse", what);
    if (gs_eval_block_gain(c, x, 1, ys, NULL, 5) != 5 || ys[0] != 0)
        fail_msg("%s: gs_eval_block_gain did not refuse", what);
    if (gs_code_fits_in(c, 0) || gs_code_fits_gain(c, 0))
        fail_msg("%s: gs_code_fits_* accepted a code", what);
    uint32_t code = 77;
    if (gs_gain_code_ratio(c, 1, 1, &code) != GS_ERR_GAIN_FMT || code != 77)
        fail_msg("%s: gs_gain_code_ratio did not refuse, or wrote its output", what);
}

static void expect_stage_refused(const gs_stage_t *s, const char *what)
{
    bool o = false;
    int32_t y = gs_stage_eval(s, 1, 1, &o);
    if (y != 0 || !o || gs_stage_ok(s))
        fail_msg("%s: gs_stage_eval gave y=%d ovf=%d, expected the refusal 0/1", what, y, o);
    int32_t x[40] = { 0 }, ys[40];
    uint32_t g[40] = { 0 }, bits[2] = { 0, 0 };
    if (gs_stage_block(s, x, g, ys, bits, 40) != 40 || ys[39] != 0 || bits[0] != UINT32_MAX ||
        bits[1] != 0xFFu)
        fail_msg("%s: gs_stage_block did not refuse (y=0, every flag set)", what);
    if (gs_stage_block_gain(s, x, 0, ys, NULL, 40) != 40)
        fail_msg("%s: gs_stage_block_gain did not refuse", what);
}

static void test_refusals(void **state)
{
    (void)state;
    gs_config_t c;
    memset(&c, 0, sizeof c);
    expect_refused(&c, "zeroed configuration");
    memset(&c, 0xA5, sizeof c);
    expect_refused(&c, "garbage configuration");
    gs_config_default(&c);
    expect_refused(&c, "default, not checked");
    assert_int_equal(gs_config_check(&c), GS_OK);
    c.in.w = 40;
    assert_int_equal(gs_config_check(&c), GS_ERR_IN_FMT);
    expect_refused(&c, "checked, then refused by a later check");

    gs_stage_t s;
    memset(&s, 0, sizeof s);
    expect_stage_refused(&s, "zeroed stage");
    memset(&s, 0xA5, sizeof s);
    expect_stage_refused(&s, "garbage stage");
    assert_int_equal(gs_stage_init(&s, &c), GS_ERR_IN_FMT);
    expect_stage_refused(&s, "stage of a refused configuration");
    assert_false(gs_stage_ok(NULL));
}

/* A configuration changed after its check evaluates as checked; a stage
 * never follows its configuration. */
static void test_no_drift(void **state)
{
    (void)state;
    tcfg_t t;
    tcfg_make(&t, (tfmt_t){ 16, 15, 16, 12, 16, 15 }, GS_ROUND_HALF_EVEN, GS_OVF_SAT);
    t.gs.round = GS_ROUND_FLOOR;
    t.gs.overflow = GS_OVF_WRAP;
    t.gs.out.w = 8;
    t.gs.in.w = 99;
    tstat_t st = { 0, 0 };
    rng_t r = { seed_base + 1 };
    for (unsigned long k = 0; k < scaled(100000); k++)
        tcheck(&st, &t, rng_signed_edgy(&r, 16), rng_unsigned_edgy(&r, 16));
    tstat_assert(&st, "fields changed after the check");
}

/* Codes outside their formats: reduced to them (low IN_W bits as signed, low
 * G_W bits), in every API; the reference sees the reduced codes. */
static void test_out_of_format(void **state)
{
    (void)state;
    /* s16 x u8: the per-sample gains are not 16-bit ones (no halfword loads) */
    static const tfmt_t f[] = { { 16, 15, 16, 12, 16, 15 }, { 12, 11, 10, 3, 9, 4 },
                                { 32, 16, 32, 16, 32, 16 }, { 16, 0, 16, 0, 16, 4 },
                                { 16, 15, 8, 4, 16, 15 } };
    tstat_t st = { 0, 0 };
    rng_t r = { seed_base + 2 };
    for (size_t k = 0; k < sizeof f / sizeof f[0]; k++)
        for (int m = 0; m < NMODES; m += 5) {
            tcfg_t t;
            tcfg_make(&t, f[k], (gs_round_t)(m / (int)GS_OVF_COUNT),
                      (gs_overflow_t)(m % (int)GS_OVF_COUNT));
            enum { N = 64 };
            int32_t x[N], y[N], yb[N];
            uint32_t g[N], bits[2];
            uint8_t ov[N];
            for (int i = 0; i < N; i++) {
                x[i] = i == 0 ? INT32_MIN : i == 1 ? INT32_MAX : (int32_t)rng_next(&r);
                g[i] = i < 2 ? UINT32_MAX : (uint32_t)rng_next(&r);
            }
            int32_t y1g[N];
            uint32_t b1g[2];
            gs_eval_block(&t.gs, x, g, y, ov, N);
            gs_stage_block(&t.st, x, g, yb, bits, N);
            gs_stage_block_gain(&t.st, x, g[1], y1g, b1g, N); /* all ones: reduced too */
            for (int i = 0; i < N; i++) {
                int64_t xr;
                uint64_t ux = (uint32_t)x[i] & (f[k].in_w == 32 ? UINT32_MAX
                                                                : (UINT32_C(1) << f[k].in_w) - 1);
                int64_t half = INT64_C(1) << (f[k].in_w - 1);
                xr = (int64_t)ux >= half ? (int64_t)ux - 2 * half : (int64_t)ux;
                uint64_t gr = f[k].g_w == 32 ? g[i] : g[i] & ((UINT32_C(1) << f[k].g_w) - 1);
                int eovf;
                int64_t ey = ref_eval(&t.ref, xr, gr, &eovf);
                bool o1, o2;
                int32_t y1 = gs_eval(&t.gs, x[i], g[i], &o1);
                int32_t y2 = gs_stage_eval(&t.st, x[i], g[i], &o2);
                int ob = gs_ovf_bit(bits, (size_t)i);
                uint64_t g1r = f[k].g_w == 32 ? g[1] : g[1] & ((UINT32_C(1) << f[k].g_w) - 1);
                int e1o;
                int64_t e1 = ref_eval(&t.ref, xr, g1r, &e1o);
                if (tstat_count(&st, y1g[i] == e1 && gs_ovf_bit(b1g, (size_t)i) == e1o))
                    print_error("MISMATCH out-of-format gs_stage_block_gain [%s] x=%d g=%u\n",
                                t.name, x[i], g[1]);
                if (tstat_count(&st, y1 == ey && (int)o1 == eovf && y2 == ey &&
                                         (int)o2 == eovf && y[i] == ey && ov[i] == eovf &&
                                         yb[i] == ey && ob == eovf))
                    print_error("MISMATCH out-of-format [%s] x=%d g=%u (reduced %lld %llu): "
                                "gs_eval %d/%d, gs_stage_eval %d/%d, blocks %d/%d %d/%d, "
                                "reference %lld/%d\n", t.name, x[i], g[i], (long long)xr,
                                (unsigned long long)gr, y1, o1, y2, o2, y[i], ov[i], yb[i], ob,
                                (long long)ey, eovf);
            }
        }
    /* the case of the audit: INT32_MIN reduces to 0 in s16.15 */
    tcfg_t d;
    tcfg_make(&d, (tfmt_t){ 16, 15, 16, 12, 16, 15 }, GS_ROUND_HALF_EVEN, GS_OVF_SAT);
    bool o = true;
    assert_int_equal(gs_eval(&d.gs, INT32_MIN, 65535, &o), 0);
    assert_false(o);
    tstat_assert(&st, "codes outside their formats");
}

static void test_null_flags_and_parsers(void **state)
{
    (void)state;
    tcfg_t d;
    tcfg_make(&d, (tfmt_t){ 16, 15, 16, 12, 16, 15 }, GS_ROUND_HALF_EVEN, GS_OVF_SAT);
    assert_int_equal(gs_eval(&d.gs, 8192, 19251, NULL), -32768); /* 4.7 * 0.25 saturates */
    assert_int_equal(gs_stage_eval(&d.st, 8192, 19251, NULL), -32768);
    assert_int_equal(gs_eval(&d.gs, 100, 4096, NULL), -100);
    int32_t x[3] = { 100, 8192, -5 }, y[3];
    assert_int_equal(gs_stage_block_gain(&d.st, x, 19251, y, NULL, 3), 1);
    assert_int_equal(y[0], -470);

    static const char *const bad_dec[] = { "", "1.2x", "x", "-1", "1..2", "12345678901234567890" };
    for (size_t i = 0; i < sizeof bad_dec / sizeof bad_dec[0]; i++) {
        uint64_t num = 12345, den = 678;
        if (gs_parse_decimal(bad_dec[i], &num, &den) == GS_OK || num != 12345 || den != 678)
            fail_msg("gs_parse_decimal(\"%s\") accepted it or wrote its outputs", bad_dec[i]);
    }
    static const char *const bad_res[] = { "", "4k7k", "1T", "0m5x", "9999999999999999k" };
    for (size_t i = 0; i < sizeof bad_res / sizeof bad_res[0]; i++) {
        uint64_t mo = 4242;
        if (gs_parse_resistance(bad_res[i], &mo) == GS_OK || mo != 4242)
            fail_msg("gs_parse_resistance(\"%s\") accepted it or wrote its output", bad_res[i]);
    }
}

int main(void)
{
    test_main_init(&seed_base);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_blocks_random),
        cmocka_unit_test(test_blocks_exhaustive_small),
        cmocka_unit_test(test_refusals),
        cmocka_unit_test(test_no_drift),
        cmocka_unit_test(test_out_of_format),
        cmocka_unit_test(test_null_flags_and_parsers),
    };
    return cmocka_run_group_tests_name("prepared stages vs reference, and misuse", tests, NULL,
                                       NULL);
}
