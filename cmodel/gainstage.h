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
 * A prepared gain stage: every per-configuration constant the evaluation
 * needs, made by gs_stage_init() from a configuration it accepted. It is a
 * private copy, so a configuration changed afterwards cannot make it drift.
 * Its members are private (they may change between versions): only the
 * functions below may read or write them. A stage that gs_stage_init() refused,
 * or that it never made (zeroed or uninitialised memory), is REFUSED: every
 * evaluation function then gives y = 0 with ovf = 1 (see each function).
 */
typedef struct {
    uint32_t magic;                  /* GS_STAGE_MAGIC_ when made by gs_stage_init */
    uint32_t fast;                   /* GS_FAST_BIAS_: sat-fast, kind BIAS or TIE (gs_fast.h) */
    uint8_t in_w, g_w, g_f, out_w;
    uint8_t round, overflow;
    uint8_t narrow;                  /* the 32-bit path: IN_W + G_W <= 32, 1 <= shift <= 31 */
    uint8_t kind;                    /* which fast path (gs_fast.h); 0 = none */
    uint8_t sat_fast;                /* out of the window means overflow, side by v */
    int8_t shift;                    /* IN_F + G_F - OUT_F */
    uint8_t x_sh;                    /* 32 - IN_W */
    uint32_t g_mask;                 /* 2^G_W - 1 */
    uint32_t x_mask, x_sign;         /* 2^IN_W - 1, 2^(IN_W-1) */
    int32_t bias;                    /* v = bias - g*x, y = v >> shift in the window */
    uint32_t v_lo, v_span;           /* window: (uint32_t)v - v_lo <= v_span */
    uint32_t t_mask;                 /* 2^shift - 1: ties are v & t_mask == 0 */
    uint32_t tie_lim;                /* 1 for GS_KIND_TIE, else 0: a tie is v & t_mask < tie_lim */
    uint32_t f_span;                 /* v_span + 1 for GS_FAST_BIAS_, else 0 (gs_stage_eval) */
    uint8_t tie_odd, tie_pos;        /* how a tie leaves half-up (gs_stage_eval) */
    uint32_t s_rule;                 /* shift | the tie rule again (gs_fast.h): gs_block.c */
    int32_t q_lo, q_hi;              /* sat-fast: q = g*x with y in range (gs_block.c) */
    uint32_t q_span;                 /* q_hi - q_lo */
    uint8_t leaf_1, leaf_n;          /* the block loops: table offsets (gs_block.c) */
    int64_t y_min, y_max, p_min, p_max;
} gs_stage_t;

/*
 * A configuration. Fill the public part (or use gs_config_default /
 * gs_config_profile), then call gs_config_check(), which validates it, sets
 * the informative derived fields and prepares the private stage the gs_eval*
 * functions use. Those functions evaluate the configuration AS IT WAS CHECKED:
 * fields changed later take effect only at the next gs_config_check().
 * A configuration never checked, or refused by the check, is REFUSED by them.
 */
typedef struct {
    gs_fmt_t in, gain, out;
    gs_round_t round;
    gs_overflow_t overflow;
    /* derived by gs_config_check(), for reading only (the evaluation uses stage): */
    int shift;       /* IN_F + G_F - OUT_F */
    int64_t y_min;   /* smallest in-range output (-2^(W-1), or -(2^(W-1)-1) for sat-sym) */
    int64_t y_max;   /* 2^(OUT_W-1) - 1 */
    int64_t p_min;   /* for shift <= 0: smallest P whose scaled value is in range */
    int64_t p_max;   /* for shift <= 0: largest such P */
    bool narrow;     /* IN_W + G_W <= 32 and 1 <= shift <= 31: 32-bit arithmetic suffices */
    bool checked;    /* informative; the functions trust only stage */
    gs_stage_t stage; /* private: the checked configuration */
} gs_config_t;

/* Default profile: s16.15 in, u16.12 gain, s16.15 out, half-even, sat. */
void gs_config_default(gs_config_t *cfg);

/* Named profile ("default", "libfixmath"): sets cfg and returns GS_OK, or
 * GS_ERR_SYNTAX for an unknown name (cfg untouched). Not yet checked. */
gs_status_t gs_config_profile(gs_config_t *cfg, const char *name);

/* Validate formats, modes and shift; compute the derived fields and prepare
 * cfg->stage. On an error cfg is refused (checked = false) until a later
 * check accepts it. */
gs_status_t gs_config_check(gs_config_t *cfg);

/* Human-readable message for a status (static string). */
const char *gs_strerror(gs_status_t st);

