// dut_cycle.cpp - the clock cycles of the Verilated model (dut.h): dut_cycle, one
// cycle with every input given, and dut_batch, the full-rate path's blocks of
// cycles; with lanes (P_LANES > 1) their ports packed as dut_lanes.h does it.
#include "dut_vl.h"

#if P_LANES > 1
extern "C" void dut_cycle(dut_t *d, dut_io_t *io)
{
    Vcosim_top *t = d->top;
    const size_t st = sizeof(dut_io_t) / sizeof(uint32_t);
    uint32_t w[NW];
    t->clk = 0;
    t->rst = (CData)io[0].rst;
    t->s_valid = bits_of(&io[0].s_valid, st);
    t->m_ready = bits_of(&io[0].m_ready, st);
    pack(w, &io[0].s_data, st, P_IN_W);
    put_words(t->s_data, w);
    pack(w, &io[0].s_gain, st, P_G_W);
    put_words(t->s_gain, w);
    model_eval(t);
    uint32_t sr = t->s_ready, mv = t->m_valid, mo = t->m_ovf;
    std::memset(w, 0, sizeof w);
    get_words(t->m_data, w);
    for (int l = 0; l < P_LANES; l++) {
        io[l].s_ready = (sr >> l) & 1;
        io[l].m_valid = (mv >> l) & 1;
        io[l].m_ovf = (mo >> l) & 1;
        io[l].m_data = field(w, l, P_OUT_W);
    }
    rising_edge(d);
}

/* Cycles go in runs of up to RUN: their input ports' words packed before the
 * run's first eval and the outputs turned into dut.h's words after its last, in
 * loops with no call in them (issue 9: done between the evals, their values were
 * spilled around each call; this is about 1% faster with 8 lanes). */
static constexpr size_t RUN = 32;

extern "C" void dut_batch(dut_t *d, const uint32_t *x, const uint32_t *g, size_t nv,
                          size_t m, uint64_t *out)
{
    Vcosim_top *t = d->top;
    uint32_t xw[RUN][NW], gw[RUN][NW], yw[RUN][NW], sv[RUN], fo[RUN], fv[RUN], fr[RUN];
    uint32_t y[P_LANES];
    t->rst = 0;
    t->m_ready = (1u << P_LANES) - 1;
    /* With one eval a cycle (d->one, model_eval.h) the outputs read before an
     * edge are the last edge's; the first cycle's are settled by a falling-edge
     * eval, as this call's rst and m_ready may differ from the last cycle's. */
    bool settle = true;
    for (size_t i0 = 0; i0 < m; i0 += RUN) {
        size_t k = m - i0 < RUN ? m - i0 : RUN;
        for (size_t c = 0; c < k; c++) {
            size_t q0 = (i0 + c) * P_LANES;
            if (q0 + P_LANES <= nv) {
                sv[c] = (1u << P_LANES) - 1;
                pack_lanes<P_IN_W>(xw[c], x + q0);
                pack_lanes<P_G_W>(gw[c], g + q0);
            } else {
                /* the last samples: the lanes past nv stay idle */
                uint32_t xv[P_LANES] = { 0 }, gv[P_LANES] = { 0 };
                sv[c] = 0;
                for (size_t l = 0; l < P_LANES && q0 + l < nv; l++) {
                    xv[l] = x[q0 + l];
                    gv[l] = g[q0 + l];
                    sv[c] |= 1u << l;
                }
                pack_lanes<P_IN_W>(xw[c], xv);
                pack_lanes<P_G_W>(gw[c], gv);
            }
        }
        for (size_t c = 0; c < k; c++) {
            t->s_valid = sv[c];
            put_words(t->s_data, xw[c]);
            put_words(t->s_gain, gw[c]);
            if (!d->one || settle) {   /* with one eval a cycle, the first cycle only */
                t->clk = 0;
                model_eval(t);
                settle = false;
            }
            if (P_OUT_W != 8 && P_OUT_W != 16 && P_OUT_W != 32)
                std::memset(yw[c], 0, sizeof yw[c]);   /* field() reads a word past the port's */
            get_words(t->m_data, yw[c]);
            fo[c] = t->m_ovf;
            fv[c] = t->m_valid;
            fr[c] = t->s_ready;
            rising_edge(d);
        }
        for (size_t c = 0; c < k; c++) {
            unpack_lanes<P_OUT_W>(yw[c], y);
            out_words(out + (i0 + c) * P_LANES, y, fo[c], fv[c], fr[c]);
        }
    }
}
#else
/* One cycle's outputs as a word of dut_batch's out (dut.h). */
static inline uint64_t out_word(uint32_t y, uint32_t ovf, uint32_t valid, uint32_t ready)
{
    return (uint64_t)y | (uint64_t)ovf << DUT_OVF_BIT | (uint64_t)valid << DUT_VALID_BIT |
           (uint64_t)ready << DUT_READY_BIT;
}

