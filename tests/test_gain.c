/*
 * test_gain.c - gain coding (SPEC section 5): gs_gain_code_ratio against an
 * independent 128-bit computation of half-even(num/den * 2^G_F), and the
 * decimal and resistance parsers against hand-written expectations.
 */
#include <stdlib.h>

#include "test_util.h"

/* Independent expectation: N = num * 2^f (exact in 128 bits, < 2^126), q and r
 * of N / den, then ties to even by comparing 2r with den. */
static gs_status_t expect_code(uint64_t num, uint64_t den, int w, int f, uint64_t *code)
{
    if (den == 0)
        return GS_ERR_ZERO_DIV;
    ref_u128 n = (ref_u128)num;
    for (int i = 0; i < f; i++)
        n *= 2;
    ref_u128 q = n / den, r = n % den;
    ref_u128 twice = 2 * r;
    if (twice > den || (twice == den && q % 2 == 1))
        q += 1;
    ref_u128 max = ((ref_u128)1 << w) - 1;
    if (q > max)
        return GS_ERR_RANGE;
    *code = (uint64_t)q;
    return GS_OK;
}

static gs_config_t cfg_gain(int w, int f)
{
    gs_config_t c;
    gs_config_default(&c);
    c.gain.w = (uint8_t)w;
    c.gain.f = (uint8_t)f;
    c.in.f = 31;        /* keep the shift legal for every G_F */
    c.out.f = 31;
    c.in.w = 32;
    c.out.w = 32;
    if (gs_config_check(&c) != GS_OK)
        fail_msg("gain format u%d.%d refused", w, f);
    return c;
}

typedef struct { uint64_t num, den; int w, f; gs_status_t st; uint32_t code; } ratio_case_t;

static void test_ratio_hand(void **state)
{
    (void)state;
    static const ratio_case_t cs[] = {
        /* 47k / 10k = 4.7; 4.7 * 4096 = 19251.2 -> 19251 */
        { 47000000, 10000000, 16, 12, GS_OK, 19251 },
        { 47, 10, 16, 12, GS_OK, 19251 },
        { 1, 1, 16, 12, GS_OK, 4096 },
        { 0, 7, 16, 12, GS_OK, 0 },
        /* ties to even: k/8192 * 4096 = k/2 */
        { 1, 8192, 16, 12, GS_OK, 0 },           /* 0.5 -> 0 */
        { 3, 8192, 16, 12, GS_OK, 2 },           /* 1.5 -> 2 */
        { 5, 8192, 16, 12, GS_OK, 2 },           /* 2.5 -> 2 */
        { 7, 8192, 16, 12, GS_OK, 4 },           /* 3.5 -> 4 */
        { 131069, 8192, 16, 12, GS_OK, 65534 },  /* 65534.5 -> 65534 */
        { 131071, 8192, 16, 12, GS_ERR_RANGE, 0 },/* 65535.5 -> 65536: too big */
        { 16, 1, 16, 12, GS_ERR_RANGE, 0 },      /* 65536 */
        { 65535, 4096, 16, 12, GS_OK, 65535 },   /* the largest code */
        { 1, 3, 16, 12, GS_OK, 1365 },           /* 1365.33 */
        { 2, 3, 16, 12, GS_OK, 2731 },           /* 2730.67 */
        { 1, 0, 16, 12, GS_ERR_ZERO_DIV, 0 },
        { 0, 0, 16, 12, GS_ERR_ZERO_DIV, 0 },
        /* u32.16 (libfixmath): 1.5 -> 98304; 65535.99999 */
        { 3, 2, 32, 16, GS_OK, 98304 },
        { UINT64_MAX, UINT64_MAX, 32, 16, GS_OK, 65536 },
        { UINT64_MAX, 1, 32, 62, GS_ERR_RANGE, 0 },
        { 1, UINT64_MAX, 32, 62, GS_OK, 0 },     /* 2^62/(2^64-1) = 0.25.. -> 0 */
        { 3, UINT64_MAX, 32, 62, GS_OK, 1 },     /* 0.75.. -> 1 */
        { 1, 2, 1, 0, GS_OK, 0 },                /* u1.0: 0.5 -> 0 */
        { 3, 2, 1, 0, GS_ERR_RANGE, 0 },         /* 1.5 -> 2 > 1 */
        { 1, 1, 1, 0, GS_OK, 1 },
        { 1, 1, 1, 1, GS_ERR_RANGE, 0 },         /* u1.1 holds 0 and 0.5 only */
    };
    for (size_t i = 0; i < sizeof cs / sizeof cs[0]; i++) {
        gs_config_t c = cfg_gain(cs[i].w, cs[i].f);
        uint32_t code = 0xDEADBEEF;
        gs_status_t st = gs_gain_code_ratio(&c, cs[i].num, cs[i].den, &code);
        if (st != cs[i].st || (st == GS_OK && code != cs[i].code))
            fail_msg("ratio %llu/%llu in u%d.%d: status %d code %u, expected status %d code %u",
                     (unsigned long long)cs[i].num, (unsigned long long)cs[i].den, cs[i].w,
                     cs[i].f, st, code, cs[i].st, cs[i].code);
        /* the hand table agrees with the independent computation too */
        uint64_t e = 0;
        assert_int_equal(expect_code(cs[i].num, cs[i].den, cs[i].w, cs[i].f, &e), cs[i].st);
        if (cs[i].st == GS_OK)
            assert_int_equal(e, cs[i].code);
    }
}

