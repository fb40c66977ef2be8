/* cosim_opts.c - command line of cosim (see cosim_opts.h; the vectors are
 * cosim_vectors.c's). */
#include "cosim_opts.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gs_text.h"


const char cosim_usage[] =
    "usage: cosim [OPTIONS]\n"
    "Runs rtl/gain_stage.v (or a netlist) under Verilator for a configuration and\n"
    "checks every clock cycle against the C model. Exit status: 0 every output\n"
    "matched, 1 a mismatch or a handshake-rule violation, 2 bad usage or input.\n\n"
    "stimulus (any combination, fed in this order; default: --corners --random 100000):\n"
    "  --corners            directed corner set: 0, +-1, min, max, exact ties, the\n"
    "                       saturation thresholds, gain 0 and maximum\n"
    "  --vectors FILE       input codes, gsref's input format, at the configured gain\n"
    "  --random N           N random samples (k/M/G suffixes), uniform and biased to\n"
    "                       the rails and rounding ties, each with its own gain\n"
    "  --seed S             seed of --random and of --stall (default 1)\n"
    "  --fixed-gain         --random/--corners use only the configured gain\n"
    "  --exhaustive         every input code at the configured gain\n"
    "  --all-gains          with --exhaustive: every gain code too\n"
    "  --gain-range LO:HI   with --exhaustive: gain codes LO..HI (implies --all-gains)\n"
    "handshakes:\n"
    "  --stall P            random s_valid gaps and m_ready low, probability P (< 1)\n"
    "  --gap P              only s_valid gaps (m_ready stays high: exact latency checked)\n"
    "  --backpressure P     only m_ready low\n"
    "checks:\n"
    "  --max-errors N       stop after N mismatches (default 10)\n"
    "  --timeout N          deadlock limit: cycles in which the DUT holds back (m_ready\n"
    "                       high, a sample refused or a result overdue) with no progress\n"
    "                       (default 10000)\n"
    "  --latency N          expected LATENCY (default: the RTL's localparam; a netlist's\n"
    "                       is measured unless given)\n"
    "outputs:\n"
    "  --dump FILE          the DUT's outputs, gsref's output format (\"y ovf\"), input order;\n"
    "                       '-' is standard output (cosim's own lines then go to stderr)\n"
    "  --trace FILE         waveform, FST (.fst) or VCD (.vcd): the cycles around the first\n"
    "                       mismatch (or the first ones if none)\n"
    "  --trace-all          with --trace: every cycle\n"
    "  --trace-window N     cycles each side of the first mismatch (default 200)\n"
    "  --coverage FILE      Verilator line/toggle coverage data (coverage build)\n"
    "DUT and run:\n"
    "  --netlist FILE       a post-synthesis netlist (yosys write_verilog, iCE40 cells)\n"
    "                       instead of rtl/gain_stage.v; the configuration options must\n"
    "                       describe what it was synthesized for\n"
    "  --rtl FILE           another gain_stage RTL file instead of rtl/gain_stage.v\n"
    "  --param NAME=VALUE   an extra parameter of gain_stage (checked against the RTL's;\n"
    "                       the configuration's own come from --in .. --overflow)\n"
    "  --use-dsp 0|1        = --param USE_DSP=0|1: 0 is the LUT multiplier (iCE40 HX8K)\n"
    "  --rand-reset SEED    registers start from random values (Verilator +verilator+rand+\n"
    "                       reset+2, seed SEED >= 1; a model built with --x-assign unique\n"
    "                       --x-initial unique) instead of the fast defaults; with\n"
    "                       --jobs, worker j >= 1 derives its own seed from SEED\n"
    "  --jobs N             worker processes (the stimulus is split in N slices)\n"
    "  --lanes N            gain_stage instances in one model (1, 2, 4, 8, 16): sample j in\n"
    "                       lane j mod N, each lane with its own handshakes\n"
    "  --progress / --no-progress   progress line (default: only on a terminal)\n"
    "  --quiet              only errors and the verdict line\n"
    "  --rebuild            rebuild the Verilator model of this configuration\n"
    "  --model-dir          build the model and its bare Verilator loop, print the\n"
    "                       model's directory, run nothing\n"
    "  -h, --help           this text\n\n";

static int bad(const char *opt, const char *val, const char *why)
{
    char q[GS_QUOTE_MAX];
    if (val)
        fprintf(stderr, "cosim: %s '%s': %s\n", opt, gs_quote(val, q), why);
    else
        fprintf(stderr, "cosim: %s: %s\n", opt, why);
    return -1;
}

