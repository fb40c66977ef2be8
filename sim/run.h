/*
 * run.h - what the harness files share about one co-simulation run: the run's
 * context (ctx_t: configuration, masks, stimulus bases), a slice of samples and
 * its rings, the statistics, and the functions that pass a sample along:
 *
 *   config.c       ctx_t from the options; the compiled model must match them
 *   stimulus.c     sample k of the whole stimulus (corners, vectors, random,
 *   stim_random.c  exhaustive), ties and saturation thresholds; random samples
 *   stim_corners.c directed corners
 *   expected.c     a block of stimulus -> the model -> the expected-result rings
 *   check_fast.c   the full-rate drive/check loop
 *   check_stall.c  the handshake loop (gaps, backpressure) and its rule checks
 *   errors.c       mismatch and protocol-error reports
 *   slice.c        one model instance over a slice: reset, latency, a loop
 *   coverage.c     functional coverage bins
 *   summary.c      the summary, the verdict, merging the statistics of jobs
 *   jobs.c         the split into worker processes
 *   dump.c         --dump output
 *   trace.c        the single-process run and the replay of a trace window
 */
#ifndef COSIM_RUN_H
#define COSIM_RUN_H

#include <stdint.h>
#include <stdio.h>

#include "cosim_opts.h"
#include "dut.h"
#include "gainstage.h"
#include "gs_core.h"          /* gs_wrap(): a code of w bits, sign-extended */

#if defined(__GNUC__)
#define ALWAYS_INLINE static inline __attribute__((always_inline))
#define COLD __attribute__((cold, noinline))
#define UNLIKELY(x) __builtin_expect(!!(x), 0)
#else
#define ALWAYS_INLINE static inline
#define COLD
#define UNLIKELY(x) (x)
#endif

#define RING_BITS 16
#define RING ((uint64_t)1 << RING_BITS)
#define RMASK (RING - 1)
#define BLK 4096
#define CH 1024                   /* cycles per dut_batch() call; divides BLK */
/* More samples in flight than this is a DUT bug (it swallows samples). */
#define MAX_INFLIGHT (RING - 4 * BLK)

/* ---- functional coverage bins (coverage.c) ---- */
enum {
    CV_RAIL_POS, CV_RAIL_NEG, CV_MAX_IN, CV_MIN_IN, CV_WRAP, CV_ZERO, CV_EXACT,
    CV_INEXACT_POS, CV_INEXACT_NEG, CV_TIE_POS_EVEN, CV_TIE_POS_ODD, CV_TIE_NEG_EVEN,
    CV_TIE_NEG_ODD, CV_GAIN_CHANGE,
    CV_GAP, CV_IN_STALL, CV_OUT_HOLD, CV_LONG_HOLD,
    CV_N
};

typedef struct {
    uint64_t samples, cycles, overflows, errors;
    uint64_t cov[CV_N];
    uint64_t first_bad_cycle;
    uint64_t gen_end;             /* samples generated so far (rings valid below) */
    int latency;
    int latency_measured;
    int fatal;
    double seconds;
} stats_t;

typedef struct {
    const cosim_opts_t *o;
    const gs_config_t *c;
    uint32_t gain;                 /* configured gain code */
    int32_t *cx;                   /* corner set */
    uint32_t *cg;
    size_t nc, ncap;
    uint64_t base_vec, base_rand, base_exh, total;
    int64_t xmin, xmax;
    uint32_t imask, omask, gmax;
    uint32_t gsp[8];               /* special gains (special_gains()), unused ones 0 */
    int nsp;
    double thr_num[2];             /* -(rail edge) * 2^shift: x near it is thr_num / g */
    int jobs, job;
    int lanes;                     /* DUT instances in the model: sample j in lane j % lanes */
} ctx_t;

typedef struct {
    uint64_t lo, n;               /* samples [lo, lo + n) of the stimulus */
    int report;                   /* print errors */
    const char *trace;            /* waveform file, or NULL */
    uint64_t tr_from, tr_to;
    uint64_t stop_cycle;          /* replay: stop at this cycle */
    FILE *dump;
} slice_t;

typedef struct {
    int32_t x[RING];
    uint32_t xr[RING], g[RING];
    uint64_t exp[RING];           /* expected m_data | m_ovf << 32 */
    uint64_t acc[RING];           /* cycle at which the sample was taken */
    uint64_t out[CH];             /* dut_batch() outputs of a chunk of cycles, all lanes */
    uint64_t got[RING];           /* handshake loop: results out, for the dump in order */
    int32_t by[BLK];
    uint8_t bo[BLK];
} rings_t;

typedef struct {
    const ctx_t *t;
    const slice_t *sl;
    rings_t *r;
    stats_t *st;
    int latency;
} run_t;

static inline int64_t clamp64(int64_t v, int64_t lo, int64_t hi)
{
    return v < lo ? lo : v > hi ? hi : v;
}

double now_s(void);

/* config.c: 0, or the exit status after an error was printed */
int ctx_init(ctx_t *t, cosim_opts_t *o);
int special_gains(int gw, int gf, uint32_t sp[7]);

/* stimulus.c, stim_random.c, stim_corners.c */
int tie_x(const ctx_t *t, uint32_t g, uint64_t r, int64_t *x);
int64_t thr_x(const ctx_t *t, uint32_t g, int pos);
void gen_random(const ctx_t *t, uint64_t j0, size_t n, int32_t *xo, uint32_t *go);
void corners_make(ctx_t *t);
void gen_samples(const ctx_t *t, uint64_t idx, size_t n, int32_t *x, uint32_t *g);

/* expected.c */
void refill(run_t *u, uint64_t *gen, uint32_t *gprev);

/* coverage.c */
void classify(const ctx_t *t, const int32_t *x, const uint32_t *g, const uint64_t *exp,
              size_t n, uint32_t *gprev, uint64_t *cov);
void coverage_print(const cosim_opts_t *o, const gs_config_t *c, const uint64_t *cov);

/* errors.c: each returns 1 when the run must stop (--max-errors reached) */
const char *prefix(const run_t *u);
const char *lane_name(const run_t *u, uint64_t l);
int err_note(run_t *u, uint64_t cyc);
int err_data(run_t *u, uint64_t cyc, uint64_t k, uint64_t got);
int err_proto(run_t *u, uint64_t cyc, const char *what, uint64_t k, int has_k);
int err_latency(run_t *u, uint64_t cyc, uint64_t k);

/* check_fast.c, check_stall.c */
void loop_fast(run_t *u, dut_t *d, uint64_t *cycp);
void loop_stall(run_t *u, dut_t *d, uint64_t *cyc, int exact);

/* slice.c */
void progress(const run_t *u, uint64_t done, double t0, int final);
int progress_shown(const ctx_t *t);
int run_slice(const ctx_t *t, const slice_t *sl, stats_t *st);

/* summary.c */
void merge(stats_t *a, const stats_t *b);
void summary(const ctx_t *t, const stats_t *st, int jobs, double wall);
int verdict(const cosim_opts_t *o, const stats_t *tot);

/* jobs.c, trace.c: 0, or 2 after an error was printed */
int run_jobs(ctx_t *t, FILE *dump, int jobs, stats_t *tot);
int run_single(ctx_t *t, FILE *dump, stats_t *tot);

/* dump.c */
FILE *dump_open(const char *path);
void dump_line(FILE *f, int64_t y, unsigned ovf);
int dump_append(FILE *dst, FILE *src, const char *name);

#endif
