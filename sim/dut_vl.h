// dut_vl.h - what sim/dut_vl.cpp (the model's life, tracing, coverage) and
// sim/dut_cycle.cpp (driving its clock cycles) share: the model's headers, the
// dut_t behind dut.h's handle, and the second half of a cycle. Private to them.
#ifndef COSIM_DUT_VL_H
#define COSIM_DUT_VL_H

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
    bool one;            // dut_batch evaluates once per cycle (!dut_two_evals())
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
    model_rise(t);
#if VM_TRACE
    if (tr) {
        d->tfp->dump(2 * d->cycle + 1);
        d->tr_last = 2 * d->cycle + 1;
    }
#endif
    d->cycle++;
}

#endif
