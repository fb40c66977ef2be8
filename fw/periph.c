/*
 * periph.c - a block through the gain_stage bus peripheral. Four samples are
 * pushed ahead; then each step pushes four and pops the four pushed one step
 * earlier (long out of the pipeline by then), and the last four are popped
 * at the end; the overflow flags come in one read (OVF_HIST) instead of one
 * read per sample. A push is a load and a store, a pop a load and a store, 5
 * cycles each now that the peripheral answers in the cycle of the access;
 * unrolled by 4 (-O2 does not unroll; the odd samples go first) and counted
 * by an end pointer. Blocks shorter than 8: all pushes, then all pops.
 */
#include "periph.h"
#include "soc.h"

#define LEAD 4 /* samples pushed ahead of the pops */

uint32_t periph_block(const int32_t *x, uint32_t g, int32_t *y, uint32_t n)
{
    volatile uint32_t *din = &GS_DIN, *dout = &GS_DOUT;
    GS_GAIN = g;
    if (n < 2 * LEAD) {
        for (uint32_t i = 0; i < n; i++)
            *din = (uint32_t)x[i];
        for (uint32_t i = 0; i < n; i++)
            y[i] = (int32_t)*dout;
        return GS_OVF_HIST;
    }
    int32_t a = x[0], b = x[1], c = x[2], d = x[3];
    *din = (uint32_t)a;
    *din = (uint32_t)b;
    *din = (uint32_t)c;
    *din = (uint32_t)d;
    const int32_t *xp = x + LEAD, *xe = x + n;
    for (uint32_t r = (n - LEAD) & 3u; r; r--) {
        *din = (uint32_t)*xp++;
        *y++ = (int32_t)*dout;
    }
    while (xp != xe) {
        a = xp[0], b = xp[1], c = xp[2], d = xp[3];
        *din = (uint32_t)a;
        *din = (uint32_t)b;
        *din = (uint32_t)c;
        *din = (uint32_t)d;
        a = (int32_t)*dout, b = (int32_t)*dout, c = (int32_t)*dout, d = (int32_t)*dout;
        y[0] = a;
        y[1] = b;
        y[2] = c;
        y[3] = d;
        xp += 4;
        y += 4;
    }
    a = (int32_t)*dout, b = (int32_t)*dout, c = (int32_t)*dout, d = (int32_t)*dout;
    y[0] = a;
    y[1] = b;
    y[2] = c;
    y[3] = d;
    return GS_OVF_HIST;
}
