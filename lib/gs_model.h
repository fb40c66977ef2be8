/*
 * gs_model.h - a configured gain-stage model for bindings (Python ctypes, SystemVerilog
 * DPI-C, other languages): the model of gainstage.h behind an opaque handle, set up
 * from the very option strings the tools take (SPEC section 6), with the tools'
 * error messages. Part of libgainstage (pkg-config gainstage); gainstage.h stays
 * the primary API and this adds nothing to the arithmetic.
 *
 *     const char *opt[] = { "--profile", "libfixmath", "--rf", "47k", "--rin", "10k" };
 *     char err[256];
 *     gs_model_t *st = gs_model_new(6, opt, err, sizeof err);
 *     if (!st) { fprintf(stderr, "%s\n", err); ... }
 *     gs_model_eval(st, x, NULL, y, ovf, n);   (NULL: the stage's gain for all)
 *     gs_model_free(st);
 */
#ifndef GS_MODEL_H
#define GS_MODEL_H

#include <stddef.h>
#include <stdint.h>

#include "gainstage.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct gs_model gs_model_t;

/* What a stage is, in plain fields (stable layout for bindings). */
typedef struct {
    int in_w, in_f, gain_w, gain_f, out_w, out_f;
    int round;                  /* gs_round_t */
    int overflow;               /* gs_overflow_t */
    uint32_t gain_code;         /* the resolved gain code */
    double gain_requested;      /* the ratio asked for (the code's value for --gain-code) */
    double gain_realized;       /* gain_code * 2^-G_F */
} gs_model_info_t;

/*
 * A stage from tool options ("--in", "s16.15", "--gain", "4.7", ...: every option
 * of SPEC section 6, later ones override earlier ones). NULL on error, with err
 * set to the message the tools print after "PROG: " (e.g. "--round 'up': unknown
 * rounding mode"), or "out of memory". err may be NULL when errlen is 0.
 */
gs_model_t *gs_model_new(int argc, const char *const *argv, char *err, size_t errlen);
void gs_model_free(gs_model_t *st);

/* The stage's formats, modes and gain (see gs_model_info_t). */
void gs_model_info(const gs_model_t *st, gs_model_info_t *info);

/* The checked model configuration, for the gainstage.h functions. */
const gs_config_t *gs_model_config(const gs_model_t *st);

/* "in s16.15, gain u16.12 code 4096, out s16.15, round half-even, overflow sat" */
void gs_model_describe(const gs_model_t *st, char *buf, size_t len);

/*
 * y[i] = Q(-(g[i] * x[i])), ovf[i] = 0/1 for i < n; g == NULL uses the stage's gain
 * code for every sample; ovf may be NULL. Returns the number of overflows. Codes
 * are not checked here: see gs_model_check_in / gs_model_check_gain.
 */
size_t gs_model_eval(const gs_model_t *st, const int32_t *x, const uint32_t *g, int32_t *y,
                     uint8_t *ovf, size_t n);

/*
 * Index of the first x[i] (resp. g[i]) that is not a code of the input (resp.
 * gain) format, or n when all are; on a bad one, err (if errlen > 0) says why, as
 * the tools do: "sample I: code 'V' does not fit the input format s16.15 (...)".
 */
size_t gs_model_check_in(const gs_model_t *st, const int64_t *x, size_t n, char *err,
                         size_t errlen);
size_t gs_model_check_gain(const gs_model_t *st, const int64_t *g, size_t n, char *err,
                           size_t errlen);

#ifdef __cplusplus
}
#endif
#endif /* GS_MODEL_H */
