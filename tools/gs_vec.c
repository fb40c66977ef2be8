/* gs_vec.c - input-vector files: one code per line, errors as FILE:LINE: reason. */
#include "gs_vec.h"

#include <errno.h>
#include <inttypes.h>
#include <string.h>

#define GS_VEC_LINE_MAX 256

int gs_vec_open(gs_vec_t *vec, const char *path)
{
    memset(vec, 0, sizeof *vec);
    if (!strcmp(path, "-")) {
        vec->fp = stdin;
        vec->name = "<stdin>";
        return 0;
    }
    vec->name = path;
    vec->fp = fopen(path, "r");
    if (!vec->fp) {
        snprintf(vec->err, sizeof vec->err, "%s: cannot open: %s", path, strerror(errno));
        return -1;
    }
    return 0;
}

void gs_vec_close(gs_vec_t *vec)
{
    if (vec->fp && vec->fp != stdin)
        fclose(vec->fp);
    vec->fp = NULL;
}

static int is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

static int hex_digit(char c)
{
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

gs_status_t gs_vec_parse_code(const gs_config_t *cfg, const char *s, int32_t *x)
{
    while (is_space(*s))
        s++;
    const char *end = s + strlen(s);
    while (end > s && is_space(end[-1]))
        end--;
    if (s == end)
        return GS_ERR_SYNTAX;
    unsigned w = cfg->in.w;
    if (end - s > 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
        uint64_t v = 0;
        for (const char *p = s + 2; p < end; p++) {
            int d = hex_digit(*p);
            if (d < 0)
                return GS_ERR_SYNTAX;
            if (v >> 60)
                return GS_ERR_RANGE;
            v = v << 4 | (uint64_t)d;
        }
        if (v >> w)
            return GS_ERR_RANGE;
        /* two's complement of the input width */
        uint64_t sign = (uint64_t)1 << (w - 1);
        *x = (int32_t)((int64_t)(v ^ sign) - (int64_t)sign);
        return GS_OK;
    }
    const char *p = s;
    int neg = 0;
    if (*p == '+' || *p == '-')
        neg = *p++ == '-';
    if (p == end)
        return GS_ERR_SYNTAX;
    uint64_t mag = 0;
    int big = 0;
    for (; p < end; p++) {
        if (*p < '0' || *p > '9')
            return GS_ERR_SYNTAX;
        if (mag > ((uint64_t)1 << 40))
            big = 1; /* far out of any legal range; keep scanning for syntax */
        else
            mag = mag * 10 + (uint64_t)(*p - '0');
    }
    if (big)
        return GS_ERR_RANGE;
    int64_t v = neg ? -(int64_t)mag : (int64_t)mag;
    if (!gs_code_fits_in(cfg, v))
        return GS_ERR_RANGE;
    *x = (int32_t)v;
    return GS_OK;
}

int gs_vec_next(gs_vec_t *vec, const gs_config_t *cfg, int32_t *x)
{
    char buf[GS_VEC_LINE_MAX];
    for (;;) {
        if (!fgets(buf, sizeof buf, vec->fp)) {
            if (ferror(vec->fp)) {
                snprintf(vec->err, sizeof vec->err, "%s:%lu: read error: %s", vec->name,
                         vec->line + 1, strerror(errno));
                return -1;
            }
            return 0;
        }
        vec->line++;
        size_t len = strlen(buf);
        if (len == sizeof buf - 1 && buf[len - 1] != '\n' && !feof(vec->fp)) {
            snprintf(vec->err, sizeof vec->err, "%s:%lu: line too long (over %d characters)",
                     vec->name, vec->line, GS_VEC_LINE_MAX - 2);
            return -1;
        }
        const char *p = buf;
        while (*p == ' ' || *p == '\t')
            p++;
        if (*p == '#' || *p == '\n' || *p == '\r' || *p == '\0')
            continue;
        gs_status_t st = gs_vec_parse_code(cfg, buf, x);
        if (st == GS_OK)
            return 1;
        /* the offending text, without its line end, for the message */
        char shown[64];
        size_t n = strcspn(p, "\r\n");
        if (n > sizeof shown - 4) {
            memcpy(shown, p, sizeof shown - 4);
            strcpy(shown + sizeof shown - 4, "...");
        } else {
            memcpy(shown, p, n);
            shown[n] = '\0';
        }
        int64_t lo = -((int64_t)1 << (cfg->in.w - 1)), hi = -lo - 1;
        if (st == GS_ERR_RANGE)
            snprintf(vec->err, sizeof vec->err,
                     "%s:%lu: code '%s' does not fit the input format s%u.%u "
                     "(%" PRId64 "..%" PRId64 ", or 0x hex of %u bits)",
                     vec->name, vec->line, shown, cfg->in.w, cfg->in.f, lo, hi, cfg->in.w);
        else
            snprintf(vec->err, sizeof vec->err,
                     "%s:%lu: malformed line '%s': expected one signed decimal or 0x hex code",
                     vec->name, vec->line, shown);
        return -1;
    }
}
