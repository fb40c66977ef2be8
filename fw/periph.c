/*
 * periph.c - a block through the gain_stage bus peripheral: n pushes, then n
 * pops, then the overflow flags in one read (OVF_HIST) instead of one read per
 * sample. Unrolled by 4 (-O2 does not unroll) and counted by an end pointer:
 * a push is a load and a store, a pop a load and a store, 5 cycles each now
 * that the peripheral answers in the cycle of the access.
 */
#include "periph.h"
#include "soc.h"

uint32_t periph_block(const int32_t *x, uint32_t g, int32_t *y, uint32_t n)
{
    volatile uint32_t *din = &GS_DIN, *dout = &GS_DOUT;
    GS_GAIN = g;
    const int32_t *x4 = x + (n & ~3u), *xe = x + n;
    while (x != x4) {
        int32_t a = x[0], b = x[1], c = x[2], d = x[3];
        *din = (uint32_t)a;
        *din = (uint32_t)b;
        *din = (uint32_t)c;
        *din = (uint32_t)d;
        x += 4;
    }
    while (x != xe)
        *din = (uint32_t)*x++;
    int32_t *y4 = y + (n & ~3u), *ye = y + n;
    while (y != y4) {
        int32_t a = (int32_t)*dout, b = (int32_t)*dout, c = (int32_t)*dout, d = (int32_t)*dout;
        y[0] = a;
        y[1] = b;
        y[2] = c;
        y[3] = d;
        y += 4;
    }
    while (y != ye)
        *y++ = (int32_t)*dout;
    return GS_OVF_HIST;
}
