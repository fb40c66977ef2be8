/*
 * cosim.c - the `cosim` command (SPEC section 6). It parses and checks the
 * whole command line (the same parser as the simulator), picks the build of
 * this configuration - build/cosim/<key>/, one per distinct set of RTL
 * parameters (or per netlist), per variant (plain, traced, coverage) - has make
 * bring it up to date (sim/cosim_build.mk: rebuilt only when a source changed),
 * then runs it with the same arguments. Concurrent cosim runs on one key wait
 * for each other's build (flock).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cosim_opts.h"

#ifndef COSIM_SRCDIR
#error "COSIM_SRCDIR (the repository root) must be defined"
#endif
#ifndef COSIM_BUILDDIR
#error "COSIM_BUILDDIR (the build directory) must be defined"
#endif

static uint64_t fnv1a(const char *s)
{
    uint64_t h = 0xcbf29ce484222325ull;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 0x100000001b3ull;
    return h;
}

static int mkdirs(const char *path)
{
    char buf[PATH_MAX + 1024];
    if (strlen(path) >= sizeof buf)
        return -1;
    memcpy(buf, path, strlen(path) + 1);
    for (char *p = buf + 1; *p; p++) {
        if (*p == '/') {
            *p = '\0';
            if (mkdir(buf, 0777) < 0 && errno != EEXIST)
                return -1;
            *p = '/';
        }
    }
    return mkdir(buf, 0777) < 0 && errno != EEXIST ? -1 : 0;
}

/* Run argv with stdout and stderr to log (or inherited if NULL); exit status. */
static int run(char *const argv[], const char *log)
{
    pid_t pid = fork();
    if (pid < 0)
        return -1;
    if (pid == 0) {
        if (log) {
            int fd = open(log, O_WRONLY | O_CREAT | O_TRUNC, 0666);
            if (fd < 0)
                _exit(127);
            dup2(fd, 1);
            dup2(fd, 2);
            close(fd);
        } else {
            dup2(2, 1); /* build chatter goes to stderr, never into stdout */
        }
        if (chdir(COSIM_SRCDIR) < 0)
            _exit(127);
        execvp(argv[0], argv);
        _exit(127);
    }
    int st;
    if (waitpid(pid, &st, 0) < 0)
        return -1;
    return WIFEXITED(st) ? WEXITSTATUS(st) : 128;
}

static void tail(const char *path, int lines)
{
    FILE *f = fopen(path, "r");
    if (!f)
        return;
    static char buf[1 << 16];
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    buf[n] = '\0';
    char *p = buf + n;
    int k = 0;
    while (p > buf && k <= lines)
        if (*--p == '\n')
            k++;
    fprintf(stderr, "%s%s", p == buf ? "" : "...\n", p == buf ? p : p + 1);
}

/*
 * A netlist's ports must have the widths of the configuration given (the
 * netlist has no parameters): read the port declarations of module gain_stage
 * (yosys write_verilog style, "input [15:0] s_data;") and compare.
 */
static int netlist_ports(const char *path, const gs_config_t *c)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        fprintf(stderr, "cosim: --netlist %s: %s\n", path, strerror(errno));
        return -1;
    }
    static const char *const names[3] = { "s_data", "s_gain", "m_data" };
    const char *what[3] = { "--in", "--gain-fmt", "--out" };
    int want[3] = { c->in.w, c->gain.w, c->out.w }, seen[3] = { 0, 0, 0 };
    char line[4096];
    unsigned long ln = 0;
    int in_mod = 0, bad = 0;
    while (fgets(line, sizeof line, f)) {
        ln++;
        char kw[16], name[128];
        int msb, lsb;
        if (sscanf(line, " module %127[A-Za-z0-9_$\\]", name) == 1) {
            in_mod = !strcmp(name, "gain_stage");
            continue;
        }
        if (!in_mod)
            continue;
        if (strstr(line, "endmodule"))
            break;
        int w = 1;
        if (sscanf(line, " %15[a-z] [%d:%d] %127[A-Za-z0-9_]", kw, &msb, &lsb, name) == 4)
            w = (msb > lsb ? msb - lsb : lsb - msb) + 1;
        else if (sscanf(line, " %15[a-z] %127[A-Za-z0-9_]", kw, name) != 2)
            continue;
        if (strcmp(kw, "input") && strcmp(kw, "output"))
            continue;
        for (int k = 0; k < 3; k++) {
            if (strcmp(name, names[k]))
                continue;
            seen[k] = 1;
            if (w != want[k]) {
                fprintf(stderr, "cosim: %s:%lu: port %s is %d bits wide, but %s gives %d: "
                        "give the configuration the netlist was synthesized for\n",
                        path, ln, name, w, what[k], want[k]);
                bad = 1;
            }
        }
    }
    fclose(f);
    for (int k = 0; k < 3 && !bad; k++) {
        if (!seen[k]) {
            fprintf(stderr, "cosim: %s: no port %s in a module gain_stage (a yosys "
                    "write_verilog netlist of gain_stage is expected)\n", path, names[k]);
            bad = 1;
        }
    }
    return bad ? -1 : 0;
}

