/*
 * check_fast.c - the full-rate drive/check loop (no --stall/--gap/--backpressure).
 */
#include <stdio.h>

#include "run.h"

/* The full-rate path found a bad cycle: say what is wrong. 1: stop the run. */
static COLD int fast_error(run_t *u, uint64_t c0, uint64_t c, uint64_t w, uint64_t n)
{
    const uint64_t L = (uint64_t)u->latency;
    const uint64_t V = 1ull << DUT_VALID_BIT, R = 1ull << DUT_READY_BIT;
    const uint64_t dm = u->t->omask | 1ull << DUT_OVF_BIT;
    int due = c >= L && c - L < n;
    uint64_t j = c - L;
    if (due)
        u->r->acc[j & RMASK] = c0 + j;
    if (c < n && !(w & R)) {
        u->r->acc[c & RMASK] = c0 + c;
        err_proto(u, c0 + c, "s_ready low with m_ready high (full throughput lost); the "
                  "full-rate run cannot go on", c, 1);
        u->st->fatal = 1;
        return 1;
    }
    if (due && !(w & V))
        return err_proto(u, c0 + c, "m_valid low when the result was due", j, 1);
    if (!due && (w & V))
        return err_proto(u, c0 + c, "m_valid high with no result due (a duplicate, spurious "
                         "or mistimed result)", 0, 0);
    return err_data(u, c0 + c, j, w & dm);
}

/*
 * Full rate (no --stall/--gap/--backpressure): s_valid and m_ready are always
 * high, so the whole output sequence is known in advance: sample j is taken at
 * cycle c0 + j and its result must be on the output, valid, exactly at cycle
 * c0 + j + LATENCY; every other cycle must have m_valid low. The DUT runs a
 * chunk of cycles per call (dut_batch) and every cycle of it is then compared.
 */
/*
 * A chunk in the steady state (every cycle takes a sample and returns one):
 * the expected words have one shape, so the check is a tight loop. False on
 * any difference; the general loop then finds and reports it.
 */
static int steady_ok(const uint64_t *out, const uint64_t *exp, uint64_t e0, uint64_t m,
                     uint64_t mask, uint64_t flags)
{
    uint64_t bad = 0;
    for (uint64_t i = 0; i < m; i++)
        bad |= (out[i] & mask) ^ (exp[(e0 + i) & RMASK] | flags);
    return bad == 0;
}

void loop_fast(run_t *u, dut_t *d, uint64_t *cycp)
{
    const ctx_t *t = u->t;
    rings_t *r = u->r;
    stats_t *st = u->st;
    const uint64_t n = u->sl->n, L = (uint64_t)u->latency, c0 = *cycp;
    const uint64_t V = 1ull << DUT_VALID_BIT, R = 1ull << DUT_READY_BIT;
    const uint64_t dm = t->omask | 1ull << DUT_OVF_BIT;
    uint64_t total = n + L + 8;   /* drive n samples, then drain */
    if (u->sl->stop_cycle != UINT64_MAX)
        total = u->sl->stop_cycle > c0 ? u->sl->stop_cycle - c0 : 0;
    FILE *dump = u->sl->dump;
    const int show = progress_shown(t);
    double t0 = now_s(), tlast = t0;
    uint64_t gen = 0, checked = 0, k;
    uint32_t gprev = t->gain;
    int stop = 0;

    for (k = 0; k < total && !stop; k += CH) {
        uint64_t m = total - k < CH ? total - k : CH;
        while (gen < n && gen < k + m)
            refill(u, &gen, &gprev);
        uint64_t nv = k < n ? (n - k < m ? n - k : m) : 0;
        size_t s0 = (size_t)(k & RMASK);
        dut_batch(d, r->xr + s0, r->g + s0, (size_t)nv, (size_t)m, r->out);
        if (k >= L && k + m <= n && steady_ok(r->out, r->exp, k - L, m, dm | V | R, V | R)) {
            checked += m;
        } else for (uint64_t i = 0; i < m; i++) {
            uint64_t c = k + i, w = r->out[i];
            uint64_t rr = c < n ? R : 0;
            int due = c >= L && c - L < n;
            uint64_t want = due ? r->exp[(c - L) & RMASK] | V | rr : rr;
            uint64_t mask = due ? dm | V | rr : V | rr;
            if (UNLIKELY((w & mask) != want) && fast_error(u, c0, c, w, n)) {
                stop = 1;
                m = i + 1;
                break;
            }
            checked += (uint64_t)due;
        }
        if (dump) {
            for (uint64_t i = 0; i < m; i++) {
                uint64_t c = k + i;
                if (c >= L && c - L < n && (r->out[i] & V))
                    dump_line(dump, gs_wrap(r->out[i] & t->omask, t->c->out.w),
                              (unsigned)(r->out[i] >> DUT_OVF_BIT) & 1);
            }
        }
        if (stop)
            total = k + m;
        if (UNLIKELY((k & 0xfffff) == 0) && show) {
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
