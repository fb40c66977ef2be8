/* gs_text.c - numbers and quoting of user text (see gs_text.h). */
#include "gs_text.h"

#include <string.h>

static int digit_value(char c, bool hex)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (hex && c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (hex && c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

gs_num_t gs_num_parse(const char *s, size_t n, bool allow_sign, uint64_t max, uint64_t *mag,
                      bool *neg, bool *hex)
{
    const char *p = s, *end = s + n;
    bool is_neg = false, is_hex = false;
    if (allow_sign && p < end && (*p == '+' || *p == '-'))
        is_neg = *p++ == '-';
    else if (end - p > 2 && p[0] == '0' && (p[1] == 'x' || p[1] == 'X')) {
        is_hex = true;
        p += 2;
    }
    if (p == end)
        return GS_NUM_SYNTAX;
    unsigned base = is_hex ? 16u : 10u;
    uint64_t v = 0;
    bool big = false;
    for (; p < end; p++) {
        int d = digit_value(*p, is_hex);
        if (d < 0)
            return GS_NUM_SYNTAX;
        if (!big && v > (UINT64_MAX - (unsigned)d) / base)
            big = true; /* keep scanning: a syntax error later wins */
        if (!big)
            v = v * base + (unsigned)d;
    }
    if (big || v > max)
        return GS_NUM_RANGE;
    if (mag)
        *mag = v;
    if (neg)
        *neg = is_neg;
    if (hex)
        *hex = is_hex;
    return GS_NUM_OK;
}

gs_num_t gs_num_u64(const char *s, uint64_t max, uint64_t *v)
{
    return gs_num_parse(s, strlen(s), false, max, v, NULL, NULL);
}

const char *gs_quote_n(const char *s, size_t n, char *out)
{
    static const char hexd[] = "0123456789abcdef";
    char *o = out;
    size_t shown = n < GS_QUOTE_SHOW ? n : GS_QUOTE_SHOW;
    for (size_t i = 0; i < shown; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 0x20 && c < 0x7f && c != '\'' && c != '\\') {
            *o++ = (char)c;
        } else {
            *o++ = '\\';
            *o++ = 'x';
            *o++ = hexd[c >> 4];
            *o++ = hexd[c & 15];
        }
    }
    if (shown < n) {
        memcpy(o, "...", 3);
        o += 3;
    }
    *o = '\0';
    return out;
}

const char *gs_quote(const char *s, char *out)
{
    /* strnlen: never walk a huge argument further than needed */
    size_t n = 0;
    while (n <= GS_QUOTE_SHOW && s[n])
        n++;
    return gs_quote_n(s, n, out);
}
