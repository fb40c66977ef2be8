/*
 * cosim_opts.h - the options of `cosim`, shared by the driver (sim/cosim.c, which
 * builds the Verilator model of a configuration) and the per-configuration
 * simulator (sim/sim_main.c), so that both accept exactly the same command line.
 * The configuration options are gsref's (tools/gs_cli.h).
 */
#ifndef COSIM_OPTS_H
#define COSIM_OPTS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "cosim_param.h"
#include "gs_cli.h"

typedef struct {
    gs_cli_t cli;
    /* stimulus, fed in this order: corners, vectors, random, exhaustive */
    bool corners;
    const char *vectors;
    uint64_t random_n;
    bool random;
    uint64_t seed;
    bool exhaustive, all_gains;
    uint32_t g_lo, g_hi;       /* --gain-range LO:HI (codes, inclusive) */
    bool fixed_gain;           /* random/corners: only the configured gain */
    /* handshakes */
    double gap_p, bp_p;        /* --stall P sets both; --gap / --backpressure */
    /* checks */
    uint64_t max_errors;
    uint64_t timeout;          /* cycles without progress while work is pending */
    int latency;               /* --latency N, or -1 (RTL's LATENCY, or measured) */
    /* outputs */
    const char *dump;
    const char *trace;
    bool trace_all;
    uint64_t trace_window;     /* cycles each side of the first mismatch */
    const char *coverage;      /* --coverage FILE: Verilator line/toggle coverage */
    /* DUT */
    const char *netlist;
    const char *rtl;           /* --rtl FILE instead of rtl/gain_stage.v */
    cosim_params_t params;     /* --param NAME=VALUE, --use-dsp 0|1 */
    uint32_t rand_reset;       /* --rand-reset SEED: Verilator's random reset values
                                  (+verilator+rand+reset+2, seed SEED); 0 off */
    /* run */
    int jobs;
    int lanes;                 /* --lanes N: DUT instances in one model */
    int progress;              /* -1 auto (terminal), 0 off, 1 on */
    bool quiet;
    bool rebuild;              /* driver: force a rebuild of the model */
    /* vectors, loaded by cosim_opts_load() */
    int32_t *vec;
    size_t n_vec;
} cosim_opts_t;

#define COSIM_MAX_LANES 16

extern const char cosim_usage[];

/* 0: parsed; 1: --help printed (exit 0); -1: error printed (exit 2). */
int cosim_opts_parse(cosim_opts_t *o, int argc, char **argv);

/* Read the --vectors file into memory (or the driver's handoff of it), and check
 * that the stimulus is at most COSIM_MAX_SAMPLES: 0, or -1 after printing
 * FILE:LINE: reason. */
int cosim_opts_load(cosim_opts_t *o);

/* Driver: hand the loaded vectors to the simulator it is about to exec (an
 * inherited memfd named in the environment): 0, or -1 after an error. */
int cosim_opts_handoff(const cosim_opts_t *o);

/* The driver hands the vectors it read and checked to the simulator through
 * this file descriptor ("FD:COUNT", COUNT int32 codes), so that stdin, a pipe or
 * a FIFO is read once, and a file changed in between cannot differ. The driver
 * clears it from its own environment first. */
#define COSIM_VECTORS_ENV "COSIM_VECTORS_FD"

#define COSIM_MAX_SAMPLES ((uint64_t)1 << 50)

/* Total number of samples of the stimulus (saturating). */
uint64_t cosim_opts_total(const cosim_opts_t *o, size_t n_corners);

#endif
