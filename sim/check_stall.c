/*
 * check_stall.c - the drive/check loop under handshakes (--stall, --gap,
 * --backpressure) and the AXI-Stream rules it checks every cycle, in every lane.
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

/* A cycle of lane l broke a rule: report it the way a designer reads it (one
 * message per fault). jo: the lane's oldest sample not out; have: one is
 * outstanding. 1: stop the run. */
static COLD int stall_bad(run_t *u, uint64_t cyc, uint64_t l, uint32_t held, uint32_t same,
                          uint32_t mv, uint64_t got, uint64_t jo, uint32_t have, int exact)
{
    const uint64_t L = (uint64_t)u->latency;
    if (held && !same &&
        err_proto(u, cyc, mv ? "m_data/m_ovf changed while m_valid && !m_ready"
                             : "m_valid dropped while m_ready was low", jo, 1))
        return 1;
    if (mv && !same) {
        if (!have) {
            char what[128];
            snprintf(what, sizeof what, "m_valid high with no sample outstanding (a duplicate "
                     "or spurious result)%s", lane_name(u, l));
            return err_proto(u, cyc, what, 0, 0);
        }
        uint64_t so = jo & RMASK, due = u->r->acc[so] + L;
        if (got != u->r->exp[so] && err_data(u, cyc, jo, got))
            return 1;
        if ((exact ? cyc != due : cyc < due) && err_latency(u, cyc, jo))
            return 1;
    } else if (exact && !mv && have && u->r->acc[jo & RMASK] + L == cyc) {
        return err_proto(u, cyc, "m_valid low when the result was due", jo, 1);
    }
    return 0;
}

/* The handshake state of one lane. Lane l carries samples l, l + N, l + 2N, ... */
typedef struct {
    uint64_t nin, nout, n;        /* the lane's samples taken, out, in all */
    uint64_t rng, held_val, hold_run;
    uint64_t dut_wait;            /* cycles since progress in which the DUT held back */
    uint32_t sv, mr, bp_burst, gap_burst, held;
} lane_t;

/*
 * The handshake loop (--stall, --gap, --backpressure): one dut_cycle() per
 * cycle, in each lane s_valid and m_ready randomised (Bernoulli P, plus now and
 * then a burst longer than the pipeline), every cycle of every lane checked.
 * exact: m_ready is always high (only input gaps), so exact latency and full
 * throughput are checked too. A lane offers a sample only once it has been
 * generated (the rings hold 64k samples: the lanes stay within that of each
 * other). The random handshakes would defeat branch prediction, so the
 * bookkeeping is arithmetic and a rule violation is one rarely taken branch.
 * one: a single lane (the compiler drops the lane loop).
 */
