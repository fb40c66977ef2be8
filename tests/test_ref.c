/*
 * test_ref.c - the reference checked against hand computation, so that the
 * model is compared with something that is itself verified. Every expected
 * value below was worked out by hand from SPEC.md section 3 (shown in the
 * comments); none comes from the model.
 */
#include "test_util.h"

typedef struct { int x; unsigned g; int y[REF_NROUND]; } round_case_t;
/* order of y[]: floor ceil zero half-up half-down half-zero half-away half-even */

static void check_round_cases(int in_w, int in_f, int g_w, int g_f, int out_w, int out_f,
                              const round_case_t *cs, size_t n)
{
    for (size_t i = 0; i < n; i++)
        for (int m = 0; m < REF_NROUND; m++) {
            ref_cfg_t c = { in_w, in_f, g_w, g_f, out_w, out_f, m, REF_SAT };
            int ovf;
            int64_t y = ref_eval(&c, cs[i].x, cs[i].g, &ovf);
            if (y != cs[i].y[m] || ovf != 0)
                fail_msg("reference: x=%d g=%u %s: got %lld ovf %d, hand %d", cs[i].x, cs[i].g,
                         ref_round_name(m), (long long)y, ovf, cs[i].y[m]);
        }
}

static void test_ref_rounding_small(void **state)
{
    (void)state;
    /* s = 0 + 1 - 0 = 1: R = round(P / 2) */
    static const round_case_t s1[] = {
        { 3, 1, { -2, -1, -1, -1, -2, -1, -2, -2 } },   /* P=-3: -1.5 */
        { -3, 1, { 1, 2, 1, 2, 1, 1, 2, 2 } },          /* P=3: 1.5 */
        { -5, 1, { 2, 3, 2, 3, 2, 2, 3, 2 } },          /* P=5: 2.5 */
        { 5, 1, { -3, -2, -2, -2, -3, -2, -3, -2 } },   /* P=-5: -2.5 */
        { 1, 1, { -1, 0, 0, 0, -1, 0, -1, 0 } },        /* P=-1: -0.5 */
        { -1, 1, { 0, 1, 0, 1, 0, 0, 1, 0 } },          /* P=1: 0.5 */
        { 4, 1, { -2, -2, -2, -2, -2, -2, -2, -2 } },   /* P=-4: exact -2 */
        { 0, 255, { 0, 0, 0, 0, 0, 0, 0, 0 } },
    };
    check_round_cases(8, 0, 8, 1, 8, 0, s1, sizeof s1 / sizeof s1[0]);
    /* s = 2: R = round(P / 4) */
    static const round_case_t s2[] = {
        { 5, 1, { -2, -1, -1, -1, -1, -1, -1, -1 } },   /* -1.25 */
        { 7, 1, { -2, -1, -1, -2, -2, -2, -2, -2 } },   /* -1.75 */
        { -5, 1, { 1, 2, 1, 1, 1, 1, 1, 1 } },          /* 1.25 */
        { -7, 1, { 1, 2, 1, 2, 2, 2, 2, 2 } },          /* 1.75 */
        { 3, 2, { -2, -1, -1, -1, -2, -1, -2, -2 } },   /* P=-6: -1.5 */
    };
    check_round_cases(8, 0, 8, 2, 8, 0, s2, sizeof s2 / sizeof s2[0]);
}

static void test_ref_rounding_extreme_shift(void **state)
{
    (void)state;
    /* s = 31 + 31 - 0 = 62 */
    static const round_case_t s62[] = {
        /* x=-2^31, g=2^30: P=2^61, P/2^62 = 0.5 */
        { INT32_MIN, 1u << 30, { 0, 1, 0, 1, 0, 0, 1, 0 } },
        /* x=2^30, g=2^31: P=-2^61: -0.5 */
        { 1 << 30, 1u << 31, { -1, 0, 0, 0, -1, 0, -1, 0 } },
        /* x=-2^31, g=2^32-1: P=2^63-2^31: 2 - 2^-31 */
        { INT32_MIN, 0xFFFFFFFFu, { 1, 2, 1, 2, 2, 2, 2, 2 } },
        /* x=-2^31, g=3*2^30: P=3*2^61: 1.5 */
        { INT32_MIN, 3u << 30, { 1, 2, 1, 2, 1, 1, 2, 2 } },
    };
    check_round_cases(32, 31, 32, 31, 32, 0, s62, sizeof s62 / sizeof s62[0]);
}

typedef struct { int x; unsigned g; int y[REF_NOVF]; int ovf[REF_NOVF]; } ovf_case_t;

static void check_ovf_cases(int in_w, int in_f, int g_w, int g_f, int out_w, int out_f,
                            const ovf_case_t *cs, size_t n)
{
    for (size_t i = 0; i < n; i++)
        for (int m = 0; m < REF_NOVF; m++) {
            ref_cfg_t c = { in_w, in_f, g_w, g_f, out_w, out_f, REF_HALF_EVEN, m };
            int ovf;
            int64_t y = ref_eval(&c, cs[i].x, cs[i].g, &ovf);
            if (y != cs[i].y[m] || ovf != cs[i].ovf[m])
                fail_msg("reference: x=%d g=%u %s: got %lld ovf %d, hand %d ovf %d", cs[i].x,
                         cs[i].g, ref_ovf_name(m), (long long)y, ovf, cs[i].y[m], cs[i].ovf[m]);
        }
}

