/*
 * exhaustive_model.c - every (x, g) pair of the default profile (s16.15 x
 * u16.12 -> s16.15, half-even, sat): 2^32 pairs against the independent
 * reference (ref_exact.h, specialised by the compiler for this constant
 * configuration), computed once per pair and checked against every block path
 * of the model: the branch-free loops (gs_eval_block_gain), and the fast
 * loops of a prepared stage with one gain and with per-sample gains, each in
 * its 16-bit and its general-width variant (the latter forced on a copy of
 * the stage), and these four again with the other form of their range test
 * and the other form of their flag stores (tests/gs_block_alt.c: the soft
 * core's range test, proven on the host); with
 * --scalar also gs_eval and gs_stage_eval. Split over
 * threads by gain code; progress on a tty.
 *
 *   exhaustive_model [--threads N] [--scalar]      exit 0 iff all pairs agree
 */
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "gainstage.h"
#include "gs_fast.h"
#include "ref_exact.h"
#include "gs_block_alt.h"

static const ref_cfg_t REF = { 16, 15, 16, 12, 16, 15, REF_HALF_EVEN, REF_SAT };
static gs_config_t cfg;
static gs_stage_t stage, stage_w;   /* stage_w: the general-width loops forced */
static atomic_uint next_g;          /* next gain code to take */
static atomic_uint done_g;
static atomic_ullong mismatches;
static atomic_ullong overflows;
static int scalar;

#define NX 65536

static void report(int32_t x, uint32_t g, int32_t y, int ovf, int64_t ey, int eovf, const char *api)
{
    if (atomic_fetch_add(&mismatches, 1) < 10)
        fprintf(stderr, "\nMISMATCH %s x=%d g=%u: model y=%d ovf=%d, reference y=%lld ovf=%d\n",
                api, x, g, y, ovf, (long long)ey, eovf);
}

#define NPATH 9
static const char *const path_name[NPATH] = {
    "gs_eval_block_gain", "gs_stage_block_gain", "gs_stage_block",
    "gs_stage_block_gain (general width)", "gs_stage_block (general width)",
    "gs_alt_stage_block_gain", "gs_alt_stage_block",
    "gs_alt_stage_block_gain (general width)", "gs_alt_stage_block (general width)",
};

static void *worker(void *arg)
{
    (void)arg;
    int32_t *x = malloc(NX * sizeof *x), *y[NPATH];
    uint32_t *gv = malloc(NX * sizeof *gv), *bits[NPATH];
    uint8_t *ov = malloc(NX);
    int fail = !x || !gv || !ov;
    for (int p = 0; p < NPATH; p++) {
        y[p] = malloc(NX * sizeof *y[p]);
        bits[p] = malloc(NX / 8);
        fail |= !y[p] || !bits[p];
    }
    if (fail) {
        fprintf(stderr, "exhaustive_model: out of memory\n");
        exit(2);
    }
    for (int i = 0; i < NX; i++)
        x[i] = i - 32768;
    unsigned g;
    while ((g = atomic_fetch_add(&next_g, 1)) < 65536) {
        for (int i = 0; i < NX; i++)
            gv[i] = g;
        size_t n[NPATH];
        n[0] = gs_eval_block_gain(&cfg, x, g, y[0], ov, NX);
        n[1] = gs_stage_block_gain(&stage, x, g, y[1], bits[1], NX);
        n[2] = gs_stage_block(&stage, x, gv, y[2], bits[2], NX);
        n[3] = gs_stage_block_gain(&stage_w, x, g, y[3], bits[3], NX);
        n[4] = gs_stage_block(&stage_w, x, gv, y[4], bits[4], NX);
        /* the same loops with the other range test (tests/gs_block_alt.c) */
        n[5] = gs_alt_stage_block_gain(&stage, x, g, y[5], bits[5], NX);
        n[6] = gs_alt_stage_block(&stage, x, gv, y[6], bits[6], NX);
        n[7] = gs_alt_stage_block_gain(&stage_w, x, g, y[7], bits[7], NX);
        n[8] = gs_alt_stage_block(&stage_w, x, gv, y[8], bits[8], NX);
        /* path 0 against the reference, pair by pair; the others against
         * path 0 word by word (equal to it, they equal the reference) */
        size_t eo = 0;
        uint32_t *b0 = bits[0];
        memset(b0, 0, NX / 8);
        for (int i = 0; i < NX; i++) {
            int eovf;
            int64_t ey = ref_eval(&REF, x[i], g, &eovf);
            eo += (size_t)eovf;
            b0[i / 32] |= (uint32_t)ov[i] << (i % 32);
            if (y[0][i] != ey || ov[i] != eovf)
                report(x[i], g, y[0][i], ov[i], ey, eovf, path_name[0]);
            if (scalar) {
                bool o;
                int32_t ys = gs_eval(&cfg, x[i], g, &o);
                if (ys != ey || (int)o != eovf)
                    report(x[i], g, ys, o, ey, eovf, "gs_eval");
                ys = gs_stage_eval(&stage, x[i], g, &o);
                if (ys != ey || (int)o != eovf)
                    report(x[i], g, ys, o, ey, eovf, "gs_stage_eval");
            }
        }
        for (int p = 1; p < NPATH; p++)
            if (memcmp(y[p], y[0], NX * sizeof *y[0]) || memcmp(bits[p], b0, NX / 8))
                for (int i = 0; i < NX; i++) {
                    int o = gs_ovf_bit(bits[p], (size_t)i);
                    if (y[p][i] != y[0][i] || o != ov[i])
                        report(x[i], g, y[p][i], o, y[0][i], ov[i], path_name[p]);
                }
        for (int p = 0; p < NPATH; p++)
            if (n[p] != eo) {
                fprintf(stderr, "\nMISMATCH overflow count %s g=%u: %zu, reference %zu\n",
                        path_name[p], g, n[p], eo);
                atomic_fetch_add(&mismatches, 1);
            }
        atomic_fetch_add(&overflows, eo);
        atomic_fetch_add(&done_g, 1);
    }
    free(x); free(gv); free(ov);
    for (int p = 0; p < NPATH; p++) {
        free(y[p]);
        free(bits[p]);
    }
    return NULL;
}

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec * 1e-9;
}

