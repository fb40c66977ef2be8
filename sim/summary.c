/*
 * summary.c - the end of a run: the statistics of the jobs merged, the summary
 * (DUT, configuration, stimulus, rates, coverage) and the verdict line.
 */
#include <inttypes.h>
#include <stdio.h>

#include "run.h"

void merge(stats_t *a, const stats_t *b)
{
    a->samples += b->samples;
    a->cycles += b->cycles;
    a->overflows += b->overflows;
    a->errors += b->errors;
    for (int k = 0; k < CV_N; k++)
        a->cov[k] += b->cov[k];
    if (b->first_bad_cycle < a->first_bad_cycle)
        a->first_bad_cycle = b->first_bad_cycle;
    a->fatal |= b->fatal;
    a->latency = b->latency;
    a->latency_measured = b->latency_measured;
    if (b->seconds > a->seconds)
        a->seconds = b->seconds;
}

void summary(const ctx_t *t, const stats_t *st, int jobs, double wall)
{
    const cosim_opts_t *o = t->o;
    const gs_config_t *c = t->c;
    const dut_info_t *di = dut_info();
    char cfg[200];
    gs_cli_describe(&o->cli, cfg, sizeof cfg);
    printf("cosim: DUT %s%s, LATENCY %d%s", di->src, di->netlist ? " (netlist)" : "",
           st->latency, st->latency_measured ? " (measured)" : "");
    if (t->lanes > 1)
        printf(", %d lanes (sample j in lane j mod %d)", t->lanes, t->lanes);
    int two = dut_two_evals();
    printf(", %s per clock at full rate%s%s%s\n", two ? "two evals" : "one eval",
           two & DUT_TWO_BUILD ? " (a traced or coverage build, or not Verilator 5.006)" : "",
           two & DUT_TWO_ICO ? " (its input region reads s_valid, s_data or s_gain)" : "",
           two & DUT_TWO_PROBE ? " (the probe's outputs differ)" : "");
    printf("cosim: config %s\n", cfg);
    gs_cli_report_gain(&o->cli, stdout);
    printf("cosim: stimulus");
    if (o->corners)
        printf(" corners %zu", t->nc);
    if (o->vectors)
        printf(" vectors %zu (%s)", o->n_vec, o->vectors);
    if (o->random)
        printf(" random %" PRIu64 " (seed %" PRIu64 "%s)", o->random_n, o->seed,
               o->fixed_gain ? ", fixed gain" : "");
    if (o->exhaustive) {
        if (o->all_gains)
            printf(" exhaustive 2^%d x gains %" PRIu32 "..%" PRIu32, c->in.w, o->g_lo, o->g_hi);
        else
            printf(" exhaustive 2^%d", c->in.w);
    }
    if (o->gap_p > 0 || o->bp_p > 0)
        printf("; handshakes: s_valid gaps %.3g, m_ready low %.3g", o->gap_p, o->bp_p);
    else
        printf("; handshakes: full rate");
    printf("\n");
    double rate = st->seconds > 0 ? (double)st->samples / st->seconds : 0;
    printf("cosim: samples %" PRIu64 ", cycles %" PRIu64 ", overflows %" PRIu64
           ", mismatches %" PRIu64 ", %.2f s, %.3f Msamples/s%s\n",
           st->samples, st->cycles, st->overflows, st->errors, wall, rate / 1e6,
           jobs > 1 ? " (all jobs)" : "");
    if (jobs > 1)
        printf("cosim: %d jobs, wall clock %.2f s: %.3f Msamples/s overall\n", jobs, wall,
               wall > 0 ? (double)st->samples / wall / 1e6 : 0.0);
    coverage_print(o, c, st->cov);
}

/* The last line; the exit status: 0 all matched, 1 an error was found. */
int verdict(const cosim_opts_t *o, const stats_t *tot)
{
    if (tot->errors) {
        printf("cosim: FAIL: %" PRIu64 " error%s (mismatch or handshake rule)%s, first at cycle %" PRIu64 "\n",
               tot->errors, tot->errors == 1 ? "" : "s",
               tot->fatal ? ", run stopped" : tot->errors >= o->max_errors ? ", stopped at --max-errors" : "",
               tot->first_bad_cycle);
        return 1;
    }
    printf("cosim: PASS: %" PRIu64 " samples, every output matched the C model\n", tot->samples);
    return 0;
}
