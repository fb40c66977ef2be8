/*
 * mem_test.c - a firmware that tests the SoC's memory map (rtl/soc_top.v,
 * fw/link.ld) and the start-up code (fw/start.S): .data holds its initial
 * values (copied from the ROM), .bss reads zero (the SPRAM starts with
 * random contents in simulation), data and stack are in the SPRAM and code
 * and read-only data in the ROM, byte and halfword stores change only their
 * lanes of an SPRAM word, and every word of the free SPRAM keeps its own
 * value (no two addresses alias). The expected values are written out by
 * hand. main() returns 0, or the number of the first check that failed (the
 * exit code of soc_tb's run). Run by `make soc-test-mem`, also with each
 * planted fault (byte strobes ignored, no .data copy, no .bss zeroing), which
 * must fail it. Built with -DMEM_TEST_ROM_STORE it stores into the ROM, which
 * must end the simulation with a bus error.
 */
#include <stdint.h>

#include "fw_check.h"

#define SPRAM_LO 0x00010000u
#define SPRAM_HI 0x00020000u

static volatile uint32_t data_words[3] = {0x600df00du, 0x12345678u, 0x80000001u};
static volatile uint8_t data_bytes[3] = {0xa5u, 0x00u, 0x5au};
static volatile uint32_t bss_words[64];
static volatile uint32_t lane_word;
static const uint32_t rom_words[2] = {0xfeedc0deu, 0x0badcafeu};

extern char __heap_start[], __stack_top[];

static int in_spram(uintptr_t a) { return a >= SPRAM_LO && a < SPRAM_HI; }

int main(void)
{
    unsigned c = 0;

    /* 1-4: .data was copied from its ROM image */
    CHECK(data_words[0] == 0x600df00du);
    CHECK(data_words[1] == 0x12345678u);
    CHECK(data_words[2] == 0x80000001u);
    CHECK(data_bytes[0] == 0xa5u && data_bytes[1] == 0x00u && data_bytes[2] == 0x5au);

    /* 5: .bss was zeroed */
    uint32_t any = lane_word;
    for (unsigned i = 0; i < 64; i++) any |= bss_words[i];
    CHECK(any == 0);

    /* 6-9: where things are */
    uintptr_t sp;
    __asm__ volatile("mv %0, sp" : "=r"(sp));
    CHECK(in_spram((uintptr_t)&data_words[0]) && in_spram((uintptr_t)&bss_words[63]));
    CHECK(in_spram(sp - 4u) && (uintptr_t)__stack_top == SPRAM_HI); /* sp: the top, or below */
    CHECK((uintptr_t)&main < SPRAM_LO && (uintptr_t)&rom_words[1] < SPRAM_LO);
    const volatile uint32_t *rw = rom_words;
    CHECK(rw[0] == 0xfeedc0deu && rw[1] == 0x0badcafeu);

    /* 10-15: byte and halfword stores write only their lanes */
    volatile uint8_t *b = (volatile uint8_t *)&lane_word;
    volatile uint16_t *h = (volatile uint16_t *)&lane_word;
    lane_word = 0x11223344u;
    b[1] = 0xaau;
    CHECK(lane_word == 0x1122aa44u);
    b[3] = 0x55u;
    CHECK(lane_word == 0x5522aa44u);
    b[0] = 0x01u;
    b[2] = 0xfeu;
    CHECK(lane_word == 0x55feaa01u);
    h[1] = 0xbeefu;
    CHECK(lane_word == 0xbeefaa01u);
    h[0] = 0x0102u;
    CHECK(lane_word == 0xbeef0102u);
    CHECK(b[3] == 0xbeu && b[0] == 0x02u && h[1] == 0xbeefu);

    /* 16: every free word from the heap to below the stack keeps its own
     * value (an odd multiple of its address: distinct for distinct words),
     * so no address bit of the SPRAM is stuck or shorted */
    volatile uint32_t *lo = (volatile uint32_t *)(((uintptr_t)__heap_start + 3u) & ~3u);
    volatile uint32_t *hi = (volatile uint32_t *)((sp - 256u) & ~3u);
    for (volatile uint32_t *p = lo; p < hi; p++) *p = (uint32_t)(uintptr_t)p * 2654435761u;
    uint32_t bad = 0;
    for (volatile uint32_t *p = lo; p < hi; p++)
        bad |= *p ^ ((uint32_t)(uintptr_t)p * 2654435761u);
    CHECK(bad == 0 && (uintptr_t)lo < SPRAM_LO + 0x1000u && (uintptr_t)hi > SPRAM_HI - 0x1000u);

#ifdef MEM_TEST_ROM_STORE
    /* the ROM is read-only: this store must be a bus error */
    *(volatile uint32_t *)(uintptr_t)rw = 0;
#endif
    return 0;
}
