/*
 * gainstage.h - bit-accurate model of the fixed-point inverting gain stage.
 *
 *     y = Q( -(g * x) )                          (SPEC.md section 3)
 *
 * x: signed input code, format s<IN_W>.<IN_F>; g: unsigned gain code,
 * u<G_W>.<G_F>; y: signed output code, s<OUT_W>.<OUT_F>.
 *
 * Scaling: P = -(g * x) is exact at 2^-(IN_F+G_F). With s = IN_F + G_F - OUT_F,
 * s <= 0 scales P up by 2^-s exactly; s > 0 divides by 2^s and rounds with the
 * configured mode. Rounding happens AFTER the negation, so the asymmetric modes
 * (floor, ceil, half-up, half-down) give Q(-(g*x)) != -Q(g*x) on ties.
 * Saturation: a result outside [-2^(OUT_W-1), 2^(OUT_W-1)-1] (or the symmetric
 * range for GS_OVF_SAT_SYM) is clipped or wrapped and flagged ovf = 1.
 *
 * Freestanding C11: only <stdint.h>, <stddef.h> and <stdbool.h>; no libc calls,
 * no undefined behaviour, so the same source runs on the host and on RV32.
 */
#ifndef GAINSTAGE_H
#define GAINSTAGE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Rounding modes of SPEC section 3, in the order of its table. */
typedef enum {
    GS_ROUND_FLOOR = 0,  /* toward -inf           (AP_TRN)         */
    GS_ROUND_CEIL,       /* toward +inf                            */
    GS_ROUND_ZERO,       /* toward zero           (AP_TRN_ZERO)    */
    GS_ROUND_HALF_UP,    /* nearest, ties to +inf (AP_RND)         */
    GS_ROUND_HALF_DOWN,  /* nearest, ties to -inf (AP_RND_MIN_INF) */
    GS_ROUND_HALF_ZERO,  /* nearest, ties to 0    (AP_RND_ZERO)    */
    GS_ROUND_HALF_AWAY,  /* nearest, ties away    (AP_RND_INF)     */
    GS_ROUND_HALF_EVEN,  /* nearest, ties to even (AP_RND_CONV)    */
    GS_ROUND_COUNT
} gs_round_t;

/* Overflow modes of SPEC section 3. */
typedef enum {
    GS_OVF_SAT = 0,  /* clip to the nearer rail                        */
    GS_OVF_SAT_SYM,  /* clip to +-(2^(OUT_W-1)-1); the minimum code too  */
    GS_OVF_WRAP,     /* keep the low OUT_W bits, read back as signed    */
    GS_OVF_COUNT
} gs_overflow_t;

/* A number format sW.F / uW.F: W bits in all, F fractional. */
typedef struct {
    uint8_t w;
    uint8_t f;
    bool is_signed;
} gs_fmt_t;

/* Status codes; gs_strerror() gives the message. */
typedef enum {
    GS_OK = 0,
    GS_ERR_IN_FMT,       /* input not signed, or W outside 2..32, or F > 62 */
    GS_ERR_GAIN_FMT,     /* gain not unsigned, or W outside 1..32, or F > 62 */
    GS_ERR_OUT_FMT,      /* output not signed, or W outside 2..32, or F > 62 */
    GS_ERR_SHIFT,        /* IN_F + G_F - OUT_F outside -62..62 */
    GS_ERR_ROUND,        /* unknown rounding mode */
    GS_ERR_OVERFLOW,     /* unknown overflow mode */
    GS_ERR_SYNTAX,       /* a string that does not parse */
    GS_ERR_RANGE,        /* a value that does not fit its format */
    GS_ERR_ZERO_DIV,     /* a zero resistance / denominator */
    GS_ERR_COUNT
} gs_status_t;

/*
 * A validated configuration. Fill the public part (or use gs_config_default /
 * gs_config_profile), then call gs_config_check(), which validates it and sets
 * the derived fields that the evaluation uses. Never evaluate an unchecked one.
 */
