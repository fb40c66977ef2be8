/*
 * check_fast.c - the full-rate drive/check loop (no --stall/--gap/--backpressure).
 *
 * s_valid and m_ready are always high, so the whole output sequence is known in
 * advance. With N lanes (N = 1 without --lanes), sample j goes to lane j mod N
 * and is taken at cycle c0 + j / N; its result must be on that lane's output,
 * valid, exactly LATENCY cycles later; every other cycle of a lane must have
 * m_valid low. The DUT runs a chunk of cycles per call (dut_batch), whose
 * outputs come in sample order (cycle-major, lane-minor), and every lane of
 * every cycle of it is then compared.
 */
#include <stdio.h>

#include "run.h"

/* The full-rate path found a bad output word w of cycle c (from c0), lane l:
 * say what is wrong. 1: stop the run. */
static COLD int fast_error(run_t *u, uint64_t c0, uint64_t c, uint64_t l, uint64_t w,
                           uint64_t n)
{
    const uint64_t L = (uint64_t)u->latency, N = (uint64_t)u->t->lanes;
    const uint64_t V = 1ull << DUT_VALID_BIT, R = 1ull << DUT_READY_BIT;
    const uint64_t dm = u->t->omask | 1ull << DUT_OVF_BIT;
    uint64_t jin = c * N + l, j = (c - L) * N + l;
    int due = c >= L && j < n;
    if (due)
        u->r->acc[j & RMASK] = c0 + c - L;
    if (jin < n && !(w & R)) {
        u->r->acc[jin & RMASK] = c0 + c;
        err_proto(u, c0 + c, "s_ready low with m_ready high (full throughput lost); the "
                  "full-rate run cannot go on", jin, 1);
        u->st->fatal = 1;
        return 1;
    }
    if (due && !(w & V))
        return err_proto(u, c0 + c, "m_valid low when the result was due", j, 1);
    if (!due && (w & V)) {
        char what[128];
        snprintf(what, sizeof what, "m_valid high with no result due (a duplicate, spurious "
                 "or mistimed result)%s", lane_name(u, l));
        return err_proto(u, c0 + c, what, 0, 0);
    }
    return err_data(u, c0 + c, j, w & dm);
}

/* Traced runs: each cycle's expected output of lane 0, driven beside the DUT's
 * (dut_expect; only one-lane models show it). */
static COLD void expect_chunk(const run_t *u, dut_t *d, uint64_t k, uint64_t m, uint64_t n,
                              uint64_t L, uint64_t N)
{
    static uint64_t w[CH];
    for (uint64_t i = 0; i < m; i++) {
        uint64_t c = k + i, j = (c - L) * N;
        w[i] = c >= L && j < n ? u->r->exp[j & RMASK] | 1ull << DUT_VALID_BIT : 0;
    }
    dut_expect(d, w, (size_t)m);
}

/*
 * A chunk in the steady state (every lane of every cycle takes a sample and
 * returns one): the expected words have one shape, so the check is a tight
 * loop. False on any difference; the general loop then finds and reports it.
 */
static uint64_t span_bad(const uint64_t *out, const uint64_t *exp, uint64_t m,
                         uint64_t mask, uint64_t flags)
{
    uint64_t bad = 0;
    for (uint64_t i = 0; i < m; i++)
        bad |= (out[i] & mask) ^ (exp[i] | flags);
    return bad;
}

static int steady_ok(const uint64_t *out, const uint64_t *exp, uint64_t e0, uint64_t m,
                     uint64_t mask, uint64_t flags)
{
    /* the expected words in at most two runs, where the ring wraps: plain
     * loads (an index masked per sample made gcc gather them, slowly) */
    uint64_t s = e0 & RMASK, a = RING - s < m ? RING - s : m;
    return (span_bad(out, exp + s, a, mask, flags) |
            span_bad(out + a, exp, m - a, mask, flags)) == 0;
}

void loop_fast(run_t *u, dut_t *d, uint64_t *cycp)
{
    const ctx_t *t = u->t;
    rings_t *r = u->r;
    stats_t *st = u->st;
    const uint64_t n = u->sl->n, L = (uint64_t)u->latency, c0 = *cycp;
    const uint64_t N = (uint64_t)t->lanes, ncyc = (n + N - 1) / N;
    const uint64_t V = 1ull << DUT_VALID_BIT, R = 1ull << DUT_READY_BIT;
    const uint64_t dm = t->omask | 1ull << DUT_OVF_BIT;
    const uint64_t ch = CH / N;   /* cycles per chunk: CH samples */
    uint64_t total = ncyc + L + 8; /* drive n samples, then drain */
    if (u->sl->stop_cycle != UINT64_MAX)
        total = u->sl->stop_cycle > c0 ? u->sl->stop_cycle - c0 : 0;
    FILE *dump = u->sl->dump;
    const int show = progress_shown(t);
    double t0 = now_s(), tlast = t0;
    uint64_t gen = 0, checked = 0, k;
    uint32_t gprev = t->gain;
    int stop = 0;

    for (k = 0; k < total && !stop; k += ch) {
        uint64_t m = total - k < ch ? total - k : ch;
        while (gen < n && gen < (k + m) * N)
            refill(u, &gen, &gprev);
        uint64_t q0 = k * N;      /* first sample driven in this chunk */
        uint64_t nv = q0 < n ? (n - q0 < m * N ? n - q0 : m * N) : 0;
        size_t s0 = (size_t)(q0 & RMASK);
        if (UNLIKELY(u->sl->trace != NULL))
            expect_chunk(u, d, k, m, n, L, N);
        dut_batch(d, r->xr + s0, r->g + s0, (size_t)nv, (size_t)m, r->out);
        if (k >= L && (k + m) * N <= n &&
            steady_ok(r->out, r->exp, (k - L) * N, m * N, dm | V | R, V | R)) {
            checked += m * N;
        } else for (uint64_t i = 0; i < m; i++) {
            uint64_t c = k + i;
            for (uint64_t l = 0; l < N; l++) {
                uint64_t w = r->out[i * N + l], jin = c * N + l, j = (c - L) * N + l;
                uint64_t rr = jin < n ? R : 0;
                int due = c >= L && j < n;
                uint64_t want = due ? r->exp[j & RMASK] | V | rr : rr;
                uint64_t mask = due ? dm | V | rr : V | rr;
                if (UNLIKELY((w & mask) != want) && fast_error(u, c0, c, l, w, n)) {
                    stop = 1;
                    break;
                }
                checked += (uint64_t)due;
            }
            if (stop) {
                m = i + 1;
                break;
            }
        }
        if (dump) {
            for (uint64_t q = 0; q < m * N; q++) {
                uint64_t c = k + q / N, j = (c - L) * N + q % N;
                if (c >= L && j < n && (r->out[q] & V))
                    dump_line(dump, gs_wrap(r->out[q] & t->omask, t->c->out.w),
                              (unsigned)(r->out[q] >> DUT_OVF_BIT) & 1);
            }
        }
        if (stop)
            total = k + m;
        if (UNLIKELY((k & 0xfffff) < ch) && show) {
            double tn = now_s();
            if (tn - tlast > 0.5) {
                u->st->samples = checked;
                progress(u, checked, t0, 0);
                tlast = tn;
            }
        }
    }
    if (show)
        progress(u, checked, t0, 1);
    st->samples = checked;
    *cycp = c0 + (k < total ? k : total);
}
