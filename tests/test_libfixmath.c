/*
 * test_libfixmath.c - libfixmath as an independent oracle (SPEC section 4).
 *
 * The `libfixmath` profile (s32.16 x u32.16 -> s32.16, half-away, sat) must
 * equal fix16_smul(x, -g) for every x and every g < 2^31. What Debian's
 * liblibfixmath.a (0~20220222) actually does was read from its disassembly
 * and is pinned down by test_build_options below:
 *   - fix16_mul: 64-bit product, overflow detection ON (FIXMATH_NO_OVERFLOW
 *     not set: returns fix16_overflow = 0x80000000 when the product is outside
 *     [-2^47, 2^47)), rounding ON (FIXMATH_NO_ROUNDING not set: half away from
 *     zero, through a product-- for negative products);
 *   - fix16_smul: fix16_mul, and when that returns 0x80000000 it returns
 *     0x7FFFFFFF if x and -g have the same sign, else 0x80000000.
 * Two corner cases make the relation hold in subtle ways, both asserted here:
 *   - a positive product in [2^47 - 2^15, 2^47) passes the overflow test but
 *     rounds up to 2^31: the int32 addition in fix16_mul wraps (the archive
 *     is built without optimisation, so it does wrap) to 0x80000000, which
 *     fix16_smul takes for its overflow marker and saturates to 0x7FFFFFFF:
 *     the right answer, the model says y = 0x7FFFFFFF, ovf = 1;
 *   - a legitimate result of exactly -2^31 (and products in [-2^47 - 2^15,
 *     -2^47), which fix16_mul calls overflow but round to -2^31 anyway) is the
 *     same code as the marker: fix16_smul returns -2^31, the right answer;
 *     the model says ovf = 0 there (in range), libfixmath has no flag.
 * Hence, exactly: for all x and all g <= 2^31 (g = 2^31 passed as INT32_MIN,
 * which is -g exactly),
 *     fix16_smul(x, -g) == y                                   and
 *     fix16_mul(x, -g)  == (ovf ? 0x80000000 : y)   (the marker is ambiguous)
 * where (y, ovf) = gs_eval(libfixmath profile, x, g); and (y, ovf) equal the
 * independent reference. For g > 2^31, -g is not an int32: no oracle.
 */
#include <stdlib.h>
#include <libfixmath/fix16.h>

#include "test_util.h"

static gs_config_t lfm;
static ref_cfg_t lref;
static uint64_t seed_base = 0x4C49424658u;

/* -g as an int32 without implementation-defined conversions; g <= 2^31. */
static int32_t neg_gain(uint32_t g)
{
    if (g == UINT32_C(0x80000000))
        return INT32_MIN;
    return -(int32_t)g;
}

static void check_pair(tstat_t *st, int32_t x, uint32_t g)
{
    bool ovf;
    int32_t y = gs_eval(&lfm, x, g, &ovf);
    int32_t ng = neg_gain(g);
    int32_t s = fix16_smul(x, ng);
    int32_t m = fix16_mul(x, ng);
    int eovf;
    int64_t ey = ref_eval(&lref, x, g, &eovf);
    int32_t em = ovf ? INT32_MIN : y;
    if (tstat_count(st, s == y && m == em && ey == y && eovf == (int)ovf))
            print_error("MISMATCH x=%d (0x%08x) g=%u (0x%08x): model y=%d ovf=%d; fix16_smul=%d, "
                        "fix16_mul=%d (expected %d); reference y=%lld ovf=%d\n",
                        x, (unsigned)x, g, g, y, ovf, s, m, em, (long long)ey, eovf);
}

static void finish(const tstat_t *st, const char *what)
{
    tstat_assert(st, what);
}

static int setup(void **state)
{
    (void)state;
    if (gs_config_profile(&lfm, "libfixmath") != GS_OK || gs_config_check(&lfm) != GS_OK)
        return -1;
    lref = (ref_cfg_t){ 32, 16, 32, 16, 32, 16, REF_HALF_AWAY, REF_SAT };
    return 0;
}

