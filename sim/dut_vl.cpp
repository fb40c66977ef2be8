// dut_vl.cpp - the thin C++ layer between the C harness and Verilator: owns the
// model (its clock cycles: sim/dut_cycle.cpp) and, in traced builds only, the
// waveform writer. No checking here; no virtual calls or strings per cycle.
#include "dut_vl.h"

static const dut_info_t info = {
    P_IN_W, P_IN_F, P_G_W, P_G_F, P_OUT_W, P_OUT_F, P_ROUND, P_OVERFLOW,
    COSIM_NETLIST, VM_TRACE, VM_COVERAGE, COSIM_SRC, P_LANES,
};

extern "C" const dut_info_t *dut_info(void) { return &info; }

/* Cached: the checks' answer is the model's, the same for every instance. */
extern "C" int dut_two_evals(void)
{
#if MODEL_ROOT_EVAL
    static int why = -1;
    if (why < 0)
        why = model_one_eval_check();
    return why;
#else
    return DUT_TWO_BUILD;
#endif
}

extern "C" dut_t *dut_new(uint32_t rand_reset)
{
    dut_t *d = new dut;
    d->ctx = new VerilatedContext;
    d->ctx->commandArgs(0, (const char **)nullptr);
    if (rand_reset) {
        /* Verilator 5.006 seeds its xoroshiro128+ with s0 = s1 = the seed (its
         * bits inverted when few are set): for small seeds the first outputs'
         * low bits, i.e. every 1-bit register, come out the same whatever the
         * seed. Verilator gets seed31(SEED) (seed.h) instead. */
        std::string s = std::string("+verilator+seed+") +
                        std::to_string(seed31(rand_reset));
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
    d->one = dut_two_evals() == 0;
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


extern "C" void dut_expect(dut_t *d, const uint64_t *w, size_t m)
{
#if VM_TRACE
    d->expw = w;
    d->expn = m;
#else
    (void)d, (void)w, (void)m;
#endif
}

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
