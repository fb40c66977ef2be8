// dut_vl.cpp - the thin C++ layer between the C harness and Verilator: owns the
// model, runs one clock cycle per call, and (in traced builds only) the
// waveform writer. No checking here; no virtual calls or strings per cycle.
#include "dut.h"
#include "seed.h"

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

#include "Vcosim_top.h"
#include "Vcosim_top___024root.h"   // the ports at fixed offsets (dut_batch)
#include "verilated.h"
#include "trace_files.h"
#include "model_eval.h"
#if VM_COVERAGE
#include "verilated_cov.h"
#endif

#ifndef COSIM_SRC
#define COSIM_SRC "?"
#endif
#ifndef COSIM_NETLIST
#define COSIM_NETLIST 0
#endif
#ifndef P_LANES
#define P_LANES 1
#endif

#if P_LANES > 1
#include "dut_lanes.h"
#endif

struct dut {
    VerilatedContext *ctx;
    Vcosim_top *top;
    uint64_t cycle;
    uint64_t power_on;   // lane 0's outputs before the first clock (dut_power_on)
    bool one;            // dut_batch evaluates once per cycle (dut_one_eval)
#if VM_TRACE
    trace_t *tfp;
#if COSIM_VCD
    checked_vcd_file *vcd;
#endif
    std::string tr_path;
    uint64_t tr_from, tr_to, tr_last;   // tr_last: the last time dumped
    const uint64_t *expw;   // dut_expect(): expected words of the next expn cycles
    size_t expn;
#endif
};

static const dut_info_t info = {
    P_IN_W, P_IN_F, P_G_W, P_G_F, P_OUT_W, P_OUT_F, P_ROUND, P_OVERFLOW,
    COSIM_NETLIST, VM_TRACE, VM_COVERAGE, COSIM_SRC, P_LANES,
};

extern "C" const dut_info_t *dut_info(void) { return &info; }

/* Cached: the probe's answer is the model's, the same for every instance. */
extern "C" int dut_one_eval(void)
{
#if MODEL_ROOT_EVAL
    static int one = -1;
    if (one < 0)
        one = model_one_eval_probe();
    return one;
#else
    return 0;
#endif
}

extern "C" dut_t *dut_new(void)
{
    dut_t *d = new dut;
    d->ctx = new VerilatedContext;
    d->ctx->commandArgs(0, (const char **)nullptr);
    /* cosim --rand-reset SEED: every register starts from a random value (the
     * model is built with --x-assign unique --x-initial unique) */
    if (const char *seed = getenv("COSIM_RAND_RESET")) {
        /* Verilator 5.006 seeds its xoroshiro128+ with s0 = s1 = the seed (its
         * bits inverted when few are set): for small seeds the first outputs'
         * low bits, i.e. every 1-bit register, come out the same whatever the
         * seed. Verilator gets seed31(SEED) (seed.h) instead. */
        std::string s = std::string("+verilator+seed+") +
                        std::to_string(seed31(std::strtoull(seed, nullptr, 10)));
        const char *args[] = { "cosim-sim", "+verilator+rand+reset+2", s.c_str() };
        d->ctx->commandArgs(3, args);
    }
#if VM_TRACE
    d->ctx->traceEverOn(true);
    d->tfp = nullptr;
#if COSIM_VCD
    d->vcd = nullptr;
#endif
    d->tr_from = d->tr_to = d->tr_last = 0;
    d->expw = nullptr;
    d->expn = 0;
#endif
    d->one = dut_one_eval() == 1;
    d->top = new Vcosim_top(d->ctx, "TOP");
    d->cycle = 0;
    d->top->clk = 1;  // the first dut_cycle() starts with a falling edge
    d->top->eval();   // the first: the model's initialisation (model_eval.h)
    Vcosim_top *t = d->top;
#if P_LANES > 1
    uint32_t w[NW] = { 0 };
    get_words(t->m_data, w);
    uint64_t y0 = field(w, 0, P_OUT_W);
#else
    uint64_t y0 = (uint32_t)t->m_data;
#endif
    d->power_on = y0 | (uint64_t)(t->m_ovf & 1) << DUT_OVF_BIT |
                  (uint64_t)(t->m_valid & 1) << DUT_VALID_BIT;
    return d;
}

extern "C" uint64_t dut_power_on(const dut_t *d) { return d->power_on; }

extern "C" void dut_free(dut_t *d)
{
    if (!d)
        return;
    d->top->final();
#if VM_TRACE
    char why[8];
    dut_trace_close(d, why, sizeof why);
#endif
    delete d->top;
    delete d->ctx;
    delete d;
}

extern "C" int dut_latency(dut_t *d)
{
    uint32_t l = d->top->latency;
    return l == 0xffffffffu ? -1 : (int)l;
}