/* Pin down how the installed libfixmath was built (see the header comment). */
static void test_build_options(void **state)
{
    (void)state;
    /* rounding on: 1 * 0.5 = 2^-17 -> 0.5 LSB -> rounds away to 1 LSB */
    assert_int_equal(fix16_mul(1, 0x8000), 1);
    assert_int_equal(fix16_mul(-1, 0x8000), -1);
    assert_int_equal(fix16_mul(1, 0x7FFF), 0);
    assert_int_equal(fix16_mul(-1, 0x7FFF), 0);
    assert_int_equal(fix16_mul(3, 0x8000), 2);      /* 1.5 LSB -> 2 */
    assert_int_equal(fix16_mul(-3, 0x8000), -2);
    /* overflow detection on: the marker, and saturation in fix16_smul */
    assert_int_equal(fix16_mul(0x7FFFFFFF, 0x7FFFFFFF), fix16_overflow);
    assert_int_equal(fix16_overflow, INT32_MIN);
    assert_int_equal(fix16_smul(0x7FFFFFFF, 0x7FFFFFFF), fix16_maximum);
    assert_int_equal(fix16_smul(0x7FFFFFFF, -0x7FFFFFFF), fix16_minimum);
    assert_int_equal(fix16_smul(INT32_MIN, -0x10000), fix16_maximum);  /* -(-32768.0) */
    /* the rounding-carry corner: product 2^47 - 2^15 = 2^15 (2^32 - 1):
     * x = 131070, -g = 2^14 * 65537: rounds to 2^31 and wraps to the marker */
    assert_int_equal(fix16_mul(131070, 1073758208), fix16_overflow);
    assert_int_equal(fix16_smul(131070, 1073758208), fix16_maximum);
    /* product -(2^47 + 4): fix16_mul says overflow (the marker), yet the value
     * rounds to -2^31, in range: same code, and the model's ovf is 0 */
    assert_int_equal(fix16_mul(65538, -2147418114), fix16_overflow);
    assert_int_equal(fix16_smul(65538, -2147418114), fix16_minimum);
    bool ovf = true;
    assert_int_equal(gs_eval(&lfm, 65538, 2147418114u, &ovf), INT32_MIN);
    assert_false(ovf);
}

static void test_random_pairs(void **state)
{
    (void)state;
    tstat_t st = { 0, 0 };
    rng_t r = { seed_base };
    unsigned long n = scaled(10000000);
    for (unsigned long k = 0; k < n; k++) {
        int32_t x = (int32_t)rng_signed_edgy(&r, 32);
        uint32_t g;
        switch (k % 4) {
        case 0: g = (uint32_t)rng_unsigned(&r, 31); break;
        case 1: g = (uint32_t)rng_unsigned_edgy(&r, 31); break;
        case 2: g = (uint32_t)rng_unsigned(&r, 1 + (int)(rng_next(&r) % 31)); break;
        default: g = (uint32_t)rng_unsigned(&r, 17); break;   /* gains near 1.0 */
        }
        check_pair(&st, x, g);
    }
    finish(&st, "random pairs, g < 2^31");
}

/* Products within a few units of the clipping points +-2^47, +-(2^47 -+ 2^15)
 * (where the rounding carries over) and 2^46, from both sides. */
static void test_products_near_2p47(void **state)
{
    (void)state;
    tstat_t st = { 0, 0 };
    rng_t r = { seed_base ^ 47 };
    const int64_t P47 = INT64_C(1) << 47, H = INT64_C(1) << 15;
    const int64_t targets[] = { P47, -P47, P47 - H, -(P47 - H), P47 + H, -(P47 + H),
                                P47 - 1, -P47 - 1, INT64_C(1) << 46, -(INT64_C(1) << 46) };
    unsigned long n = scaled(20000);
    for (unsigned long k = 0; k < n; k++) {
        for (size_t t = 0; t < sizeof targets / sizeof targets[0]; t++) {
            /* P = -g*x = T: choose g, solve x ~ -T/g */
            uint32_t g = (uint32_t)rng_unsigned_edgy(&r, 31);
            if (g == 0)
                g = 1;
            int64_t x0 = -targets[t] / (int64_t)g;
            for (int64_t d = -3; d <= 3; d++)
                if (x0 + d >= INT32_MIN && x0 + d <= INT32_MAX)
                    check_pair(&st, (int32_t)(x0 + d), g);
            /* choose x, solve g ~ -T/x */
            int32_t x = (int32_t)rng_signed_edgy(&r, 32);
            if (x == 0)
                x = -1;
            int64_t g0 = -targets[t] / x;
            for (int64_t d = -3; d <= 3; d++)
                if (g0 + d >= 0 && g0 + d < (INT64_C(1) << 31))
                    check_pair(&st, x, (uint32_t)(g0 + d));
        }
    }
    /* the exact corner products: 2^15 (2^32 - 1) and 2^15 (2^32 + 1) */
    const int32_t xs[] = { 131070, -131070, 6700417, -6700417 };
    const uint32_t gs[] = { 1073758208u, 1073758208u, 21004288u, 21004288u };
    for (size_t i = 0; i < 4; i++)
        for (int dx = -2; dx <= 2; dx++)
            for (int dg = -2; dg <= 2; dg++)
                check_pair(&st, xs[i] + dx, gs[i] + (uint32_t)dg);
    finish(&st, "products near +-2^47");
}

