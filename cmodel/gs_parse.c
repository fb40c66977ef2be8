/* gs_parse.c - names of modes and formats, parsed without libc. */
#include "gainstage.h"
#include "gs_str.h"

static const char *const round_names[GS_ROUND_COUNT] = {
    "floor", "ceil", "zero", "half-up", "half-down", "half-zero", "half-away", "half-even",
};
static const char *const overflow_names[GS_OVF_COUNT] = { "sat", "sat-sym", "wrap" };

const char *gs_round_name(gs_round_t mode)
{
    return (unsigned)mode < GS_ROUND_COUNT ? round_names[mode] : "?";
}

const char *gs_overflow_name(gs_overflow_t mode)
{
    return (unsigned)mode < GS_OVF_COUNT ? overflow_names[mode] : "?";
}

gs_status_t gs_parse_round(const char *s, gs_round_t *mode)
{
    for (int i = 0; i < GS_ROUND_COUNT; i++)
        if (gs_str_eq(s, round_names[i])) {
            *mode = (gs_round_t)i;
            return GS_OK;
        }
    return GS_ERR_ROUND;
}

gs_status_t gs_parse_overflow(const char *s, gs_overflow_t *mode)
{
    for (int i = 0; i < GS_OVF_COUNT; i++)
        if (gs_str_eq(s, overflow_names[i])) {
            *mode = (gs_overflow_t)i;
            return GS_OK;
        }
    return GS_ERR_OVERFLOW;
}

/* Unsigned decimal of at most 3 digits (enough for any legal W or F and then
 * some, so that "s99.1" is reported as a bad width, not a syntax error). */
static const char *parse_small(const char *s, unsigned *v)
{
    unsigned n = 0, digits = 0;
    while (gs_is_digit(*s)) {
        if (++digits > 3)
            return 0;
        n = n * 10 + (unsigned)(*s++ - '0');
    }
    if (digits == 0)
        return 0;
    *v = n;
    return s;
}

gs_status_t gs_parse_fmt(const char *s, gs_fmt_t *fmt)
{
    unsigned w, f;
    if (!s || (s[0] != 's' && s[0] != 'u'))
        return GS_ERR_SYNTAX;
    bool is_signed = s[0] == 's';
    const char *p = parse_small(s + 1, &w);
    if (!p || *p != '.')
        return GS_ERR_SYNTAX;
    p = parse_small(p + 1, &f);
    if (!p || *p != '\0')
        return GS_ERR_SYNTAX;
    if (w > 255 || f > 255)
        return GS_ERR_RANGE;
    fmt->is_signed = is_signed;
    fmt->w = (uint8_t)w;
    fmt->f = (uint8_t)f;
    return GS_OK;
}
