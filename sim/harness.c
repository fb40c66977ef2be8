/*
 * harness.c - cosim_run(): one co-simulation, top to bottom. A sample's way
 * through the files (see run.h for the list):
 *
 *   config.c      the run's context from the options, the model build checked
 *   stimulus.c    sample k: corners (stim_corners.c), vectors, random
 *                 (stim_random.c), exhaustive
 *   expected.c    blocks of samples through the C model into rings
 *   check_fast.c / check_stall.c   drive the DUT, check every cycle
 *   errors.c      what a failed check prints
 *   summary.c, coverage.c          the summary and the verdict
 *   trace.c / jobs.c               one process (and the trace replay) or N
 *
 * What is checked, per clock cycle (dut_cycle, see dut.h):
 *   - every result that leaves (m_valid && m_ready) must be the model's result of
 *     the oldest sample not yet out (so nothing is lost, duplicated or reordered),
 *     data and ovf bit for bit;
 *   - with m_ready held high, a sample taken at cycle c leaves at exactly cycle
 *     c + LATENCY, m_valid is low in every other cycle, and s_ready never refuses
 *     a sample (full throughput);
 *   - under backpressure, m_valid/m_data/m_ovf hold still while m_valid && !m_ready,
 *     no result leaves earlier than LATENCY cycles after its sample, and the DUT
 *     makes progress within --timeout cycles (no deadlock);
 *   - m_valid stays low through reset and until a sample has been taken.
 *
 * Speed: the stimulus and the expected results are made in blocks (gs_eval_block)
 * into rings indexed by sample number; the per-cycle loop only compares integers.
 * It is specialised (always_inline with a constant flag) for the no-stall case.
 */
#include "harness.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "run.h"

int cosim_run(cosim_opts_t *o)
{
    ctx_t t;
    int rc = ctx_init(&t, o);
    if (rc != 0)
        return rc;
    FILE *dump = NULL;
    if (o->dump && !(dump = dump_open(o->dump)))
        return 2;
    stats_t tot;
    memset(&tot, 0, sizeof tot);
    tot.first_bad_cycle = UINT64_MAX;
    double w0 = now_s();
    int jobs = o->jobs;
    if ((uint64_t)jobs > t.total)
        jobs = (int)t.total;
    t.jobs = jobs;
    if ((jobs == 1 ? run_single(&t, dump, &tot) : run_jobs(&t, dump, jobs, &tot)) != 0)
        return 2;
    double wall = now_s() - w0;
    if (dump && fclose(dump) != 0) {
        fprintf(stderr, "cosim: --dump %s: write error: %s\n", o->dump, strerror(errno));
        return 2;
    }
    if (!o->quiet)
        summary(&t, &tot, jobs, wall);
    free(t.cx);
    free(t.cg);
    free(o->vec);
    o->vec = NULL;
    int v = verdict(o, &tot);
    /* a verdict that could not be written is no verdict (issue 10, defect 10) */
    if (fflush(stdout) != 0 || ferror(stdout)) {
        fprintf(stderr, "cosim: write error on standard output: %s\n", strerror(errno));
        return 2;
    }
    return v;
}