/* Exact ties: g*x = odd * 2^15, so P / 2^16 is exactly half-way. */
static void test_exact_ties(void **state)
{
    (void)state;
    tstat_t st = { 0, 0 };
    rng_t r = { seed_base ^ 0x7E };
    unsigned long n = scaled(300000);
    for (unsigned long k = 0; k < n; k++) {
        int a = (int)(rng_next(&r) % 16), b = 15 - a;
        int xbits = 1 + (int)(rng_next(&r) % (uint64_t)(31 - a));      /* odd factor bits */
        int gbits = 1 + (int)(rng_next(&r) % (uint64_t)(31 - b));
        int64_t ox = (int64_t)(rng_unsigned(&r, xbits - 1) * 2 + 1);
        uint64_t og = rng_unsigned(&r, gbits - 1) * 2 + 1;
        int64_t x = ox * (INT64_C(1) << a);
        uint64_t g = og << b;
        if (rng_next(&r) & 1)
            x = -x;
        if (x < INT32_MIN || x > INT32_MAX || g >= (UINT64_C(1) << 31))
            continue;
        check_pair(&st, (int32_t)x, (uint32_t)g);
        if (x + 1 <= INT32_MAX)
            check_pair(&st, (int32_t)(x + 1), (uint32_t)g);
        if (x - 1 >= INT32_MIN)
            check_pair(&st, (int32_t)(x - 1), (uint32_t)g);
    }
    /* small hand ties: x = +-1, g = 2^15 (0.5 LSB) and 3 * 2^15 */
    check_pair(&st, 1, 1u << 15);
    check_pair(&st, -1, 1u << 15);
    check_pair(&st, 1, 3u << 15);
    check_pair(&st, -1, 3u << 15);
    finish(&st, "exact ties");
}

/* The minimum input, its neighbours and the maximum against many gains. */
static void test_minimum_input(void **state)
{
    (void)state;
    tstat_t st = { 0, 0 };
    rng_t r = { seed_base ^ 0x31 };
    const int32_t xs[] = { INT32_MIN, INT32_MIN + 1, INT32_MIN + 2, INT32_MAX, INT32_MAX - 1,
                           -1, 0, 1, -0x10000, 0x10000 };
    for (size_t i = 0; i < sizeof xs / sizeof xs[0]; i++) {
        for (uint32_t g = 0; g <= 0x20000; g++)
            check_pair(&st, xs[i], g);
        for (int k = 0; k < 64; k++) {
            check_pair(&st, xs[i], (uint32_t)1 << (k % 31));
            check_pair(&st, xs[i], ((uint32_t)1 << (k % 31)) - 1);
            check_pair(&st, xs[i], (uint32_t)rng_unsigned(&r, 31));
        }
        check_pair(&st, xs[i], 0x7FFFFFFF);
        check_pair(&st, xs[i], 0x7FFFFFFE);
    }
    finish(&st, "minimum/maximum inputs");
}

/* g = 2^31: -g = INT32_MIN is representable, so the oracle extends to it. */
static void test_gain_2p31(void **state)
{
    (void)state;
    tstat_t st = { 0, 0 };
    rng_t r = { seed_base ^ 0x80 };
    for (int64_t x = -70000; x <= 70000; x++)
        check_pair(&st, (int32_t)x, 0x80000000u);
    for (int k = 0; k < 100000; k++)
        check_pair(&st, (int32_t)rng_signed_edgy(&r, 32), 0x80000000u);
    check_pair(&st, INT32_MIN, 0x80000000u);
    check_pair(&st, INT32_MAX, 0x80000000u);
    finish(&st, "g = 2^31 (as fix16_smul(x, INT32_MIN))");
}

int main(void)
{
    test_main_init(&seed_base);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_build_options),
        cmocka_unit_test(test_random_pairs),
        cmocka_unit_test(test_products_near_2p47),
        cmocka_unit_test(test_exact_ties),
        cmocka_unit_test(test_minimum_input),
        cmocka_unit_test(test_gain_2p31),
    };
    return cmocka_run_group_tests_name("libfixmath oracle", tests, setup, NULL);
}
