/*
 * fuzz_vec.c - libFuzzer target: tools/gs_vec.c (the input-vector reader) must
 * agree with the independent reader spec_vec.h on every byte string: the same
 * codes, or an error on the same line of the same class. The first input byte
 * picks the input width (2..32); the rest is the file.
 */
#define _GNU_SOURCE /* fmemopen */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gs_vec.h"
#include "spec_vec.h"

#define MAXC 4096

static void die(const char *what, const uint8_t *d, size_t n)
{
    fprintf(stderr, "fuzz_vec: %s (input of %zu bytes)\n", what, n);
    (void)d;
    abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 2)
        return 0;
    int w = 2 + data[0] % 31;
    const uint8_t *d = data + 1;
    size_t n = size - 1;
    gs_config_t cfg;
    gs_config_default(&cfg);
    cfg.in.w = (uint8_t)w;
    cfg.in.f = 0;
    if (gs_config_check(&cfg) != GS_OK)
        abort();

    static int64_t want[MAXC];
    size_t nwant;
    unsigned long wline;
    int ws = spec_read(d, n, w, want, MAXC, &nwant, &wline);

    FILE *fp = fmemopen((void *)d, n, "rb");
    if (!fp)
        return 0;
    gs_vec_t vec;
    gs_vec_attach(&vec, fp, "fuzz");
    size_t k = 0;
    int r;
    int32_t x;
    while ((r = gs_vec_next(&vec, &cfg, &x)) == 1) {
        if (ws == SPEC_OK && k >= nwant)
            die("gs_vec read more codes than the spec reader", d, n);
        if (k < nwant && want[k] != x)
            die("gs_vec read another code than the spec reader", d, n);
        k++;
    }
    if (gs_vec_next(&vec, &cfg, &x) != r)
        die("gs_vec does not stay at its end", d, n);
    fclose(fp);
    if (ws == SPEC_OK) {
        if (r != 0 || k != nwant) {
            fprintf(stderr, "gs_vec: %s\n", vec.err);
            die("gs_vec refused or cut short what the spec accepts", d, n);
        }
        return 0;
    }
    if (r != -1)
        die("gs_vec accepted what the spec refuses", d, n);
    if (k != nwant)
        die("gs_vec and the spec reader stop at different codes", d, n);
    char where[32];
    snprintf(where, sizeof where, "fuzz:%lu: ", wline);
    if (strncmp(vec.err, where, strlen(where)) != 0) {
        fprintf(stderr, "gs_vec: %s; spec: line %lu\n", vec.err, wline);
        die("the error is not on the spec reader's line", d, n);
    }
    const char *msg = vec.err + strlen(where);
    int cls = !strncmp(msg, "malformed", 9)  ? SPEC_SYNTAX
              : !strncmp(msg, "code '", 6)   ? SPEC_RANGE
                                             : SPEC_BYTES;
    if (cls != ws) {
        fprintf(stderr, "gs_vec: %s; spec: class %d\n", vec.err, ws);
        die("another kind of error than the spec reader's", d, n);
    }
    for (const char *p = vec.err; *p; p++)
        if ((unsigned char)*p < 0x20 || (unsigned char)*p >= 0x7f)
            die("the message echoes a raw byte", d, n);
    return 0;
}