static void test_ratio_random(void **state)
{
    (void)state;
    rng_t r = { 0x5EED6A17u };
    tstat_t sta = { 0, 0 };
    for (int w = 1; w <= 32; w++)
        for (int f = 0; f <= 62; f++) {
            gs_config_t c = cfg_gain(w, f);
            for (int k = 0; k < 150; k++) {
                int nb = 1 + (int)(rng_next(&r) % 64), db = 1 + (int)(rng_next(&r) % 64);
                uint64_t num = rng_unsigned(&r, nb), den = rng_unsigned(&r, db);
                if (k % 10 == 0) {      /* exact ties: num/den = (2j+1)/2 * 2^-f */
                    den = (UINT64_C(1) << (f < 62 ? f + 1 : 62)) ;
                    num = (rng_next(&r) % 1000) * 2 + 1;
                    if (f >= 62)
                        num = 1;
                }
                uint64_t e = 0;
                uint32_t code = 0;
                gs_status_t est = expect_code(num, den, w, f, &e);
                gs_status_t st = gs_gain_code_ratio(&c, num, den, &code);
                if (tstat_count(&sta, st == est && (st != GS_OK || code == e)))
                    print_error("ratio %llu/%llu u%d.%d: status %d code %u, expected %d %llu\n",
                                (unsigned long long)num, (unsigned long long)den, w, f, st,
                                code, est, (unsigned long long)e);
            }
        }
    tstat_assert(&sta, "gain codes of random ratios");
}

/* Decimal reals: exact num/den, compared as ratios (num*den' == num'*den). */
typedef struct { const char *s; uint64_t num, den; } dec_case_t;

