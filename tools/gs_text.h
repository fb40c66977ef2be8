/*
 * gs_text.h - the one number parser and the one quoting rule of every host tool.
 *
 * Numbers (SPEC section 6): decimal, or hex after 0x/0X; a leading zero never
 * means octal. Every integer of an option or an input file goes through
 * gs_num_parse(), so "010" is ten everywhere and "08" is eight.
 *
 * Quoting: a message that echoes user text shows it with control and non-ASCII
 * bytes escaped (\xNN) and cut to a bounded length ("..."), so a binary file or a
 * 100 KB argument cannot flood or corrupt a terminal.
 */
#ifndef GS_TEXT_H
#define GS_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef enum { GS_NUM_OK = 0, GS_NUM_SYNTAX, GS_NUM_RANGE } gs_num_t;

/*
 * Parse the n bytes at s (no blanks) as [sign] digits: decimal, or 0x hex. A
 * sign ('+' or '-') only when allow_sign, and only before decimal digits. On
 * GS_NUM_OK: *mag the magnitude, *neg the sign, *hex whether it was 0x hex
 * (any of them may be NULL). GS_NUM_RANGE when the magnitude exceeds max (the
 * whole text is still checked: a syntax error wins). Outputs untouched on error.
 */
gs_num_t gs_num_parse(const char *s, size_t n, bool allow_sign, uint64_t max, uint64_t *mag,
                      bool *neg, bool *hex);

/* A whole string as an unsigned number <= max (no sign). */
gs_num_t gs_num_u64(const char *s, uint64_t max, uint64_t *v);

/* The quoted form of the n bytes at s: printable ASCII as is, '\'' and '\\' and
 * every other byte as \xNN, at most GS_QUOTE_SHOW bytes shown, then "...".
 * out must hold GS_QUOTE_MAX bytes. Returns out. */
#define GS_QUOTE_SHOW 48
#define GS_QUOTE_MAX (GS_QUOTE_SHOW * 4 + 4)
const char *gs_quote_n(const char *s, size_t n, char *out);
const char *gs_quote(const char *s, char *out); /* a NUL-terminated string */

#endif
