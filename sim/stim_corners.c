/*
 * stim_corners.c - the directed corners (--corners): for each special gain,
 * the special inputs (small, rails, around the saturation thresholds, ties).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "run.h"

static void corner_add(ctx_t *t, int64_t x, uint32_t g)
{
    if (t->nc == t->ncap) {
        t->ncap = t->ncap ? 2 * t->ncap : 256;
        t->cx = realloc(t->cx, t->ncap * sizeof *t->cx);
        t->cg = realloc(t->cg, t->ncap * sizeof *t->cg);
        if (!t->cx || !t->cg) {
            fprintf(stderr, "cosim: out of memory\n");
            exit(2);
        }
    }
    t->cx[t->nc] = (int32_t)clamp64(x, t->xmin, t->xmax);
    t->cg[t->nc] = g;
    t->nc++;
}

/* Directed corners: for each special gain, the special inputs. */
void corners_make(ctx_t *t)
{
    uint32_t gl[9];
    int ng = 0;
    gl[ng++] = t->gain;
    if (!t->o->fixed_gain) {
        /* the special gains of the random stimulus, then 3 */
        uint32_t cand[8];
        memcpy(cand, t->gsp, sizeof cand);
        cand[t->nsp] = 3u & t->gmax;
        for (int k = 0; k <= t->nsp; k++) {
            int dup = 0;
            for (int m = 0; m < ng; m++)
                dup |= gl[m] == cand[k];
            if (!dup)
                gl[ng++] = cand[k];
        }
    }
    for (int k = 0; k < ng; k++) {
        uint32_t g = gl[k];
        static const int64_t small[] = { 0, 1, -1, 2, -2 };
        for (size_t m = 0; m < sizeof small / sizeof small[0]; m++)
            corner_add(t, small[m], g);
        corner_add(t, t->xmin, g);
        corner_add(t, t->xmin + 1, g);
        corner_add(t, t->xmax, g);
        corner_add(t, t->xmax - 1, g);
        for (int pos = 0; pos < 2; pos++) {
            int64_t x0 = thr_x(t, g, pos);
            for (int d = -2; d <= 2; d++)
                corner_add(t, x0 + d, g);
        }
        int64_t x;
        for (uint64_t r = 0; r < 4; r++) {
            /* r = 0 and the last one give the smallest and the largest tie codes */
            uint64_t rr = r == 0 ? ~0ull / 2 : r == 1 ? 0 : r * 0x9e3779b97f4a7c15ull;
            if (tie_x(t, g, rr, &x)) {
                corner_add(t, x, g);
                corner_add(t, x + 1, g);
                corner_add(t, x - 1, g);
                corner_add(t, -x, g);
            }
        }
    }
}
