/*
 * hw_edges_test.c - a firmware that tests the edges of the two hardware paths
 * on the default profile (s16.15 x u16.12 -> s16.15, half-even, sat). The
 * custom-instruction unit (rtl/gs_pcpi.v): a synchronous call, saturation and
 * its ovf flag, rounding ties, the in-flight limit (a push beyond 8 is dropped
 * and flagged), results in order after a wait, a pop with nothing in flight,
 * the status register and its clearing, the two-lane form. The bus peripheral
 * (rtl/gs_periph.v): a pop right after its push (it must wait), saturation,
 * LAST_OVF and OVF_HIST, a pop with nothing in flight, the in-flight limit.
 * The expected values are worked out by hand from SPEC.md, not taken from the
 * model. main() returns 0, or the number of the first check that failed (the
 * exit code of soc_tb's run). Run by `make soc-test-edges`, also with each
 * planted fault, which must fail it.
 */
#include <stdint.h>

#include "fw_check.h"
#include "pcpi.h"
#include "soc.h"

#define ONE_G 4096 /* 1.0 in u16.12 */

static uint32_t inflight(uint32_t st) { return (st >> 16) & 0xffu; }
static uint32_t ready(uint32_t st) { return (st >> 8) & 0xffu; }

int main(void)
{
    unsigned c = 0;

    CHECK(gs_stat(PCPI_ST_ERR_PUSH | PCPI_ST_ERR_POP) == 0); /* 1: idle after reset */

    /* synchronous: -(1.0 * 0.5) = -0.5; -(2.0 * -1.0) = 2.0 saturates */
    CHECK(gs_xfer(16384, ONE_G) == -16384);                   /* 2 */
    CHECK((gs_ovf() & 1u) == 0);                               /* 3 */
    CHECK(gs_xfer(-32768, 2 * ONE_G) == 32767);               /* 4 */
    CHECK((gs_ovf() & 3u) == 1u);                              /* 5: newest in bit 0 */
    /* -(3 LSB * 0.75) = -2.25 LSB -> -2; ties go to even: -0.5 -> 0, -1.5 -> -2 */
    CHECK(gs_xfer(3, 3 * ONE_G / 4) == -2);                   /* 6 */
    CHECK(gs_xfer(1, ONE_G / 2) == 0);                        /* 7 */
    CHECK(gs_xfer(3, ONE_G / 2) == -2);                       /* 8: -1.5 -> -2 (even) */

    /* fill the unit: 8 in flight, the 9th is dropped and flagged */
    for (int32_t i = 1; i <= 8; i++)
        gs_put(100 * i, ONE_G);
    uint32_t st = gs_stat(0);
    CHECK(inflight(st) == 8 && (st & PCPI_ST_ERR_PUSH) == 0); /* 9 */
    gs_put(12345, ONE_G);
    st = gs_stat(0);
    CHECK(inflight(st) == 8 && (st & PCPI_ST_ERR_PUSH) != 0); /* 10 */
    for (int32_t i = 1; i <= 8; i++)
        CHECK(gs_get() == -100 * i);                           /* 11..18: in order */
    st = gs_stat(0);
    CHECK(inflight(st) == 0 && ready(st) == 0);                /* 19 */

    /* a pop with nothing in flight: 0 and the pop error; clearing both errors */
    CHECK(gs_get() == 0);                                      /* 20 */
    CHECK((gs_stat(PCPI_ST_ERR_PUSH | PCPI_ST_ERR_POP) & 3u) == 3u); /* 21 */
    CHECK(gs_stat(0) == 0);                                    /* 22 */

    /* puts, then gets at once: the first get waits for the pipeline */
    gs_put(-1000, ONE_G);
    gs_put(2000, 2 * ONE_G);
    gs_put(-3000, ONE_G / 2);
    CHECK(gs_get() == 1000);                                   /* 23 */
    CHECK(gs_get() == -4000);                                  /* 24 */
    CHECK(gs_get() == 1500);                                   /* 25 */

    /* two lanes: {hi, lo} = {-200, 100} -> {200, -100}; lo enters first */
    CHECK(gs_xfer2(0xff380064u, ONE_G) == 0x00c8ff9cu);        /* 26 */
    /* lo saturates (-(2.0 * -1.0)), hi does not: ovf bits lo then hi = 1, 0 */
    CHECK(gs_xfer2(0x10008000u, 2 * ONE_G) == 0xe0007fffu);    /* 27 */
    CHECK((gs_ovf() & 3u) == 2u);                              /* 28 */
    /* a two-lane pop with one sample in flight: the pop error, then the one */
    gs_put(64, ONE_G);
    CHECK(gs_get2() == 0 && (gs_stat(PCPI_ST_ERR_POP) & PCPI_ST_ERR_POP)); /* 29 */
    CHECK(gs_get() == -64);                                    /* 30 */
    CHECK(gs_stat(0) == 0);                                    /* 31 */

    /* the bus peripheral: a pop right after its push waits for the pipeline */
    GS_STATUS = GS_ST_ERR_PUSH | GS_ST_ERR_POP;
    GS_GAIN = ONE_G;
    GS_DIN = 16384;
    CHECK((int32_t)GS_DOUT == -16384 && GS_LAST_OVF == 0);    /* 32 */
    GS_GAIN = 2 * ONE_G;
    GS_DIN = (uint32_t)-32768;
    CHECK((int32_t)GS_DOUT == 32767 && GS_LAST_OVF == 1);     /* 33 */
    CHECK((GS_OVF_HIST & 3u) == 1u);                           /* 34: newest in bit 0 */
    CHECK(GS_DOUT == 0 && (GS_STATUS & GS_ST_ERR_POP));        /* 35: nothing in flight */
    /* 16 in flight, the 17th dropped and flagged; then all 16 in order */
    GS_STATUS = GS_ST_ERR_PUSH | GS_ST_ERR_POP;
    GS_GAIN = ONE_G;
    for (int32_t i = 1; i <= 17; i++)
        GS_DIN = (uint32_t)(10 * i);
    CHECK((GS_STATUS & GS_ST_ERR_PUSH) != 0);                  /* 36 */
    for (int32_t i = 1; i <= 16; i++)
        CHECK((int32_t)GS_DOUT == -10 * i);                    /* 37..52 */
    CHECK((GS_STATUS >> 16 & 0xffu) == 0);                     /* 53: none left in flight */
    return 0;
}
