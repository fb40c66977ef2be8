/* gs_model.c - a configured gain stage behind an opaque handle (gs_model.h). */
#define _POSIX_C_SOURCE 200809L
#include "gs_model.h"

#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gs_cli.h"

#define GS_PROG "gainstage"

struct gs_model {
    gs_cli_t cli; /* the checked configuration and the resolved gain */
};

/* gs_cli's message sink: the first message is the error string, in the tools'
 * words without their "PROG: " (bindings report exactly what gsref says). */
typedef struct {
    char *buf;
    size_t len;
    int said;
} first_msg_t;

static void keep_first(void *ctx, const char *prog, const char *reason)
{
    (void)prog;
    first_msg_t *m = ctx;
    if (m->said++ || m->len == 0)
        return;
    snprintf(m->buf, m->len, "%s", reason);
}

/* Apply the options; 0, or -1 with the message in err. */
static int configure(gs_cli_t *cli, int argc, const char *const *argv, char *err, size_t errlen)
{
    /* gs_cli takes a main()-style argv: slot 0 is the program name */
    char **av = calloc((size_t)argc + 2, sizeof *av);
    if (!av) {
        if (errlen > 0)
            snprintf(err, errlen, "out of memory");
        return -1;
    }
    if (errlen > 0)
        err[0] = '\0';
    first_msg_t msg = { err, errlen, 0 };
    gs_cli_set_sink(keep_first, &msg);
    av[0] = (char *)GS_PROG;
    for (int i = 0; i < argc; i++)
        av[i + 1] = (char *)argv[i]; /* gs_cli only reads them */
    int rc = 0, unknown = 0;
    for (int i = 1; rc == 0 && i <= argc; i++) {
        int r = gs_cli_option(cli, GS_PROG, argc + 1, av, &i);
        if (r < 0)
            rc = -1;
        else if (r == 0) {
            unknown = i;
            rc = -1;
        }
    }
    if (rc == 0 && gs_cli_finish(cli, GS_PROG) < 0)
        rc = -1;
    gs_cli_set_sink(NULL, NULL);
    if (unknown && errlen > 0) /* the tools' wording, without their "(see --help)" */
        snprintf(err, errlen, "unknown option '%s'", av[unknown]);
    else if (rc < 0 && errlen > 0 && err[0] == '\0') /* gs_cli said nothing */
        snprintf(err, errlen, "bad configuration option");
    free(av);
    return rc;
}

gs_model_t *gs_model_new(int argc, const char *const *argv, char *err, size_t errlen)
{
    gs_model_t *st = calloc(1, sizeof *st);
    if (!st) {
        if (errlen > 0)
            snprintf(err, errlen, "out of memory");
        return NULL;
    }
    gs_cli_init(&st->cli);
    if (argc < 0 || (argc > 0 && !argv) || configure(&st->cli, argc, argv, err, errlen) < 0) {
        if (argc < 0 && errlen > 0)
            snprintf(err, errlen, "negative option count");
        free(st);
        return NULL;
    }
    return st;
}

void gs_model_free(gs_model_t *st)
{
    free(st);
}

void gs_model_info(const gs_model_t *st, gs_model_info_t *info)
{
    const gs_config_t *c = &st->cli.cfg;
    memset(info, 0, sizeof *info);
    info->in_w = c->in.w;
    info->in_f = c->in.f;
    info->gain_w = c->gain.w;
    info->gain_f = c->gain.f;
    info->out_w = c->out.w;
    info->out_f = c->out.f;
    info->round = (int)c->round;
    info->overflow = (int)c->overflow;
    info->gain_code = st->cli.gain_code;
    info->gain_requested = st->cli.ratio_requested;
    info->gain_realized = ldexp((double)st->cli.gain_code, -(int)c->gain.f);
}

const gs_config_t *gs_model_config(const gs_model_t *st)
{
    return &st->cli.cfg;
}

void gs_model_describe(const gs_model_t *st, char *buf, size_t len)
{
    gs_cli_describe(&st->cli, buf, len);
}

size_t gs_model_eval(const gs_model_t *st, const int32_t *x, const uint32_t *g, int32_t *y,
                     uint8_t *ovf, size_t n)
{
    if (g)
        return gs_eval_block(&st->cli.cfg, x, g, y, ovf, n);
    return gs_eval_block_gain(&st->cli.cfg, x, st->cli.gain_code, y, ovf, n);
}

size_t gs_model_check_in(const gs_model_t *st, const int64_t *x, size_t n, char *err,
                         size_t errlen)
{
    const gs_config_t *c = &st->cli.cfg;
    for (size_t i = 0; i < n; i++) {
        if (gs_code_fits_in(c, x[i]))
            continue;
        int64_t lo = -((int64_t)1 << (c->in.w - 1)), hi = -lo - 1;
        if (errlen > 0) /* gs_vec's wording, with the sample in place of FILE:LINE */
            snprintf(err, errlen,
                     "sample %zu: code '%" PRId64 "' does not fit the input format s%u.%u "
                     "(%" PRId64 "..%" PRId64 ")",
                     i, x[i], c->in.w, c->in.f, lo, hi);
        return i;
    }
    return n;
}

size_t gs_model_check_gain(const gs_model_t *st, const int64_t *g, size_t n, char *err,
                           size_t errlen)
{
    const gs_config_t *c = &st->cli.cfg;
    for (size_t i = 0; i < n; i++) {
        if (g[i] >= 0 && gs_code_fits_gain(c, (uint64_t)g[i]))
            continue;
        if (errlen > 0) /* gs_cli's wording for --gain-code */
            snprintf(err, errlen,
                     "sample %zu: gain code '%" PRId64 "' does not fit the gain format u%u.%u",
                     i, g[i], c->gain.w, c->gain.f);
        return i;
    }
    return n;
}