static void test_ref_overflow(void **state)
{
    (void)state;
    /* order: sat sat-sym wrap */
    static const ovf_case_t s8[] = {      /* s8.0 x u8.0 -> s8.0, s = 0 */
        { -128, 1, { 127, 127, -128 }, { 1, 1, 1 } },   /* R=128 */
        { 127, 1, { -127, -127, -127 }, { 0, 0, 0 } },
        { 64, 2, { -128, -127, -128 }, { 0, 1, 0 } },   /* R=-128 */
        { 100, 3, { -128, -127, -44 }, { 1, 1, 1 } },   /* R=-300 = -44 - 256 */
        { -100, 3, { 127, 127, 44 }, { 1, 1, 1 } },     /* R=300 = 44 + 256 */
        { -128, 255, { 127, 127, -128 }, { 1, 1, 1 } }, /* R=32640 = 127*256 + 128 */
        { 0, 255, { 0, 0, 0 }, { 0, 0, 0 } },
    };
    check_ovf_cases(8, 0, 8, 0, 8, 0, s8, sizeof s8 / sizeof s8[0]);
    static const ovf_case_t neg[] = {     /* s8.0 x u8.0 -> s8.2, s = -2 */
        { 3, 5, { -60, -60, -60 }, { 0, 0, 0 } },       /* R=-15*4 */
        { -32, 1, { 127, 127, -128 }, { 1, 1, 1 } },    /* R=128 */
        { 32, 1, { -128, -127, -128 }, { 0, 1, 0 } },   /* R=-128 */
    };
    check_ovf_cases(8, 0, 8, 0, 8, 2, neg, sizeof neg / sizeof neg[0]);
    static const ovf_case_t s32[] = {     /* s32.0 x u32.0 -> s32.0 */
        /* R = 2^63 - 2^31 = 2^31 (mod 2^32) -> -2^31 read back */
        { INT32_MIN, 0xFFFFFFFFu, { INT32_MAX, INT32_MAX, INT32_MIN }, { 1, 1, 1 } },
        /* R = -(2^31-1)(2^32-1) = -2^63 + 2^32 + 2^31 - 1 = 2^31 - 1 (mod 2^32) */
        { INT32_MAX, 0xFFFFFFFFu, { INT32_MIN, -INT32_MAX, INT32_MAX }, { 1, 1, 1 } },
    };
    check_ovf_cases(32, 0, 32, 0, 32, 0, s32, sizeof s32 / sizeof s32[0]);
    static const ovf_case_t sm62[] = {    /* s2.0 x u1.0 -> s32.62, s = -62 */
        { 1, 1, { INT32_MIN, -INT32_MAX, 0 }, { 1, 1, 1 } },      /* R = -2^62 */
        { -2, 1, { INT32_MAX, INT32_MAX, 0 }, { 1, 1, 1 } },      /* R = 2^63 */
        { 1, 0, { 0, 0, 0 }, { 0, 0, 0 } },
    };
    check_ovf_cases(2, 0, 1, 0, 32, 62, sm62, sizeof sm62 / sizeof sm62[0]);
}

static void test_ref_legality(void **state)
{
    (void)state;
    ref_cfg_t ok = { 16, 15, 16, 12, 16, 15, REF_HALF_EVEN, REF_SAT };
    assert_int_equal(ref_cfg_legal(&ok), REF_LEGAL);
    ref_cfg_t c = ok; c.in_w = 1;   assert_int_equal(ref_cfg_legal(&c), REF_BAD_IN);
    c = ok; c.g_w = 0;              assert_int_equal(ref_cfg_legal(&c), REF_BAD_GAIN);
    c = ok; c.g_w = 1;              assert_int_equal(ref_cfg_legal(&c), REF_LEGAL);
    c = ok; c.out_w = 33;           assert_int_equal(ref_cfg_legal(&c), REF_BAD_OUT);
    c = ok; c.in_f = 62; c.g_f = 62; c.out_f = 62;
    assert_int_equal(ref_cfg_legal(&c), REF_LEGAL);                /* s = 62 */
    c.out_f = 61;                   assert_int_equal(ref_cfg_legal(&c), REF_BAD_SHIFT);
    assert_int_equal(ref_round_from_name("half-even"), REF_HALF_EVEN);
    assert_int_equal(ref_ovf_from_name("sat-sym"), REF_SAT_SYM);
    assert_int_equal(ref_round_from_name("round"), -1);
}

int main(void)
{
    test_main_init(NULL);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_ref_rounding_small),
        cmocka_unit_test(test_ref_rounding_extreme_shift),
        cmocka_unit_test(test_ref_overflow),
        cmocka_unit_test(test_ref_legality),
    };
    return cmocka_run_group_tests_name("reference vs hand computation", tests, NULL, NULL);
}
