/* gs_config.c - configurations: defaults, profiles, validation (SPEC sections 2, 4). */
#include "gainstage.h"
#include "gs_str.h"

static void set_fmt(gs_fmt_t *f, bool is_signed, uint8_t w, uint8_t frac)
{
    f->is_signed = is_signed;
    f->w = w;
    f->f = frac;
}

void gs_config_default(gs_config_t *cfg)
{
    set_fmt(&cfg->in, true, 16, 15);
    set_fmt(&cfg->gain, false, 16, 12);
    set_fmt(&cfg->out, true, 16, 15);
    cfg->round = GS_ROUND_HALF_EVEN;
    cfg->overflow = GS_OVF_SAT;
    cfg->checked = false;
    cfg->stage = (gs_stage_t){ 0 };
}

gs_status_t gs_config_profile(gs_config_t *cfg, const char *name)
{
    if (gs_str_eq(name, "default")) {
        gs_config_default(cfg);
        return GS_OK;
    }
    if (gs_str_eq(name, "libfixmath")) {
        /* fix16_t x fix16_t: equals fix16_smul(x, -g) for g < 2^31 */
        set_fmt(&cfg->in, true, 32, 16);
        set_fmt(&cfg->gain, false, 32, 16);
        set_fmt(&cfg->out, true, 32, 16);
        cfg->round = GS_ROUND_HALF_AWAY;
        cfg->overflow = GS_OVF_SAT;
        cfg->checked = false;
        cfg->stage = (gs_stage_t){ 0 };
        return GS_OK;
    }
    return GS_ERR_SYNTAX;
}

gs_status_t gs_config_check(gs_config_t *cfg)
{
    gs_status_t st = gs_stage_init(&cfg->stage, cfg);
    cfg->checked = st == GS_OK;
    if (st != GS_OK)
        return st;
    const gs_stage_t *s = &cfg->stage;
    cfg->shift = s->shift;
    cfg->y_min = s->y_min;
    cfg->y_max = s->y_max;
    cfg->p_min = s->p_min;
    cfg->p_max = s->p_max;
    cfg->narrow = s->narrow;
    return GS_OK;
}

const gs_stage_t *gs_config_stage(const gs_config_t *cfg)
{
    return &cfg->stage;
}

bool gs_code_fits_in(const gs_config_t *cfg, int64_t x)
{
    if (!gs_stage_ok(&cfg->stage))
        return false;
    int64_t half = (int64_t)1 << (cfg->stage.in_w - 1);
    return x >= -half && x < half;
}

bool gs_code_fits_gain(const gs_config_t *cfg, uint64_t g)
{
    return gs_stage_ok(&cfg->stage) && (g >> cfg->stage.g_w) == 0;
}

const char *gs_strerror(gs_status_t st)
{
    switch (st) {
    case GS_OK:           return "ok";
    case GS_ERR_IN_FMT:   return "input format must be signed, 2 <= W <= 32, 0 <= F <= 62";
    case GS_ERR_GAIN_FMT: return "gain format must be unsigned, 1 <= W <= 32, 0 <= F <= 62";
    case GS_ERR_OUT_FMT:  return "output format must be signed, 2 <= W <= 32, 0 <= F <= 62";
    case GS_ERR_SHIFT:    return "shift IN_F + G_F - OUT_F must lie within -62..62";
    case GS_ERR_ROUND:    return "unknown rounding mode (floor, ceil, zero, half-up, half-down, "
                                 "half-zero, half-away, half-even)";
    case GS_ERR_OVERFLOW: return "unknown overflow mode (sat, sat-sym, wrap)";
    case GS_ERR_SYNTAX:   return "syntax error";
    case GS_ERR_RANGE:    return "value out of range";
    case GS_ERR_ZERO_DIV: return "division by zero";
    default:              return "unknown error";
    }
}
