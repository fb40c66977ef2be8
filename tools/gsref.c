/*
 * gsref - the C model on the host (SPEC section 6): reads input codes, one per
 * line, from the files named (or stdin) and prints "y ovf" for each.
 * Exit status: 0 ok, 2 bad option or bad input (after printing every line
 * before the bad one).
 */
#include <stdio.h>
#include <string.h>

#include "gainstage.h"
#include "gs_cli.h"
#include "gs_text.h"
#include "gs_vec.h"

static void usage(FILE *out)
{
    fprintf(out,
            "usage: gsref [OPTIONS] [FILE...]\n"
            "Runs the gainstage C model on input codes (one per line, signed decimal or\n"
            "0x hex; '#' comments and blank lines skipped), from FILEs or standard input,\n"
            "and prints one line \"y ovf\" per input.\n\n%s"
            "  -h, --help           this text\n",
            gs_cli_usage);
}

/* Output is buffered per block so that a large file streams quickly. */
#define BLOCK 4096

int main(int argc, char **argv)
{
    static const char prog[] = "gsref";
    gs_cli_t cli;
    gs_cli_init(&cli);
    const char *files[256];
    int nfiles = 0;
    for (int i = 1; i < argc; i++) {
        int r = gs_cli_option(&cli, prog, argc, argv, &i);
        if (r < 0)
            return 2;
        if (r > 0)
            continue;
        if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help")) {
            usage(stdout);
            return 0;
        }
        if (argv[i][0] == '-' && argv[i][1] != '\0') {
            char q[GS_QUOTE_MAX];
            fprintf(stderr, "%s: unknown option '%s' (see --help)\n", prog, gs_quote(argv[i], q));
            return 2;
        }
        if (nfiles == (int)(sizeof files / sizeof files[0])) {
            fprintf(stderr, "%s: too many files (256 at most)\n", prog);
            return 2;
        }
        files[nfiles++] = argv[i];
    }
    if (gs_cli_finish(&cli, prog) < 0)
        return 2;
    gs_cli_report_gain(&cli, stderr);
    if (nfiles == 0)
        files[nfiles++] = "-";

    static int32_t x[BLOCK], y[BLOCK];
    static uint8_t ovf[BLOCK];
    int status = 0;
    for (int f = 0; f < nfiles && status == 0; f++) {
        gs_vec_t vec;
        if (gs_vec_open(&vec, files[f]) < 0) {
            fprintf(stderr, "%s: %s\n", prog, vec.err);
            return 2;
        }
        for (;;) {
            size_t n = 0;
            int r = 1;
            while (n < BLOCK && (r = gs_vec_next(&vec, &cli.cfg, &x[n])) == 1)
                n++;
            gs_eval_block_gain(&cli.cfg, x, cli.gain_code, y, ovf, n);
            for (size_t i = 0; i < n; i++)
                printf("%ld %u\n", (long)y[i], ovf[i]);
            if (r < 0) {
                fflush(stdout);
                fprintf(stderr, "%s: %s\n", prog, vec.err);
                status = 2;
                break;
            }
            if (r == 0)
                break;
        }
        gs_vec_close(&vec);
    }
    if (fflush(stdout) != 0 || ferror(stdout)) {
        fprintf(stderr, "%s: write error on standard output\n", prog);
        return 2;
    }
    return status;
}
