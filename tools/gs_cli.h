/*
 * gs_cli.h - the configuration options shared by every host tool (SPEC section 6):
 *
 *   --in FMT --gain-fmt FMT --out FMT --round MODE --overflow MODE
 *   --profile NAME          (later options override earlier ones)
 *   --gain REAL | --gain-code N | --rf R --rin R
 *
 * One kind of gain per command line (SPEC section 5): two kinds, or one
 * resistor alone, is an error; repeating one option is not (the last counts).
 * A non-zero ratio that codes to 0 is an error. Numbers: gs_text.h.
 * Options are applied in order; the gain request is kept as given and coded in
 * gs_cli_finish(), once the gain format is final. Errors go to the message sink
 * (default: stderr, as "PROG: reason\n") and are reported by a non-zero return;
 * callers exit with 2.
 */
#ifndef GS_CLI_H
#define GS_CLI_H

#include <stdio.h>
#include "gainstage.h"

typedef enum { GS_GAIN_DEFAULT, GS_GAIN_REAL, GS_GAIN_CODE, GS_GAIN_RES } gs_gain_src_t;

typedef struct {
    gs_config_t cfg;          /* checked by gs_cli_finish() */
    uint32_t gain_code;       /* resolved by gs_cli_finish() */
    gs_gain_src_t gain_src;   /* the last gain option given */
    unsigned gain_kinds;      /* 1 << gs_gain_src_t of every kind given (one allowed) */
    const char *gain_arg;     /* --gain / --gain-code text */
    const char *rf_arg, *rin_arg;
    double ratio_requested;   /* the real ratio asked for (REAL/RES/DEFAULT) */
} gs_cli_t;

/*
 * Where this thread's error messages go: sink(ctx, prog, reason), reason without
 * "PROG: " and without a line end. NULL restores the default, which writes
 * "PROG: reason\n" to stderr. Per thread, so that a library (lib/gs_model.c) can
 * turn the messages into its own error strings while other threads print theirs.
 */
typedef void (*gs_cli_sink_t)(void *ctx, const char *prog, const char *reason);
void gs_cli_set_sink(gs_cli_sink_t sink, void *ctx);

/* Usage text of the configuration options, for a tool's --help. */
extern const char gs_cli_usage[];

/* Defaults: the default profile, gain 1.0. */
void gs_cli_init(gs_cli_t *cli);

/*
 * If argv[*i] is a configuration option, consume it and its value (advancing
 * *i past the value) and return 1; return 0 if it is not one of ours (nothing
 * consumed); return -1 after printing an error (bad value, missing value).
 */
int gs_cli_option(gs_cli_t *cli, const char *prog, int argc, char **argv, int *i);

/* Validate the configuration and code the gain. 0 on success, -1 after an error. */
int gs_cli_finish(gs_cli_t *cli, const char *prog);

/* "gain: requested 4.7, code 19251 (u16.12), realized 4.69995, error -10.4 ppm"
 * when the gain came from a ratio; nothing for --gain-code. */
void gs_cli_report_gain(const gs_cli_t *cli, FILE *out);

/* One line describing the configuration, e.g.
 * "in s16.15, gain u16.12 code 4096, out s16.15, round half-even, overflow sat". */
void gs_cli_describe(const gs_cli_t *cli, char *buf, size_t len);

#endif