int main(int argc, char **argv)
{
    /* --model-dir (the driver's own option): build this configuration's model
     * and its bare Verilator loop, print the model's directory, run nothing
     * (the benchmark finds the bare loop of the same build this way). */
    int model_dir = 0, m = 1;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--model-dir") == 0)
            model_dir = 1;
        else
            argv[m++] = argv[i];
    }
    argc = m;
    argv[argc] = NULL;
    cosim_opts_t o;
    unsetenv(COSIM_VECTORS_ENV); /* only this driver sets them, for its simulator */
    int r = cosim_opts_parse(&o, argc, argv);
    if (r != 0)
        return r > 0 ? 0 : 2;
    /* bad vectors are reported before any build */
    if (cosim_opts_load(&o) < 0)
        return 2;

    const gs_config_t *c = &o.cli.cfg;
    const char *variant = "fast";
    if (o.trace) {
        size_t len = strlen(o.trace);
        variant = strcmp(o.trace + len - 4, ".vcd") ? "fst" : "vcd";
    } else if (o.coverage) {
        variant = "cov";
    }
    char key[512], netabs[PATH_MAX] = "";
    char kvar[48];                      /* the variant, and the lanes if more than one */
    if (o.lanes > 1)
        snprintf(kvar, sizeof kvar, "%s-l%d", variant, o.lanes);
    else
        snprintf(kvar, sizeof kvar, "%s", variant);
    char fmts[96];
    snprintf(fmts, sizeof fmts, "s%u.%u-u%u.%u-s%u.%u", c->in.w, c->in.f, c->gain.w, c->gain.f,
             c->out.w, c->out.f);
    const char *alt = o.netlist ? o.netlist : o.rtl;
    if (alt) {
        if (!realpath(alt, netabs)) {
            fprintf(stderr, "cosim: %s %s: %s\n", o.netlist ? "--netlist" : "--rtl", alt,
                    strerror(errno));
            return 2;
        }
        if (o.netlist && netlist_ports(o.netlist, c) < 0)
            return 2;
        const char *base = strrchr(netabs, '/') ? strrchr(netabs, '/') + 1 : netabs;
        char b[64];
        snprintf(b, sizeof b, "%s", base);
        for (char *p = b; *p; p++)
            if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
                  (*p >= '0' && *p <= '9') || *p == '-' || *p == '_'))
                *p = '_';
        /* a netlist has its modes baked in, but the harness is compiled with
         * them (dut_info), so they belong in the key as for any build */
        snprintf(key, sizeof key, "%s-%s-%08llx-%s-%s-%s-%s", o.netlist ? "net" : "alt", b,
                 (unsigned long long)(fnv1a(netabs) & 0xffffffffu), fmts,
                 gs_round_name(c->round), gs_overflow_name(c->overflow), kvar);
    } else {
        snprintf(key, sizeof key, "rtl-%s-%s-%s-%s", fmts, gs_round_name(c->round),
                 gs_overflow_name(c->overflow), kvar);
    }
    /* extra parameters (checked against the RTL's own) and random reset values
     * make other builds: they are part of the key */
    if (cosim_param_check(&o.params, alt ? netabs : COSIM_SRCDIR "/rtl/gain_stage.v") < 0)
        return 2;
    char plist[COSIM_PARAM_MAX * 48], a_xp[COSIM_PARAM_MAX * 48 + 16];
    cosim_param_list(&o.params, "-", plist, sizeof plist);
    for (char *p = plist; *p; p++)
        *p = *p == '=' ? '_' : *p;
    size_t kl = strlen(key);
    snprintf(key + kl, sizeof key - kl, "%s%s", plist, o.rand_reset ? "-xrand" : "");
    cosim_param_list(&o.params, " ", plist, sizeof plist);
    snprintf(a_xp, sizeof a_xp, "XPARAMS=%s", plist);
    char dir[PATH_MAX + 640], lock[PATH_MAX + 660], bin[PATH_MAX + 700], log[PATH_MAX + 700];
    snprintf(dir, sizeof dir, "%s/cosim/%s", COSIM_BUILDDIR, key);
    snprintf(lock, sizeof lock, "%s/cosim/%s.lock", COSIM_BUILDDIR, key);
    snprintf(bin, sizeof bin, "%s/cosim-sim", dir);
    snprintf(log, sizeof log, "%s/build.log", dir);
    if (mkdirs(dir) < 0) {
        fprintf(stderr, "cosim: cannot create %s: %s\n", dir, strerror(errno));
        return 2;
    }
    int lfd = open(lock, O_RDWR | O_CREAT, 0666);
    if (lfd < 0 || flock(lfd, LOCK_EX) < 0) {
        fprintf(stderr, "cosim: cannot lock %s: %s\n", lock, strerror(errno));
        return 2;
    }
    char a_lanes[32];
    char a_out[PATH_MAX + 660], a_p[8][32], a_net[PATH_MAX + 16], a_var[32], a_mk[PATH_MAX];
    int vals[8] = { c->in.w, c->in.f, c->gain.w, c->gain.f, c->out.w, c->out.f, (int)c->round,
                    (int)c->overflow };
    static const char *const names[8] = { "IN_W", "IN_F", "G_W", "G_F", "OUT_W", "OUT_F",
                                          "ROUND", "OVERFLOW" };
    char *mk[26];
    int n = 0;
    snprintf(a_mk, sizeof a_mk, "%s/sim/cosim_build.mk", COSIM_SRCDIR);
    snprintf(a_out, sizeof a_out, "OUT=%s", dir);
    snprintf(a_var, sizeof a_var, "VARIANT=%s", variant);
    snprintf(a_lanes, sizeof a_lanes, "LANES=%d", o.lanes);
    snprintf(a_net, sizeof a_net, "%s=%s", o.rtl ? "RTL" : "NETLIST", netabs);
    mk[n++] = "make";
    mk[n++] = "--no-print-directory";
    mk[n++] = "-f";
    mk[n++] = a_mk;
    mk[n++] = a_out;
    mk[n++] = a_var;
    mk[n++] = a_net;
    mk[n++] = a_lanes;
    if (o.params.n)
        mk[n++] = a_xp;
    if (o.rand_reset)
        mk[n++] = "XRAND=1";
    for (int k = 0; k < 8; k++) {
        snprintf(a_p[k], sizeof a_p[k], "%s=%d", names[k], vals[k]);
        mk[n++] = a_p[k];
    }
    if (o.rebuild)
        mk[n++] = "-B";
    char target[PATH_MAX + 700], bare[PATH_MAX + 700];
    snprintf(bare, sizeof bare, "%s/bare", dir);
    if (model_dir)
        mk[n++] = bare;
    snprintf(target, sizeof target, "%s", bin);
    mk[n++] = target;
    mk[n] = NULL;
    /* make -q: is anything out of date? Then say that we build, and log it.
     * First the objects shared by all configurations (under their own lock),
     * then this configuration's model. */
    char *q[28];
    memcpy(q, mk, sizeof(char *) * 2);
    q[2] = "-q";
    memcpy(q + 3, mk + 2, sizeof(char *) * (size_t)(n - 1));
    int uptodate = !o.rebuild && run(q, "/dev/null") == 0;
    if (!uptodate) {
        if (!o.quiet)
            fprintf(stderr, "cosim: building the Verilator model %s (log: %s)\n", dir, log);
        char clock_[PATH_MAX + 32];
        snprintf(clock_, sizeof clock_, "%s/cosim/common.lock", COSIM_BUILDDIR);
        int cfd = open(clock_, O_RDWR | O_CREAT, 0666);
        if (cfd < 0 || flock(cfd, LOCK_EX) < 0) {
            fprintf(stderr, "cosim: cannot lock %s: %s\n", clock_, strerror(errno));
            return 2;
        }
        mk[n - 1] = "common";
        int rc = run(mk, log);
        flock(cfd, LOCK_UN);
        close(cfd);
        mk[n - 1] = target;
        const char *failed_log = log;
        static char log2[PATH_MAX + 720];
        if (rc == 0) {
            snprintf(log2, sizeof log2, "%s.model", log);
            rc = run(mk, log2);
            failed_log = log2;
        }
        if (rc != 0) {
            fprintf(stderr, "cosim: building %s failed (exit %d); end of %s:\n", key, rc,
                    failed_log);
            tail(failed_log, 25);
            return 2;
        }
    }
    flock(lfd, LOCK_UN);
    close(lfd);
    if (model_dir) {
        printf("%s\n", dir);
        return 0;
    }
    /* the simulator gets the vectors read here: stdin, pipes, FIFOs are read once */
    if (cosim_opts_handoff(&o) < 0)
        return 2;
    free(o.vec);
    argv[0] = bin;
    execv(bin, argv);
    fprintf(stderr, "cosim: cannot run %s: %s\n", bin, strerror(errno));
    return 2;
}
