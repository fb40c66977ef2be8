/*
 * fuzz_cli.c - libFuzzer target: the option parsers (tools/gs_cli.c, shared by
 * every tool, and cosim's sim/cosim_opts.c). The input is a command line, one
 * argument per line. Checked, against rules written here from SPEC sections 5
 * and 6 (not from the parser): a configuration that is accepted is checked and
 * its gain code fits the gain format; two kinds of gain are refused; a
 * --gain-code or --seed is read as decimal or 0x hex, never octal; a non-zero
 * --gain never codes to 0. Run with -close_fd_mask=3: the parsers print their
 * errors, libFuzzer keeps its own output.
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cosim_opts.h"
#include "gs_cli.h"

#define MAXARG 24

/* SPEC section 6 numbers: decimal, or hex after 0x; -1 if not one (or > 2^64). */
static int spec_number(const char *s, unsigned long long *v)
{
    int base = 10;
    if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X') && s[2])
        base = 16, s += 2;
    if (!*s)
        return -1;
    __extension__ unsigned __int128 n = 0;
    for (; *s; s++) {
        int d = *s >= '0' && *s <= '9' ? *s - '0'
                : base == 16 && *s >= 'a' && *s <= 'f' ? *s - 'a' + 10
                : base == 16 && *s >= 'A' && *s <= 'F' ? *s - 'A' + 10 : -1;
        if (d < 0)
            return -1;
        n = n * (unsigned)base + (unsigned)d;
        if (n > ~0ull)
            return -1;
    }
    *v = (unsigned long long)n;
    return 0;
}

static const char *const gain_opts[] = { "--gain", "--gain-code", "--rf", "--rin" };
static const char *const value_opts[] = { "--profile", "--in", "--gain-fmt", "--out",
                                          "--round", "--overflow", "--gain", "--gain-code",
                                          "--rf", "--rin" };

static int index_of(const char *a, const char *const *list, int n)
{
    for (int k = 0; k < n; k++)
        if (!strcmp(a, list[k]))
            return k;
    return -1;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > 4096)
        return 0;
    char *buf = malloc(size + 1);
    memcpy(buf, data, size);
    buf[size] = '\0';
    char *argv[MAXARG + 2];
    int argc = 0;
    argv[argc++] = "fuzz";
    for (char *p = buf; argc < MAXARG + 1;) {
        argv[argc++] = p;
        char *nl = strchr(p, '\n');
        if (!nl)
            break;
        *nl = '\0';
        p = nl + 1;
    }
    argv[argc] = NULL;

    /* what the rules expect: walk the options as SPEC section 6 lists them */
    unsigned kinds = 0;
    const char *last_code = NULL, *last_gain = NULL;
    int last_kind = -1;
    for (int i = 1; i < argc; i++) {
        if (index_of(argv[i], value_opts, 10) < 0 || i + 1 >= argc)
            continue;
        int g = index_of(argv[i], gain_opts, 4);
        if (g >= 0) {
            int kind = g >= 2 ? 2 : g;
            kinds |= 1u << kind;
            last_kind = kind;
            if (g == 1)
                last_code = argv[i + 1];
            if (g == 0)
                last_gain = argv[i + 1];
        }
        i++;
    }

    /* gsref's loop: configuration options, anything else is a file name */
    gs_cli_t cli;
    gs_cli_init(&cli);
    int bad = 0;
    for (int i = 1; i < argc && !bad; i++)
        bad = gs_cli_option(&cli, "fuzz", argc, argv, &i) < 0;
    if (!bad && gs_cli_finish(&cli, "fuzz") == 0) {
        if (!cli.cfg.checked || !gs_code_fits_gain(&cli.cfg, cli.gain_code))
            abort();
        if (kinds & (kinds - 1))
            abort(); /* two kinds of gain accepted */
        unsigned long long v;
        if (last_kind == 1 && (spec_number(last_code, &v) < 0 || v != cli.gain_code))
            abort(); /* --gain-code not read as SPEC section 6 says */
        if (last_kind == 0 && strpbrk(last_gain, "123456789") && cli.gain_code == 0)
            abort(); /* a non-zero gain coded to 0 */
    }

    /* cosim's parser over the same line: no crash, and the seed it took is the
     * last --seed's value read as a SPEC number (1 without one). After a parse
     * that succeeded every word is an option: the value-less ones below (SPEC
     * section 6), or an option and its value. */
    static const char *const flags[] = { "--corners", "--exhaustive", "--all-gains",
                                         "--fixed-gain", "--trace-all", "--progress",
                                         "--no-progress", "--quiet", "--rebuild" };
    cosim_opts_t o;
    if (cosim_opts_parse(&o, argc, argv) == 0) {
        unsigned long long want = 1;
        for (int i = 1; i < argc; i++) {
            if (index_of(argv[i], flags, 9) >= 0 || i + 1 >= argc)
                continue;
            if (!strcmp(argv[i], "--seed") && spec_number(argv[i + 1], &want) < 0)
                abort(); /* a seed SPEC refuses, accepted */
            i++;
        }
        if (o.seed != want)
            abort();
        if (o.jobs < 1 || o.jobs > 64 || (o.exhaustive && o.all_gains && o.g_lo > o.g_hi))
            abort();
    }
    free(buf);
    return 0;
}
