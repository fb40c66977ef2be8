/*
 * test_vec.c - the input-vector reader (tools/gs_vec.h, SPEC section 6):
 * decimal and 0x two's-complement hex codes of the input width, range errors,
 * malformed lines, comments and blank lines, and "FILE:LINE: reason" errors.
 */
#include <stdlib.h>
#include <unistd.h>

#include "test_util.h"
#include "gs_vec.h"

static gs_config_t cfg_in(int w, int f)
{
    gs_config_t c;
    gs_config_default(&c);
    c.in.w = (uint8_t)w;
    c.in.f = (uint8_t)f;
    if (gs_config_check(&c) != GS_OK)
        fail_msg("s%d.%d refused", w, f);
    return c;
}

typedef struct { int w; const char *s; gs_status_t st; int32_t x; } code_case_t;

static void test_parse_code(void **state)
{
    (void)state;
    static const code_case_t cs[] = {
        { 16, "0", GS_OK, 0 }, { 16, "-1", GS_OK, -1 }, { 16, "32767", GS_OK, 32767 },
        { 16, "-32768", GS_OK, -32768 }, { 16, "0xFFFF", GS_OK, -1 }, { 16, "0xffff", GS_OK, -1 },
        { 16, "0x8000", GS_OK, -32768 }, { 16, "0x7FFF", GS_OK, 32767 }, { 16, "0x0", GS_OK, 0 },
        { 16, "0x1", GS_OK, 1 }, { 16, "  12  ", GS_OK, 12 }, { 16, "\t-7", GS_OK, -7 },
        { 16, "32768", GS_ERR_RANGE, 0 }, { 16, "-32769", GS_ERR_RANGE, 0 },
        { 16, "0x10000", GS_ERR_RANGE, 0 }, { 16, "99999999999999999999999", GS_ERR_RANGE, 0 },
        { 16, "0xFFFFFFFFFFFFFFFFFFFF", GS_ERR_RANGE, 0 },
        { 16, "", GS_ERR_SYNTAX, 0 }, { 16, "abc", GS_ERR_SYNTAX, 0 }, { 16, "1 2", GS_ERR_SYNTAX, 0 },
        { 16, "0x", GS_ERR_SYNTAX, 0 }, { 16, "12x", GS_ERR_SYNTAX, 0 }, { 16, "1.5", GS_ERR_SYNTAX, 0 },
        { 16, "-", GS_ERR_SYNTAX, 0 }, { 16, "0xG1", GS_ERR_SYNTAX, 0 }, { 16, "--1", GS_ERR_SYNTAX, 0 },
        { 16, "   ", GS_ERR_SYNTAX, 0 },
        { 32, "0xFFFFFFFF", GS_OK, -1 }, { 32, "0x80000000", GS_OK, INT32_MIN },
        { 32, "-2147483648", GS_OK, INT32_MIN }, { 32, "2147483647", GS_OK, INT32_MAX },
        { 32, "2147483648", GS_ERR_RANGE, 0 }, { 32, "-2147483649", GS_ERR_RANGE, 0 },
        { 32, "0x1FFFFFFFF", GS_ERR_RANGE, 0 }, { 32, "4294967295", GS_ERR_RANGE, 0 },
        { 2, "0x3", GS_OK, -1 }, { 2, "0x2", GS_OK, -2 }, { 2, "0x1", GS_OK, 1 },
        { 2, "1", GS_OK, 1 }, { 2, "-2", GS_OK, -2 }, { 2, "2", GS_ERR_RANGE, 0 },
        { 2, "-3", GS_ERR_RANGE, 0 }, { 2, "0x4", GS_ERR_RANGE, 0 },
        { 7, "0x7F", GS_OK, -1 }, { 7, "0x40", GS_OK, -64 }, { 7, "64", GS_ERR_RANGE, 0 },
    };
    for (size_t i = 0; i < sizeof cs / sizeof cs[0]; i++) {
        gs_config_t c = cfg_in(cs[i].w, 0);
        int32_t x = 0x55555555;
        gs_status_t st = gs_vec_parse_code(&c, cs[i].s, &x);
        if (st != cs[i].st || (st == GS_OK && x != cs[i].x))
            fail_msg("gs_vec_parse_code(s%d, \"%s\") = %d, x=%d; expected %d, x=%d", cs[i].w,
                     cs[i].s, st, x, cs[i].st, cs[i].x);
    }
}

