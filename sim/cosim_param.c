/* cosim_param.c - cosim --param NAME=VALUE (see cosim_param.h). */
#include "cosim_param.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "gs_text.h"

/* Set by the configuration options, never by --param. */
static const char *const config_params[] = { "IN_W", "IN_F", "G_W", "G_F", "OUT_W",
                                             "OUT_F", "ROUND", "OVERFLOW" };

int cosim_param_add(cosim_params_t *ps, const char *arg)
{
    char q[GS_QUOTE_MAX];
    const char *eq = strchr(arg, '=');
    size_t nl = eq ? (size_t)(eq - arg) : 0;
    bool ident = nl > 0 && nl < COSIM_PARAM_NAME && (isalpha((unsigned char)arg[0]) ||
                                                     arg[0] == '_');
    for (size_t i = 0; ident && i < nl; i++)
        ident = isalnum((unsigned char)arg[i]) || arg[i] == '_';
    uint64_t mag;
    bool neg;
    if (!ident || gs_num_parse(eq + 1, strlen(eq + 1), true, INT32_MAX, &mag, &neg, NULL)) {
        fprintf(stderr, "cosim: --param '%s': not NAME=VALUE (a Verilog parameter name, "
                "an integer of 32 bits: decimal or 0x hex)\n", gs_quote(arg, q));
        return -1;
    }
    for (size_t k = 0; k < sizeof config_params / sizeof config_params[0]; k++)
        if (strlen(config_params[k]) == nl && !strncmp(arg, config_params[k], nl)) {
            fprintf(stderr, "cosim: --param '%s': %s is set by the configuration options "
                    "(--in, --gain-fmt, --out, --round, --overflow)\n", gs_quote(arg, q),
                    config_params[k]);
            return -1;
        }
    int k = 0;
    while (k < ps->n && !(strlen(ps->p[k].name) == nl && !strncmp(ps->p[k].name, arg, nl)))
        k++;
    if (k == COSIM_PARAM_MAX) {
        fprintf(stderr, "cosim: --param: %d parameters at most\n", COSIM_PARAM_MAX);
        return -1;
    }
    memcpy(ps->p[k].name, arg, nl);
    ps->p[k].name[nl] = '\0';
    ps->p[k].value = neg ? -(int32_t)mag : (int32_t)mag;
    if (k == ps->n)
        ps->n++;
    return 0;
}

/* The names declared with `parameter` (not localparam) in module gain_stage:
 * whole words, comments skipped. Enough for our RTL and any copy of it. */
static int has_param(const char *text, const char *name)
{
    const char *m = strstr(text, "module gain_stage");
    if (!m)
        return -1;
    const char *end = strstr(m, "endmodule");
    for (const char *p = m; (p = strstr(p, "parameter")) && (!end || p < end); p += 9) {
        if (p > text && (isalnum((unsigned char)p[-1]) || p[-1] == '_'))
            continue; /* localparam */
        const char *s = p + 9;
        for (;;) { /* skip blanks, "integer", "signed", "[a:b]" */
            while (isspace((unsigned char)*s))
                s++;
            if (!strncmp(s, "integer", 7) && !isalnum((unsigned char)s[7]) && s[7] != '_')
                s += 7;
            else if (!strncmp(s, "signed", 6) && !isalnum((unsigned char)s[6]) && s[6] != '_')
                s += 6;
            else if (*s == '[' && strchr(s, ']'))
                s = strchr(s, ']') + 1;
            else
                break;
        }
        size_t n = strlen(name);
        if (!strncmp(s, name, n) && !isalnum((unsigned char)s[n]) && s[n] != '_')
            return 1;
    }
    return 0;
}

int cosim_param_check(const cosim_params_t *ps, const char *rtl)
{
    if (ps->n == 0)
        return 0;
    FILE *f = fopen(rtl, "rb");
    if (!f) {
        fprintf(stderr, "cosim: --param: %s: %s\n", rtl, strerror(errno));
        return -1;
    }
    static char text[1 << 20];
    size_t n = fread(text, 1, sizeof text - 1, f);
    fclose(f);
    text[n] = '\0';
    /* drop comments, so that a parameter named in one is not taken for real */
    for (char *p = text; *p; p++) {
        if (p[0] == '/' && p[1] == '/') {
            while (*p && *p != '\n')
                *p++ = ' ';
            if (!*p)
                break;
        } else if (p[0] == '/' && p[1] == '*') {
            while (*p && !(p[0] == '*' && p[1] == '/'))
                *p++ = ' ';
            if (!*p)
                break;
            p[0] = p[1] = ' ';
        }
    }
    for (int k = 0; k < ps->n; k++) {
        int h = has_param(text, ps->p[k].name);
        if (h <= 0) {
            fprintf(stderr, "cosim: --param %s=%ld: %s %s\n", ps->p[k].name,
                    (long)ps->p[k].value, h < 0 ? "no module gain_stage in"
                                                : "not a parameter of module gain_stage in", rtl);
            return -1;
        }
    }
    return 0;
}

void cosim_param_list(const cosim_params_t *ps, const char *sep, char *buf, size_t len)
{
    size_t o = 0;
    buf[0] = '\0';
    for (int k = 0; k < ps->n && o < len; k++)
        o += (size_t)snprintf(buf + o, len - o, "%s%s=%ld", k || *sep == '-' ? sep : "",
                              ps->p[k].name, (long)ps->p[k].value);
}
