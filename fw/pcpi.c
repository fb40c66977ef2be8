/*
 * pcpi.c - block loops over the gain_stage custom instruction (pcpi.h).
 *
 * Issue and collect are decoupled: four samples go in with gs_put, then each
 * gs_xfer pushes sample i and returns sample i-4's result, pushed about 50
 * cycles earlier, so the loop never waits out the 9-cycle pipeline (a result
 * can be taken 11 cycles after its push); four gs_get collect the last ones.
 * At most 5 samples are in flight (the unit allows 8). The loop is unrolled
 * by 4 and counted by an end pointer: per sample a load (5 cycles), the
 * instruction (4) and a store (5), and 11 cycles of loop per 4 samples.
 * Blocks shorter than 8 samples: all puts, then all gets.
 */
#include "pcpi.h"

#define LEAD 4 /* samples in flight ahead of the loop */

uint32_t pcpi_block(const int32_t *x, uint32_t g, int32_t *y, uint32_t n)
{
    if (n < 2 * LEAD) {
        for (uint32_t i = 0; i < n; i++)
            gs_put(x[i], g);
        for (uint32_t i = 0; i < n; i++)
            y[i] = gs_get();
        return gs_ovf();
    }
    gs_put(x[0], g);
    gs_put(x[1], g);
    gs_put(x[2], g);
    gs_put(x[3], g);
    const int32_t *xp = x + LEAD, *x4 = xp + ((n - LEAD) & ~3u), *xe = x + n;
    while (xp != x4) {
        int32_t a = xp[0], b = xp[1], c = xp[2], d = xp[3];
        y[0] = gs_xfer(a, g);
        y[1] = gs_xfer(b, g);
        y[2] = gs_xfer(c, g);
        y[3] = gs_xfer(d, g);
        xp += 4;
        y += 4;
    }
    while (xp != xe)
        *y++ = gs_xfer(*xp++, g);
    y[0] = gs_get();
    y[1] = gs_get();
    y[2] = gs_get();
    y[3] = gs_get();
    return gs_ovf();
}

/* One synchronous call per sample: with nothing in flight each gs_xfer waits
 * for its own result (the whole pipeline, about 15 cycles a call). */
uint32_t pcpi_each(const int32_t *x, uint32_t g, int32_t *y, uint32_t n)
{
    for (uint32_t i = 0; i < n; i++)
        y[i] = gs_xfer(x[i], g);
    return gs_ovf();
}

/* The same with two samples a word: 2 words lead (4 samples, 6 in flight at
 * most), the loop unrolled by 2 words. */
uint32_t pcpi_block2(const uint32_t *x, uint32_t g, uint32_t *y, uint32_t npairs)
{
    if (npairs < 4) {
        for (uint32_t i = 0; i < npairs; i++)
            gs_put2(x[i], g);
        for (uint32_t i = 0; i < npairs; i++)
            y[i] = gs_get2();
        return gs_ovf();
    }
    gs_put2(x[0], g);
    gs_put2(x[1], g);
    const uint32_t *xp = x + 2, *x2 = xp + ((npairs - 2) & ~1u), *xe = x + npairs;
    while (xp != x2) {
        uint32_t a = xp[0], b = xp[1];
        y[0] = gs_xfer2(a, g);
        y[1] = gs_xfer2(b, g);
        xp += 2;
        y += 2;
    }
    if (xp != xe)
        *y++ = gs_xfer2(*xp, g);
    y[0] = gs_get2();
    y[1] = gs_get2();
    return gs_ovf();
}