#if VM_TRACE
/* Drive exp_* from the i-th word given to dut_expect (traced builds only). */
static inline void drive_expected(dut_t *d, size_t i)
{
    if (i >= d->expn)
        return;
    uint64_t w = d->expw[i];
    d->top->exp_data = (uint32_t)(w & 0xffffffffu);  // masked to OUT_W (rings_t exp)
    d->top->exp_ovf = (CData)((w >> DUT_OVF_BIT) & 1);
    d->top->exp_valid = (CData)((w >> DUT_VALID_BIT) & 1);
}
#endif

extern "C" void dut_expect(dut_t *d, const uint64_t *w, size_t m)
{
#if VM_TRACE
    d->expw = w;
    d->expn = m;
#else
    (void)d, (void)w, (void)m;
#endif
}

/* The second half of a cycle: the settled low phase is traced, then the rising
 * edge is evaluated and traced. Shared by dut_cycle and dut_batch. */
static inline void rising_edge(dut_t *d)
{
    Vcosim_top *t = d->top;
#if VM_TRACE
    bool tr = d->tfp && d->cycle >= d->tr_from && d->cycle < d->tr_to;
    if (tr)
        d->tfp->dump(2 * d->cycle);
#endif
    t->clk = 1;
    model_eval(t);
#if VM_TRACE
    if (tr) {
        d->tfp->dump(2 * d->cycle + 1);
        d->tr_last = 2 * d->cycle + 1;
    }
#endif
    d->cycle++;
}

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
enum { RUN = 32 };

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
#if MODEL_ROOT_EVAL
            if (d->one) {
                model_rise(t);
                d->cycle++;
                continue;
            }
#endif
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
    /* The ports as members of the model's root, at offsets from one pointer:
     * the model's own port members are references, a pointer each, more than
     * the registers an (opaque) eval leaves, so they went to the stack. */
    Vcosim_top___024root *const p = t->rootp;
    size_t i = 0;
    p->s_valid = 1;
#if MODEL_ROOT_EVAL
    if (d->one && m > 0) {
        /* one eval a cycle (model_eval.h): the outputs read before an edge are
         * the last edge's; the first cycle's settled by a falling-edge eval, as
         * this call's rst and m_ready may differ from the last cycle's */
        p->clk = 0;
        p->s_valid = nv > 0;
        p->s_data = nv > 0 ? x[0] : 0;
        p->s_gain = nv > 0 ? g[0] : 0;
        model_eval(t);
        for (; i < m && i < nv; i++) {
            p->s_data = x[i];
            p->s_gain = g[i];
            out[i] = out_word(p->m_data, p->m_ovf, p->m_valid, p->s_ready);
            model_rise(t);
        }
        p->s_valid = 0;   /* the drain: no sample */
        for (; i < m; i++) {
            out[i] = out_word(p->m_data, p->m_ovf, p->m_valid, p->s_ready);
            model_rise(t);
        }
        d->cycle += m;
        return;
    }
#endif
    for (; i < m && i < nv; i++) {
        p->clk = 0;
        p->s_data = x[i];
        p->s_gain = g[i];
        model_eval(t);
        out[i] = out_word(p->m_data, p->m_ovf, p->m_valid, p->s_ready);
        p->clk = 1;
        model_eval(t);
    }
    p->s_valid = 0;   /* the drain: no sample */
    for (; i < m; i++) {
        p->clk = 0;
        model_eval(t);
        out[i] = out_word(p->m_data, p->m_ovf, p->m_valid, p->s_ready);
        p->clk = 1;
        model_eval(t);
    }
    d->cycle += m;
#endif
}
#endif

extern "C" int dut_trace_open(dut_t *d, const char *path, uint64_t from, uint64_t to)
{
#if VM_TRACE
#if COSIM_VCD
    d->vcd = new checked_vcd_file;
    d->tfp = new trace_t(d->vcd);
#else
    d->tfp = new trace_t;
#endif
    d->tr_path = path;
    d->top->trace(d->tfp, 99);
    d->tfp->open(path);
    if (!d->tfp->isOpen())
        return -1;
    d->tr_from = from;
    d->tr_to = to;
    return 0;
#else
    (void)d, (void)path, (void)from, (void)to;
    return -1;
#endif
}

extern "C" int dut_trace_close(dut_t *d, char *why, size_t len)
{
    int rc = 0;
#if VM_TRACE
    if (!d->tfp)
        return 0;
    d->tfp->close();
    delete d->tfp;
    d->tfp = nullptr;
#if COSIM_VCD
    if (d->vcd->err) {
        snprintf(why, len, "%s", strerror(d->vcd->err));
        rc = -1;
    }
    delete d->vcd;
    d->vcd = nullptr;
#else
    /* the FST writer checks none of its writes: walk the file's blocks */
    rc = fst_complete(d->tr_path.c_str(), d->tr_last, why, len);
#endif
#else
    (void)d, (void)why, (void)len;
#endif
    return rc;
}

extern "C" int dut_coverage_write(dut_t *d, const char *path)
{
#if VM_COVERAGE
    d->ctx->coveragep()->write(path);
    return 0;
#else
    (void)d, (void)path;
    return -1;
#endif
}