/* Every 16-bit code in decimal and in hex reads back as itself. */
static void test_parse_code_all16(void **state)
{
    (void)state;
    gs_config_t c = cfg_in(16, 15);
    char buf[32];
    for (int32_t v = -32768; v <= 32767; v++) {
        int32_t x;
        snprintf(buf, sizeof buf, "%d", v);
        assert_int_equal(gs_vec_parse_code(&c, buf, &x), GS_OK);
        assert_int_equal(x, v);
        snprintf(buf, sizeof buf, "0x%X", (unsigned)v & 0xFFFFu);
        assert_int_equal(gs_vec_parse_code(&c, buf, &x), GS_OK);
        assert_int_equal(x, v);
    }
}

static char tmpname[64];

static void write_tmp(const char *text)
{
    snprintf(tmpname, sizeof tmpname, "/tmp/gs_test_vec_%d.txt", (int)getpid());
    FILE *f = fopen(tmpname, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

/* Reads a file, returns codes read before the first error, the error text. */
static int read_all(const gs_config_t *c, int32_t *xs, int max, char *err, size_t errlen)
{
    gs_vec_t v;
    memset(&v, 0, sizeof v);
    err[0] = 0;
    if (gs_vec_open(&v, tmpname) != 0) {
        snprintf(err, errlen, "%s", v.err);
        return -1;
    }
    int n = 0, rc;
    int32_t x;
    while ((rc = gs_vec_next(&v, c, &x)) == 1 && n < max)
        xs[n++] = x;
    if (rc < 0)
        snprintf(err, errlen, "%s", v.err);
    gs_vec_close(&v);
    return n;
}

static void test_vec_file(void **state)
{
    (void)state;
    gs_config_t c = cfg_in(16, 15);
    int32_t xs[16];
    char err[300], want[128];

    write_tmp("# header\n\n1\n  \n-2\n0xFFFF\n# tail\n");
    assert_int_equal(read_all(&c, xs, 16, err, sizeof err), 3);
    assert_string_equal(err, "");
    assert_int_equal(xs[0], 1); assert_int_equal(xs[1], -2); assert_int_equal(xs[2], -1);

    write_tmp("5\n6");        /* no final newline */
    assert_int_equal(read_all(&c, xs, 16, err, sizeof err), 2);
    assert_string_equal(err, "");

    write_tmp("1\n2\nbanana\n3\n");
    assert_int_equal(read_all(&c, xs, 16, err, sizeof err), 2);
    snprintf(want, sizeof want, "%s:3:", tmpname);
    if (strncmp(err, want, strlen(want)) != 0 || strlen(err) <= strlen(want) + 1)
        fail_msg("error \"%s\" does not start with \"%s\" and give a reason", err, want);

    write_tmp("# c\n\n1\n40000\n");
    assert_int_equal(read_all(&c, xs, 16, err, sizeof err), 1);
    snprintf(want, sizeof want, "%s:4:", tmpname);
    if (strncmp(err, want, strlen(want)) != 0 || strlen(err) <= strlen(want) + 1)
        fail_msg("error \"%s\" does not start with \"%s\" and give a reason", err, want);

    remove(tmpname);
    gs_vec_t v;
    memset(&v, 0, sizeof v);
    assert_int_not_equal(gs_vec_open(&v, "/nonexistent/dir/vectors.txt"), 0);
    if (strstr(v.err, "/nonexistent/dir/vectors.txt") == NULL)
        fail_msg("open error \"%s\" does not name the file", v.err);
}

int main(void)
{
    test_main_init(NULL);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_parse_code),
        cmocka_unit_test(test_parse_code_all16),
        cmocka_unit_test(test_vec_file),
    };
    return cmocka_run_group_tests_name("input vectors", tests, NULL, NULL);
}
