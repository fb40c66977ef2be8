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
        return GS_OK;
    }
    return GS_ERR_SYNTAX;
}

/* Smallest P with P * 2^k >= lo, for lo < 0 and 0 <= k <= 62: ceil(lo / 2^k). */
static int64_t ceil_div_pow2(int64_t lo, int k)
{
    /* lo >= -2^31, so -lo fits; ceil(lo/2^k) = -floor(-lo/2^k). */
    return -(int64_t)((uint64_t)(-lo) >> k);
}

gs_status_t gs_config_check(gs_config_t *cfg)
{
    cfg->checked = false;
    if (!cfg->in.is_signed || cfg->in.w < 2 || cfg->in.w > 32 || cfg->in.f > 62)
        return GS_ERR_IN_FMT;
    if (cfg->gain.is_signed || cfg->gain.w < 1 || cfg->gain.w > 32 || cfg->gain.f > 62)
        return GS_ERR_GAIN_FMT;
    if (!cfg->out.is_signed || cfg->out.w < 2 || cfg->out.w > 32 || cfg->out.f > 62)
        return GS_ERR_OUT_FMT;
    if ((unsigned)cfg->round >= GS_ROUND_COUNT)
        return GS_ERR_ROUND;
    if ((unsigned)cfg->overflow >= GS_OVF_COUNT)
        return GS_ERR_OVERFLOW;
    int shift = (int)cfg->in.f + (int)cfg->gain.f - (int)cfg->out.f;
    if (shift < -62 || shift > 62)
        return GS_ERR_SHIFT;

    cfg->shift = shift;
    cfg->y_max = ((int64_t)1 << (cfg->out.w - 1)) - 1;
    cfg->y_min = cfg->overflow == GS_OVF_SAT_SYM ? -cfg->y_max : -cfg->y_max - 1;
    if (shift <= 0) {
        int k = -shift;
        cfg->p_max = (int64_t)((uint64_t)cfg->y_max >> k);  /* floor(y_max / 2^k) */
        cfg->p_min = ceil_div_pow2(cfg->y_min, k);
    } else {
        cfg->p_min = cfg->p_max = 0;
    }
    cfg->narrow = cfg->in.w + cfg->gain.w <= 32 && shift >= 1 && shift <= 31;
    cfg->checked = true;
    return GS_OK;
}

bool gs_code_fits_in(const gs_config_t *cfg, int64_t x)
{
    int64_t half = (int64_t)1 << (cfg->in.w - 1);
    return x >= -half && x < half;
}

bool gs_code_fits_gain(const gs_config_t *cfg, uint64_t g)
{
    return (g >> cfg->gain.w) == 0;
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