/* Unsigned count (gs_text.h numbers) with an optional k/M/G suffix (powers of ten). */
static int parse_count(const char *s, uint64_t *v)
{
    size_t n = strlen(s);
    uint64_t mul = 1;
    if (n > 1 && (s[n - 1] == 'k' || s[n - 1] == 'K' || s[n - 1] == 'M' || s[n - 1] == 'G')) {
        mul = s[n - 1] == 'M' ? 1000000 : s[n - 1] == 'G' ? 1000000000 : 1000;
        n--;
    }
    uint64_t x;
    if (gs_num_parse(s, n, false, UINT64_MAX / mul, &x, NULL, NULL) != GS_NUM_OK)
        return -1;
    *v = x * mul;
    return 0;
}

/* An unsigned integer, decimal or 0x hex (never octal). */
static int parse_code(const char *s, uint64_t *v)
{
    return gs_num_u64(s, UINT64_MAX, v) == GS_NUM_OK ? 0 : -1;
}

static int parse_prob(const char *opt, const char *s, double *p)
{
    char *end;
    errno = 0;
    double v = strtod(s, &end);
    if (errno || end == s || *end != '\0' || !(v >= 0.0 && v < 1.0))
        return bad(opt, s, "not a probability in [0, 1)");
    *p = v;
    return 0;
}