/*
 * ---- evaluation: what every gs_eval* and gs_stage_* function computes ----
 *
 * x is an int32_t, g a uint32_t; ANY value is allowed (no undefined behaviour).
 * A code outside its format is first reduced to it, as the RTL's ports of
 * IN_W and G_W wires see it: x to its low IN_W bits read as signed, g to its
 * low G_W bits. Then y = Q(-(g*x)) as above, with ovf = 1 iff the rounded
 * value lay outside the output range (then y is clipped or wrapped). y is a
 * code of the output format, sign-extended into int32_t.
 * A REFUSED configuration or stage gives y = 0 and ovf = 1 for every sample.
 */

/* One sample. ovf may be NULL. */
int32_t gs_eval(const gs_config_t *cfg, int32_t x, uint32_t g, bool *ovf);

/*
 * Block evaluation: y[i] = Q(-(g[i]*x[i])), ovf[i] = 0/1, for i < n.
 * ovf may be NULL. Returns the number of overflows (n when refused). Same
 * results as gs_eval. Branch-free loops, specialised per mode: the fastest on
 * a CPU with vector units.
 */
size_t gs_eval_block(const gs_config_t *cfg, const int32_t *x, const uint32_t *g,
                     int32_t *y, uint8_t *ovf, size_t n);

/* Same with one gain code for the whole block. */
size_t gs_eval_block_gain(const gs_config_t *cfg, const int32_t *x, uint32_t g,
                          int32_t *y, uint8_t *ovf, size_t n);

/* True when x (resp. g) is a code of the input (resp. gain) format of a
 * checked configuration; false for every value if cfg is refused. */
bool gs_code_fits_in(const gs_config_t *cfg, int64_t x);
bool gs_code_fits_gain(const gs_config_t *cfg, uint64_t g);

/* ---- prepared stages: the fast paths, for CPUs without vector units ---- */

/*
 * Validate cfg (as gs_config_check, which it does not modify) and prepare st
 * from it. On an error st is REFUSED. The stage depends on cfg only through
 * this call.
 */
gs_status_t gs_stage_init(gs_stage_t *st, const gs_config_t *cfg);

/* The stage gs_config_check prepared inside cfg (refused unless checked): the
 * gs_stage_* functions on it without a second copy. */
const gs_stage_t *gs_config_stage(const gs_config_t *cfg);

/* True when st was made by gs_stage_init and accepted. */
bool gs_stage_ok(const gs_stage_t *st);

/* One sample, as gs_eval. ovf may be NULL. */
int32_t gs_stage_eval(const gs_stage_t *st, int32_t x, uint32_t g, bool *ovf);

/*
 * Blocks, as gs_eval_block / gs_eval_block_gain, but the overflow flags are
 * packed: ovf_bits[i / 32] bit (i % 32) is ovf of sample i; the function
 * writes all (n + 31) / 32 words (bits past n are 0). ovf_bits may be NULL.
 * Returns the number of overflows (n when refused). An in-range sample costs
 * one store (y) on the common path: the in-range window of the product, the
 * rounding bias and the rest are constants of the stage.
 */
size_t gs_stage_block(const gs_stage_t *st, const int32_t *x, const uint32_t *g,
                      int32_t *y, uint32_t *ovf_bits, size_t n);
size_t gs_stage_block_gain(const gs_stage_t *st, const int32_t *x, uint32_t g,
                           int32_t *y, uint32_t *ovf_bits, size_t n);

/* Bit i of a packed overflow array. */
static inline bool gs_ovf_bit(const uint32_t *ovf_bits, size_t i)
{
    return (ovf_bits[i / 32] >> (i % 32)) & 1u;
}

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
 * den == 0, GS_ERR_GAIN_FMT if cfg is not checked. *code is written only on GS_OK.
 */
gs_status_t gs_gain_code_ratio(const gs_config_t *cfg, uint64_t num, uint64_t den,
                               uint32_t *code);

/*
 * Parse a decimal real ("4.7", "0.25", "12") into num/den exactly
 * (den = 10^k). GS_ERR_SYNTAX / GS_ERR_RANGE (more than 18 digits).
 * The outputs are written only on GS_OK.
 */
gs_status_t gs_parse_decimal(const char *s, uint64_t *num, uint64_t *den);

/*
 * Parse a resistance: "47k", "4k7", "1M", "220R", "100", "4.7k", "2M2", "0R5"
 * into milliohms (exact). GS_ERR_SYNTAX or GS_ERR_RANGE (above 10^15 mOhm).
 * The output is written only on GS_OK.
 */
gs_status_t gs_parse_resistance(const char *s, uint64_t *milliohm);

#ifdef __cplusplus
}
#endif
#endif /* GAINSTAGE_H */
