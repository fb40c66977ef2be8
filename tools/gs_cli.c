/* gs_cli.c - the configuration options every host tool shares (SPEC section 6). */
#include "gs_cli.h"

#include <inttypes.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "gs_text.h"

const char gs_cli_usage[] =
    "configuration (SPEC sections 2-6; later options override earlier ones):\n"
    "  --profile NAME       default | libfixmath\n"
    "  --in FMT             input format, signed: sW.F      (default s16.15)\n"
    "  --gain-fmt FMT       gain format, unsigned: uW.F     (default u16.12)\n"
    "  --out FMT            output format, signed: sW.F     (default s16.15)\n"
    "  --round MODE         floor ceil zero half-up half-down half-zero half-away\n"
    "                       half-even                       (default half-even)\n"
    "  --overflow MODE      sat sat-sym wrap                (default sat)\n"
    "  --gain REAL          gain ratio, coded half-even     (default 1)\n"
    "  --gain-code N        raw gain code, decimal or 0x hex\n"
    "  --rf R --rin R       gain = R_f / R_in: 47k, 4k7, 1M, 220R, 100\n";

void gs_cli_init(gs_cli_t *cli)
{
    memset(cli, 0, sizeof *cli);
    gs_config_default(&cli->cfg);
    cli->gain_src = GS_GAIN_DEFAULT;
}

static _Thread_local gs_cli_sink_t msg_sink;
static _Thread_local void *msg_ctx;

void gs_cli_set_sink(gs_cli_sink_t sink, void *ctx)
{
    msg_sink = sink;
    msg_ctx = sink ? ctx : NULL;
}

/* Every message goes out here, once formatted: to the sink, or "PROG: reason\n"
 * to stderr. A reason longer than the buffer (quoted values are cut, so none is
 * today) is cut rather than lost. */
