/*
 * dump.c - --dump: one line "y ovf" per result, in input order. Jobs write
 * part files that the parent appends in order.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "run.h"

FILE *dump_open(const char *path)
{
    FILE *f = fopen(path, "w");
    if (!f) {
        fprintf(stderr, "cosim: --dump %s: cannot write: %s\n", path, strerror(errno));
        return NULL;
    }
    setvbuf(f, NULL, _IOFBF, 1 << 20);
    return f;
}

void dump_line(FILE *f, int64_t y, unsigned ovf)
{
    char buf[32], *p = buf + sizeof buf;
    *--p = '\n';
    *--p = (char)('0' + ovf);
    *--p = ' ';
    uint64_t m = y < 0 ? (uint64_t)0 - (uint64_t)y : (uint64_t)y;
    do {
        *--p = (char)('0' + m % 10);
        m /= 10;
    } while (m);
    if (y < 0)
        *--p = '-';
    fwrite(p, 1, (size_t)(buf + sizeof buf - p), f);
}


int dump_append(FILE *dst, const char *src)
{
    FILE *f = fopen(src, "rb");
    if (!f)
        return -1;
    char buf[65536];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, f)) > 0)
        if (fwrite(buf, 1, n, dst) != n) {
            fclose(f);
            return -1;
        }
    fclose(f);
    return 0;
}
