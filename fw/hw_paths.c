/*
 * hw_paths.c - one batch through every hardware path, each timed with rdcycle.
 */
#include "hw_paths.h"
#include "pcpi.h"
#include "periph.h"
#include "soc.h"

hw_path_t hw_path[PATH_COUNT]; /* zero at start: no initialised data (link.ld) */
const char *const hw_path_name[PATH_COUNT] = {"hw", "cp", "cp1", "cp2"};
const char *const hw_path_cps_key[PATH_COUNT] = {"hw_cps", "cp_cps", "cp1_cps", "cp2_cps"};

static unsigned n_paths;
static uint32_t xpair[MAX_BATCH / 2 + 1], ypair[MAX_BATCH / 2 + 1];

unsigned hw_paths_init(unsigned in_w, unsigned out_w)
{
    n_paths = in_w <= 16 && out_w <= 16 ? PATH_COUNT : PATH_CP2;
    return n_paths;
}

static void add_time(hw_path_t *p, uint32_t t0, uint32_t t1, uint32_t cost)
{
    uint32_t d = t1 - t0;
    p->cyc += d > cost ? d - cost : 0;
}

__attribute__((noinline)) void hw_paths_run(const int32_t *x, uint32_t g, uint32_t n,
                                             uint32_t cost)
{
    hw_path_t *p = &hw_path[PATH_HW];
    uint32_t t0 = soc_rdcycle();
    p->ovf = periph_block(x, g, p->y, n);
    add_time(p, t0, soc_rdcycle(), cost);
    p->ovf_n = n;

    p = &hw_path[PATH_CP];
    t0 = soc_rdcycle();
    p->ovf = pcpi_block(x, g, p->y, n);
    add_time(p, t0, soc_rdcycle(), cost);
    p->ovf_n = n;

    p = &hw_path[PATH_CP1];
    t0 = soc_rdcycle();
    p->ovf = pcpi_each(x, g, p->y, n);
    add_time(p, t0, soc_rdcycle(), cost);
    p->ovf_n = n;

    if (n_paths <= PATH_CP2)
        return;
    /* two 16-bit samples a word, packed before the clock starts; an odd
     * batch gets a zero beside its last sample */
    uint32_t np = (n + 1) / 2;
    for (uint32_t k = 0; k < np; k++) {
        uint32_t hi = 2 * k + 1 < n ? (uint32_t)x[2 * k + 1] : 0u;
        xpair[k] = ((uint32_t)x[2 * k] & 0xffffu) | hi << 16;
    }
    p = &hw_path[PATH_CP2];
    t0 = soc_rdcycle();
    p->ovf = pcpi_block2(xpair, g, ypair, np);
    add_time(p, t0, soc_rdcycle(), cost);
    p->ovf_n = 2 * np;
    for (uint32_t i = 0; i < n; i++)
        p->y[i] = (int16_t)(ypair[i / 2] >> (16 * (i & 1u)));
}