static int say(const char *prog, const char *fmt, ...)
{
    char reason[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(reason, sizeof reason, fmt, ap);
    va_end(ap);
    if (msg_sink)
        msg_sink(msg_ctx, prog, reason);
    else
        fprintf(stderr, "%s: %s\n", prog, reason);
    return -1;
}

/* Every message that echoes a value quotes it (escaped, cut short). */
static int fail(const char *prog, const char *opt, const char *val, const char *why)
{
    char q[GS_QUOTE_MAX];
    if (val)
        return say(prog, "%s '%s': %s", opt, gs_quote(val, q), why);
    return say(prog, "%s: %s", opt, why);
}

/* "s300.1" parses as a format but its numbers are out of range: say so, and
 * keep the syntax message for text that is not sW.F at all. */
static bool looks_like_fmt(const char *s)
{
    if (*s != 's' && *s != 'u')
        return false;
    const char *p = s + 1;
    size_t a = strspn(p, "0123456789");
    if (a == 0 || p[a] != '.')
        return false;
    p += a + 1;
    size_t b = strspn(p, "0123456789");
    return b > 0 && p[b] == '\0';
}

int gs_cli_option(gs_cli_t *cli, const char *prog, int argc, char **argv, int *i)
{
    static const char *const with_value[] = {
        "--profile", "--in", "--gain-fmt", "--out", "--round", "--overflow",
        "--gain", "--gain-code", "--rf", "--rin",
    };
    const char *opt = argv[*i];
    size_t k, n = sizeof with_value / sizeof with_value[0];
    for (k = 0; k < n && strcmp(opt, with_value[k]) != 0; k++)
        ;
    if (k == n)
        return 0;
    if (*i + 1 >= argc)
        return fail(prog, opt, NULL, "needs a value");
    const char *val = argv[++*i];
    gs_config_t *c = &cli->cfg;
    gs_status_t st = GS_OK;

    if (!strcmp(opt, "--profile")) {
        if (gs_config_profile(c, val) != GS_OK)
            return fail(prog, opt, val, "unknown profile (default, libfixmath)");
    } else if (!strcmp(opt, "--in") || !strcmp(opt, "--gain-fmt") || !strcmp(opt, "--out")) {
        gs_fmt_t *f = !strcmp(opt, "--in") ? &c->in : !strcmp(opt, "--out") ? &c->out : &c->gain;
        st = gs_parse_fmt(val, f);
        if (st != GS_OK && looks_like_fmt(val))
            return fail(prog, opt, val, "width or fraction out of range (W 2..32, or 1..32 "
                                        "for the gain; F 0..62)");
        if (st != GS_OK)
            return fail(prog, opt, val, "not a format sW.F or uW.F (e.g. s16.15, u16.12)");
    } else if (!strcmp(opt, "--round")) {
        if ((st = gs_parse_round(val, &c->round)) != GS_OK)
            return fail(prog, opt, val, gs_strerror(st));
    } else if (!strcmp(opt, "--overflow")) {
        if ((st = gs_parse_overflow(val, &c->overflow)) != GS_OK)
            return fail(prog, opt, val, gs_strerror(st));
    } else if (!strcmp(opt, "--gain")) {
        cli->gain_src = GS_GAIN_REAL;
        cli->gain_arg = val;
    } else if (!strcmp(opt, "--gain-code")) {
        cli->gain_src = GS_GAIN_CODE;
        cli->gain_arg = val;
    } else if (!strcmp(opt, "--rf")) {
        cli->gain_src = GS_GAIN_RES;
        cli->rf_arg = val;
    } else { /* --rin */
        cli->gain_src = GS_GAIN_RES;
        cli->rin_arg = val;
    }
    if (cli->gain_src != GS_GAIN_DEFAULT)
        cli->gain_kinds |= 1u << cli->gain_src;
    c->checked = false;
    return 1;
}

static void fmt_str(const gs_fmt_t *f, char *buf, size_t len)
{
    snprintf(buf, len, "%c%u.%u", f->is_signed ? 's' : 'u', f->w, f->f);
}

int gs_cli_finish(gs_cli_t *cli, const char *prog)
{
    gs_config_t *c = &cli->cfg;
    gs_status_t st = gs_config_check(c);
    if (st != GS_OK) {
        char in[16], g[16], out[16];
        fmt_str(&c->in, in, sizeof in);
        fmt_str(&c->gain, g, sizeof g);
        fmt_str(&c->out, out, sizeof out);
        return say(prog, "bad configuration (in %s, gain %s, out %s): %s", in, g, out,
                   gs_strerror(st));
    }
    char gf[16];
    fmt_str(&c->gain, gf, sizeof gf);
    /* SPEC section 5: one kind of gain per command line */
    if (cli->gain_kinds & (cli->gain_kinds - 1)) {
        static const char *const kind[] = { "", "--gain", "--gain-code", "--rf/--rin" };
        char why[128];
        int k1 = 1;
        while (!(cli->gain_kinds & (1u << k1)))
            k1++;
        int k2 = k1 + 1;
        while (!(cli->gain_kinds & (1u << k2)))
            k2++;
        snprintf(why, sizeof why, "%s and %s both given: give the gain one way only",
                 kind[k1], kind[k2]);
        return fail(prog, "gain", NULL, why);
    }
    uint64_t num = 1, den = 1;
    switch (cli->gain_src) {
    case GS_GAIN_CODE: {
        uint64_t v = 0;
        gs_num_t r = gs_num_u64(cli->gain_arg, UINT64_MAX, &v);
        if (r == GS_NUM_SYNTAX)
            return fail(prog, "--gain-code", cli->gain_arg,
                        "not an unsigned decimal or 0x hex code");
        if (r == GS_NUM_RANGE || !gs_code_fits_gain(c, v)) {
            char why[64];
            snprintf(why, sizeof why, "does not fit the gain format %s", gf);
            return fail(prog, "--gain-code", cli->gain_arg, why);
        }
        cli->gain_code = (uint32_t)v;
        cli->ratio_requested = ldexp((double)v, -(int)c->gain.f);
        return 0;
    }
    case GS_GAIN_REAL:
        st = gs_parse_decimal(cli->gain_arg, &num, &den);
        if (st != GS_OK)
            return fail(prog, "--gain", cli->gain_arg,
                        st == GS_ERR_RANGE ? "too many digits (18 at most)"
                                           : "not a non-negative decimal number (e.g. 4.7)");
        break;
    case GS_GAIN_RES: {
        if (!cli->rf_arg || !cli->rin_arg)
            return fail(prog, cli->rf_arg ? "--rin" : "--rf", NULL,
                        "--rf and --rin must be given together");
        const char *names[2] = { "--rf", "--rin" };
        const char *args[2] = { cli->rf_arg, cli->rin_arg };
        uint64_t r[2];
        for (int k = 0; k < 2; k++) {
            st = gs_parse_resistance(args[k], &r[k]);
            if (st != GS_OK)
                return fail(prog, names[k], args[k],
                            st == GS_ERR_RANGE
                                ? "out of range (1 mOhm resolution, at most 1 TOhm)"
                                : "not a resistance (e.g. 47k, 4k7, 1M, 220R, 100)");
        }
        if (r[1] == 0)
            return fail(prog, "--rin", cli->rin_arg, "must not be zero");
        num = r[0];
        den = r[1];
        break;
    }
    default:
        break; /* gain 1 */
    }
    cli->ratio_requested = (double)num / (double)den;
    st = gs_gain_code_ratio(c, num, den, &cli->gain_code);
    if (st != GS_OK) {
        char why[96];
        snprintf(why, sizeof why, "gain %.9g does not fit the gain format %s",
                 cli->ratio_requested, gf);
        return fail(prog, cli->gain_src == GS_GAIN_RES ? "--rf/--rin" : "--gain",
                    cli->gain_src == GS_GAIN_DEFAULT ? "1" : NULL, why);
    }
    if (num != 0 && cli->gain_code == 0) { /* SPEC section 5 */
        char why[128];
        snprintf(why, sizeof why, "gain %.9g codes to 0 in the gain format %s (smallest "
                 "non-zero gain: %.9g)", cli->ratio_requested, gf, ldexp(1.0, -(int)c->gain.f));
        return fail(prog, cli->gain_src == GS_GAIN_RES ? "--rf/--rin" : "--gain", NULL, why);
    }
    return 0;
}

void gs_cli_report_gain(const gs_cli_t *cli, FILE *out)
{
    if (cli->gain_src == GS_GAIN_CODE)
        return;
    double realized = ldexp((double)cli->gain_code, -(int)cli->cfg.gain.f);
    double req = cli->ratio_requested;
    char gf[16];
    fmt_str(&cli->cfg.gain, gf, sizeof gf);
    fprintf(out, "gain: requested %.9g, code %" PRIu32 " (%s), realized %.9g, error %+.3f ppm\n",
            req, cli->gain_code, gf, realized, req != 0 ? (realized - req) / req * 1e6 : 0.0);
}

void gs_cli_describe(const gs_cli_t *cli, char *buf, size_t len)
{
    char in[16], g[16], out[16];
    fmt_str(&cli->cfg.in, in, sizeof in);
    fmt_str(&cli->cfg.gain, g, sizeof g);
    fmt_str(&cli->cfg.out, out, sizeof out);
    snprintf(buf, len, "in %s, gain %s code %" PRIu32 ", out %s, round %s, overflow %s", in, g,
             cli->gain_code, out, gs_round_name(cli->cfg.round),
             gs_overflow_name(cli->cfg.overflow));
}
