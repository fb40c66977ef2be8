/*
 * check_stall.c - the drive/check loop under handshakes (--stall, --gap,
 * --backpressure) and the AXI-Stream rules it checks every cycle.
 */
#include <inttypes.h>
#include <stdio.h>

#include "run.h"

static uint64_t xs_next(uint64_t *s)
{
    uint64_t x = *s;
    x ^= x >> 12;
    x ^= x << 25;
    x ^= x >> 27;
    *s = x;
    return x * 0x2545f4914f6cdd1dull;
}

/* A cycle of the handshake loop broke a rule: report it the way a designer
 * reads it (one message per fault). 1: stop the run. */
static COLD int stall_bad(run_t *u, uint64_t cyc, uint32_t held, uint32_t same, uint32_t mv,
                          uint64_t got, uint64_t nout, uint64_t nin, int exact)
{
    const uint64_t L = (uint64_t)u->latency;
    if (held && !same &&
        err_proto(u, cyc, mv ? "m_data/m_ovf changed while m_valid && !m_ready"
                             : "m_valid dropped while m_ready was low", nout, 1))
        return 1;
    if (mv && !same) {
        if (nout == nin)
            return err_proto(u, cyc, "m_valid high with no sample outstanding (a duplicate or "
                             "spurious result)", 0, 0);
        uint64_t so = nout & RMASK, due = u->r->acc[so] + L;
        if (got != u->r->exp[so] && err_data(u, cyc, nout, got))
            return 1;
        if ((exact ? cyc != due : cyc < due) && err_latency(u, cyc, nout))
            return 1;
    } else if (exact && !mv && nout != nin && u->r->acc[nout & RMASK] + L == cyc) {
        return err_proto(u, cyc, "m_valid low when the result was due", nout, 1);
    }
    return 0;
}

/*
 * The handshake loop (--stall, --gap, --backpressure): one dut_cycle() per
 * cycle, s_valid and m_ready randomised (Bernoulli P, plus now and then a burst
 * longer than the pipeline), every cycle checked. exact: m_ready is always high
 * (only input gaps), so exact latency and full throughput are checked too.
 * The random handshakes would defeat branch prediction, so the bookkeeping is
 * arithmetic and a rule violation is one rarely taken branch.
 */
