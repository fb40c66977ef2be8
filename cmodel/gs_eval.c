/* gs_eval.c - scalar and block evaluation (SPEC section 3). */
#include "gainstage.h"
#include "gs_core.h"

int32_t gs_eval(const gs_config_t *cfg, int32_t x, uint32_t g, bool *ovf)
{
    if (cfg->narrow)
        return gs_core32(cfg, x, g, ovf, cfg->round, cfg->overflow);
    return gs_core(cfg, x, g, ovf, cfg->round, cfg->overflow, cfg->shift > 0);
}

/*
 * The block loops are generated once per (rounding, overflow, path), so
 * that the mode tests fold away and the compiler can unroll and vectorise each
 * loop. The configuration is copied to a local: stores to y[] could otherwise
 * alias it and force reloads every sample.
 */
#define GS_BLOCK_LOOP(RND, OVM, GAIN_EXPR)                                        \
    do {                                                                          \
        if (cc.narrow) {                                                          \
            for (size_t i = 0; i < n; i++) {                                      \
                bool o;                                                           \
                y[i] = gs_core32(&cc, x[i], (GAIN_EXPR), &o, (RND), (OVM));       \
                novf += o;                                                        \
                if (ovf) ovf[i] = (uint8_t)o;                                     \
            }                                                                     \
        } else if (cc.shift > 0) {                                                \
            for (size_t i = 0; i < n; i++) {                                      \
                bool o;                                                           \
                y[i] = gs_core(&cc, x[i], (GAIN_EXPR), &o, (RND), (OVM), true);   \
                novf += o;                                                        \
                if (ovf) ovf[i] = (uint8_t)o;                                     \
            }                                                                     \
        } else {                                                                  \
            for (size_t i = 0; i < n; i++) {                                      \
                bool o;                                                           \
                y[i] = gs_core(&cc, x[i], (GAIN_EXPR), &o, (RND), (OVM), false);  \
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

size_t gs_eval_block(const gs_config_t *cfg, const int32_t *x, const uint32_t *g,
                     int32_t *y, uint8_t *ovf, size_t n)
{
    const gs_config_t cc = *cfg;
    size_t novf = 0;
    GS_BLOCK_DISPATCH(g[i]);
    return novf;
}

size_t gs_eval_block_gain(const gs_config_t *cfg, const int32_t *x, uint32_t g,
                          int32_t *y, uint8_t *ovf, size_t n)
{
    const gs_config_t cc = *cfg;
    size_t novf = 0;
    GS_BLOCK_DISPATCH(g);
    return novf;
}