static void test_parse_decimal(void **state)
{
    (void)state;
    static const dec_case_t good[] = {
        { "4.7", 47, 10 }, { "0.25", 1, 4 }, { "12", 12, 1 }, { "0", 0, 1 }, { "1.000", 1, 1 },
        { "007", 7, 1 }, { "15.999755859375", 65535, 4096 }, { "0.5", 1, 2 },
        { "123456789012345678", 123456789012345678u, 1 },    /* 18 digits */
        { "1.23456789012345678", 123456789012345678u, 100000000000000000u },
    };
    for (size_t i = 0; i < sizeof good / sizeof good[0]; i++) {
        uint64_t num = 0, den = 0;
        gs_status_t st = gs_parse_decimal(good[i].s, &num, &den);
        if (st != GS_OK)
            fail_msg("gs_parse_decimal(\"%s\") = %d (%s)", good[i].s, st, gs_strerror(st));
        if (den == 0 || (ref_u128)num * good[i].den != (ref_u128)good[i].num * den)
            fail_msg("gs_parse_decimal(\"%s\") = %llu/%llu, expected %llu/%llu", good[i].s,
                     (unsigned long long)num, (unsigned long long)den,
                     (unsigned long long)good[i].num, (unsigned long long)good[i].den);
        uint64_t d = den;       /* den = 10^k */
        while (d % 10 == 0)
            d /= 10;
        assert_int_equal(d, 1);
    }
    static const char *const syntax[] = { "", ".", "abc", "4.7.1", "-1", "-0.5", "1e3", "4,7",
                                          "4.7x", " ", "x4.7", "0x10", "4..7", "inf", "nan" };
    for (size_t i = 0; i < sizeof syntax / sizeof syntax[0]; i++) {
        uint64_t num, den;
        gs_status_t st = gs_parse_decimal(syntax[i], &num, &den);
        if (st != GS_ERR_SYNTAX)
            fail_msg("gs_parse_decimal(\"%s\") = %d, expected GS_ERR_SYNTAX", syntax[i], st);
    }
    static const char *const range[] = { "1234567890123456789", "99999999999999999999999",
                                         "1.234567890123456789", "18446744073709551616" };
    for (size_t i = 0; i < sizeof range / sizeof range[0]; i++) {
        uint64_t num, den;
        gs_status_t st = gs_parse_decimal(range[i], &num, &den);
        if (st != GS_ERR_RANGE)
            fail_msg("gs_parse_decimal(\"%s\") = %d, expected GS_ERR_RANGE", range[i], st);
    }
    /* random decimals with up to 18 digits */
    rng_t r = { 42 };
    for (int k = 0; k < 20000; k++) {
        int id = (int)(rng_next(&r) % 10), fd = (int)(rng_next(&r) % (uint64_t)(19 - (id ? id : 1)));
        char buf[64];
        int p = 0;
        uint64_t num = 0, den = 1;
        for (int i = 0; i < (id ? id : 1); i++) {
            int dg = (int)(rng_next(&r) % 10);
            buf[p++] = (char)('0' + dg);
            num = num * 10 + (uint64_t)dg;
        }
        if (fd) {
            buf[p++] = '.';
            for (int i = 0; i < fd; i++) {
                int dg = (int)(rng_next(&r) % 10);
                buf[p++] = (char)('0' + dg);
                num = num * 10 + (uint64_t)dg;
                den *= 10;
            }
        }
        buf[p] = 0;
        uint64_t n2 = 0, d2 = 0;
        gs_status_t st = gs_parse_decimal(buf, &n2, &d2);
        if (st != GS_OK || d2 == 0 || (ref_u128)n2 * den != (ref_u128)num * d2)
            fail_msg("gs_parse_decimal(\"%s\") = %d %llu/%llu, expected %llu/%llu", buf, st,
                     (unsigned long long)n2, (unsigned long long)d2, (unsigned long long)num,
                     (unsigned long long)den);
    }
}

typedef struct { const char *s; uint64_t mohm; } res_case_t;

