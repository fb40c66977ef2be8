/*
 * harness.h - the checking co-simulation loop of cosim (C; the model is driven
 * through dut.h). cosim_run() generates the stimulus in blocks, computes the
 * expected results with the model's block API, drives the DUT one cycle at a
 * time and checks every cycle, then prints the summary.
 */
#ifndef COSIM_HARNESS_H
#define COSIM_HARNESS_H

#include "cosim_opts.h"

/* Exit status: 0 all matched, 1 mismatch / rule violation, 2 bad usage or input. */
int cosim_run(cosim_opts_t *o);

#endif
