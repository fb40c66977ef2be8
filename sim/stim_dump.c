/*
 * stim_dump.c - cosim's stimulus as raw binary for the bare loop's information
 * row (make bench-cosim): the samples that cosim would drive for the same
 * options, each as two little-endian uint32 words, the input code (masked to
 * IN_W) and the gain code. Nothing is checked: it only feeds sim/bare_main.cpp.
 * Usage: stim_dump OUTFILE COSIM-OPTIONS...   (exit 0, or 2 on bad usage)
 */
#include <stdio.h>
#include <stdlib.h>

#include "run.h"

/* config.c checks the model build: there is none here, so it matches. */
static dut_info_t stub;
const dut_info_t *dut_info(void) { return &stub; }

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: stim_dump OUTFILE COSIM-OPTIONS...\n");
        return 2;
    }
    cosim_opts_t o;
    const char *path = argv[1];
    argv[1] = argv[0];          /* the options parser's argv: a name, then options */
    if (cosim_opts_parse(&o, argc - 1, argv + 1) != 0)
        return 2;
    const gs_config_t *c = &o.cli.cfg;
    stub = (dut_info_t){ c->in.w, c->in.f, c->gain.w, c->gain.f, c->out.w, c->out.f,
                         (int)c->round, (int)c->overflow, 0, 0, 0, "none", 1 };
    ctx_t t;
    if (ctx_init(&t, &o) != 0)
        return 2;
    FILE *f = fopen(path, "wb");
    if (!f) {
        perror(path);
        return 2;
    }
    enum { B = 4096 };
    static int32_t x[B];
    static uint32_t g[B], w[2 * B];
    for (uint64_t k = 0; k < t.total; k += B) {
        size_t n = t.total - k < B ? (size_t)(t.total - k) : B;
        gen_samples(&t, k, n, x, g);
        for (size_t i = 0; i < n; i++) {
            w[2 * i] = (uint32_t)x[i] & t.imask;
            w[2 * i + 1] = g[i];
        }
        if (fwrite(w, sizeof *w, 2 * n, f) != 2 * n) {
            perror(path);
            return 2;
        }
    }
    if (fclose(f) != 0) {
        perror(path);
        return 2;
    }
    return 0;
}
