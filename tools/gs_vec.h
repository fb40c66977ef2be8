/*
 * gs_vec.h - reader of input-vector files (SPEC section 6): one input code per
 * line, signed decimal or 0x hex (two's complement of the input width); blank
 * lines and lines starting with '#' are skipped. Every error names the file,
 * the line and the reason: "FILE:LINE: reason".
 */
#ifndef GS_VEC_H
#define GS_VEC_H

#include <stdio.h>
#include "gainstage.h"

typedef struct {
    FILE *fp;
    const char *name;      /* as given; "-" reads stdin and is named "<stdin>" */
    unsigned long line;    /* number of the line last read */
    char err[256];         /* "FILE:LINE: reason" after an error */
} gs_vec_t;

/* Open a file ("-" = stdin). 0, or -1 with vec->err set. */
int gs_vec_open(gs_vec_t *vec, const char *path);

/* Next code: 1 with *x set, 0 at end of file, -1 with vec->err set. */
int gs_vec_next(gs_vec_t *vec, const gs_config_t *cfg, int32_t *x);

void gs_vec_close(gs_vec_t *vec);

/* Parse one code of the input format from a string (no comments, whitespace
 * around it allowed). GS_OK, GS_ERR_SYNTAX or GS_ERR_RANGE. */
gs_status_t gs_vec_parse_code(const gs_config_t *cfg, const char *s, int32_t *x);

#endif
