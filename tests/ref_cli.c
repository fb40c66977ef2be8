/*
 * ref_cli.c - the independent reference (ref_exact.h) as a filter, so the
 * gsref black-box tests get their expected outputs from it, never from gsref.
 * Deliberately a different, minimal interface (positional numbers):
 *
 *   ref_cli eval IN_W IN_F G_W G_F OUT_W OUT_F ROUND OVERFLOW GAIN_CODE
 *       reads decimal input codes, one per line, prints "y ovf" per line
 *   ref_cli gen N SEED W
 *       prints N pseudo-random signed W-bit codes in decimal (edge-biased)
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ref_exact.h"
#include "splitmix.h"

static long long num(const char *s)
{
    char *end;
    errno = 0;
    long long v = strtoll(s, &end, 0);
    if (errno || *end || end == s) {
        fprintf(stderr, "ref_cli: bad number '%s'\n", s);
        exit(2);
    }
    return v;
}

int main(int argc, char **argv)
{
    if (argc == 5 && strcmp(argv[1], "gen") == 0) {
        long long n = num(argv[2]);
        uint64_t s = (uint64_t)num(argv[3]);
        int w = (int)num(argv[4]);
        long long min = -(1LL << (w - 1)), max = (1LL << (w - 1)) - 1;
        for (long long i = 0; i < n; i++) {
            unsigned long long z = splitmix64(&s);
            long long v;
            switch (z % 6) {
            case 0: v = min + (long long)((z >> 8) % 3); break;
            case 1: v = max - (long long)((z >> 8) % 3); break;
            case 2: v = (long long)((z >> 8) % 7) - 3; break;
            default: v = (long long)((z >> 8) & ((1ull << w) - 1)) + min; break;
            }
            v = v < min ? min : v > max ? max : v;
            printf("%lld\n", v);
        }
        return 0;
    }
    if (argc != 11 || strcmp(argv[1], "eval") != 0) {
        fprintf(stderr, "usage: ref_cli eval IN_W IN_F G_W G_F OUT_W OUT_F ROUND OVERFLOW GAIN_CODE\n"
                        "       ref_cli gen N SEED W\n");
        return 2;
    }
    ref_cfg_t c = { (int)num(argv[2]), (int)num(argv[3]), (int)num(argv[4]), (int)num(argv[5]),
                    (int)num(argv[6]), (int)num(argv[7]), ref_round_from_name(argv[8]),
                    ref_ovf_from_name(argv[9]) };
    long long g = num(argv[10]);
    if (ref_cfg_legal(&c) != REF_LEGAL || g < 0 || g >= (1LL << c.g_w)) {
        fprintf(stderr, "ref_cli: illegal configuration\n");
        return 2;
    }
    char line[256];
    unsigned long ln = 0;
    while (fgets(line, sizeof line, stdin)) {
        ln++;
        line[strcspn(line, "\r\n")] = 0;
        if (line[0] == 0 || line[0] == '#')
            continue;
        long long x = num(line);
        if (x < -(1LL << (c.in_w - 1)) || x >= (1LL << (c.in_w - 1))) {
            fprintf(stderr, "ref_cli: line %lu: code out of range\n", ln);
            return 2;
        }
        int ovf;
        long long y = (long long)ref_eval(&c, x, (unsigned long long)g, &ovf);
        printf("%lld %d\n", y, ovf);
    }
    return 0;
}
