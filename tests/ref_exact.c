/* ref_exact.c - names and legality of the independent reference (ref_exact.h). */
#include "ref_exact.h"

#include <string.h>

static const char *const round_names[REF_NROUND] = {
    "floor", "ceil", "zero", "half-up", "half-down", "half-zero", "half-away", "half-even",
};
static const char *const ovf_names[REF_NOVF] = { "sat", "sat-sym", "wrap" };

int ref_round_from_name(const char *name)
{
    for (int i = 0; i < REF_NROUND; i++)
        if (name && strcmp(name, round_names[i]) == 0)
            return i;
    return -1;
}

int ref_ovf_from_name(const char *name)
{
    for (int i = 0; i < REF_NOVF; i++)
        if (name && strcmp(name, ovf_names[i]) == 0)
            return i;
    return -1;
}

const char *ref_round_name(int mode)
{
    return mode >= 0 && mode < REF_NROUND ? round_names[mode] : "?";
}

const char *ref_ovf_name(int mode)
{
    return mode >= 0 && mode < REF_NOVF ? ovf_names[mode] : "?";
}

/* SPEC section 2: input and output signed with 2 <= W <= 32, gain unsigned with
 * 1 <= W <= 32, 0 <= F <= 62 each, and -62 <= IN_F + G_F - OUT_F <= 62. (The
 * signedness is fixed by ref_cfg_t's meaning; the tests check signedness
 * errors of the model separately.) */
int ref_cfg_legal(const ref_cfg_t *c)
{
    if (c->in_w < 2 || c->in_w > 32 || c->in_f < 0 || c->in_f > 62)
        return REF_BAD_IN;
    if (c->g_w < 1 || c->g_w > 32 || c->g_f < 0 || c->g_f > 62)
        return REF_BAD_GAIN;
    if (c->out_w < 2 || c->out_w > 32 || c->out_f < 0 || c->out_f > 62)
        return REF_BAD_OUT;
    int s = c->in_f + c->g_f - c->out_f;
    if (s < -62 || s > 62)
        return REF_BAD_SHIFT;
    if (c->round < 0 || c->round >= REF_NROUND)
        return REF_BAD_ROUND;
    if (c->ovf < 0 || c->ovf >= REF_NOVF)
        return REF_BAD_OVF;
    return REF_LEGAL;
}
