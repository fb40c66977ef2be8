/*
 * test_config.c - configuration validation (SPEC section 2) and the name and
 * format parsers: every illegal format, shift and mode is refused with its own
 * status; every legal one is accepted with the documented derived fields.
 */
#include "test_util.h"

static gs_config_t legal_default(void)
{
    gs_config_t c;
    memset(&c, 0, sizeof c);
    c.in = (gs_fmt_t){ 16, 15, true };
    c.gain = (gs_fmt_t){ 16, 12, false };
    c.out = (gs_fmt_t){ 16, 15, true };
    c.round = GS_ROUND_HALF_EVEN;
    c.overflow = GS_OVF_SAT;
    return c;
}

static void expect_status(gs_config_t c, gs_status_t want, const char *what)
{
    gs_status_t st = gs_config_check(&c);
    if (st != want)
        fail_msg("gs_config_check(%s) = %d (%s), expected %d (%s)", what, st, gs_strerror(st),
                 want, gs_strerror(want));
    if (want != GS_OK && c.checked)
        fail_msg("gs_config_check(%s) failed but marked the config checked", what);
    if (want == GS_OK && !c.checked)
        fail_msg("gs_config_check(%s) passed but left the config unchecked", what);
}

/* Each single fault of SPEC section 2, with its status. */
static void test_config_each_fault(void **state)
{
    (void)state;
    gs_config_t c;
    expect_status(legal_default(), GS_OK, "default formats");

    static const int bad_sw[] = { 0, 1, 33, 34, 64, 255 };
    for (size_t i = 0; i < sizeof bad_sw / sizeof bad_sw[0]; i++) {
        char what[64];
        c = legal_default(); c.in.w = (uint8_t)bad_sw[i];
        snprintf(what, sizeof what, "in W=%d", bad_sw[i]);
        expect_status(c, GS_ERR_IN_FMT, what);
        c = legal_default(); c.out.w = (uint8_t)bad_sw[i];
        snprintf(what, sizeof what, "out W=%d", bad_sw[i]);
        expect_status(c, GS_ERR_OUT_FMT, what);
        if (bad_sw[i] != 1) {
            c = legal_default(); c.gain.w = (uint8_t)bad_sw[i];
            snprintf(what, sizeof what, "gain W=%d", bad_sw[i]);
            expect_status(c, GS_ERR_GAIN_FMT, what);
        }
    }
    c = legal_default(); c.gain.w = 1; c.gain.f = 0;
    expect_status(c, GS_OK, "gain u1.0");
    c = legal_default(); c.in.w = 2; c.out.w = 2;
    expect_status(c, GS_OK, "s2 in and out");
    c = legal_default(); c.in.w = 32; c.gain.w = 32; c.out.w = 32;
    expect_status(c, GS_OK, "32-bit everything");

    c = legal_default(); c.in.f = 63; c.out.f = 63;        /* shift stays 12 */
    expect_status(c, GS_ERR_IN_FMT, "in F=63");
    c = legal_default(); c.gain.f = 63; c.out.f = 62;      /* shift 16 */
    expect_status(c, GS_ERR_GAIN_FMT, "gain F=63");
    c = legal_default(); c.out.f = 63; c.in.f = 51;        /* shift 0 */
    expect_status(c, GS_ERR_OUT_FMT, "out F=63");
    c = legal_default(); c.in.f = 255;
    expect_status(c, GS_ERR_IN_FMT, "in F=255");

    c = legal_default(); c.in.is_signed = false;
    expect_status(c, GS_ERR_IN_FMT, "unsigned input");
    c = legal_default(); c.out.is_signed = false;
    expect_status(c, GS_ERR_OUT_FMT, "unsigned output");
    c = legal_default(); c.gain.is_signed = true;
    expect_status(c, GS_ERR_GAIN_FMT, "signed gain");

    /* shifts: -62 and 62 are legal, 63 and more are not (below -62 cannot be
     * formed from legal F) */
    c = legal_default(); c.in.f = 0; c.gain.f = 0; c.out.f = 62;
    expect_status(c, GS_OK, "shift -62");
    c = legal_default(); c.in.f = 31; c.gain.f = 31; c.out.f = 0;
    expect_status(c, GS_OK, "shift 62");
    c = legal_default(); c.in.f = 31; c.gain.f = 32; c.out.f = 0;
    expect_status(c, GS_ERR_SHIFT, "shift 63");
    c = legal_default(); c.in.f = 62; c.gain.f = 62; c.out.f = 0;
    expect_status(c, GS_ERR_SHIFT, "shift 124");

    c = legal_default(); c.round = GS_ROUND_COUNT;
    expect_status(c, GS_ERR_ROUND, "round = COUNT");
    c = legal_default(); c.round = (gs_round_t)77;
    expect_status(c, GS_ERR_ROUND, "round = 77");
    c = legal_default(); c.round = (gs_round_t)-1;
    expect_status(c, GS_ERR_ROUND, "round = -1");
    c = legal_default(); c.overflow = GS_OVF_COUNT;
    expect_status(c, GS_ERR_OVERFLOW, "overflow = COUNT");
    c = legal_default(); c.overflow = (gs_overflow_t)-1;
    expect_status(c, GS_ERR_OVERFLOW, "overflow = -1");
}

