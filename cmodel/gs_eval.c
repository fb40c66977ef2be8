/*
 * gs_eval.c - evaluation of a checked configuration (SPEC section 3): the
 * scalar call and the branch-free block loops, which read only the private
 * stage that gs_config_check prepared.
 */
#include "gainstage.h"
#include "gs_core.h"

static bool refused(const gs_config_t *cfg)
{
    return cfg->stage.magic != GS_STAGE_MAGIC_;
}

int32_t gs_eval(const gs_config_t *cfg, int32_t x, uint32_t g, bool *ovf)
{
    const gs_stage_t *c = &cfg->stage;
    bool o = true;
    int32_t y = 0;
    if (GS_LIKELY(!refused(cfg))) {
        x = gs_red_x_host(c, x);
        g = gs_red_g(c, g);
        if (c->narrow)
            y = gs_core32(c, x, g, &o, (gs_round_t)c->round, (gs_overflow_t)c->overflow, true);
        else
            y = gs_core(c, x, g, &o, (gs_round_t)c->round, (gs_overflow_t)c->overflow,
                        c->shift > 0, true);
    }
    if (ovf)
        *ovf = o;
    return y;
}

/*
 * The block loops are generated once per (rounding, overflow, path), so
 * that the mode tests fold away and the compiler can unroll and vectorise each
 * loop. The stage is copied to a local: stores to y[] could otherwise
 * alias it and force reloads every sample.
 */
#define GS_BLOCK_LOOP(RND, OVM, GAIN_EXPR)                                        \
    do {                                                                          \
        if (cc.narrow) {                                                          \
            for (size_t i = 0; i < n; i++) {                                      \
                bool o;                                                           \
                y[i] = gs_core32(&cc, gs_red_x_host(&cc, x[i]), gs_red_g(&cc, (GAIN_EXPR)), \
                                 &o, (RND), (OVM), false);                               \
                novf += o;                                                        \
                if (ovf) ovf[i] = (uint8_t)o;                                     \
            }                                                                     \
        } else if (cc.in_w == 32 && cc.g_w == 32) {                               \
            /* every int32_t / uint32_t is a code: nothing to reduce */           \
            for (size_t i = 0; i < n; i++) {                                      \
                bool o;                                                           \
                y[i] = gs_core(&cc, x[i], (GAIN_EXPR), &o, (RND), (OVM),          \
                               cc.shift > 0, false);                              \
                novf += o;                                                        \
                if (ovf) ovf[i] = (uint8_t)o;                                     \
            }                                                                     \
        } else if (cc.shift > 0) {                                                \
            for (size_t i = 0; i < n; i++) {                                      \
                bool o;                                                           \
                y[i] = gs_core(&cc, gs_red_x_host(&cc, x[i]), gs_red_g(&cc, (GAIN_EXPR)), \
                               &o, (RND), (OVM), true, false);                           \
                novf += o;                                                        \
                if (ovf) ovf[i] = (uint8_t)o;                                     \
            }                                                                     \
        } else {                                                                  \
            for (size_t i = 0; i < n; i++) {                                      \
                bool o;                                                           \
                y[i] = gs_core(&cc, gs_red_x_host(&cc, x[i]), gs_red_g(&cc, (GAIN_EXPR)), \
                               &o, (RND), (OVM), false, false);                   \
                novf += o;                                                        \
                if (ovf) ovf[i] = (uint8_t)o;                                     \
            }                                                                     \
        }                                                                         \
    } while (0)

#define GS_BLOCK_OVM(RND, GAIN_EXPR)                                             \
    switch (cc.overflow) {                                                     \
    case GS_OVF_SAT:     GS_BLOCK_LOOP(RND, GS_OVF_SAT, GAIN_EXPR); break;       \
    case GS_OVF_SAT_SYM: GS_BLOCK_LOOP(RND, GS_OVF_SAT_SYM, GAIN_EXPR); break;   \
    default:             GS_BLOCK_LOOP(RND, GS_OVF_WRAP, GAIN_EXPR); break;      \
    }

#define GS_BLOCK_DISPATCH(GAIN_EXPR)                                                \
    switch (cc.round) {                                                           \
    case GS_ROUND_FLOOR:     GS_BLOCK_OVM(GS_ROUND_FLOOR, GAIN_EXPR); break;        \
    case GS_ROUND_CEIL:      GS_BLOCK_OVM(GS_ROUND_CEIL, GAIN_EXPR); break;         \
    case GS_ROUND_ZERO:      GS_BLOCK_OVM(GS_ROUND_ZERO, GAIN_EXPR); break;         \
    case GS_ROUND_HALF_UP:   GS_BLOCK_OVM(GS_ROUND_HALF_UP, GAIN_EXPR); break;      \
    case GS_ROUND_HALF_DOWN: GS_BLOCK_OVM(GS_ROUND_HALF_DOWN, GAIN_EXPR); break;    \
    case GS_ROUND_HALF_ZERO: GS_BLOCK_OVM(GS_ROUND_HALF_ZERO, GAIN_EXPR); break;    \
    case GS_ROUND_HALF_AWAY: GS_BLOCK_OVM(GS_ROUND_HALF_AWAY, GAIN_EXPR); break;    \
    default:                 GS_BLOCK_OVM(GS_ROUND_HALF_EVEN, GAIN_EXPR); break;    \
    }

size_t gs_block_loops(const gs_stage_t *st, const int32_t *x, const uint32_t *g, uint32_t g1,
                      int32_t *y, uint8_t *ovf, size_t n)
{
    const gs_stage_t cc = *st;
    size_t novf = 0;
    if (g) {
        GS_BLOCK_DISPATCH(g[i]);
    } else {
        GS_BLOCK_DISPATCH(g1);
    }
    return novf;
}

/* A refused configuration: y = 0, ovf = 1 everywhere. */
static size_t refuse(int32_t *y, uint8_t *ovf, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        y[i] = 0;
        if (ovf)
            ovf[i] = 1;
    }
    return n;
}

size_t gs_eval_block(const gs_config_t *cfg, const int32_t *x, const uint32_t *g,
                     int32_t *y, uint8_t *ovf, size_t n)
{
    if (refused(cfg))
        return refuse(y, ovf, n);
    return gs_block_loops(&cfg->stage, x, g, 0, y, ovf, n);
}

size_t gs_eval_block_gain(const gs_config_t *cfg, const int32_t *x, uint32_t g,
                          int32_t *y, uint8_t *ovf, size_t n)
{
    if (refused(cfg))
        return refuse(y, ovf, n);
    return gs_block_loops(&cfg->stage, x, NULL, g, y, ovf, n);
}