static void test_parse_resistance(void **state)
{
    (void)state;
    static const res_case_t good[] = {
        { "47k", 47000000 }, { "4k7", 4700000 }, { "1M", 1000000000 }, { "220R", 220000 },
        { "100", 100000 }, { "4.7k", 4700000 }, { "2M2", 2200000000u }, { "0R5", 500 },
        { "10k", 10000000 }, { "4R7", 4700 }, { "1k0", 1000000 }, { "1.5", 1500 },
        { "0.001", 1 }, { "0", 0 }, { "1000000M", UINT64_C(1000000000000000) },
        { "1M5", 1500000000 }, { "33R", 33000 }, { "2.2M", 2200000000u }, { "0k1", 100000 },
    };
    for (size_t i = 0; i < sizeof good / sizeof good[0]; i++) {
        uint64_t m = 0;
        gs_status_t st = gs_parse_resistance(good[i].s, &m);
        if (st != GS_OK || m != good[i].mohm)
            fail_msg("gs_parse_resistance(\"%s\") = %d, %llu mOhm; expected %llu", good[i].s, st,
                     (unsigned long long)m, (unsigned long long)good[i].mohm);
    }
    static const char *const bad[] = { "k", "4kk7", "-1k", "", "R", "M", "4k7k", "1.2.3k",
                                       "4 k7", "1x", "k7", "4k7R", "1.5k5", " ", "+1k",
                                       "1kR", "1Mk", "0x10" };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        uint64_t m = 12345;
        gs_status_t st = gs_parse_resistance(bad[i], &m);
        if (st != GS_ERR_SYNTAX)
            fail_msg("gs_parse_resistance(\"%s\") = %d, expected GS_ERR_SYNTAX", bad[i], st);
    }
    static const char *const range[] = { "1000001M", "99999999999999999999999", "1000000000000001",
                                         "18446744073709551616k" };
    for (size_t i = 0; i < sizeof range / sizeof range[0]; i++) {
        uint64_t m = 0;
        gs_status_t st = gs_parse_resistance(range[i], &m);
        if (st != GS_ERR_RANGE)
            fail_msg("gs_parse_resistance(\"%s\") = %d, expected GS_ERR_RANGE", range[i], st);
    }
    /* below a milliohm cannot be exact: refused, never rounded silently */
    static const char *const inexact[] = { "0.0001", "1.0005", "0R0001" };
    for (size_t i = 0; i < sizeof inexact / sizeof inexact[0]; i++) {
        uint64_t m = 0;
        gs_status_t st = gs_parse_resistance(inexact[i], &m);
        if (st == GS_OK)
            fail_msg("gs_parse_resistance(\"%s\") accepted an inexact value: %llu mOhm",
                     inexact[i], (unsigned long long)m);
    }
}

/* The resistor path end to end: parse both, code the ratio. */
static void test_resistor_ratio(void **state)
{
    (void)state;
    static const struct { const char *rf, *rin; uint32_t code; gs_status_t st; } cs[] = {
        { "47k", "10k", 19251, GS_OK },      /* 4.7 */
        { "4k7", "1k", 19251, GS_OK },
        { "10k", "10k", 4096, GS_OK },
        { "1k", "3k", 1365, GS_OK },         /* 1365.33 */
        { "2M2", "220k", 40960, GS_OK },     /* exactly 10 */
        { "160k", "10k", 0, GS_ERR_RANGE },  /* 16: does not fit u16.12 */
        { "1k", "0", 0, GS_ERR_ZERO_DIV },
        { "0", "1k", 0, GS_OK },
    };
    gs_config_t c;
    gs_config_default(&c);
    assert_int_equal(gs_config_check(&c), GS_OK);
    for (size_t i = 0; i < sizeof cs / sizeof cs[0]; i++) {
        uint64_t a, b;
        uint32_t code = 0;
        assert_int_equal(gs_parse_resistance(cs[i].rf, &a), GS_OK);
        assert_int_equal(gs_parse_resistance(cs[i].rin, &b), GS_OK);
        gs_status_t st = gs_gain_code_ratio(&c, a, b, &code);
        if (st != cs[i].st || (st == GS_OK && code != cs[i].code))
            fail_msg("%s/%s: status %d code %u, expected %d %u", cs[i].rf, cs[i].rin, st, code,
                     cs[i].st, cs[i].code);
    }
}

int main(void)
{
    test_main_init(NULL);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_ratio_hand),
        cmocka_unit_test(test_ratio_random),
        cmocka_unit_test(test_parse_decimal),
        cmocka_unit_test(test_parse_resistance),
        cmocka_unit_test(test_resistor_ratio),
    };
    return cmocka_run_group_tests_name("gain coding", tests, NULL, NULL);
}
