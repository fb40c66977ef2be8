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
    /* In assembly so that the cycle count does not depend on how the
     * compiler allocates registers around it: lead, the odd ones, the loop,
     * the tail, the ovf flags. n >= 8, so the loop runs at least once. */
    const int32_t *xe = x + n;
    uint32_t r = n & 3u; /* (n - LEAD) % 4 */
    uint32_t a, b, c, d;
    __asm__ volatile(
        "lw %[a], 0(%[x])\n\t"
        ".insn r 0x0b, 1, 0, x0, %[a], %[g]\n\t"
        "lw %[a], 4(%[x])\n\t"
        ".insn r 0x0b, 1, 0, x0, %[a], %[g]\n\t"
        "lw %[a], 8(%[x])\n\t"
        ".insn r 0x0b, 1, 0, x0, %[a], %[g]\n\t"
        "lw %[a], 12(%[x])\n\t"
        ".insn r 0x0b, 1, 0, x0, %[a], %[g]\n\t"
        "addi %[x], %[x], 16\n\t"
        "beqz %[r], 2f\n"
        "1:\n\t"
        "lw %[a], 0(%[x])\n\t"
        ".insn r 0x0b, 3, 0, %[a], %[a], %[g]\n\t"
        "sw %[a], 0(%[y])\n\t"
        "addi %[x], %[x], 4\n\t"
        "addi %[y], %[y], 4\n\t"
        "addi %[r], %[r], -1\n\t"
        "bnez %[r], 1b\n"
        "2:\n\t"
        "lw %[a], 0(%[x])\n\t"
        "lw %[b], 4(%[x])\n\t"
        "lw %[c], 8(%[x])\n\t"
        "lw %[d], 12(%[x])\n\t"
        ".insn r 0x0b, 3, 0, %[a], %[a], %[g]\n\t"
        "sw %[a], 0(%[y])\n\t"
        ".insn r 0x0b, 3, 0, %[b], %[b], %[g]\n\t"
        "sw %[b], 4(%[y])\n\t"
        ".insn r 0x0b, 3, 0, %[c], %[c], %[g]\n\t"
        "sw %[c], 8(%[y])\n\t"
        ".insn r 0x0b, 3, 0, %[d], %[d], %[g]\n\t"
        "sw %[d], 12(%[y])\n\t"
        "addi %[x], %[x], 16\n\t"
        "addi %[y], %[y], 16\n\t"
        "bne %[x], %[xe], 2b\n\t"
        ".insn r 0x0b, 2, 0, %[a], x0, x0\n\t"
        "sw %[a], 0(%[y])\n\t"
        ".insn r 0x0b, 2, 0, %[a], x0, x0\n\t"
        "sw %[a], 4(%[y])\n\t"
        ".insn r 0x0b, 2, 0, %[a], x0, x0\n\t"
        "sw %[a], 8(%[y])\n\t"
        ".insn r 0x0b, 2, 0, %[a], x0, x0\n\t"
        "sw %[a], 12(%[y])\n\t"
        ".insn r 0x0b, 4, 0, %[a], x0, x0"
        : [x] "+r"(x), [y] "+r"(y), [r] "+r"(r), [a] "=&r"(a), [b] "=&r"(b), [c] "=&r"(c),
          [d] "=&r"(d)
        : [g] "r"(g), [xe] "r"(xe)
        : "memory");
    return a;
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
    const uint32_t *xp = x + 2, *xe = x + npairs;
    if (npairs & 1u) /* the odd one first */
        *y++ = gs_xfer2(*xp++, g);
    while (xp != xe) {
        uint32_t a = xp[0], b = xp[1];
        y[0] = gs_xfer2(a, g);
        y[1] = gs_xfer2(b, g);
        xp += 2;
        y += 2;
    }
    y[0] = gs_get2();
    y[1] = gs_get2();
    return gs_ovf();
}
