// model_eval.h - evaluating the Verilated model, for sim/dut_vl.cpp and
// sim/bare_main.cpp (included after the model's header).
//
// model_eval(): one evaluation after the model's first eval(). Verilator
// 5.006's eval() is eval_step(): the model's initialisation on the first call,
// then its root's _eval (the design itself), then per-thread bookkeeping
// (mtaskId, end-of-thread and end-of-eval message queues, for messages posted by
// other threads). This model has no other thread and posts nothing (a message on
// the eval thread runs at once), so after the first eval() the root's _eval
// alone is the same evaluation: ~20% of a one-lane cycle less (issue 9).
//
// model_rise(): the rising clock edge, after a falling-edge eval or, in the
// fast variant, without one. Verilator 5.006 takes an edge when clk differs from its value at the
// triggers' last evaluation (__Vtrigrprev__TOP__clk): that value set low, clk
// high, the eval settles the inputs' logic (its input region always runs first)
// and takes the edge. (After a falling-edge eval the value is low already: the
// same call is the edge of a two-eval cycle.) gain_stage has no falling-edge logic; the falling-edge
// eval only settles the outputs for the new inputs, and when no input that
// changes reaches an output through logic alone, the outputs after the last edge
// are already those. model_one_eval_check() checks that of this model rather than
// assume it of the RTL, twice: in its generated code (cosim_build.mk writes
// cosim_ico.h: whether the input region, the only code run between edges for
// the inputs, reads s_valid, s_data or s_gain), and by running it (two
// instances, one driven each way).
//
// Only in the fast variant of 5.006, whose generated code this was read from;
// with tracing (the waveform shows both edges), coverage or another Verilator:
// eval(), two per cycle.
#ifndef COSIM_MODEL_EVAL_H
#define COSIM_MODEL_EVAL_H

#include <cstdint>
#include <cstring>

#include "Vcosim_top___024root.h"
#include "dut.h"         // DUT_TWO_*
#include "cosim_ico.h"   // MODEL_ICO_READS_STREAM, by cosim_build.mk
#include "seed.h"        // mix64: the probe's inputs, splitmix64
#include "verilated.h"

#if VERILATOR_VERSION_INTEGER == 5006000 && !VM_TRACE && !VM_COVERAGE
#define MODEL_ROOT_EVAL 1
void Vcosim_top___024root___eval(Vcosim_top___024root *vlSelf);
static inline void model_eval(Vcosim_top *t) { Vcosim_top___024root___eval(t->rootp); }
static inline void model_rise(Vcosim_top *t)
{
    t->rootp->clk = 1;
    t->rootp->__Vtrigrprev__TOP__clk = 0;
    Vcosim_top___024root___eval(t->rootp);
}

// The model's outputs as bytes, to compare two instances.
static inline bool model_same_outputs(const Vcosim_top___024root *a, const Vcosim_top___024root *b)
{
    return a->s_ready == b->s_ready && a->m_valid == b->m_valid && a->m_ovf == b->m_ovf &&
           std::memcmp(&a->m_data, &b->m_data, sizeof a->m_data) == 0;
}

// A port of `bits` bits set from the stream, or to all ones; the bits above
// its width left zero (Verilator's generated code assumes them so).
template <typename T> static inline void model_probe_set(T &port, int bits, uint64_t &r, bool ones)
{
    unsigned char by[sizeof port] = { 0 };
    for (int k = 0; k < bits; k += 8) {
        unsigned v = ones ? 0xffu : (unsigned)mix64(r += 0x9e3779b97f4a7c15ull) & 0xffu;
        by[k / 8] = (unsigned char)(bits - k >= 8 ? v : v & ((1u << (bits - k)) - 1));
    }
    std::memcpy(&port, by, sizeof port);   // little-endian words, as VlWide's
}

// The probe: whether one eval per cycle (model_rise) drives this model as two do, where
// dut_batch uses it: rst low and m_ready high throughout, s_valid, s_data and
// s_gain changing. Instance a is driven as dut_cycle does (inputs with clk low,
// eval, outputs read, clk high, eval), b with one model_rise a cycle, its
// outputs read before it; after a reset and a flush of the pipeline (its data
// registers need not be reset), 256 cycles of random inputs must read the same.
// A path from s_valid, s_data or s_gain to an output through logic alone (an
// s_ready that waits for s_valid, as AXI-Stream allows) shows as a difference.
static inline bool model_probe_run()
{
    VerilatedContext ctx;
    Vcosim_top a(&ctx, "probe_a"), b(&ctx, "probe_b");
    Vcosim_top *m[2] = { &a, &b };
    uint64_t r = 0x2545f4914f6cdd1dull;
    bool same = true;
    for (int c = 0; c < 320 && same; c++) {
        uint64_t r0 = r;   // both instances take the same inputs
        for (Vcosim_top *t : m) {
            Vcosim_top___024root *p = t->rootp;
            r = r0;
            if (c == 0) {
                p->clk = 1;
                t->eval();   // the first: the model's initialisation
            }
            p->rst = c < 4;
            model_probe_set(p->m_ready, P_LANES, r, true);
            model_probe_set(p->s_valid, P_LANES, r, c < 64);   // 64 cycles: the flush
            model_probe_set(p->s_data, P_LANES * P_IN_W, r, false);
            model_probe_set(p->s_gain, P_LANES * P_G_W, r, false);
            if (t == &a || c <= 64) {   // b, too, until its first compared cycle
                p->clk = 0;
                model_eval(t);
            }
        }
        if (c >= 64)
            same = model_same_outputs(a.rootp, b.rootp);
        a.rootp->clk = 1;
        model_eval(&a);
        model_rise(&b);
    }
    a.final();
    b.final();
    return same;
}

// Whether one eval a cycle is the same as two for this model: 0 when its
// generated input region reads none of s_valid, s_data, s_gain and the probe
// agrees, else dut.h's DUT_TWO_ICO and/or DUT_TWO_PROBE (both are always made,
// so that each can be shown to catch a planted path: sim/test_cli.sh).
static inline int model_one_eval_check()
{
    // The probe has its own context: it draws nothing from the model's.
    // Constructing one makes it the thread's current and the last context,
    // which its destructor leaves pointing at it.
    VerilatedContext *const prev = Verilated::threadContextp();
    bool same = model_probe_run();
    Verilated::threadContextp(prev);
    Verilated::lastContextp(prev);
    return (MODEL_ICO_READS_STREAM ? DUT_TWO_ICO : 0) | (same ? 0 : DUT_TWO_PROBE);
}
#else
#define MODEL_ROOT_EVAL 0
static inline void model_eval(Vcosim_top *t) { t->eval(); }
// a rising edge after a falling-edge eval (here, the only kind)
static inline void model_rise(Vcosim_top *t)
{
    t->clk = 1;
    t->eval();
}
#endif

#endif