ALWAYS_INLINE void loop(run_t *u, dut_t *d, uint64_t *cycp, const int exact)
{
    const ctx_t *t = u->t;
    const cosim_opts_t *o = t->o;
    rings_t *r = u->r;
    stats_t *st = u->st;
    const uint64_t n = u->sl->n, L = (uint64_t)u->latency, timeout = o->timeout;
    const uint64_t stop = u->sl->stop_cycle;
    const uint32_t omask = t->omask;
    const uint32_t gap_thr = (uint32_t)(o->gap_p * 4294967296.0);
    const uint32_t bp_thr = (uint32_t)(o->bp_p * 4294967296.0);
    const uint32_t blen = (uint32_t)(2 * L + 4);
    FILE *dump = u->sl->dump;
    const int show = progress_shown(t);
    double t0 = now_s(), tlast = t0;
    uint64_t cyc = *cycp;
    uint64_t dut_wait = 0; /* cycles since progress in which the DUT held back */
    uint64_t gen = 0, nin = 0, nout = 0;
    uint64_t low = 0;            /* refill when nin reaches this */
    uint32_t gprev = t->gain;
    uint64_t rng = 0x9e3779b97f4a7c15ull ^ (o->seed * 0xbf58476d1ce4e5b9ull) ^
                   ((uint64_t)t->job << 32);
    uint32_t sv = 0, mr = 1, bp_burst = 0, gap_burst = 0, held = 0;
    uint64_t held_val = 0, hold_run = 0;
    uint64_t c_gap = 0, c_in_stall = 0, c_out_hold = 0, c_long = 0;
    dut_io_t io = { 0 };
    int drain = 0;
    uint64_t drain_end = 0;

    for (;;) {
        if (UNLIKELY(nin >= low)) {
            while (gen < n && gen - nout + BLK <= RING - BLK)
                refill(u, &gen, &gprev);
            low = gen > BLK / 2 ? gen - BLK / 2 : gen;
            if (gen == n)
                low = UINT64_MAX;
            if (UNLIKELY(nin - nout > MAX_INFLIGHT)) {
                err_proto(u, cyc, "the DUT took more samples than it can hold without "
                          "giving any out", nout, 1);
                break;
            }
        }
        /* drive: a new sample is offered unless a gap is drawn; once offered it
         * stays until taken (AXI-Stream) */
        uint32_t need = (sv == 0) & (nin < n);
        if (gap_thr) {
            uint64_t rv = xs_next(&rng);
            uint32_t inb = gap_burst != 0;
            uint32_t pass = (uint32_t)(rv >> 32) >= gap_thr;
            uint32_t start = need & (inb ^ 1) & (pass ^ 1) & ((rv & 0xfff) == 0);
            uint32_t go = need & (inb ^ 1) & pass;
            gap_burst = start ? blen + (uint32_t)((rv >> 12) & 15) : gap_burst - (need & inb);
            sv |= go;
            c_gap += need & (go ^ 1);
        } else {
            sv |= need;
        }
        if (bp_thr) {
            uint64_t rv = xs_next(&rng);
            uint32_t inb = bp_burst != 0;
            mr = (inb ^ 1) & ((uint32_t)(rv >> 32) >= bp_thr);
            uint32_t start = (inb ^ 1) & ((rv & 0xfff) == 0);
            bp_burst = start ? blen + (uint32_t)((rv >> 12) & 15) : bp_burst - inb;
        }
        uint64_t si = nin & RMASK;
        io.s_valid = sv;
        io.s_data = r->xr[si];
        io.s_gain = r->g[si];
        io.m_ready = mr;
        dut_cycle(d, &io);

        /* output side: a result shown for the first time is checked; one still
         * held (m_ready was low) must not have changed */
        uint32_t mv = io.m_valid & 1;
        uint64_t got = (io.m_data & omask) | (uint64_t)(io.m_ovf & 1) << 32;
        uint32_t have = nout != nin;
        uint64_t so = nout & RMASK, due = r->acc[so] + L;
        uint32_t same = held & mv & (got == held_val);
        uint32_t fresh = mv & (same ^ 1);
        uint32_t late = exact ? cyc != due : cyc < due;
        uint32_t bad = (held & (same ^ 1)) | (fresh & (have ^ 1)) |
                       (fresh & have & ((got != r->exp[so]) | late)) |
                       (exact & (mv ^ 1) & have & (due == cyc));
        if (UNLIKELY(bad) && stall_bad(u, cyc, held, same, mv, got, nout, nin, exact))
            break;
        uint32_t pop = mv & mr & have;
        if (dump && pop)
            dump_line(dump, gs_wrap(got & 0xffffffffu, t->c->out.w), (unsigned)(got >> 32));
        nout += pop;
        held = mv & (mr ^ 1);
        held_val = got;
        c_out_hold += held;
        c_long += (held ^ 1) & (hold_run > L);
        hold_run = held ? hold_run + 1 : 0;
        /* input side (acc[si] is only read once the sample has been taken) */
        uint32_t sr = io.s_ready & 1, take = sv & sr;
        r->acc[si] = cyc;
        nin += take;
        c_in_stall += sv & (sr ^ 1);
        if (UNLIKELY(exact & sv & (sr ^ 1)) &&
            err_proto(u, cyc, "s_ready low with m_ready high (full throughput lost)", nin, 1))
            break;
        /* the deadlock timeout counts only cycles where the DUT held back while
         * the testbench did not: m_ready high, and a sample offered but refused
         * or a result overdue. Gaps and backpressure of the testbench never
         * count, whatever --stall P (issue 10, defect 5). */
        uint32_t blame = mr & ((sv & (sr ^ 1)) | (have & (mv ^ 1) & (cyc > due)));
        dut_wait = (pop | take) ? 0 : dut_wait + blame;
        sv &= take ^ 1;
        cyc++;
        if (UNLIKELY(cyc >= stop))
            break;
        if (UNLIKELY(nout == n)) {
            /* everything is out: a few more cycles must show no extra result */
            if (!drain) {
                drain = 1;
                drain_end = cyc + L + 8;
            } else if (cyc >= drain_end) {
                break;
            }
        }
        if (UNLIKELY(dut_wait > timeout) && !drain) {
            if (u->sl->report) {
                char what[200];
                snprintf(what, sizeof what,
                         "TIMEOUT: the DUT held back for %" PRIu64 " cycles (m_ready high) "
                         "with no sample taken and no result out, %" PRIu64 " outstanding "
                         "(deadlock or lost sample)", timeout, nin - nout);
                err_proto(u, cyc, what, nout, nin != nout);
            } else {
                err_note(u, cyc);
            }
            st->fatal = 1;
            break;
        }
        if (UNLIKELY((cyc & 0xfffff) == 0) && show) {
            double tn = now_s();
            if (tn - tlast > 0.5) {
                progress(u, nout, t0, 0);
                tlast = tn;
            }
        }
    }
    if (show)
        progress(u, nout, t0, 1);
    st->samples += nout;
    st->cov[CV_GAP] += c_gap;
    st->cov[CV_IN_STALL] += c_in_stall;
    st->cov[CV_OUT_HOLD] += c_out_hold;
    st->cov[CV_LONG_HOLD] += c_long;
    *cycp = cyc;
}

void loop_stall(run_t *u, dut_t *d, uint64_t *cyc, int exact)
{
    if (exact)
        loop(u, d, cyc, 1);
    else
        loop(u, d, cyc, 0);
}
