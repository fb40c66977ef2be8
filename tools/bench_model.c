/*
 * bench_model - throughput of the C model on the host: scalar and block APIs,
 * default and libfixmath profiles, beside libfixmath's own fix16_smul on the
 * same inputs. Prints one line per figure ("name  Msamples/s") and, with
 * --json FILE, the same figures as JSON. A benchmark, not a test.
 */
#define _POSIX_C_SOURCE 200809L
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <libfixmath/fix16.h>

#include "gainstage.h"

#define N (1u << 16)
#define MIN_SECONDS 0.4

static int32_t x[N], y[N];
static uint32_t g[N], bits[N / 32];
static uint8_t ovf[N];
static volatile int64_t sink;

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

static uint64_t rng_state = 0x9E3779B97F4A7C15ull;
static uint32_t rnd32(void)
{
    /* xorshift64* */
    rng_state ^= rng_state >> 12;
    rng_state ^= rng_state << 25;
    rng_state ^= rng_state >> 27;
    return (uint32_t)((rng_state * 0x2545F4914F6CDD1Dull) >> 32);
}

static void fill(const gs_config_t *c)
{
    for (unsigned i = 0; i < N; i++) {
        uint32_t r = rnd32();
        int64_t half = (int64_t)1 << (c->in.w - 1);
        x[i] = (int32_t)((int64_t)(r & (uint32_t)(2 * half - 1)) - half);
        uint32_t gr = rnd32();
        /* the libfixmath oracle holds for g < 2^31; bench on the same range */
        g[i] = c->gain.w >= 32 ? gr >> 1 : gr & ((1u << c->gain.w) - 1);
    }
}

typedef enum { SCALAR, BLOCK, BLOCK_GAIN, FIX16, STAGE_SCALAR, STAGE_BLOCK, STAGE_BLOCK_GAIN } kind_t;

static double run(const gs_config_t *c, const gs_stage_t *st, kind_t kind)
{
    uint64_t done = 0;
    double t0 = now(), t;
    do {
        int64_t acc = 0;
        switch (kind) {
        case SCALAR:
            for (unsigned i = 0; i < N; i++) {
                bool o;
                acc += gs_eval(c, x[i], g[i], &o) + o;
            }
            break;
        case BLOCK:
            acc += (int64_t)gs_eval_block(c, x, g, y, ovf, N) + y[N / 2];
            break;
        case BLOCK_GAIN:
            acc += (int64_t)gs_eval_block_gain(c, x, g[0], y, ovf, N) + y[N / 2];
            break;
        case STAGE_SCALAR:
            for (unsigned i = 0; i < N; i++) {
                bool o;
                acc += gs_stage_eval(st, x[i], g[i], &o) + o;
            }
            break;
        case STAGE_BLOCK:
            acc += (int64_t)gs_stage_block(st, x, g, y, bits, N) + y[N / 2];
            break;
        case STAGE_BLOCK_GAIN:
            acc += (int64_t)gs_stage_block_gain(st, x, g[0], y, bits, N) + y[N / 2];
            break;
        case FIX16:
            for (unsigned i = 0; i < N; i++)
                acc += fix16_smul(x[i], -(fix16_t)g[i]);
            break;
        }
        sink += acc;
        done += N;
        t = now();
    } while (t - t0 < MIN_SECONDS);
    return (double)done / (t - t0);
}

int main(int argc, char **argv)
{
    const char *json = NULL;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--json") && i + 1 < argc)
            json = argv[++i];
        else {
            fprintf(stderr, "usage: bench_model [--json FILE]\n");
            return 2;
        }
    }
    static const struct { const char *profile; kind_t kind; const char *name; } cases[] = {
        { "default", SCALAR, "model scalar, default profile" },
        { "default", BLOCK, "model block (per-sample gain), default profile" },
        { "default", BLOCK_GAIN, "model block (one gain), default profile" },
        { "libfixmath", SCALAR, "model scalar, libfixmath profile" },
        { "libfixmath", BLOCK, "model block (per-sample gain), libfixmath profile" },
        { "libfixmath", FIX16, "libfixmath fix16_smul(x, -g) loop" },
        { "default", STAGE_SCALAR, "stage scalar (gs_stage_eval), default profile" },
        { "default", STAGE_BLOCK, "stage block (per-sample gain), default profile" },
        { "default", STAGE_BLOCK_GAIN, "stage block (one gain), default profile" },
    };
    size_t n = sizeof cases / sizeof cases[0];
    double rate[sizeof cases / sizeof cases[0]];
    for (size_t k = 0; k < n; k++) {
        gs_config_t c;
        gs_stage_t st;
        gs_config_profile(&c, cases[k].profile);
        if (gs_config_check(&c) != GS_OK || gs_stage_init(&st, &c) != GS_OK)
            return 1;
        fill(&c);
        rate[k] = run(&c, &st, cases[k].kind);
        printf("%-52s %9.1f Msamples/s\n", cases[k].name, rate[k] / 1e6);
    }
    printf("%-52s %9.2fx\n", "libfixmath block / fix16_smul loop", rate[4] / rate[5]);
    if (json) {
        FILE *f = fopen(json, "w");
        if (!f) {
            perror(json);
            return 2;
        }
        fprintf(f, "{\n");
        for (size_t k = 0; k < n; k++)
            fprintf(f, "  \"%s\": %.0f%s\n", cases[k].name, rate[k], k + 1 < n ? "," : "");
        fprintf(f, "}\n");
        fclose(f);
    }
    return 0;
}
