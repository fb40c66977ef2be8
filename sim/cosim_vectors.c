/*
 * cosim_vectors.c - the stimulus' size and the --vectors file (see cosim_opts.h):
 * read once, by the driver, and handed to the simulator it runs through an
 * inherited memfd, so that stdin, a pipe or a FIFO works and a file changed in
 * between cannot differ from what was checked. Sample totals never wrap.
 */
#define _GNU_SOURCE /* memfd_create */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "cosim_opts.h"
#include "gs_text.h"
#include "gs_vec.h"

/* The simulator's side of the handoff: COUNT codes from FD. 1 done, 0 none, -1 error. */
static int load_handoff(cosim_opts_t *o)
{
    const char *env = getenv(COSIM_VECTORS_ENV);
    if (!env)
        return 0;
    const char *colon = strchr(env, ':');
    uint64_t fd, n;
    if (!colon || gs_num_parse(env, (size_t)(colon - env), false, 1023, &fd, NULL, NULL) ||
        gs_num_u64(colon + 1, SIZE_MAX / sizeof(int32_t), &n) || n == 0) {
        fprintf(stderr, "cosim: bad %s from the driver\n", COSIM_VECTORS_ENV);
        return -1;
    }
    int32_t *v = malloc((size_t)n * sizeof *v);
    size_t got = 0, want = (size_t)n * sizeof *v;
    while (v && got < want) {
        ssize_t r = pread((int)fd, (char *)v + got, want - got, (off_t)got);
        if (r <= 0)
            break;
        got += (size_t)r;
    }
    close((int)fd);
    unsetenv(COSIM_VECTORS_ENV);
    for (size_t i = 0; v && got == want && i < n; i++)
        if (!gs_code_fits_in(&o->cli.cfg, v[i]))
            got = 0;
    if (!v || got != want) {
        fprintf(stderr, "cosim: %s: the vectors handed over by the driver are unreadable\n",
                o->vectors);
        free(v);
        return -1;
    }
    o->vec = v;
    o->n_vec = (size_t)n;
    return 1;
}

/* Every sample count is checked: the total never wraps (2^50 at most). */
static int check_total(const cosim_opts_t *o)
{
    if (cosim_opts_total(o, 0) > COSIM_MAX_SAMPLES - 4096) {
        fprintf(stderr, "cosim: more than 2^50 samples in all: give fewer\n");
        return -1;
    }
    return 0;
}

int cosim_opts_load(cosim_opts_t *o)
{
    if (!o->vectors)
        return check_total(o);
    int h = load_handoff(o);
    if (h != 0)
        return h < 0 ? -1 : check_total(o);
    gs_vec_t vec;
    if (gs_vec_open(&vec, o->vectors) < 0) {
        fprintf(stderr, "cosim: %s\n", vec.err);
        return -1;
    }
    size_t cap = 4096, n = 0;
    int32_t *v = malloc(cap * sizeof *v);
    int r = 0;
    while (v && (r = gs_vec_next(&vec, &o->cli.cfg, &v[n])) == 1) {
        if (++n == cap) {
            int32_t *nv = cap < SIZE_MAX / 2 / sizeof *v ? realloc(v, 2 * cap * sizeof *v) : NULL;
            if (!nv) {
                free(v);
                v = NULL;
                break;
            }
            v = nv;
            cap *= 2;
        }
    }
    if (!v) {
        gs_vec_close(&vec);
        fprintf(stderr, "cosim: %s: out of memory\n", o->vectors);
        return -1;
    }
    if (r < 0) {
        fprintf(stderr, "cosim: %s\n", vec.err);
        gs_vec_close(&vec);
        free(v);
        return -1;
    }
    gs_vec_close(&vec);
    if (n == 0) {
        fprintf(stderr, "cosim: %s: no input codes in the file\n", o->vectors);
        free(v);
        return -1;
    }
    o->vec = v;
    o->n_vec = n;
    return check_total(o);
}

int cosim_opts_handoff(const cosim_opts_t *o)
{
    if (!o->vectors)
        return 0;
    int fd = memfd_create("cosim-vectors", 0);
    if (fd < 0) {
        fprintf(stderr, "cosim: --vectors: cannot hand the vectors over: %s\n", strerror(errno));
        return -1;
    }
    size_t want = o->n_vec * sizeof *o->vec, put = 0;
    while (put < want) {
        ssize_t r = write(fd, (const char *)o->vec + put, want - put);
        if (r <= 0) {
            fprintf(stderr, "cosim: --vectors: cannot hand the vectors over: %s\n",
                    strerror(errno));
            close(fd);
            return -1;
        }
        put += (size_t)r;
    }
    char env[64];
    snprintf(env, sizeof env, "%d:%zu", fd, o->n_vec);
    return setenv(COSIM_VECTORS_ENV, env, 1) == 0 ? 0 : -1;
}

/* Saturating: a sum that would pass UINT64_MAX stays there (check_total refuses it). */
static uint64_t sat_add(uint64_t a, uint64_t b) { return a > UINT64_MAX - b ? UINT64_MAX : a + b; }

uint64_t cosim_opts_total(const cosim_opts_t *o, size_t n_corners)
{
    uint64_t t = o->corners ? n_corners : 0;
    t = sat_add(t, o->n_vec);
    if (o->random)
        t = sat_add(t, o->random_n);
    if (o->exhaustive) {
        uint64_t ng = o->all_gains ? (uint64_t)o->g_hi - o->g_lo + 1 : 1;
        t = sat_add(t, ng > (UINT64_MAX >> o->cli.cfg.in.w) ? UINT64_MAX : ng << o->cli.cfg.in.w);
    }
    return t;
}
