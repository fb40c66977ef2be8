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

/*
 * The special gain codes of the stimulus - one list for the corners and the
 * random samples: 0, 1 LSB, max, max - 1, 1.0, 2^(G_W-1), 1.0 + 1 LSB, in this
 * order (the random stimulus' slots), each once. 1.0 and 1.0 + 1 LSB only
 * where they are codes of the format (G_F < G_W; not wrapped to 0 or 1).
 */
int special_gains(int gw, int gf, uint32_t sp[7])
{
    uint64_t gmax = ((uint64_t)1 << gw) - 1, one = (uint64_t)1 << (gf < gw ? gf : 63);
    uint64_t cand[7] = { 0, 1, gmax, gmax - 1, one, (uint64_t)1 << (gw - 1), one + 1 };
    int n = 0;
    for (int k = 0; k < 7; k++) {
        int dup = cand[k] > gmax;    /* a u1 gain has no max - 1; no 1.0 if G_F >= G_W */
        for (int m = 0; m < n; m++)
            dup |= sp[m] == cand[k];
        if (!dup)
            sp[n++] = (uint32_t)cand[k];
    }
    return n;
}

int ctx_init(ctx_t *t, cosim_opts_t *o)
{
    memset(t, 0, sizeof *t);
    t->o = o;
    t->c = &o->cli.cfg;
    t->gain = o->cli.gain_code;
    t->lanes = o->lanes;
    int iw = t->c->in.w;
    t->xmin = -((int64_t)1 << (iw - 1));
    t->xmax = ((int64_t)1 << (iw - 1)) - 1;
    t->imask = (uint32_t)(((uint64_t)1 << iw) - 1);
    t->omask = (uint32_t)(((uint64_t)1 << t->c->out.w) - 1);
    t->gmax = (uint32_t)(((uint64_t)1 << t->c->gain.w) - 1);
    t->nsp = special_gains(t->c->gain.w, t->c->gain.f, t->gsp);
    t->thr_num[0] = -ldexp((double)t->c->y_min - 0.5, t->c->shift);
    t->thr_num[1] = -ldexp((double)t->c->y_max + 0.5, t->c->shift);

    /* the compiled model must be the configuration asked for */
    const dut_info_t *di = dut_info();
    const gs_config_t *c = t->c;
    if (di->in_w != c->in.w || di->in_f != c->in.f || di->g_w != c->gain.w ||
        di->g_f != c->gain.f || di->out_w != c->out.w || di->out_f != c->out.f ||
        di->round != (int)c->round || di->overflow != (int)c->overflow ||
        di->lanes != o->lanes) {
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
