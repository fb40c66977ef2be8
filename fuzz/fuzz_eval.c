/*
 * fuzz_eval.c - libFuzzer target: the C model (gs_config_check, gs_eval,
 * gs_eval_block, gs_eval_block_gain) against the independent exact reference
 * of the tests (tests/ref_exact.h). Input: 8 configuration bytes (widths and
 * fractions over and past their limits, modes by name), then (x, g) pairs of 8
 * bytes each, reduced to codes of their formats.
 * The model's API is used only in model_*() below, so that a new API (a
 * prepared configuration) needs only those few lines changed.
 */
#include <stdlib.h>
#include <string.h>

#include "gainstage.h"
#include "ref_exact.h"

#define MAXN 64

/* ---- the model's API ---- */
typedef gs_config_t model_t;
static int model_prepare(model_t *m, const ref_cfg_t *c)
{
    gs_config_default(m);
    m->in = (gs_fmt_t){ (uint8_t)c->in_w, (uint8_t)c->in_f, true };
    m->gain = (gs_fmt_t){ (uint8_t)c->g_w, (uint8_t)c->g_f, false };
    m->out = (gs_fmt_t){ (uint8_t)c->out_w, (uint8_t)c->out_f, true };
    if (gs_parse_round(ref_round_name(c->round), &m->round) != GS_OK ||
        gs_parse_overflow(ref_ovf_name(c->ovf), &m->overflow) != GS_OK)
        abort();
    return gs_config_check(m) == GS_OK;
}
static int32_t model_eval(const model_t *m, int32_t x, uint32_t g, int *ovf)
{
    bool o;
    int32_t y = gs_eval(m, x, g, &o);
    *ovf = o;
    return y;
}
static void model_block(const model_t *m, const int32_t *x, const uint32_t *g, int32_t *y,
                        uint8_t *ovf, size_t n)
{
    gs_eval_block(m, x, g, y, ovf, n);
}
static void model_block_gain(const model_t *m, const int32_t *x, uint32_t g, int32_t *y,
                             uint8_t *ovf, size_t n)
{
    gs_eval_block_gain(m, x, g, y, ovf, n);
}

static int64_t sext(uint64_t v, int w)
{
    uint64_t m = (uint64_t)1 << (w - 1);
    v &= (m << 1) - 1;
    return (int64_t)(v ^ m) - (int64_t)m;
}

int LLVMFuzzerTestOneInput(const uint8_t *d, size_t size)
{
    if (size < 8)
        return 0;
    /* widths 0..35 and fractions 0..66: some past the SPEC section 2 limits */
    ref_cfg_t c = { d[0] % 36, d[1] % 67, d[2] % 36, d[3] % 67, d[4] % 36, d[5] % 67,
                    d[6] % REF_NROUND, d[7] % REF_NOVF };
    model_t m;
    int ok = model_prepare(&m, &c);
    if (ok != (ref_cfg_legal(&c) == REF_LEGAL))
        abort(); /* the model and SPEC section 2 disagree on legality */
    if (!ok)
        return 0;
    size_t n = (size - 8) / 8;
    if (n > MAXN)
        n = MAXN;
    int32_t x[MAXN], y[MAXN], yb[MAXN], yg[MAXN];
    uint32_t g[MAXN];
    uint8_t ob[MAXN], og[MAXN];
    int ro[MAXN];
    int64_t ry[MAXN];
    for (size_t i = 0; i < n; i++) {
        uint64_t a, b;
        memcpy(&a, d + 8 + 8 * i, 4);
        memcpy(&b, d + 12 + 8 * i, 4);
        x[i] = (int32_t)sext(a, c.in_w);
        g[i] = (uint32_t)(b & (((uint64_t)1 << c.g_w) - 1));
    }
    for (size_t i = 0; i < n; i++) {
        int o;
        ry[i] = ref_eval(&c, x[i], g[i], &ro[i]);
        y[i] = model_eval(&m, x[i], g[i], &o);
        if (y[i] != ry[i] || o != ro[i])
            abort(); /* gs_eval differs from the reference */
    }
    model_block(&m, x, g, yb, ob, n);
    for (size_t i = 0; i < n; i++)
        if (yb[i] != ry[i] || ob[i] != ro[i])
            abort(); /* gs_eval_block differs */
    model_block(&m, x, g, yb, NULL, n); /* ovf may be NULL */
    for (size_t i = 0; i < n; i++)
        if (yb[i] != ry[i])
            abort();
    uint32_t g0 = n ? g[0] : 0;
    model_block_gain(&m, x, g0, yg, og, n);
    for (size_t i = 0; i < n; i++) {
        int o;
        int64_t r = ref_eval(&c, x[i], g0, &o);
        if (yg[i] != r || og[i] != o)
            abort(); /* gs_eval_block_gain differs */
    }
    return 0;
}