/* Every width and F of each field, and every (IN_F, G_F, OUT_F) up to 63,
 * against the reference's legality rule. */
static void test_config_sweep(void **state)
{
    (void)state;
    unsigned long n = 0;
    for (int field = 0; field < 3; field++)
        for (int w = 0; w <= 40; w++)
            for (int f = 0; f <= 70; f++) {
                gs_config_t c = legal_default();
                ref_cfg_t r = { 16, 15, 16, 12, 16, 15, REF_HALF_EVEN, REF_SAT };
                gs_fmt_t *fm = field == 0 ? &c.in : field == 1 ? &c.gain : &c.out;
                int *rw = field == 0 ? &r.in_w : field == 1 ? &r.g_w : &r.out_w;
                int *rf = field == 0 ? &r.in_f : field == 1 ? &r.g_f : &r.out_f;
                fm->w = (uint8_t)w; fm->f = (uint8_t)f; *rw = w; *rf = f;
                int legal = ref_cfg_legal(&r);
                gs_status_t want = legal == REF_LEGAL ? GS_OK
                                 : legal == REF_BAD_IN ? GS_ERR_IN_FMT
                                 : legal == REF_BAD_GAIN ? GS_ERR_GAIN_FMT
                                 : legal == REF_BAD_OUT ? GS_ERR_OUT_FMT : GS_ERR_SHIFT;
                char what[64];
                snprintf(what, sizeof what, "field %d W=%d F=%d", field, w, f);
                expect_status(c, want, what);
                n++;
            }
    for (int fi = 0; fi <= 62; fi++)
        for (int fg = 0; fg <= 62; fg++)
            for (int fo = 0; fo <= 62; fo++) {
                gs_config_t c = legal_default();
                c.in.f = (uint8_t)fi; c.gain.f = (uint8_t)fg; c.out.f = (uint8_t)fo;
                int s = fi + fg - fo;
                gs_status_t st = gs_config_check(&c);
                gs_status_t want = (s >= -62 && s <= 62) ? GS_OK : GS_ERR_SHIFT;
                if (st != want)
                    fail_msg("F=%d,%d,%d (shift %d): status %d, expected %d", fi, fg, fo, s, st, want);
                if (st == GS_OK && c.shift != s)
                    fail_msg("F=%d,%d,%d: derived shift %d, expected %d", fi, fg, fo, c.shift, s);
                n++;
            }
    print_message("[ info     ] %lu configurations checked\n", n);
}

/* The derived fields documented in gainstage.h. */
static void test_config_derived(void **state)
{
    (void)state;
    for (int w = 2; w <= 32; w++)
        for (int o = 0; o < (int)GS_OVF_COUNT; o++) {
            gs_config_t c = legal_default();
            c.out.w = (uint8_t)w;
            c.overflow = (gs_overflow_t)o;
            assert_int_equal(gs_config_check(&c), GS_OK);
            int64_t half = INT64_C(1) << (w - 1);
            assert_int_equal(c.y_max, half - 1);
            assert_int_equal(c.y_min, o == GS_OVF_SAT_SYM ? -(half - 1) : -half);
            assert_int_equal(c.shift, 12);
        }
}