ALWAYS_INLINE void loop(run_t *u, dut_t *d, uint64_t *cycp, const int exact, const int one)
{
    const ctx_t *t = u->t;
    const cosim_opts_t *o = t->o;
    rings_t *r = u->r;
    stats_t *st = u->st;
    const uint64_t n = u->sl->n, L = (uint64_t)u->latency, timeout = o->timeout;
    const uint64_t N = one ? 1 : (uint64_t)t->lanes;
    const uint64_t stop = u->sl->stop_cycle;
    const uint32_t omask = t->omask;
    const uint32_t gap_thr = (uint32_t)(o->gap_p * 4294967296.0);
    const uint32_t bp_thr = (uint32_t)(o->bp_p * 4294967296.0);
    const uint32_t blen = (uint32_t)(2 * L + 4);
    FILE *dump = u->sl->dump;
    const int show = progress_shown(t);
    double t0 = now_s(), tlast = t0;
    uint64_t cyc = *cycp;
    uint64_t gen = 0, nout_all = 0, dumped = 0;
    uint64_t in_hi = 0, out_lo = 0; /* next sample offered (max), oldest not out (min) */
    uint64_t low = 0;            /* refill when in_hi reaches this */
    uint32_t gprev = t->gain;
    lane_t ln[COSIM_MAX_LANES];
    for (uint64_t l = 0; l < N; l++) {
        lane_t *a = &ln[l];
        *a = (lane_t){ 0 };
        a->n = n > l ? (n - l + N - 1) / N : 0;
        a->mr = 1;
        /* lane 0 draws the handshakes of a one-lane run */
        a->rng = 0x9e3779b97f4a7c15ull ^ (o->seed * 0xbf58476d1ce4e5b9ull) ^
                 ((uint64_t)t->job << 32) ^ (l * 0xd1b54a32d192ed03ull);
    }
    uint64_t c_gap = 0, c_in_stall = 0, c_out_hold = 0, c_long = 0;
    dut_io_t io[COSIM_MAX_LANES] = { { 0 } };
    uint64_t expw = 0;
    int drain = 0, quit = 0;
    uint64_t drain_end = 0;

    for (;;) {
        if (UNLIKELY(in_hi >= low)) {
            while (gen < n && gen + 2 * BLK <= out_lo + RING)
                refill(u, &gen, &gprev);
            low = gen > BLK / 2 ? gen - BLK / 2 : gen;
            if (gen == n)
                low = UINT64_MAX;
            uint64_t fl = 0, lf = 0;  /* the lane with the most samples in flight */
            for (uint64_t l = 0; l < N; l++)
                if ((ln[l].nin - ln[l].nout) * N > fl) {
                    fl = (ln[l].nin - ln[l].nout) * N;
                    lf = l;
                }
            if (UNLIKELY(fl > MAX_INFLIGHT)) {
                err_proto(u, cyc, "the DUT took more samples than it can hold without "
                          "giving any out", ln[lf].nout * N + lf, 1);
                break;
            }
        }
        for (uint64_t l = 0; l < N; l++) {
            lane_t *a = &ln[l];
            /* drive: a new sample is offered unless a gap is drawn; once offered
             * it stays until taken (AXI-Stream) */
            uint64_t ji = a->nin * N + l;
            uint32_t need = (a->sv == 0) & (a->nin < a->n) & (one | (ji < gen));
            if (gap_thr) {
                uint64_t rv = xs_next(&a->rng);
                uint32_t inb = a->gap_burst != 0;
                uint32_t pass = (uint32_t)(rv >> 32) >= gap_thr;
                uint32_t start = need & (inb ^ 1) & (pass ^ 1) & ((rv & 0xfff) == 0);
                uint32_t go = need & (inb ^ 1) & pass;
                a->gap_burst = start ? blen + (uint32_t)((rv >> 12) & 15)
                                     : a->gap_burst - (need & inb);
                a->sv |= go;
                c_gap += need & (go ^ 1);
            } else {
                a->sv |= need;
            }
            if (bp_thr) {
                uint64_t rv = xs_next(&a->rng);
                uint32_t inb = a->bp_burst != 0;
                a->mr = (inb ^ 1) & ((uint32_t)(rv >> 32) >= bp_thr);
                uint32_t start = (inb ^ 1) & ((rv & 0xfff) == 0);
                a->bp_burst = start ? blen + (uint32_t)((rv >> 12) & 15) : a->bp_burst - inb;
            }
            uint64_t si = ji & RMASK;
            io[l].s_valid = a->sv;
            io[l].s_data = r->xr[si];
            io[l].s_gain = r->g[si];
            io[l].m_ready = a->mr;
        }
        if (UNLIKELY(u->sl->trace != NULL)) {   /* the waveform's expected output, lane 0 */
            expw = ln[0].nout != ln[0].nin ? r->exp[(ln[0].nout * N) & RMASK] |
                                                 1ull << DUT_VALID_BIT : 0;
            dut_expect(d, &expw, 1);
        }
        dut_cycle(d, io);

        uint64_t hi = 0, lo = UINT64_MAX;
        for (uint64_t l = 0; l < N; l++) {
            lane_t *a = &ln[l];
            /* output side: a result shown for the first time is checked; one
             * still held (m_ready was low) must not have changed */
            uint32_t mv = io[l].m_valid & 1;
            uint64_t got = (io[l].m_data & omask) | (uint64_t)(io[l].m_ovf & 1) << 32;
            uint32_t have = a->nout != a->nin;
            uint64_t jo = a->nout * N + l, so = jo & RMASK, due = r->acc[so] + L;
            uint32_t same = a->held & mv & (got == a->held_val);
            uint32_t fresh = mv & (same ^ 1);
            uint32_t late = exact ? cyc != due : cyc < due;
            uint32_t bad = (a->held & (same ^ 1)) | (fresh & (have ^ 1)) |
                           (fresh & have & ((got != r->exp[so]) | late)) |
                           (exact & (mv ^ 1) & have & (due == cyc));
            if (UNLIKELY(bad) &&
                stall_bad(u, cyc, l, a->held, same, mv, got, jo, have, exact)) {
                quit = 1;
                break;
            }
            uint32_t pop = mv & a->mr & have;
            if (dump && pop)
                r->got[so] = got;
            a->nout += pop;
            nout_all += pop;
            a->held = mv & (a->mr ^ 1);
            a->held_val = got;
            c_out_hold += a->held;
            c_long += (a->held ^ 1) & (a->hold_run > L);
            a->hold_run = a->held ? a->hold_run + 1 : 0;
            /* input side (acc[si] is only read once the sample has been taken) */
            uint64_t ji = a->nin * N + l;
            uint32_t sr = io[l].s_ready & 1, take = a->sv & sr;
            r->acc[ji & RMASK] = cyc;
            a->nin += take;
            c_in_stall += a->sv & (sr ^ 1);
            if (UNLIKELY(exact & a->sv & (sr ^ 1)) &&
                err_proto(u, cyc, "s_ready low with m_ready high (full throughput lost)", ji,
                          1)) {
                quit = 1;
                break;
            }
            /* the deadlock timeout counts only cycles where the DUT held back while
             * the testbench did not: m_ready high, and a sample offered but
             * refused or a result overdue. Gaps and backpressure of the testbench
             * never count, whatever --stall P (issue 10, defect 5). */
            uint32_t blame = a->mr & ((a->sv & (sr ^ 1)) | (have & (mv ^ 1) & (cyc > due)));
            a->dut_wait = (pop | take) ? 0 : a->dut_wait + blame;
            a->sv &= take ^ 1;
            uint64_t nx = a->nin * N + l, ol = a->nout * N + l;
            hi = nx > hi ? nx : hi;
            lo = ol < lo ? ol : lo;
        }
        if (UNLIKELY(quit))
            break;
        in_hi = hi;
        out_lo = lo;
        /* the dump in input order: every sample below out_lo is out */
        for (; dump && dumped < out_lo && dumped < n; dumped++) {
            uint64_t g = r->got[dumped & RMASK];
            dump_line(dump, gs_wrap(g & 0xffffffffu, t->c->out.w), (unsigned)(g >> 32));
        }
        cyc++;
        if (UNLIKELY(cyc >= stop))
            break;
        if (UNLIKELY(nout_all == n)) {
            /* everything is out: a few more cycles must show no extra result */
            if (!drain) {
                drain = 1;
                drain_end = cyc + L + 8;
            } else if (cyc >= drain_end) {
                break;
            }
        }
        for (uint64_t l = 0; l < N && !drain; l++) {
            lane_t *a = &ln[l];
            if (UNLIKELY(a->dut_wait > timeout) && a->nout < a->n) {
                if (u->sl->report) {
                    char what[224];
                    snprintf(what, sizeof what,
                             "TIMEOUT%s: the DUT held back for %" PRIu64 " cycles (m_ready "
                             "high) with no sample taken and no result out, %" PRIu64
                             " outstanding (deadlock or lost sample)",
                             lane_name(u, l), timeout, a->nin - a->nout);
                    err_proto(u, cyc, what, a->nout * N + l, a->nin != a->nout);
                } else {
                    err_note(u, cyc);
                }
                st->fatal = 1;
                quit = 1;
                break;
            }
        }
        if (UNLIKELY(quit))
            break;
        if (UNLIKELY((cyc & 0xfffff) == 0) && show) {
            double tn = now_s();
            if (tn - tlast > 0.5) {
                progress(u, nout_all, t0, 0);
                tlast = tn;
            }
        }
    }
    /* results out before a stop, in input order as far as they go */
    uint64_t lo = UINT64_MAX;
    for (uint64_t l = 0; l < N; l++)
        lo = ln[l].nout * N + l < lo ? ln[l].nout * N + l : lo;
    for (; dump && dumped < lo && dumped < n; dumped++) {
        uint64_t g = r->got[dumped & RMASK];
        dump_line(dump, gs_wrap(g & 0xffffffffu, t->c->out.w), (unsigned)(g >> 32));
    }
    if (show)
        progress(u, nout_all, t0, 1);
    st->samples += nout_all;
    st->cov[CV_GAP] += c_gap;
    st->cov[CV_IN_STALL] += c_in_stall;
    st->cov[CV_OUT_HOLD] += c_out_hold;
    st->cov[CV_LONG_HOLD] += c_long;
    *cycp = cyc;
}

void loop_stall(run_t *u, dut_t *d, uint64_t *cyc, int exact)
{
    if (u->t->lanes == 1) {
        if (exact)
            loop(u, d, cyc, 1, 1);
        else
            loop(u, d, cyc, 0, 1);
    } else if (exact) {
        loop(u, d, cyc, 1, 0);
    } else {
        loop(u, d, cyc, 0, 0);
    }
}
