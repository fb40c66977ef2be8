/*
 * hw_paths.h - the hardware paths the firmware checks beside the C model:
 * the bus peripheral (hw) and the custom instruction in a block loop (cp),
 * one synchronous call per sample (cp1) and two 16-bit lanes a word (cp2).
 */
#ifndef HW_PATHS_H
#define HW_PATHS_H

#include <stdbool.h>
#include <stdint.h>

#define MAX_BATCH 16 /* samples per batch (<= the peripheral's FIFO depth) */

enum { PATH_HW, PATH_CP, PATH_CP1, PATH_CP2, PATH_COUNT };

typedef struct {
    int32_t y[MAX_BATCH];
    uint32_t ovf;         /* ovf flags of the last batch, sample i of n in bit n-1-i */
    uint32_t ovf_n;       /* samples those flags cover (n, or n + 1 for cp2 with n odd) */
    uint32_t cyc;         /* cycles spent, all batches */
} hw_path_t;

extern hw_path_t hw_path[PATH_COUNT];
/* names in the header's paths=, and the keys of their cycles per sample */
extern const char *const hw_path_name[PATH_COUNT];
extern const char *const hw_path_cps_key[PATH_COUNT];

/* The paths this hardware has (cp2 needs IN_W, OUT_W <= 16). */
unsigned hw_paths_init(unsigned in_w, unsigned out_w);
/* n <= MAX_BATCH samples of x with gain g through every path, each timed
 * (minus the cost of reading the cycle counter twice). */
void hw_paths_run(const int32_t *x, uint32_t g, uint32_t n, uint32_t rdcycle_cost);

static inline uint8_t hw_path_ovf(const hw_path_t *p, uint32_t i)
{
    return (uint8_t)((p->ovf >> (p->ovf_n - 1 - i)) & 1u);
}

#endif
