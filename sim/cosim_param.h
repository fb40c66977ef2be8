/*
 * cosim_param.h - extra RTL parameters of the DUT (cosim --param NAME=VALUE,
 * --use-dsp 0|1), beyond the configuration's eight (IN_W .. OVERFLOW, which
 * come from --in, --gain-fmt, --out, --round, --overflow). Each is checked
 * against the parameters the RTL file declares, before any build; the build
 * key and the Verilator command line carry them.
 */
#ifndef COSIM_PARAM_H
#define COSIM_PARAM_H

#include <stddef.h>
#include <stdint.h>

#define COSIM_PARAM_MAX 8
#define COSIM_PARAM_NAME 32

typedef struct {
    char name[COSIM_PARAM_NAME];
    int32_t value;
} cosim_param_t;

typedef struct {
    cosim_param_t p[COSIM_PARAM_MAX];
    int n;
} cosim_params_t;

/* "NAME=VALUE" (VALUE decimal or 0x hex, may be signed) into ps; a name given
 * again replaces its value. 0, or -1 after printing why (to stderr). */
int cosim_param_add(cosim_params_t *ps, const char *arg);

/* Every name must be a parameter of module gain_stage in the file rtl (and not
 * one of the configuration's). 0, or -1 after printing FILE: reason. */
int cosim_param_check(const cosim_params_t *ps, const char *rtl);

/* "NAME=VALUE NAME=VALUE" (for the build's make line) or "-NAME=VALUE..." (for
 * the build key): into buf of len bytes. */
void cosim_param_list(const cosim_params_t *ps, const char *sep, char *buf, size_t len);

#endif