/* A failed check, then a fix, then a pass: no stale state. */
static void test_config_recheck(void **state)
{
    (void)state;
    gs_config_t c = legal_default();
    assert_int_equal(gs_config_check(&c), GS_OK);
    assert_true(c.checked);
    c.out.w = 40;
    assert_int_equal(gs_config_check(&c), GS_ERR_OUT_FMT);
    assert_false(c.checked);
    c.out.w = 20;
    assert_int_equal(gs_config_check(&c), GS_OK);
    assert_true(c.checked);
}

static void test_profiles(void **state)
{
    (void)state;
    gs_config_t c, d;
    memset(&c, 0, sizeof c);
    gs_config_default(&c);
    assert_int_equal(c.in.w, 16); assert_int_equal(c.in.f, 15); assert_true(c.in.is_signed);
    assert_int_equal(c.gain.w, 16); assert_int_equal(c.gain.f, 12); assert_false(c.gain.is_signed);
    assert_int_equal(c.out.w, 16); assert_int_equal(c.out.f, 15); assert_true(c.out.is_signed);
    assert_int_equal(c.round, GS_ROUND_HALF_EVEN);
    assert_int_equal(c.overflow, GS_OVF_SAT);
    assert_int_equal(gs_config_check(&c), GS_OK);

    memset(&d, 0, sizeof d);
    assert_int_equal(gs_config_profile(&d, "default"), GS_OK);
    assert_int_equal(gs_config_check(&d), GS_OK);
    assert_memory_equal(&c.in, &d.in, sizeof c.in);
    assert_memory_equal(&c.gain, &d.gain, sizeof c.gain);
    assert_memory_equal(&c.out, &d.out, sizeof c.out);
    assert_int_equal(d.round, c.round); assert_int_equal(d.overflow, c.overflow);

    assert_int_equal(gs_config_profile(&d, "libfixmath"), GS_OK);
    assert_int_equal(d.in.w, 32); assert_int_equal(d.in.f, 16); assert_true(d.in.is_signed);
    assert_int_equal(d.gain.w, 32); assert_int_equal(d.gain.f, 16); assert_false(d.gain.is_signed);
    assert_int_equal(d.out.w, 32); assert_int_equal(d.out.f, 16); assert_true(d.out.is_signed);
    assert_int_equal(d.round, GS_ROUND_HALF_AWAY);
    assert_int_equal(d.overflow, GS_OVF_SAT);
    assert_int_equal(gs_config_check(&d), GS_OK);

    static const char *const bad[] = { "", "Default", "libfix", "libfixmath ", "fix16", "q15" };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        gs_config_t before = d, after = d;
        assert_int_equal(gs_config_profile(&after, bad[i]), GS_ERR_SYNTAX);
        assert_memory_equal(&before, &after, sizeof before);
    }
}

/* Names: exactly the spec's strings, in the order of its tables, round trip. */
static void test_mode_names(void **state)
{
    (void)state;
    static const char *const rn[] = { "floor", "ceil", "zero", "half-up", "half-down",
                                      "half-zero", "half-away", "half-even" };
    static const char *const on[] = { "sat", "sat-sym", "wrap" };
    assert_int_equal(GS_ROUND_COUNT, 8);
    assert_int_equal(GS_OVF_COUNT, 3);
    for (int i = 0; i < 8; i++) {
        gs_round_t m = GS_ROUND_COUNT;
        assert_string_equal(gs_round_name((gs_round_t)i), rn[i]);
        assert_int_equal(gs_parse_round(rn[i], &m), GS_OK);
        assert_int_equal(m, i);
    }
    for (int i = 0; i < 3; i++) {
        gs_overflow_t m = GS_OVF_COUNT;
        assert_string_equal(gs_overflow_name((gs_overflow_t)i), on[i]);
        assert_int_equal(gs_parse_overflow(on[i], &m), GS_OK);
        assert_int_equal(m, i);
    }
    static const char *const bad_r[] = { "", "Floor", "half_even", "half-even ", "nearest",
                                         "round", "convergent", "half", "sat", "half-evenx" };
    for (size_t i = 0; i < sizeof bad_r / sizeof bad_r[0]; i++) {
        gs_round_t m = GS_ROUND_COUNT;
        gs_status_t st = gs_parse_round(bad_r[i], &m);
        if (st != GS_ERR_ROUND && st != GS_ERR_SYNTAX)
            fail_msg("gs_parse_round(\"%s\") = %d, expected an error", bad_r[i], st);
    }
    static const char *const bad_o[] = { "", "Sat", "saturate", "sat_sym", "sat-sym ", "wrap-around",
                                         "clip", "floor", "satx" };
    for (size_t i = 0; i < sizeof bad_o / sizeof bad_o[0]; i++) {
        gs_overflow_t m = GS_OVF_COUNT;
        gs_status_t st = gs_parse_overflow(bad_o[i], &m);
        if (st != GS_ERR_OVERFLOW && st != GS_ERR_SYNTAX)
            fail_msg("gs_parse_overflow(\"%s\") = %d, expected an error", bad_o[i], st);
    }
}

