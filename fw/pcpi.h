/*
 * pcpi.h - gain_stage as a custom instruction (rtl/gs_pcpi.v): the
 * instructions as inline assembly, and block loops built on them (pcpi.c).
 *
 * Encoding: opcode custom-0 (0x0b), R-type; funct7 0 = one sample, 1 = two
 * 16-bit lanes {hi, lo} in a word (IN_W, OUT_W <= 16 only). funct3:
 *   1 put (rs1 = x, rs2 = g)  2 get (rd = y)  3 xfer (put, then get the oldest)
 *   4 ovf (rd = ovf flags of the last 32 results got, bit 0 the newest)
 *   0 stat (rd = status; clears the error bits set in rs1)
 * The asm statements are volatile: they act on the unit's queue, so their
 * order is the program's.
 */
#ifndef PCPI_H
#define PCPI_H

#include <stdint.h>

#define PCPI_ST_ERR_PUSH (1u << 0)
#define PCPI_ST_ERR_POP  (1u << 1)

static inline void gs_put(int32_t x, uint32_t g)
{
    __asm__ volatile(".insn r 0x0b, 1, 0, x0, %0, %1" : : "r"(x), "r"(g));
}

static inline int32_t gs_get(void)
{
    int32_t y;
    __asm__ volatile(".insn r 0x0b, 2, 0, %0, x0, x0" : "=r"(y));
    return y;
}

static inline int32_t gs_xfer(int32_t x, uint32_t g)
{
    int32_t y;
    __asm__ volatile(".insn r 0x0b, 3, 0, %0, %1, %2" : "=r"(y) : "r"(x), "r"(g));
    return y;
}

static inline uint32_t gs_ovf(void)
{
    uint32_t m;
    __asm__ volatile(".insn r 0x0b, 4, 0, %0, x0, x0" : "=r"(m));
    return m;
}

static inline uint32_t gs_stat(uint32_t clear)
{
    uint32_t s;
    __asm__ volatile(".insn r 0x0b, 0, 0, %0, %1, x0" : "=r"(s) : "r"(clear));
    return s;
}

/* two lanes: x = {x_hi, x_lo} 16 bits each, y likewise */
static inline void gs_put2(uint32_t x, uint32_t g)
{
    __asm__ volatile(".insn r 0x0b, 1, 1, x0, %0, %1" : : "r"(x), "r"(g));
}

static inline uint32_t gs_get2(void)
{
    uint32_t y;
    __asm__ volatile(".insn r 0x0b, 2, 1, %0, x0, x0" : "=r"(y));
    return y;
}

static inline uint32_t gs_xfer2(uint32_t x, uint32_t g)
{
    uint32_t y;
    __asm__ volatile(".insn r 0x0b, 3, 1, %0, %1, %2" : "=r"(y) : "r"(x), "r"(g));
    return y;
}

/* n samples of x with gain g into y; returns the ovf flags, sample i in bit
 * n-1-i (n <= 32 for all of them). */
uint32_t pcpi_block(const int32_t *x, uint32_t g, int32_t *y, uint32_t n);
/* The same, one synchronous gs_xfer per sample (nothing in flight). */
uint32_t pcpi_each(const int32_t *x, uint32_t g, int32_t *y, uint32_t n);
/* npairs words of two 16-bit samples each (low half first); the ovf flags as
 * above, sample 2k (low half of word k) before 2k+1. */
uint32_t pcpi_block2(const uint32_t *x, uint32_t g, uint32_t *y, uint32_t npairs);

#endif
