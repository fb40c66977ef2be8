/*
 * gs_stage.c - prepared stages: the constants of the fast path (gs_fast.h),
 * the scalar evaluation, and the slow path every declined sample takes.
 */
#include "gainstage.h"
#include "gs_fast.h"

/* The window of v = bias - q in which y = v >> s is exact and in range, for a
 * narrow stage; kind NONE when it is empty. All in int64_t: |q| < 2^31. */
static GS_NOINLINE GS_COLD void fast_window(gs_stage_t *st)
{
    const int s = st->shift;
    const int64_t m = ((int64_t)1 << s) - 1, half = (int64_t)1 << (s - 1);
    const int64_t gmax = ((int64_t)1 << st->g_w) - 1, xh = (int64_t)1 << (st->in_w - 1);
    const int64_t qmax = gmax * (xh - 1), qmin = -gmax * xh; /* q of in-format codes */
    int64_t bmin, bmax;
    switch (st->round) {
    case GS_ROUND_FLOOR:     st->kind = GS_KIND_BIAS; bmin = bmax = 0; break;
    case GS_ROUND_CEIL:      st->kind = GS_KIND_BIAS; bmin = bmax = m; break;
    case GS_ROUND_HALF_UP:   st->kind = GS_KIND_BIAS; bmin = bmax = half; break;
    case GS_ROUND_HALF_DOWN: st->kind = GS_KIND_BIAS; bmin = bmax = half - 1; break;
    case GS_ROUND_ZERO:      st->kind = GS_KIND_ZERO; bmin = 0; bmax = m; break;
    default:                 st->kind = GS_KIND_TIE; bmin = bmax = half; break;
    }
    st->tie_odd = st->round == GS_ROUND_HALF_EVEN;
    st->tie_pos = st->round == GS_ROUND_HALF_ZERO;
    st->tie_lim = st->kind == GS_KIND_TIE;
    st->s_rule = (uint32_t)s | st->tie_odd * GS_TIE_ODD | st->tie_pos * GS_TIE_POS;
    st->bias = (int32_t)bmax;
    st->t_mask = (uint32_t)m;
    const int64_t vmin = bmin - qmax, vmax = bmax - qmin, two32 = (int64_t)1 << 32;
    /* floor(v / 2^s) in [y_min, y_max] */
    const int64_t y_lo = -(int64_t)((uint64_t)-st->y_min << s);   /* y_min * 2^s */
    const int64_t y_hi = (int64_t)((uint64_t)(st->y_max + 1) << s) - 1;
    int64_t lo = y_lo, hi = y_hi;
    if (lo < vmin) lo = vmin;
    if (hi > vmax) hi = vmax;
    /* a v beyond int32_t reads back 2^32 lower (higher): keep those out */
    if (vmax > INT32_MAX && lo <= vmax - two32) lo = vmax - two32 + 1;
    if (vmin < INT32_MIN && hi >= vmin + two32) hi = vmin + two32 - 1;
    if (lo < INT32_MIN) lo = INT32_MIN;
    if (hi > INT32_MAX) hi = INT32_MAX;
    if (lo > hi) {
        st->kind = GS_KIND_NONE;
        return;
    }
    st->v_lo = (uint32_t)(int32_t)lo;
    st->v_span = (uint32_t)(hi - lo);
    /* every v is exact: out of the window is out of range, on v's side */
    st->sat_fast = vmin >= INT32_MIN && vmax <= INT32_MAX && st->overflow != GS_OVF_WRAP;
    /* The block loops test q itself: the q whose v is in the window, and for
     * a rule that moves a tie down (half-up's y - 1), the tie at each end of
     * the window (v = y_min * 2^s; y_max + 1 at v = hi + 1) on its side. In
     * 32 bits (the board's image has room for little more): with every v
     * exact, q_lo >= qmin and, but for toward zero, q_hi <= qmax. */
    if (!st->sat_fast)
        return;
    const bool tie = st->kind == GS_KIND_TIE;
    const int32_t q_min = (int32_t)qmin, q_max = (int32_t)qmax;
    int32_t q_hi = (int32_t)((uint32_t)bmax - st->v_lo);
    int32_t q_lo = (int32_t)((uint32_t)(st->kind == GS_KIND_ZERO ? 0 : bmax) -
                             (st->v_lo + st->v_span));
    /* the ties' half-up results are y_min < 0 and y_max + 1 > 0 */
    q_hi -= tie && lo == y_lo && gs_tie_down(st, (st->y_min & 1) != 0, false);
    q_lo -= tie && hi == y_hi && gs_tie_down(st, (st->y_max & 1) == 0, true);
    st->q_lo = q_lo < q_min ? q_min : q_lo;
    st->q_hi = q_hi > q_max ? q_max : q_hi;
    st->q_span = (uint32_t)st->q_hi - (uint32_t)st->q_lo;
}