int main(int argc, char **argv)
{
    int threads = 2;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--threads") == 0 && i + 1 < argc) {
            threads = atoi(argv[++i]);
            if (threads < 1 || threads > 64) {
                fprintf(stderr, "exhaustive_model: --threads: 1..64\n");
                return 2;
            }
        } else if (strcmp(argv[i], "--scalar") == 0) {
            scalar = 1;
        } else {
            fprintf(stderr, "usage: exhaustive_model [--threads N] [--scalar]\n");
            return 2;
        }
    }
    gs_config_default(&cfg);
    if (gs_config_check(&cfg) != GS_OK || gs_stage_init(&stage, &cfg) != GS_OK ||
        !gs_stage_force_general_width(&stage, &stage_w)) {
        fprintf(stderr, "exhaustive_model: default profile refused\n");
        return 2;
    }
    /* the model's default profile must be the one the reference is fixed to */
    if (cfg.in.w != REF.in_w || cfg.in.f != REF.in_f || cfg.gain.w != REF.g_w ||
        cfg.gain.f != REF.g_f || cfg.out.w != REF.out_w || cfg.out.f != REF.out_f ||
        ref_round_from_name(gs_round_name(cfg.round)) != REF.round ||
        ref_ovf_from_name(gs_overflow_name(cfg.overflow)) != REF.ovf) {
        fprintf(stderr, "exhaustive_model: the default profile is not s16.15 x u16.12 -> s16.15 half-even sat\n");
        return 2;
    }
    int tty = isatty(2);
    double t0 = now();
    pthread_t th[64];
    for (int i = 0; i < threads; i++)
        if (pthread_create(&th[i], NULL, worker, NULL) != 0) {
            fprintf(stderr, "exhaustive_model: pthread_create failed\n");
            return 2;
        }
    if (tty) {
        unsigned d;
        while ((d = atomic_load(&done_g)) < 65536) {
            double t = now() - t0;
            fprintf(stderr, "\rexhaustive-model: %5.1f%%  %6.1f s  eta %5.0f s  mismatches %llu ",
                    100.0 * d / 65536, t, d ? t * (65536 - d) / d : 0.0,
                    (unsigned long long)atomic_load(&mismatches));
            struct timespec ts = { 0, 250000000 };
            nanosleep(&ts, NULL);
        }
        fprintf(stderr, "\r%70s\r", "");
    }
    for (int i = 0; i < threads; i++)
        pthread_join(th[i], NULL);
    double t = now() - t0;
    unsigned long long bad = atomic_load(&mismatches);
    printf("exhaustive-model: default profile, all 4294967296 (x, g) pairs, %s vs reference: "
           "%llu mismatches, %llu overflows, %.1f s on %d threads (%.0f M pairs/s)\n",
           scalar ? "9 block paths, gs_eval and gs_stage_eval" : "9 block paths", bad,
           (unsigned long long)atomic_load(&overflows), t, threads, 4294967296.0 / t / 1e6);
    return bad ? 1 : 0;
}
