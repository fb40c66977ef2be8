/*
 * gs_capline.c - the line format of a UART capture (fw/README.md): the "*XXXX"
 * CRC suffix, the space-separated tokens, key=value fields and the strict
 * decimals the firmware prints. gscompare.c reads the lines' meaning.
 */
#define _POSIX_C_SOURCE 200809L
#include <string.h>

#include "gs_capline.h"
#include "gs_crc16.h"
#include "gs_text.h"

/* Strip and verify the "*XXXX" checksum. 0 ok, -1 with *why set. */
int gs_line_crc(char *s, const char **why)
{
    char *star = strrchr(s, '*');
    if (!star) {
        *why = "no '*CRC' at the end (truncated line?)";
        return -1;
    }
    const char *h = star + 1;
    unsigned v = 0;
    int nd = 0;
    for (; *h; h++, nd++) {
        int d;
        if (*h >= '0' && *h <= '9') d = *h - '0';
        else if (*h >= 'A' && *h <= 'F') d = *h - 'A' + 10;
        else if (*h >= 'a' && *h <= 'f') d = *h - 'a' + 10;
        else {
            *why = "bad character in the checksum field";
            return -1;
        }
        v = v << 4 | (unsigned)d;
    }
    if (nd != 4) {
        *why = "checksum field is not 4 hex digits (truncated line?)";
        return -1;
    }
    if (gs_crc16(s, (size_t)(star - s)) != v) {
        *why = "checksum mismatch (line garbled on the way?)";
        return -1;
    }
    *star = '\0';
    return 0;
}

/* Strict signed decimal (what the firmware prints): no '+', no hex. */
bool gs_line_i64(const char *s, int64_t *v)
{
    uint64_t mag;
    bool neg, hex;
    if (*s == '+' || gs_num_parse(s, strlen(s), true, (uint64_t)1 << 62, &mag, &neg, &hex) ||
        hex)
        return false;
    *v = neg ? -(int64_t)mag : (int64_t)mag;
    return true;
}

/* A key given twice ("result=FAIL result=PASS") is refused, never "the last wins". */
bool gs_line_repeated(char **tok, int i)
{
    const char *eq = strchr(tok[i], '=');
    if (!eq)
        return false;
    size_t k = (size_t)(eq - tok[i]) + 1;
    for (int j = 2; j < i; j++)
        if (!strncmp(tok[j], tok[i], k))
            return true;
    return false;
}

/* Split on single spaces; returns the count (at most max). */
int gs_line_split(char *s, char **tok, int max)
{
    int n = 0;
    char *save = NULL;
    for (char *p = strtok_r(s, " ", &save); p; p = strtok_r(NULL, " ", &save)) {
        if (n == max)
            return max + 1;
        tok[n++] = p;
    }
    return n;
}

const char *gs_line_kv(char *tok, const char *key)
{
    size_t k = strlen(key);
    return strncmp(tok, key, k) == 0 && tok[k] == '=' ? tok + k + 1 : NULL;
}