GS_NOINLINE GS_COLD gs_status_t gs_stage_init(gs_stage_t *st, const gs_config_t *cfg)
{
    gs_stage_t s = { 0 };
    *st = s; /* refused until the end */
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

    s.in_w = cfg->in.w;
    s.g_w = cfg->gain.w;
    s.g_f = cfg->gain.f;
    s.out_w = cfg->out.w;
    s.round = (uint8_t)cfg->round;
    s.overflow = (uint8_t)cfg->overflow;
    s.shift = (int8_t)shift;
    s.x_sh = (uint8_t)(32 - s.in_w);
    s.g_mask = UINT32_MAX >> (32 - s.g_w);
    s.x_mask = UINT32_MAX >> (32 - s.in_w);
    s.x_sign = (s.x_mask >> 1) + 1;
    s.y_max = ((int64_t)1 << (s.out_w - 1)) - 1;
    s.y_min = cfg->overflow == GS_OVF_SAT_SYM ? -s.y_max : -s.y_max - 1;
    if (shift <= 0) {
        int k = -shift;
        s.p_max = (int64_t)((uint64_t)s.y_max >> k);               /* floor(y_max / 2^k) */
        s.p_min = -(int64_t)((uint64_t)(-s.y_min) >> k);           /* ceil(y_min / 2^k) */
    }
    s.narrow = s.in_w + s.g_w <= 32 && shift >= 1 && shift <= 31;
    if (s.narrow)
        fast_window(&s);
    gs_stage_leaves(&s, false);
    if (s.sat_fast && s.kind != GS_KIND_ZERO) {
        s.fast = GS_FAST_BIAS_;
        s.f_span = s.v_span + 1; /* 0 (never fast) for a window of all 2^32 v */
    }
    s.magic = GS_STAGE_MAGIC_;
    *st = s;
    return GS_OK;
}

bool gs_stage_ok(const gs_stage_t *st)
{
    return st && st->magic == GS_STAGE_MAGIC_;
}

GS_NOINLINE GS_COLD int32_t gs_stage_slow(const gs_stage_t *st, int32_t v, int32_t x, uint32_t g, bool *ovf)
{
    if (st->sat_fast && (uint32_t)v - st->v_lo > st->v_span &&
        !(st->kind == GS_KIND_TIE && ((uint32_t)v & st->t_mask) == 0)) {
        *ovf = true;
        return (int32_t)(v < (int32_t)st->v_lo ? st->y_min : st->y_max);
    }
    gs_round_t rnd = (gs_round_t)st->round;
    gs_overflow_t ovm = (gs_overflow_t)st->overflow;
    if (st->narrow)
        return gs_core32(st, x, g, ovf, rnd, ovm, false);
    return gs_core(st, x, g, ovf, rnd, ovm, st->shift > 0, false);
}

/* Any stage but GS_FAST_BIAS_: toward zero (its window test here), any other
 * stage (gs_stage_slow), a refused one. */
static GS_NOINLINE int32_t other(const gs_stage_t *st, int32_t x, uint32_t g, bool *ovf)
{
    bool o = true;
    int32_t y = 0;
    if (st->magic == GS_STAGE_MAGIC_) {
        const int32_t xr = gs_red_x(st, x);
        const uint32_t gr = gs_red_g(st, g);
        const int32_t v = gs_fast_v(st->kind, st->bias, st->t_mask, gr * (uint32_t)xr);
        if (st->sat_fast && gs_fast_ok(st->kind, v, st->v_lo, st->v_span, st->t_mask)) {
            o = false;
            y = v >> st->shift;
        } else {
            y = gs_stage_slow(st, v, xr, gr, &o);
        }
    }
    if (ovf)
        *ovf = o;
    return y;
}

/* Small enough to inline into a caller's loop (LTO on the soft core): an
 * in-range sample of a GS_FAST_BIAS_ stage (the default profile among them)
 * takes 9 instructions and no taken branch; f_span = 0 sends every other
 * stage, a refused one among them, to other(). */
int32_t gs_stage_eval(const gs_stage_t *st, int32_t x, uint32_t g, bool *ovf)
{
    /* Every field read up front, unconditionally, so that a caller's loop
     * inlining this can keep them in registers (the compiler does not hoist a
     * load that only some paths make). */
    const uint32_t v_lo = st->v_lo, f_span = st->f_span, t_mask = st->t_mask;
    const uint32_t tie_lim = st->tie_lim;
    const int s = st->shift;
    const int32_t bias = st->bias, y_min = (int32_t)st->y_min, y_max = (int32_t)st->y_max;
    const uint32_t q = gs_red_g(st, g) * (uint32_t)gs_red_x(st, x);
    const int32_t v = (int32_t)((uint32_t)bias - q);
    const bool tie = ((uint32_t)v & t_mask) < tie_lim;
    if (GS_LIKELY(!tie && (uint32_t)v - v_lo < f_span)) {
        if (ovf)
            *ovf = false;
        return v >> s;
    }
    if (st->fast != GS_FAST_BIAS_) /* read here: one register less in the loop */
        return other(st, x, g, ovf);
    int32_t y = v >> s;
    bool o = true;
    if (tie) {
        /* down by one: half-even when odd, half-zero when -(g*x) > 0,
         * half-away when -(g*x) < 0; inline, as the loads are on this path
         * only (a call would cost the caller's loop its registers) */
        y -= gs_tie_down(st, y & 1, y > 0);
        o = y < y_min || y > y_max;
        if (o)
            y = y < y_min ? y_min : y_max;
    } else {
        /* out of the window: an overflow, the rail on v's side */
        y = v < (int32_t)v_lo ? y_min : y_max;
    }
    if (ovf)
        *ovf = o;
    return y;
}
