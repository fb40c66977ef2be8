/*
 * slice.c - one model instance over a slice of the stimulus: reset (m_valid
 * must stay low), the latency (the RTL's LATENCY, or measured on a netlist),
 * then the full-rate or the handshake loop; and the progress line.
 */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "run.h"
#include "seed.h"

double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

/* The progress line: job 0 only, and only on a terminal unless asked for. */
int progress_shown(const ctx_t *t)
{
    const cosim_opts_t *o = t->o;
    return t->job == 0 && (o->progress == 1 || (o->progress < 0 && !o->quiet && isatty(2)));
}

void progress(const run_t *u, uint64_t done, double t0, int final)
{
    double dt = now_s() - t0;
    if (final) {
        fprintf(stderr, "\r\033[K");
        return;
    }
    fprintf(stderr, "\r%s: %5.1f%%  %" PRIu64 "/%" PRIu64 " samples  %.2f Msamples/s\033[K",
            prefix(u), 100.0 * (double)done / (double)u->sl->n, done, u->sl->n,
            dt > 0 ? (double)done / dt / 1e6 : 0.0);
}

/* Reset: two cycles with rst high, then one idle; m_valid must stay low (every lane). */
static int do_reset(run_t *u, dut_t *d, uint64_t *cyc)
{
    dut_io_t io[COSIM_MAX_LANES] = { { 0 } };
    for (int k = 0; k < 3; k++) {
        for (int l = 0; l < u->t->lanes; l++) {
            io[l].rst = k < 2;
            io[l].s_valid = 0;
            io[l].m_ready = 1;
        }
        dut_cycle(d, io);
        for (int l = 0; l < u->t->lanes; l++) {
            char what[96];
            snprintf(what, sizeof what, "m_valid high after reset with no sample taken%s",
                     lane_name(u, (uint64_t)l));
            if (k > 0 && (io[l].m_valid & 1) && err_proto(u, *cyc, what, 0, 0))
                return -1;
        }
        ++*cyc;
    }
    return 0;
}

/* A netlist has no LATENCY: send one sample (lane 0), count the cycles. */
static int measure_latency(dut_t *d, uint64_t *cyc)
{
    dut_io_t ios[COSIM_MAX_LANES] = { { 0 } }, *io = ios;
    for (int l = 0; l < COSIM_MAX_LANES; l++)
        ios[l].m_ready = 1;
    io->s_valid = 1;
    uint64_t taken = 0;
    int have = 0;
    for (int k = 0; k < 1000; k++) {
        dut_cycle(d, ios);
        if (!have && (io->s_ready & 1)) {
            have = 1;
            taken = *cyc;
            io->s_valid = 0;
        } else if (have && (io->m_valid & 1)) {
            ++*cyc;
            return (int)(*cyc - 1 - taken);
        }
        ++*cyc;
    }
    return -1;
}

int run_slice(const ctx_t *t, const slice_t *sl, stats_t *st)
{
    memset(st, 0, sizeof *st);
    st->first_bad_cycle = UINT64_MAX;
    rings_t *r = calloc(1, sizeof *r);
    if (!r) {
        fprintf(stderr, "cosim: out of memory\n");
        return -1;
    }
    run_t u = { t, sl, r, st, 0 };
    const uint32_t seed = t->o->rand_reset ? rand_reset_seed(t->o->rand_reset, t->job) : 0;
    dut_t *d = dut_new(seed);
    if (seed && !t->o->quiet) { /* what this worker's seed gave */
        uint64_t p = dut_power_on(d);
        fprintf(stderr, "%s: --rand-reset seed %" PRIu32 ": lane 0 at power-on: m_data=0x%08" PRIx32
                " m_ovf=%u m_valid=%u\n", prefix(&u), seed, (uint32_t)p,
                (unsigned)(p >> DUT_OVF_BIT & 1), (unsigned)(p >> DUT_VALID_BIT & 1));
    }
    /* Verilator's writers give no reason: open the file once ourselves for it */
    FILE *probe = sl->trace ? fopen(sl->trace, "w") : NULL;
    if (sl->trace && (!probe || dut_trace_open(d, sl->trace, sl->tr_from, sl->tr_to) < 0)) {
        fprintf(stderr, "cosim: --trace %s: cannot write the waveform: %s\n", sl->trace,
                probe ? "the trace writer failed" : strerror(errno));
        if (probe)
            fclose(probe);
        dut_free(d);
        free(r);
        return -1;
    }
    if (probe)
        fclose(probe);
    uint64_t cyc = 0;
    int lat = dut_latency(d);
    const cosim_opts_t *o = t->o;
    if (do_reset(&u, d, &cyc) < 0)
        goto out;
    if (lat < 0) {
        lat = measure_latency(d, &cyc);
        st->latency_measured = 1;
        if (lat < 0) {
            err_proto(&u, cyc, "no result within 1000 cycles of the first sample: cannot "
                      "measure the latency", 0, 0);
            st->fatal = 1;
            goto out;
        }
        if (do_reset(&u, d, &cyc) < 0)
            goto out;
    }
    if (o->latency >= 0 && o->latency != lat) {
        char what[128];
        snprintf(what, sizeof what, "the DUT's latency is %d (%s), --latency says %d", lat,
                 st->latency_measured ? "measured" : "its LATENCY parameter", o->latency);
        err_proto(&u, cyc, what, 0, 0);
        lat = o->latency;
    }
    u.latency = st->latency = lat;
    double t0 = now_s();
    if (o->gap_p > 0 || o->bp_p > 0)
        loop_stall(&u, d, &cyc, o->bp_p == 0);
    else
        loop_fast(&u, d, &cyc);
    st->seconds = now_s() - t0;
out:
    st->cycles = cyc;
    if (o->coverage)
        dut_coverage_write(d, o->coverage); /* a coverage build: checked before the run */
    char why[160];
    int wrote = dut_trace_close(d, why, sizeof why);
    if (wrote < 0)
        fprintf(stderr, "cosim: %s: cannot write the waveform: %s\n", sl->trace, why);
    dut_free(d);
    free(r);
    return wrote;
}
