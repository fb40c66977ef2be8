/*
 * gs_vpi.c - the C model (cmodel/) as Verilog system functions for Icarus, so
 * that the Icarus testbench peer checks the RTL against the very model cosim uses.
 *
 *   $gs_config(IN_W, IN_F, G_W, G_F, OUT_W, OUT_F, ROUND, OVERFLOW)
 *       validates and selects the configuration (ROUND/OVERFLOW numbered as in
 *       gainstage.h); returns 0, or prints the reason and returns 1.
 *   $gs_eval(x, g)
 *       64-bit result: bit 32 = ovf, bits 31:0 = y (two's complement).
 *       x is read as a signed code of IN_W bits, g as an unsigned code.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <vpi_user.h>

#include "gainstage.h"

static gs_config_t g_cfg;
static int g_cfg_ok;

/* The n argument handles of the calling system function (n <= 8). */
static int get_args(vpiHandle *argv, int n)
{
    vpiHandle call = vpi_handle(vpiSysTfCall, NULL);
    vpiHandle it = vpi_iterate(vpiArgument, call);
    int k = 0;
    if (it == NULL)
        return 0;
    for (vpiHandle h; (h = vpi_scan(it)) != NULL;) {
        if (k < n)
            argv[k] = h;
        k++;
    }
    return k;
}

static long long arg_int(vpiHandle h)
{
    s_vpi_value v;
    v.format = vpiIntVal;
    vpi_get_value(h, &v);
    return (long long)v.value.integer;
}

static void put_u64(unsigned long long r)
{
    vpiHandle call = vpi_handle(vpiSysTfCall, NULL);
    s_vpi_vecval vec[2];
    s_vpi_value v;
    vec[0].aval = (PLI_INT32)(unsigned)(r & 0xffffffffu);
    vec[0].bval = 0;
    vec[1].aval = (PLI_INT32)(unsigned)(r >> 32);
    vec[1].bval = 0;
    v.format = vpiVectorVal;
    v.value.vector = vec;
    vpi_put_value(call, &v, NULL, vpiNoDelay);
}

static void put_int(int r)
{
    s_vpi_value v;
    v.format = vpiIntVal;
    v.value.integer = r;
    vpi_put_value(vpi_handle(vpiSysTfCall, NULL), &v, NULL, vpiNoDelay);
}

static PLI_INT32 config_calltf(PLI_BYTE8 *user)
{
    vpiHandle a[8];
    long long p[8];
    (void)user;
    if (get_args(a, 8) != 8) {
        vpi_printf("$gs_config: needs 8 arguments (IN_W, IN_F, G_W, G_F, OUT_W, OUT_F, "
                   "ROUND, OVERFLOW)\n");
        put_int(1);
        return 0;
    }
    for (int i = 0; i < 8; i++) {
        p[i] = arg_int(a[i]);
        if (p[i] < 0 || p[i] > 255) {
            vpi_printf("$gs_config: argument %d = %lld out of range\n", i + 1, p[i]);
            put_int(1);
            return 0;
        }
    }
    memset(&g_cfg, 0, sizeof g_cfg);
    g_cfg.in = (gs_fmt_t){(uint8_t)p[0], (uint8_t)p[1], true};
    g_cfg.gain = (gs_fmt_t){(uint8_t)p[2], (uint8_t)p[3], false};
    g_cfg.out = (gs_fmt_t){(uint8_t)p[4], (uint8_t)p[5], true};
    g_cfg.round = (gs_round_t)p[6];
    g_cfg.overflow = (gs_overflow_t)p[7];
    gs_status_t st = gs_config_check(&g_cfg);
    if (st != GS_OK) {
        vpi_printf("$gs_config: %s\n", gs_strerror(st));
        g_cfg_ok = 0;
        put_int(1);
        return 0;
    }
    g_cfg_ok = 1;
    put_int(0);
    return 0;
}

static PLI_INT32 eval_sizetf(PLI_BYTE8 *user)
{
    (void)user;
    return 64;
}

static PLI_INT32 eval_calltf(PLI_BYTE8 *user)
{
    vpiHandle a[2];
    (void)user;
    if (!g_cfg_ok || get_args(a, 2) != 2) {
        /* vpiFinish would end vvp with status 0, as if the run had passed */
        vpi_printf("$gs_eval: needs $gs_config first and 2 arguments (x, g)\n");
        exit(1);
    }
    unsigned w = g_cfg.in.w;
    unsigned long long xu = (unsigned long long)(unsigned)arg_int(a[0]);
    xu &= (w >= 32) ? 0xffffffffull : ((1ull << w) - 1);
    /* sign-extend the IN_W-bit code without shifting into the sign bit */
    long long x = (xu >> (w - 1)) ? (long long)xu - (long long)(1ull << w) : (long long)xu;
    uint32_t g = (uint32_t)arg_int(a[1]);
    bool ovf = false;
    int32_t y = gs_eval(&g_cfg, (int32_t)x, g, &ovf);
    put_u64(((unsigned long long)ovf << 32) | (uint32_t)y);
    return 0;
}

static void register_tfs(void)
{
    s_vpi_systf_data tf;
    memset(&tf, 0, sizeof tf);
    tf.type = vpiSysFunc;
    tf.sysfunctype = vpiIntFunc;
    tf.tfname = "$gs_config";
    tf.calltf = config_calltf;
    vpi_register_systf(&tf);

    memset(&tf, 0, sizeof tf);
    tf.type = vpiSysFunc;
    tf.sysfunctype = vpiSizedFunc;
    tf.tfname = "$gs_eval";
    tf.calltf = eval_calltf;
    tf.sizetf = eval_sizetf;
    vpi_register_systf(&tf);
}

void (*vlog_startup_routines[])(void) = {register_tfs, NULL};
