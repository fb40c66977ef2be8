/*
 * spec_vec.h - an independent reader of input-vector files, written from SPEC
 * section 6 and the byte rules of tools/gs_vec.h, for the fuzz target only. A
 * different method from gs_vec.c: the whole buffer at once, split at LF, each
 * line classified by index arithmetic, numbers in 128-bit arithmetic.
 */
#ifndef SPEC_VEC_H
#define SPEC_VEC_H

#include <stddef.h>
#include <stdint.h>

enum { SPEC_OK = 0, SPEC_BYTES, SPEC_SYNTAX, SPEC_RANGE };
#define SPEC_LINE_MAX 255 /* a code line's bytes from its first non-blank one */

/* One code line (blanks trimmed), input width w: SPEC_OK with *x, or an error. */
static int spec_code(const uint8_t *s, size_t n, int w, int64_t *x)
{
    __extension__ typedef unsigned __int128 u128;
    size_t i = 0;
    int neg = 0, base = 10;
    if (n > 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
        base = 16;
        i = 2;
    } else if (n > 0 && (s[0] == '+' || s[0] == '-')) {
        neg = s[0] == '-';
        i = 1;
    }
    if (i == n)
        return SPEC_SYNTAX;
    u128 v = 0;
    int big = 0;
    for (; i < n; i++) {
        int d;
        if (s[i] >= '0' && s[i] <= '9') d = s[i] - '0';
        else if (base == 16 && s[i] >= 'a' && s[i] <= 'f') d = s[i] - 'a' + 10;
        else if (base == 16 && s[i] >= 'A' && s[i] <= 'F') d = s[i] - 'A' + 10;
        else return SPEC_SYNTAX;
        v = v * (unsigned)base + (unsigned)d;
        if (v > ((u128)1 << 64))
            big = 1, v = (u128)1 << 64; /* saturate, keep checking the syntax */
    }
    if (big)
        return SPEC_RANGE;
    int64_t half = (int64_t)1 << (w - 1);
    if (base == 16) {
        if (v >= (u128)2 * (u128)half)
            return SPEC_RANGE;
        *x = v >= (u128)half ? (int64_t)v - 2 * half : (int64_t)v; /* two's complement */
        return SPEC_OK;
    }
    if ((!neg && v > (u128)(half - 1)) || (neg && v > (u128)half))
        return SPEC_RANGE;
    *x = neg ? -(int64_t)v : (int64_t)v;
    return SPEC_OK;
}

/*
 * Read the n bytes at d: codes into x[] (at most max; more is SPEC_BYTES, which
 * the caller avoids by bounding n), *nx of them. SPEC_OK, or an error with
 * *line the 1-based line that holds it.
 */
static int spec_read(const uint8_t *d, size_t n, int w, int64_t *x, size_t max, size_t *nx,
                     unsigned long *line)
{
    size_t pos = 0;
    *nx = 0;
    *line = 0;
    while (pos < n) {
        size_t e = pos;
        while (e < n && d[e] != '\n')
            e++;
        size_t len = e - pos;
        const uint8_t *s = d + pos;
        ++*line;
        if (e < n && len > 0 && s[len - 1] == '\r')
            len--; /* CR LF */
        size_t b = 0;
        while (b < len && (s[b] == ' ' || s[b] == '\t'))
            b++;
        int comment = b < len && s[b] == '#';
        /* the bytes: a control byte (TAB aside) or a lone CR anywhere is an error;
         * so is a code line longer than SPEC_LINE_MAX */
        for (size_t k = 0; k < len; k++)
            if ((s[k] < 0x20 && s[k] != '\t') || s[k] == 0x7f)
                return SPEC_BYTES;
        if (!comment && len - b > SPEC_LINE_MAX)
            return SPEC_BYTES;
        pos = e + 1;
        if (comment || b == len)
            continue;
        size_t t = len;
        while (t > b && (s[t - 1] == ' ' || s[t - 1] == '\t'))
            t--;
        int64_t v;
        int r = spec_code(s + b, t - b, w, &v);
        if (r != SPEC_OK)
            return r;
        if (*nx == max)
            return SPEC_BYTES;
        x[(*nx)++] = v;
    }
    return SPEC_OK;
}

#endif
