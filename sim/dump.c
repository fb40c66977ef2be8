/*
 * dump.c - --dump: one line "y ovf" per result, in input order. Jobs write
 * anonymous temporary files (tmpfile, made by the parent before the fork, so
 * nothing is created beside the dump) that the parent appends in order.
 * "--dump -" is standard output; cosim's own lines then go to stderr.
 */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "run.h"

FILE *dump_open(const char *path)
{
    if (!strcmp(path, "-")) {
        /* the dump takes stdout's file; printf goes to stderr from here on */
        int fd = dup(1);
        FILE *f = fd < 0 ? NULL : fdopen(fd, "w");
        if (!f || fflush(stdout) != 0 || dup2(2, 1) < 0) {
            fprintf(stderr, "cosim: --dump -: %s\n", strerror(errno));
            return NULL;
        }
        setvbuf(f, NULL, _IOFBF, 1 << 20);
        return f;
    }
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


/* Append src (a job's part, written by the child) to dst and close src. 0, or
 * -1 after printing the reason. */
int dump_append(FILE *dst, FILE *src, const char *name)
{
    char buf[65536];
    size_t n;
    int rc = 0;
    rewind(src); /* the child moved the shared offset */
    while ((n = fread(buf, 1, sizeof buf, src)) > 0)
        if (fwrite(buf, 1, n, dst) != n) {
            fprintf(stderr, "cosim: --dump %s: write error: %s\n", name, strerror(errno));
            rc = -1;
            break;
        }
    if (rc == 0 && ferror(src)) {
        fprintf(stderr, "cosim: --dump %s: cannot read a job's part back: %s\n", name,
                strerror(errno));
        rc = -1;
    }
    fclose(src);
    return rc;
}
