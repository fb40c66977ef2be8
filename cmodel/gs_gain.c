/*
 * gs_gain.c - gain codes from real ratios and resistor pairs (SPEC section 5),
 * exactly: decimals and resistances are parsed into integers, and the code is
 * half-even(num / den * 2^G_F) by long division, with no floating point.
 */
#include "gainstage.h"
#include "gs_str.h"

#define GS_DEC_MAX_DIGITS 18u /* 10^18 < 2^63: num and den fit uint64_t */

gs_status_t gs_gain_code_ratio(const gs_config_t *cfg, uint64_t num, uint64_t den,
                               uint32_t *code)
{
    if (!gs_stage_ok(&cfg->stage))
        return GS_ERR_GAIN_FMT;
    if (den == 0)
        return GS_ERR_ZERO_DIV;
    const unsigned g_f = cfg->stage.g_f;
    uint64_t limit = (uint64_t)1 << cfg->stage.g_w; /* codes are < limit */
    uint64_t q = num / den, rem = num % den;
    if (q >= limit)
        return GS_ERR_RANGE;
    /* q = floor(num * 2^i / den) for i = 0..G_F, one bit at a time; q only
     * grows, so once it reaches the limit it stays out of range. 2*rem may not
     * fit 64 bits, so "2*rem >= den" is tested as "rem >= den - rem" (rem < den). */
    for (unsigned i = 0; i < g_f; i++) {
        q <<= 1;
        if (rem >= den - rem) {
            rem -= den - rem;
            q |= 1;
        } else {
            rem <<= 1;
        }
        if (q >= limit)
            return GS_ERR_RANGE;
    }
    /* half-even on the remainder: compare rem / den with 1/2 */
    uint64_t other = den - rem;
    if (rem > other || (rem == other && (q & 1)))
        q++;
    if (q >= limit)
        return GS_ERR_RANGE;
    *code = (uint32_t)q;
    return GS_OK;
}

/* Fraction zeros are held back until a non-zero digit follows, so that
 * trailing ones ("1.000...") cost no digits: count them in now. */
static bool flush_zeros(unsigned *zeros, unsigned *digits, uint64_t *num, uint64_t *den)
{
    for (; *zeros; --*zeros) {
        if (++*digits > GS_DEC_MAX_DIGITS)
            return false;
        *num *= 10;
        *den *= 10;
    }
    return true;
}

/* Digits with at most one '.', into num/den = value exactly. end gets the first
 * character after them. */
static gs_status_t parse_decimal_part(const char *s, const char **end, uint64_t *num,
                                      uint64_t *den, unsigned *ndigits)
{
    uint64_t n = 0, d = 1;
    unsigned digits = 0, zeros = 0;
    bool dot = false, any = false;
    for (;; s++) {
        if (gs_is_digit(*s)) {
            any = true;
            if (n == 0 && *s == '0' && !dot)
                continue; /* leading zeros cost nothing */
            if (dot && *s == '0') {
                zeros++; /* trailing fraction zeros cost nothing: count them later */
                continue;
            }
            if (!flush_zeros(&zeros, &digits, &n, &d))
                return GS_ERR_RANGE;
            if (++digits > GS_DEC_MAX_DIGITS)
                return GS_ERR_RANGE;
            n = n * 10 + (uint64_t)(*s - '0');
            if (dot)
                d *= 10;
        } else if (*s == '.' && !dot) {
            dot = true;
        } else {
            break;
        }
    }
    if (!any)
        return GS_ERR_SYNTAX;
    *end = s;
    *num = n;
    *den = d;
    *ndigits = digits;
    return GS_OK;
}

gs_status_t gs_parse_decimal(const char *s, uint64_t *num, uint64_t *den)
{
    const char *end;
    unsigned nd;
    uint64_t n, d;
    if (!s)
        return GS_ERR_SYNTAX;
    if (*s == '+')
        s++;
    gs_status_t st = parse_decimal_part(s, &end, &n, &d, &nd);
    if (st != GS_OK)
        return st;
    if (*end != '\0')
        return GS_ERR_SYNTAX;
    *num = n;
    *den = d;
    return GS_OK;
}

/* Multiplier of a resistance suffix, in milliohms per unit. 0 if not one. */
static uint64_t suffix_scale(char c)
{
    switch (c) {
    case 'R': case 'r': return 1000u;
    case 'k': case 'K': return 1000000u;
    case 'M':           return 1000000000u; /* no 'm': milli or mega? refused */
    default:            return 0;
    }
}

/*
 * "47k", "4.7k", "4k7" (the multiplier letter as the decimal point), "1M", "2M2",
 * "220R", "0R5", "100" (ohms). One letter at most; digits on both sides of it are
 * the integer and fractional parts.
 */
gs_status_t gs_parse_resistance(const char *s, uint64_t *milliohm)
{
    const uint64_t max = 1000000000000000ull; /* 10^15 mOhm = 1 TOhm */
    if (!s || !*s)
        return GS_ERR_SYNTAX;
    uint64_t ip = 0, fnum = 0, fden = 1, scale = 1000u; /* default unit: ohm */
    const char *p = s;
    unsigned digits = 0, zeros = 0;
    bool dot = false, letter = false, any = false;
    for (; *p; p++) {
        uint64_t sc;
        if (gs_is_digit(*p)) {
            any = true;
            bool frac = dot || letter;
            if (!frac && ip == 0 && *p == '0')
                continue; /* leading zeros cost nothing, as in gs_parse_decimal */
            if (frac && *p == '0') {
                zeros++; /* nor do trailing fraction zeros */
                continue;
            }
            if (!flush_zeros(&zeros, &digits, &fnum, &fden))
                return GS_ERR_RANGE;
            if (++digits > GS_DEC_MAX_DIGITS)
                return GS_ERR_RANGE;
            if (frac) {
                fnum = fnum * 10 + (uint64_t)(*p - '0');
                fden *= 10;
            } else {
                ip = ip * 10 + (uint64_t)(*p - '0');
            }
        } else if (*p == '.' && !dot && !letter) {
            dot = true;
        } else if ((sc = suffix_scale(*p)) != 0 && !letter && any) {
            letter = true;
            scale = sc;
            if (dot && p[1] != '\0')
                return GS_ERR_SYNTAX; /* "4.7k7" */
        } else {
            return GS_ERR_SYNTAX;
        }
    }
    if (!any || (dot && fden == 1 && !letter && p[-1] == '.'))
        return GS_ERR_SYNTAX;
    /* value = (ip + fnum / fden) * scale, which must be a whole milliohm */
    if (ip > max / scale)
        return GS_ERR_RANGE;
    uint64_t whole = ip * scale;
    /* fnum < fden <= 10^18 and scale <= 10^9: split to avoid overflow */
    uint64_t frac_mo;
    if (fden >= scale) {
        uint64_t d = fden / scale; /* both are powers of ten */
        if (fnum % d != 0)
            return GS_ERR_RANGE; /* finer than a milliohm */
        frac_mo = fnum / d;
    } else {
        frac_mo = fnum * (scale / fden);
    }
    if (whole > max - frac_mo)
        return GS_ERR_RANGE;
    *milliohm = whole + frac_mo;
    return GS_OK;
}