extern "C" void dut_cycle(dut_t *d, dut_io_t *io)
{
    Vcosim_top *t = d->top;
    t->clk = 0;
    t->rst = (CData)io->rst;
    t->s_valid = (CData)io->s_valid;
    t->s_data = io->s_data;
    t->s_gain = io->s_gain;
    t->m_ready = (CData)io->m_ready;
#if VM_TRACE
    drive_expected(d, 0);
    d->expn = 0;
#endif
    model_eval(t);
    io->s_ready = t->s_ready;
    io->m_valid = t->m_valid;
    io->m_data = t->m_data;
    io->m_ovf = t->m_ovf;
    rising_edge(d);
}

#if !VM_TRACE
/* dut_batch's cycles, untraced; ONE: one eval a cycle (d->one, model_eval.h),
 * the outputs read before an edge being the last edge's, the first cycle's
 * settled by a falling-edge eval, as this call's rst and m_ready may differ from
 * the last cycle's. The ports as members of the model's root, at offsets from
 * one pointer: the model's own port members are references, a pointer each,
 * more than the registers an (opaque) eval leaves, so they went to the stack. */
template <bool ONE>
static void batch_fast(dut_t *d, const uint32_t *x, const uint32_t *g, size_t nv, size_t m,
                       uint64_t *out)
{
    Vcosim_top *t = d->top;
    Vcosim_top___024root *const p = t->rootp;
    if (ONE && m > 0) {
        p->clk = 0;
        p->s_valid = nv > 0;
        p->s_data = nv > 0 ? x[0] : 0;
        p->s_gain = nv > 0 ? g[0] : 0;
        model_eval(t);
    }
    size_t i = 0;
    p->s_valid = 1;
    for (; i < m && i < nv; i++) {
        p->s_data = x[i];
        p->s_gain = g[i];
        if (!ONE) {
            p->clk = 0;
            model_eval(t);
        }
        out[i] = out_word(p->m_data, p->m_ovf, p->m_valid, p->s_ready);
        model_rise(t);
    }
    p->s_valid = 0;   /* the drain: no sample */
    for (; i < m; i++) {
        if (!ONE) {
            p->clk = 0;
            model_eval(t);
        }
        out[i] = out_word(p->m_data, p->m_ovf, p->m_valid, p->s_ready);
        model_rise(t);
    }
    d->cycle += m;
}
#endif

extern "C" void dut_batch(dut_t *d, const uint32_t *x, const uint32_t *g, size_t nv,
                          size_t m, uint64_t *out)
{
    Vcosim_top *t = d->top;
    t->rst = 0;
    t->m_ready = 1;
#if VM_TRACE
    for (size_t i = 0; i < m; i++) {
        t->clk = 0;
        if (i < nv) {
            t->s_valid = 1;
            t->s_data = x[i];
            t->s_gain = g[i];
        } else {
            t->s_valid = 0;
        }
        drive_expected(d, i);
        model_eval(t);
        out[i] = out_word(t->m_data, t->m_ovf, t->m_valid, t->s_ready);
        rising_edge(d);
    }
    d->expn = 0;
#else
    if (d->one)
        batch_fast<true>(d, x, g, nv, m, out);
    else
        batch_fast<false>(d, x, g, nv, m, out);
#endif
}
#endif
