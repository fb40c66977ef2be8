/*
 * dut.h - the C view of the Verilated gain_stage (sim/dut_vl.cpp is the only
 * C++ in the harness). One call per clock cycle:
 *
 *   dut_cycle(): drive the inputs in io with clk low and settle (eval), read the
 *   outputs into io (the values the next rising edge samples), then raise clk and
 *   eval (the edge). So io->s_ready / m_valid / m_data / m_ovf describe this
 *   cycle's handshakes: a sample is taken when s_valid && s_ready, a result
 *   leaves when m_valid && m_ready.
 *
 * A model may hold several gain_stage instances (lanes, cosim --lanes N; see
 * sim/cosim_top.v): dut_cycle then takes one dut_io_t per lane (rst is io[0]'s).
 */
#ifndef COSIM_DUT_H
#define COSIM_DUT_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct dut dut_t;

typedef struct {
    /* inputs (codes masked to their widths) */
    uint32_t rst, s_valid, s_data, s_gain, m_ready;
    /* outputs */
    uint32_t s_ready, m_valid, m_data, m_ovf;
} dut_io_t;

/* Compiled-in description of this build. */
typedef struct {
    int in_w, in_f, g_w, g_f, out_w, out_f, round, overflow;
    int netlist;      /* 1: a post-synthesis netlist (no LATENCY parameter) */
    int traced;       /* 1: built with waveform tracing */
    int coverage;     /* 1: built with line/toggle coverage */
    const char *src;  /* RTL or netlist file */
    int lanes;        /* gain_stage instances in the model */
} dut_info_t;

const dut_info_t *dut_info(void);

/* rand_reset: 0, or every register starts from a value random under that seed
 * (cosim --rand-reset: a model built with --x-assign/--x-initial unique) */
dut_t *dut_new(uint32_t rand_reset);
void dut_free(dut_t *d);
/* Lane 0's outputs before any clock or reset: m_data | m_ovf << DUT_OVF_BIT |
 * m_valid << DUT_VALID_BIT (random under cosim --rand-reset, else Verilator's zeros). */
uint64_t dut_power_on(const dut_t *d);
/* The RTL's LATENCY parameter, or -1 when the DUT does not say (netlist). */
int dut_latency(dut_t *d);
void dut_cycle(dut_t *d, dut_io_t *io /* [lanes] */);

/*
 * The full-rate fast path: m cycles with rst low and m_ready high. With N lanes,
 * lane l of cycle i drives sample q = i*N + l: s_valid high while q < nv, with
 * s_data = x[q], s_gain = g[q]; out[q] receives that lane's outputs of cycle i as
 * read by dut_cycle(): m_data | m_ovf << 32 | m_valid << 33 | s_ready << 34.
 * The same evals as dut_cycle, one call per block; or, when !dut_two_evals(), one
 * eval a cycle (sim/model_eval.h), with the same outputs.
 */
#define DUT_OVF_BIT 32
#define DUT_VALID_BIT 33
#define DUT_READY_BIT 34
void dut_batch(dut_t *d, const uint32_t *x, const uint32_t *g, size_t nv, size_t m,
               uint64_t *out);
/* Why dut_batch evaluates the model twice a cycle: 0 when it takes one eval a
 * cycle (sim/model_eval.h: the outputs found the same as with two), else a set of: */
#define DUT_TWO_BUILD 1   /* a traced or coverage build, or not Verilator 5.006 */
#define DUT_TWO_ICO 2     /* the model's generated input region reads s_valid, s_data or s_gain */
#define DUT_TWO_PROBE 4   /* the probe's two instances, one driven each way, differ */
int dut_two_evals(void);

/* Tracing (traced builds only; otherwise dut_trace_open fails with -1).
 * Cycles [from, to) of this model are written to path (.fst or .vcd). */
int dut_trace_open(dut_t *d, const char *path, uint64_t from, uint64_t to);
/* Closes the trace (dut_free does too): 0, or -1 and the reason in why when a
 * write or the close failed (a full disk, a file size limit). */
int dut_trace_close(dut_t *d, char *why, size_t len);
/* Traced builds: the expected-output inputs of the traced top (exp_valid, exp_data,
 * exp_ovf) for the next m cycles of dut_cycle/dut_batch, one word each: data |
 * ovf << DUT_OVF_BIT | valid << DUT_VALID_BIT. w must live until then. A no-op in
 * other builds. */
void dut_expect(dut_t *d, const uint64_t *w, size_t m);
/* Write line/toggle coverage (coverage builds only). */
int dut_coverage_write(dut_t *d, const char *path);

#ifdef __cplusplus
}
#endif
#endif
