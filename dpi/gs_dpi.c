/*
 * gs_dpi.c - the gainstage model for SystemVerilog through DPI-C (dpi/gainstage_pkg.sv),
 * a thin layer over libgainstage's gs_model API. Compile it as C (or C++) and link it
 * with libgainstage (`pkg-config --cflags --libs gainstage`).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gainstage.h"
#include "gs_model.h"

/* The DPI prototypes (SystemVerilog types: chandle = void *, string = const char *,
 * int = int, bit = unsigned char); exported, so declared here for -Wmissing-prototypes. */
void *gs_dpi_new(const char *options);
const char *gs_dpi_error(void);
void gs_dpi_free(void *st);
int gs_dpi_eval(void *st, int x, unsigned g, unsigned char *ovf);
unsigned gs_dpi_gain_code(void *st);
const char *gs_dpi_options(int in_w, int in_f, int g_w, int g_f, int out_w, int out_f,
                           int round, int overflow);

static char last_error[512];

/* Split on blanks, at most 64 words; no quoting (no option value has a blank). */
void *gs_dpi_new(const char *options)
{
    char buf[1024];
    const char *argv[64];
    int argc = 0;
    if (strlen(options) >= sizeof buf) {
        snprintf(last_error, sizeof last_error, "options longer than %zu characters",
                 sizeof buf - 1);
        return NULL;
    }
    strcpy(buf, options);
    for (char *tok = strtok(buf, " \t\n"); tok; tok = strtok(NULL, " \t\n")) {
        if (argc == 64) {
            snprintf(last_error, sizeof last_error, "more than 64 option words");
            return NULL;
        }
        argv[argc++] = tok;
    }
    gs_model_t *st = gs_model_new(argc, argv, last_error, sizeof last_error);
    if (st)
        last_error[0] = '\0';
    return st;
}

const char *gs_dpi_error(void)
{
    return last_error;
}

void gs_dpi_free(void *st)
{
    gs_model_free((gs_model_t *)st);
}

/* An out-of-format x or g gives y = 0, ovf = 0 and sets gs_dpi_error(). */
int gs_dpi_eval(void *handle, int x, unsigned g, unsigned char *ovf)
{
    const gs_model_t *st = (const gs_model_t *)handle;
    int64_t x64 = x, g64 = g;
    int32_t x32 = x, y = 0;
    uint8_t o = 0;
    if (gs_model_check_in(st, &x64, 1, last_error, sizeof last_error) == 1 &&
        gs_model_check_gain(st, &g64, 1, last_error, sizeof last_error) == 1)
        gs_model_eval(st, &x32, &g, &y, &o, 1);
    *ovf = o;
    return y;
}

unsigned gs_dpi_gain_code(void *st)
{
    gs_model_info_t info;
    gs_model_info((const gs_model_t *)st, &info);
    return info.gain_code;
}

/* gsref's options for a gain_stage parameter set (ROUND/OVERFLOW numbered as in
 * gainstage.h); an unknown mode number is passed on as its number, so that
 * gs_dpi_new refuses it with the tools' message. */
const char *gs_dpi_options(int in_w, int in_f, int g_w, int g_f, int out_w, int out_f,
                           int round, int overflow)
{
    static char buf[160];
    char r[16], o[16];
    const char *rn = round >= 0 && round < GS_ROUND_COUNT ? gs_round_name((gs_round_t)round) : NULL;
    const char *on = overflow >= 0 && overflow < GS_OVF_COUNT ? gs_overflow_name((gs_overflow_t)overflow) : NULL;
    snprintf(r, sizeof r, "%d", round);
    snprintf(o, sizeof o, "%d", overflow);
    snprintf(buf, sizeof buf, "--in s%d.%d --gain-fmt u%d.%d --out s%d.%d --round %s --overflow %s",
             in_w, in_f, g_w, g_f, out_w, out_f, rn ? rn : r, on ? on : o);
    return buf;
}
