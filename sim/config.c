/*
 * config.c - the context of a run from the options: the format's code ranges
 * and masks, the special gains and the saturation thresholds of the stimulus,
 * the stimulus bases; and the check that the compiled model is the
 * configuration asked for.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "run.h"

int ctx_init(ctx_t *t, cosim_opts_t *o)
{
    memset(t, 0, sizeof *t);
    t->o = o;
    t->c = &o->cli.cfg;
    t->gain = o->cli.gain_code;
    int iw = t->c->in.w;
    t->xmin = -((int64_t)1 << (iw - 1));
    t->xmax = ((int64_t)1 << (iw - 1)) - 1;
    t->imask = (uint32_t)(((uint64_t)1 << iw) - 1);
    t->omask = (uint32_t)(((uint64_t)1 << t->c->out.w) - 1);
    t->gmax = (uint32_t)(((uint64_t)1 << t->c->gain.w) - 1);
    {
        int gw = t->c->gain.w, gf = t->c->gain.f;
        uint32_t one = gf < gw ? (uint32_t)1 << gf : t->gmax;
        uint32_t sp[8] = { 0, 1, t->gmax, t->gmax - (t->gmax > 0), one, (uint32_t)1 << (gw - 1),
                           (one + 1) & t->gmax, 0 };
        memcpy(t->gsp, sp, sizeof sp);
        t->thr_num[0] = -ldexp((double)t->c->y_min - 0.5, t->c->shift);
        t->thr_num[1] = -ldexp((double)t->c->y_max + 0.5, t->c->shift);
    }

    /* the compiled model must be the configuration asked for */
    const dut_info_t *di = dut_info();
    const gs_config_t *c = t->c;
    if (di->in_w != c->in.w || di->in_f != c->in.f || di->g_w != c->gain.w ||
        di->g_f != c->gain.f || di->out_w != c->out.w || di->out_f != c->out.f ||
        di->round != (int)c->round || di->overflow != (int)c->overflow) {
        fprintf(stderr, "cosim: this simulator was built for another configuration "
                "(run it through the cosim command)\n");
        return 2;
    }
    if (o->trace && !di->traced) {
        fprintf(stderr, "cosim: --trace: this simulator was built without tracing\n");
        return 2;
    }
    if (o->coverage && !di->coverage) {
        fprintf(stderr, "cosim: --coverage: this simulator was built without coverage\n");
        return 2;
    }
    if (cosim_opts_load(o) < 0)
        return 2;
    if (o->corners)
        corners_make(t);
    t->base_vec = o->corners ? t->nc : 0;
    t->base_rand = t->base_vec + o->n_vec;
    t->base_exh = t->base_rand + (o->random ? o->random_n : 0);
    t->total = cosim_opts_total(o, t->nc);
    if (t->total == 0) {
        fprintf(stderr, "cosim: no samples to run\n");
        return 2;
    }
    return 0;
}