typedef struct {
    gs_fmt_t in, gain, out;
    gs_round_t round;
    gs_overflow_t overflow;
    /* derived by gs_config_check(): */
    int shift;       /* IN_F + G_F - OUT_F */
    int64_t y_min;   /* smallest in-range output (-2^(W-1), or -(2^(W-1)-1) for sat-sym) */
    int64_t y_max;   /* 2^(OUT_W-1) - 1 */
    int64_t p_min;   /* for shift <= 0: smallest P whose scaled value is in range */
    int64_t p_max;   /* for shift <= 0: largest such P */
    bool narrow;     /* IN_W + G_W <= 32 and 1 <= shift <= 31: 32-bit arithmetic suffices */
    bool checked;
} gs_config_t;

/* Default profile: s16.15 in, u16.12 gain, s16.15 out, half-even, sat. */
void gs_config_default(gs_config_t *cfg);

/* Named profile ("default", "libfixmath"): sets cfg and returns GS_OK, or
 * GS_ERR_SYNTAX for an unknown name (cfg untouched). Not yet checked. */
gs_status_t gs_config_profile(gs_config_t *cfg, const char *name);

/* Validate formats, modes and shift; compute the derived fields. */
gs_status_t gs_config_check(gs_config_t *cfg);

/* Human-readable message for a status (static string). */
const char *gs_strerror(gs_status_t st);

/*
 * Evaluate one sample. x must be a code of the input format (sign-extended into
 * int32_t), g a code of the gain format. Returns y (sign-extended), *ovf = 0/1.
 * Codes outside their formats are not checked here (see gs_code_fits_*).
 */
int32_t gs_eval(const gs_config_t *cfg, int32_t x, uint32_t g, bool *ovf);

/*
 * Block evaluation: y[i] = Q(-(g[i]*x[i])), ovf[i] = 0/1, for i < n.
 * ovf may be NULL. Returns the number of overflows. Same results as gs_eval.
 */
size_t gs_eval_block(const gs_config_t *cfg, const int32_t *x, const uint32_t *g,
                     int32_t *y, uint8_t *ovf, size_t n);

/* Same with one gain code for the whole block. */
size_t gs_eval_block_gain(const gs_config_t *cfg, const int32_t *x, uint32_t g,
                          int32_t *y, uint8_t *ovf, size_t n);

/* True when x (resp. g) is a code of the input (resp. gain) format. */
bool gs_code_fits_in(const gs_config_t *cfg, int64_t x);
bool gs_code_fits_gain(const gs_config_t *cfg, uint64_t g);

/* ---- names and strings (freestanding parsers, no libc) ---- */

/* "s16.15" / "u16.12" -> fmt. Only the syntax is checked here (F may exceed
 * W, SPEC section 2); the limits are gs_config_check's job. */
gs_status_t gs_parse_fmt(const char *s, gs_fmt_t *fmt);
gs_status_t gs_parse_round(const char *s, gs_round_t *mode);
gs_status_t gs_parse_overflow(const char *s, gs_overflow_t *mode);
const char *gs_round_name(gs_round_t mode);
const char *gs_overflow_name(gs_overflow_t mode);

/* ---- gain coding (SPEC section 5) ---- */

/*
 * code = half-even(num / den * 2^G_F), computed exactly (no floating point).
 * GS_ERR_RANGE if the code does not fit the gain format, GS_ERR_ZERO_DIV if
 * den == 0.
 */
gs_status_t gs_gain_code_ratio(const gs_config_t *cfg, uint64_t num, uint64_t den,
                               uint32_t *code);

/*
 * Parse a decimal real ("4.7", "0.25", "12") into num/den exactly
 * (den = 10^k). GS_ERR_SYNTAX / GS_ERR_RANGE (more than 18 digits).
 */
gs_status_t gs_parse_decimal(const char *s, uint64_t *num, uint64_t *den);

/*
 * Parse a resistance: "47k", "4k7", "1M", "220R", "100", "4.7k", "2M2", "0R5"
 * into milliohms (exact). GS_ERR_SYNTAX or GS_ERR_RANGE (above 10^15 mOhm).
 */
gs_status_t gs_parse_resistance(const char *s, uint64_t *milliohm);

#ifdef __cplusplus
}
#endif
#endif /* GAINSTAGE_H */