static void test_strerror(void **state)
{
    (void)state;
    for (int i = 0; i < (int)GS_ERR_COUNT; i++) {
        const char *m = gs_strerror((gs_status_t)i);
        assert_non_null(m);
        assert_true(m[0] != '\0');
        for (int j = 0; j < i; j++)
            if (strcmp(m, gs_strerror((gs_status_t)j)) == 0)
                fail_msg("statuses %d and %d share the message \"%s\"", i, j, m);
    }
    assert_non_null(gs_strerror(GS_ERR_COUNT));
    assert_non_null(gs_strerror((gs_status_t)1000));
}

typedef struct { const char *s; int w, f, sg; } fmt_case_t;

static void test_parse_fmt(void **state)
{
    (void)state;
    static const fmt_case_t good[] = {
        { "s16.15", 16, 15, 1 }, { "u16.12", 16, 12, 0 }, { "s32.16", 32, 16, 1 },
        { "u32.16", 32, 16, 0 }, { "u1.0", 1, 0, 0 }, { "s2.1", 2, 1, 1 }, { "s7.3", 7, 3, 1 },
        { "u5.0", 5, 0, 0 }, { "s32.31", 32, 31, 1 }, { "s8.0", 8, 0, 1 },
        /* F > W is a legal format per SPEC section 2 (0 <= F <= 62): the value
         * range of s8.10 is [-2^-3, 2^-3) */
        { "s8.10", 8, 10, 1 }, { "u16.40", 16, 40, 0 }, { "s32.62", 32, 62, 1 },
    };
    for (size_t i = 0; i < sizeof good / sizeof good[0]; i++) {
        gs_fmt_t f = { 0, 0, false };
        gs_status_t st = gs_parse_fmt(good[i].s, &f);
        if (st != GS_OK)
            fail_msg("gs_parse_fmt(\"%s\") = %d (%s)", good[i].s, st, gs_strerror(st));
        assert_int_equal(f.w, good[i].w);
        assert_int_equal(f.f, good[i].f);
        assert_int_equal(f.is_signed, good[i].sg);
    }
    static const char *const bad[] = {
        "", "s", "u", "16.15", "x16.15", "s16", "s16.", "s.15", ".", "s16.15x", "s16.15.1",
        "s16,15", "s-1.0", "s16.-1", "s+16.15", "ss16.15", "s16 .15", "s 16.15",
        "s300.0", "s16.300", "s4294967312.0", "s16.4294967311", "s99999999999999999999.0",
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        gs_fmt_t f = { 0, 0, false };
        gs_status_t st = gs_parse_fmt(bad[i], &f);
        if (st == GS_OK)
            fail_msg("gs_parse_fmt(\"%s\") accepted it as %c%d.%d", bad[i],
                     f.is_signed ? 's' : 'u', f.w, f.f);
    }
}

int main(void)
{
    test_main_init(NULL);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_config_each_fault),
        cmocka_unit_test(test_config_sweep),
        cmocka_unit_test(test_config_derived),
        cmocka_unit_test(test_config_recheck),
        cmocka_unit_test(test_profiles),
        cmocka_unit_test(test_mode_names),
        cmocka_unit_test(test_strerror),
        cmocka_unit_test(test_parse_fmt),
    };
    return cmocka_run_group_tests_name("configuration and names", tests, NULL, NULL);
}
