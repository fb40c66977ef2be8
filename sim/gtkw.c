/*
 * gtkw.c - writes the GTKWave save file of a cosim waveform (see gtkw.h).
 * Trace flags of GTKWave's save format (analyzer.h): 0x22 hex, 0x28 binary,
 * 0x424 signed decimal (DEC | SIGNED | RJUSTIFY), 0x800200 / 0x1000200 open /
 * close a group. Time in the trace is 2 x cycle (low phase, then rising edge).
 */
#include "gtkw.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#define SCOPE "TOP.cosim_top."

void gtkw_path(const char *dump, char *buf, unsigned len)
{
    const char *dot = strrchr(dump, '.'), *slash = strrchr(dump, '/');
    size_t stem = (dot && (!slash || dot > slash)) ? (size_t)(dot - dump) : strlen(dump);
    snprintf(buf, len, "%.*s.gtkw", (int)stem, dump);
}

static void sig(FILE *f, const char *flags, const char *name, int w)
{
    if (w > 1)
        fprintf(f, "@%s\n" SCOPE "%s[%d:0]\n", flags, name, w - 1);
    else
        fprintf(f, "@%s\n" SCOPE "%s\n", flags, name);
}

static void group(FILE *f, const char *name, int open)
{
    fprintf(f, "@%s\n-%s\n", open ? "800200" : "1000200", name);
}

int gtkw_write(const char *path, const gtkw_t *g)
{
    FILE *f = fopen(path, "w");
    if (!f)
        return -1;
    /* view: 30 cycles either side of the marker, else the start of the trace */
    uint64_t start = 2 * g->t_from;
    if (g->marker >= 0)
        start = (uint64_t)g->marker > start + 60 ? (uint64_t)g->marker - 60 : start;
    fprintf(f, "[*] written by cosim (sim/gtkw.c): gtkwave %s\n", path);
    fprintf(f, "[dumpfile] \"%s\"\n", g->dump);
    fprintf(f, "[savefile] \"%s\"\n", path);
    fprintf(f, "[timestart] %llu\n", (unsigned long long)start);
    fprintf(f, "[size] 1400 700\n[pos] -1 -1\n");
    /* zoom (-5: about 140 time units, 70 cycles, across the 1400 px window; checked
     * by eye in GTKWave 3.3.118), the primary marker, then the 26 named markers, unused */
    fprintf(f, "*-5.000000 %lld", (long long)g->marker);
    for (int i = 0; i < 26; i++)
        fputs(" -1", f);
    fputs("\n[treeopen] TOP.\n[treeopen] TOP.cosim_top.\n[signals_width] 260\n", f);
    int n = g->lanes;   /* wider ports hold every lane: shown as one value each */
    sig(f, "28", "clk", 1);
    sig(f, "28", "rst", 1);
    group(f, "input handshake", 1);
    sig(f, n > 1 ? "22" : "28", "s_valid", n);
    sig(f, n > 1 ? "22" : "28", "s_ready", n);
    sig(f, n > 1 ? "22" : "424", "s_data", n * g->in_w);
    sig(f, "22", "s_gain", n * g->g_w);
    group(f, "input handshake", 0);
    group(f, "output handshake", 1);
    sig(f, n > 1 ? "22" : "28", "m_valid", n);
    sig(f, n > 1 ? "22" : "28", "m_ready", n);
    sig(f, n > 1 ? "22" : "424", "m_data", n * g->out_w);
    sig(f, n > 1 ? "22" : "28", "m_ovf", n);
    group(f, "output handshake", 0);
    if (g->has_expected) {
        group(f, "expected (C model)", 1);
        sig(f, "28", "exp_valid", 1);
        sig(f, "424", "exp_data", g->out_w);
        sig(f, "28", "exp_ovf", 1);
        group(f, "expected (C model)", 0);
    }
    if (ferror(f)) {
        int e = errno;
        fclose(f);
        errno = e ? e : EIO;
        return -1;
    }
    return fclose(f) == 0 ? 0 : -1;
}
