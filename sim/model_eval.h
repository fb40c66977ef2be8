// model_eval.h - one evaluation of the Verilated model after its first eval(),
// for sim/dut_vl.cpp and sim/bare_main.cpp (included after the model's header).
// Verilator 5.006's eval() is eval_step(): the model's initialisation on the
// first call, then its root's _eval (the design itself), then per-thread
// bookkeeping (mtaskId, end-of-thread and end-of-eval message queues: a
// thread-local read and an atomic one, for messages posted by other threads).
// This model has no other thread and posts nothing (a message on the eval
// thread runs at once), so after the first eval() the root's _eval alone is the
// same evaluation: about 10% of a cycle less than eval() here (issue 9; make
// bench-cosim shows both). Only in the fast variant of 5.006, whose generated
// code this was read from; with tracing, coverage or another Verilator: eval().
#ifndef COSIM_MODEL_EVAL_H
#define COSIM_MODEL_EVAL_H

#include "Vcosim_top___024root.h"
#include "verilated.h"

#if VERILATOR_VERSION_INTEGER == 5006000 && !VM_TRACE && !VM_COVERAGE
#define MODEL_ROOT_EVAL 1
void Vcosim_top___024root___eval(Vcosim_top___024root *vlSelf);
static inline void model_eval(Vcosim_top *t) { Vcosim_top___024root___eval(t->rootp); }
#else
#define MODEL_ROOT_EVAL 0
static inline void model_eval(Vcosim_top *t) { t->eval(); }
#endif

#endif
