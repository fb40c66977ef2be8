/*
 * gs_capline.h - the line format of a UART capture (gs_capline.c): the pieces
 * gscompare (tools/gscompare.c) and its fuzz target build on.
 */
#ifndef GS_CAPLINE_H
#define GS_CAPLINE_H

#include <stdbool.h>
#include <stdint.h>

/* Strip and verify the "*XXXX" CRC-16/CCITT-FALSE of line s (cut at the '*').
 * 0, or -1 with *why set to the reason. */
int gs_line_crc(char *s, const char **why);

/* Strict signed decimal, what the firmware prints: no '+', no hex. */
bool gs_line_i64(const char *s, int64_t *v);

/* Whether tok[i]'s key (text up to '=') was given in tok[2..i-1]. */
bool gs_line_repeated(char **tok, int i);

/* Split s on single spaces into tok; the count, or max + 1 if there are more. */
int gs_line_split(char *s, char **tok, int max);

/* The value of "KEY=value" in tok, or NULL when tok is not that key. */
const char *gs_line_kv(char *tok, const char *key);

#endif
