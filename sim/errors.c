/*
 * errors.c - the reports of a failed check, written the way a designer reads
 * them: the cycle, the sample (index, x, g, the cycle it was taken), what was
 * expected and what came out. Only the first --max-errors are counted to the
 * end; the first one's cycle is kept for the trace window.
 */
#include <inttypes.h>
#include <stdio.h>

#include "run.h"

const char *prefix(const run_t *u)
{
    static char buf[32];
    if (u->t->jobs <= 1)
        return "cosim";
    snprintf(buf, sizeof buf, "cosim[job %d]", u->t->job);
    return buf;
}

/* Returns 1 when the run must stop (--max-errors reached). */
COLD int err_note(run_t *u, uint64_t cyc)
{
    stats_t *st = u->st;
    if (st->errors == 0)
        st->first_bad_cycle = cyc;
    st->errors++;
    return st->errors >= u->t->o->max_errors;
}

/* " (lane l)" when the model has several lanes, else "" */
const char *lane_name(const run_t *u, uint64_t l)
{
    static char buf[32];
    if (u->t->lanes <= 1)
        return "";
    snprintf(buf, sizeof buf, " (lane %" PRIu64 ")", l);
    return buf;
}

/* Sample k of the slice goes to lane k mod lanes. */
static COLD void describe_sample(const run_t *u, uint64_t k, char *buf, size_t len)
{
    const rings_t *r = u->r;
    uint64_t s = k & RMASK;
    char lane[32] = "";
    if (u->t->lanes > 1)
        snprintf(lane, sizeof lane, "lane %" PRIu64 ", ", k % (uint64_t)u->t->lanes);
    snprintf(buf, len, "sample %" PRIu64 " (%sx=%" PRId32 " 0x%0*" PRIx32 ", g=%" PRIu32
             " 0x%" PRIx32 ", taken at cycle %" PRIu64 ")",
             u->sl->lo + k, lane, r->x[s], (u->t->c->in.w + 3) / 4, r->xr[s], r->g[s], r->g[s],
             r->acc[s]);
}

COLD int err_data(run_t *u, uint64_t cyc, uint64_t k, uint64_t got)
{
    if (u->sl->report) {
        char d[176];
        describe_sample(u, k, d, sizeof d);
        int w = u->t->c->out.w;
        uint64_t N = (uint64_t)u->t->lanes;   /* the lane's previous/next sample: k -/+ N */
        uint64_t e = u->r->exp[k & RMASK];
        int64_t ye = gs_wrap(e & 0xffffffffu, w), yg = gs_wrap(got & 0xffffffffu, w);
        /* a hint when the value is a neighbour's: a duplicated or a lost result */
        const char *hint = "";
        if (k >= N && got == u->r->exp[(k - N) & RMASK] && got != e)
            hint = "; that is the previous sample's result (duplicated?)";
        else if (k + N < u->st->gen_end && got == u->r->exp[(k + N) & RMASK] && got != e)
            hint = "; that is the next sample's result (this one lost?)";
        fprintf(stderr,
                "%s: MISMATCH at cycle %" PRIu64 ", %s: expected y=%" PRId64 " ovf=%u, got y=%"
                PRId64 " ovf=%u (diff %+" PRId64 " LSB)%s\n",
                prefix(u), cyc, d, ye, (unsigned)(e >> 32), yg, (unsigned)(got >> 32), yg - ye,
                hint);
    }
    return err_note(u, cyc);
}

COLD int err_proto(run_t *u, uint64_t cyc, const char *what, uint64_t k, int has_k)
{
    if (u->sl->report) {
        char d[176] = "";
        if (has_k)
            describe_sample(u, k, d, sizeof d);
        fprintf(stderr, "%s: PROTOCOL at cycle %" PRIu64 ": %s%s%s\n", prefix(u), cyc, what,
                has_k ? ": " : "", d);
    }
    return err_note(u, cyc);
}

COLD int err_latency(run_t *u, uint64_t cyc, uint64_t k)
{
    char what[96];
    uint64_t due = u->r->acc[k & RMASK] + (uint64_t)u->latency;
    snprintf(what, sizeof what, "result left %s (after %" PRIu64 " cycles, LATENCY %d)",
             cyc < due ? "early" : "late", cyc - u->r->acc[k & RMASK], u->latency);
    return err_proto(u, cyc, what, k, 1);
}