int cosim_opts_parse(cosim_opts_t *o, int argc, char **argv)
{
    memset(o, 0, sizeof *o);
    gs_cli_init(&o->cli);
    o->seed = 1;
    o->max_errors = 10;
    o->timeout = 10000;
    o->latency = -1;
    o->trace_window = 200;
    o->jobs = 1;
    o->lanes = 1;
    o->progress = -1;
    const char *gain_range = NULL;
    bool any_stim = false;

    for (int i = 1; i < argc; i++) {
        int r = gs_cli_option(&o->cli, "cosim", argc, argv, &i);
        if (r < 0)
            return -1;
        if (r > 0)
            continue;
        const char *a = argv[i];
        if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
            fputs(cosim_usage, stdout);
            fputs(gs_cli_usage, stdout);
            return 1;
        }
        /* options without a value */
        if (!strcmp(a, "--corners")) { o->corners = any_stim = true; continue; }
        if (!strcmp(a, "--exhaustive")) { o->exhaustive = any_stim = true; continue; }
        if (!strcmp(a, "--all-gains")) { o->all_gains = true; continue; }
        if (!strcmp(a, "--fixed-gain")) { o->fixed_gain = true; continue; }
        if (!strcmp(a, "--trace-all")) { o->trace_all = true; continue; }
        if (!strcmp(a, "--progress")) { o->progress = 1; continue; }
        if (!strcmp(a, "--no-progress")) { o->progress = 0; continue; }
        if (!strcmp(a, "--quiet")) { o->quiet = true; continue; }
        if (!strcmp(a, "--rebuild")) { o->rebuild = true; continue; }
        static const char *const with_value[] = {
            "--vectors", "--random", "--seed", "--gain-range", "--stall", "--gap",
            "--backpressure", "--max-errors", "--timeout", "--latency", "--dump",
            "--trace", "--trace-window", "--coverage", "--netlist", "--rtl", "--jobs",
            "--param", "--use-dsp", "--rand-reset", "--lanes",
        };
        size_t k, n = sizeof with_value / sizeof with_value[0];
        for (k = 0; k < n && strcmp(a, with_value[k]) != 0; k++)
            ;
        if (k == n) {
            char q[GS_QUOTE_MAX];
            if (a[0] == '-')
                fprintf(stderr, "cosim: unknown option '%s' (see --help)\n", gs_quote(a, q));
            else
                fprintf(stderr, "cosim: unexpected argument '%s' (vectors: --vectors FILE)\n",
                        gs_quote(a, q));
            return -1;
        }
        if (i + 1 >= argc)
            return bad(a, NULL, "needs a value");
        const char *v = argv[++i];
        uint64_t u;
        if (!strcmp(a, "--vectors")) {
            o->vectors = v;
            any_stim = true;
        } else if (!strcmp(a, "--random")) {
            if (parse_count(v, &o->random_n) < 0)
                return bad(a, v, "not a count (e.g. 100000, 10k, 1M)");
            o->random = any_stim = true;
        } else if (!strcmp(a, "--seed")) {
            if (parse_code(v, &o->seed) < 0)
                return bad(a, v, "not an unsigned integer");
        } else if (!strcmp(a, "--gain-range")) {
            gain_range = v;
        } else if (!strcmp(a, "--stall")) {
            if (parse_prob(a, v, &o->gap_p) < 0)
                return -1;
            o->bp_p = o->gap_p;
        } else if (!strcmp(a, "--gap")) {
            if (parse_prob(a, v, &o->gap_p) < 0)
                return -1;
        } else if (!strcmp(a, "--backpressure")) {
            if (parse_prob(a, v, &o->bp_p) < 0)
                return -1;
        } else if (!strcmp(a, "--max-errors")) {
            if (parse_count(v, &o->max_errors) < 0 || o->max_errors == 0)
                return bad(a, v, "not a positive count");
        } else if (!strcmp(a, "--timeout")) {
            if (parse_count(v, &o->timeout) < 0 || o->timeout < 16)
                return bad(a, v, "not a count of cycles >= 16");
        } else if (!strcmp(a, "--latency")) {
            if (parse_count(v, &u) < 0 || u < 1 || u > 1000)
                return bad(a, v, "not a latency in cycles (1..1000)");
            o->latency = (int)u;
        } else if (!strcmp(a, "--dump")) {
            o->dump = v;
        } else if (!strcmp(a, "--trace")) {
            size_t len = strlen(v);
            if (len < 5 || (strcmp(v + len - 4, ".fst") && strcmp(v + len - 4, ".vcd")))
                return bad(a, v, "the file name must end in .fst or .vcd");
            o->trace = v;
        } else if (!strcmp(a, "--trace-window")) {
            if (parse_count(v, &o->trace_window) < 0 || o->trace_window == 0)
                return bad(a, v, "not a positive count of cycles");
        } else if (!strcmp(a, "--coverage")) {
            o->coverage = v;
        } else if (!strcmp(a, "--netlist")) {
            o->netlist = v;
        } else if (!strcmp(a, "--rtl")) {
            o->rtl = v;
        } else if (!strcmp(a, "--param")) {
            if (cosim_param_add(&o->params, v) < 0)
                return -1;
        } else if (!strcmp(a, "--use-dsp")) {
            if (strcmp(v, "0") && strcmp(v, "1"))
                return bad(a, v, "not 0 (LUT multiplier) or 1 (a*b, DSP blocks)");
            if (cosim_param_add(&o->params, !strcmp(v, "0") ? "USE_DSP=0" : "USE_DSP=1") < 0)
                return -1;
        } else if (!strcmp(a, "--rand-reset")) {
            if (parse_code(v, &u) < 0 || u < 1 || u > INT32_MAX)
                return bad(a, v, "not a seed (1..2147483647)");
            o->rand_reset = (uint32_t)u;
        } else if (!strcmp(a, "--lanes")) {
            if (parse_count(v, &u) < 0 || u < 1 || u > COSIM_MAX_LANES || (u & (u - 1)))
                return bad(a, v, "not a number of lanes (1, 2, 4, 8 or 16)");
            o->lanes = (int)u;
        } else { /* --jobs */
            if (parse_count(v, &u) < 0 || u < 1 || u > 64)
                return bad(a, v, "not a number of workers (1..64)");
            o->jobs = (int)u;
        }
    }
    if (gs_cli_finish(&o->cli, "cosim") < 0)
        return -1;
    const gs_config_t *c = &o->cli.cfg;
    if (gain_range) {
        const char *colon = strchr(gain_range, ':');
        uint64_t lo, hi;
        if (!colon ||
            gs_num_parse(gain_range, (size_t)(colon - gain_range), false, UINT64_MAX, &lo,
                         NULL, NULL) != GS_NUM_OK ||
            gs_num_u64(colon + 1, UINT64_MAX, &hi) != GS_NUM_OK)
            return bad("--gain-range", gain_range, "not LO:HI (gain codes, e.g. 0:32767)");
        if (lo > hi || !gs_code_fits_gain(c, hi))
            return bad("--gain-range", gain_range,
                       "needs LO <= HI, both codes of the gain format");
        o->g_lo = (uint32_t)lo;
        o->g_hi = (uint32_t)hi;
        o->all_gains = true;
    } else if (o->all_gains) {
        o->g_lo = 0;
        o->g_hi = (uint32_t)(((uint64_t)1 << c->gain.w) - 1);
    }
    if (o->all_gains && !o->exhaustive)
        return bad("--all-gains", NULL, "needs --exhaustive");
    if (o->exhaustive) {
        uint64_t ng = o->all_gains ? (uint64_t)o->g_hi - o->g_lo + 1 : 1;
        if (ng > ((uint64_t)1 << 40) >> c->in.w)
            return bad("--exhaustive", NULL,
                       "more than 2^40 samples: narrow the gains with --gain-range");
    }
    if (!any_stim) {
        o->corners = true;
        o->random = true;
        o->random_n = 100000;
    }
    if (o->rtl && o->netlist)
        return bad("--rtl", o->rtl, "cannot be combined with --netlist");
    if (o->params.n && o->netlist)
        return bad("--param", o->params.p[0].name, "a netlist has no parameters (--netlist)");
    if (o->trace_all && !o->trace)
        return bad("--trace-all", NULL, "needs --trace FILE");
    if (o->trace && o->jobs > 1)
        return bad("--trace", o->trace, "needs --jobs 1 (one model, one waveform)");
    if (o->coverage && o->jobs > 1)
        return bad("--coverage", o->coverage, "needs --jobs 1");
    if (o->trace && o->coverage)
        return bad("--trace", o->trace, "cannot be combined with --coverage");
    return 0;
}
