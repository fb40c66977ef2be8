/* gs_vec.c - input-vector files: one code per line, errors as FILE:LINE: reason. */
#define _POSIX_C_SOURCE 200809L /* getc_unlocked */
#include "gs_vec.h"

#include <errno.h>
#include <inttypes.h>
#include <limits.h>
#include <string.h>

#include "gs_text.h"

void gs_vec_attach(gs_vec_t *vec, FILE *fp, const char *name)
{
    memset(vec, 0, sizeof *vec);
    vec->fp = fp;
    vec->name = name;
}

int gs_vec_open(gs_vec_t *vec, const char *path)
{
    if (!strcmp(path, "-")) {
        gs_vec_attach(vec, stdin, "<stdin>");
        return 0;
    }
    gs_vec_attach(vec, fopen(path, "rb"), path);
    if (!vec->fp) {
        snprintf(vec->err, sizeof vec->err, "%s: cannot open: %s", path, strerror(errno));
        vec->state = -1;
        return -1;
    }
    vec->owned = 1;
    return 0;
}

void gs_vec_close(gs_vec_t *vec)
{
    if (vec->fp && vec->owned)
        fclose(vec->fp);
    vec->fp = NULL;
}

static int is_blank(char c) { return c == ' ' || c == '\t'; }

gs_status_t gs_vec_parse_code(const gs_config_t *cfg, const char *s, int32_t *x)
{
    while (is_blank(*s) || *s == '\r' || *s == '\n')
        s++;
    size_t n = strlen(s);
    while (n > 0 && (is_blank(s[n - 1]) || s[n - 1] == '\r' || s[n - 1] == '\n'))
        n--;
    uint64_t mag;
    bool neg, hex;
    unsigned w = cfg->in.w;
    switch (gs_num_parse(s, n, true, UINT64_MAX, &mag, &neg, &hex)) {
    case GS_NUM_SYNTAX: return GS_ERR_SYNTAX;
    case GS_NUM_RANGE: return GS_ERR_RANGE;
    default: break;
    }
    if (hex) {
        if (w < 64 && mag >> w)
            return GS_ERR_RANGE;
        /* two's complement of the input width */
        uint64_t sign = (uint64_t)1 << (w - 1);
        *x = (int32_t)((int64_t)(mag ^ sign) - (int64_t)sign);
        return GS_OK;
    }
    if (mag > ((uint64_t)1 << 40))
        return GS_ERR_RANGE; /* far out of any legal range */
    int64_t v = neg ? -(int64_t)mag : (int64_t)mag;
    if (!gs_code_fits_in(cfg, v))
        return GS_ERR_RANGE;
    *x = (int32_t)v;
    return GS_OK;
}

static int vec_fail(gs_vec_t *vec, const char *fmt_reason, const char *a, const char *b)
{
    char reason[384];
    snprintf(reason, sizeof reason, fmt_reason, a, b);
    snprintf(vec->err, sizeof vec->err, "%s:%lu: %s", vec->name, vec->line, reason);
    vec->state = -1;
    return -1;
}

/*
 * Read one line into buf (at most GS_VEC_LINE_MAX bytes kept, unless it is a
 * comment, which is read to its end and dropped). 1: a line (*len bytes, or
 * *len = 0 for a blank or comment line); 0: end of file before any byte; -1:
 * error (vec->err set).
 */
static int read_line(gs_vec_t *vec, char *buf, size_t *len)
{
    size_t n = 0;
    int any = 0, comment = 0, blank = 1;
    if (vec->line < ULONG_MAX)
        vec->line++;
    for (;;) {
        int c = getc_unlocked(vec->fp);
        if (c == EOF) {
            if (ferror(vec->fp))
                return vec_fail(vec, "read error: %s%s", strerror(errno), "");
            if (!any) {
                vec->line--;
                return 0;
            }
            break; /* a last line without its LF */
        }
        any = 1;
        if (c == '\n')
            break;
        if (c == '\r') {
            int d = getc_unlocked(vec->fp);
            if (d == '\n')
                break;
            return vec_fail(vec, "CR not followed by LF (CR-only line ends are not "
                            "accepted: convert the file to LF or CR LF)%s%s", "", "");
        }
        if ((c < 0x20 && c != '\t') || c == 0x7f) {
            char code[16];
            snprintf(code, sizeof code, "0x%02x", (unsigned)c & 0xffu);
            return vec_fail(vec, "control byte %s%s in the line (a binary file?)", code,
                            c == 0 ? " (NUL)" : "");
        }
        if (comment)
            continue;
        if (blank && is_blank((char)c))
            continue; /* leading blanks are not kept */
        if (blank && c == '#') {
            comment = 1;
            continue;
        }
        blank = 0;
        if (n == GS_VEC_LINE_MAX) {
            char shown[GS_QUOTE_MAX];
            return vec_fail(vec, "line too long (over %s bytes): '%s'", "255",
                            gs_quote_n(buf, n, shown));
        }
        buf[n++] = (char)c;
    }
    *len = comment ? 0 : n;
    return 1;
}

int gs_vec_next(gs_vec_t *vec, const gs_config_t *cfg, int32_t *x)
{
    char buf[GS_VEC_LINE_MAX + 1];
    if (vec->state)
        return vec->state > 0 ? 0 : -1;
    for (;;) {
        size_t n;
        int r = read_line(vec, buf, &n);
        if (r <= 0) {
            if (r == 0)
                vec->state = 1;
            return r;
        }
        while (n > 0 && is_blank(buf[n - 1]))
            n--;
        if (n == 0)
            continue; /* blank or comment */
        buf[n] = '\0';
        gs_status_t st = strlen(buf) == n ? gs_vec_parse_code(cfg, buf, x) : GS_ERR_SYNTAX;
        if (st == GS_OK)
            return 1;
        char shown[GS_QUOTE_MAX];
        gs_quote_n(buf, n, shown);
        if (st == GS_ERR_RANGE) {
            char range[160];
            int64_t lo = -((int64_t)1 << (cfg->in.w - 1)), hi = -lo - 1;
            snprintf(range, sizeof range,
                     "does not fit the input format s%u.%u (%" PRId64 "..%" PRId64
                     ", or 0x hex of %u bits)", cfg->in.w, cfg->in.f, lo, hi, cfg->in.w);
            return vec_fail(vec, "code '%s' %s", shown, range);
        }
        return vec_fail(vec, "malformed line '%s': %s", shown,
                        "expected one signed decimal or 0x hex code");
    }
}
