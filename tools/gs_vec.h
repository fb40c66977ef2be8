/*
 * gs_vec.h - reader of input-vector files (SPEC section 6): one input code per
 * line, signed decimal or 0x hex (two's complement of the input width); blank
 * lines and lines starting with '#' are skipped. Every error names the file,
 * the line and the reason: "FILE:LINE: reason".
 *
 * The bytes accepted, exactly: lines end in LF or CR LF (the last line may lack
 * it); a CR not followed by LF, a NUL or any other control byte but TAB is
 * refused wherever it is (a binary file, or old Mac line ends, must not be read
 * as codes). Blanks are space and TAB. A code line holds at most
 * GS_VEC_LINE_MAX bytes; comment lines may be of any length. Memory is flat.
 */
#ifndef GS_VEC_H
#define GS_VEC_H

#include <stdio.h>
#include "gainstage.h"

#define GS_VEC_LINE_MAX 255

typedef struct {
    FILE *fp;
    const char *name;      /* as given; "-" reads stdin and is named "<stdin>" */
    unsigned long line;    /* number of the line last read (saturates, never wraps) */
    int state;             /* 0 reading, 1 at end of file, -1 after an error */
    int owned;             /* gs_vec_close closes fp */
    char err[512];         /* "FILE:LINE: reason" after an error */
} gs_vec_t;

/* Read from an open stream (not closed by gs_vec_close), named name. */
void gs_vec_attach(gs_vec_t *vec, FILE *fp, const char *name);

/* Open a file ("-" = stdin). 0, or -1 with vec->err set. */
int gs_vec_open(gs_vec_t *vec, const char *path);

/* Next code: 1 with *x set, 0 at end of file, -1 with vec->err set. After 0 or
 * -1 it returns the same again without reading. */
int gs_vec_next(gs_vec_t *vec, const gs_config_t *cfg, int32_t *x);

void gs_vec_close(gs_vec_t *vec);

/* Parse one code of the input format from a string (no comments, whitespace
 * around it allowed). GS_OK, GS_ERR_SYNTAX or GS_ERR_RANGE. */
gs_status_t gs_vec_parse_code(const gs_config_t *cfg, const char *s, int32_t *x);

#endif
