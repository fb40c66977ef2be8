/*
 * test_stimulus.c - the special gains of the stimulus (make cosim-test): the
 * corners and the random samples use one list, and every gain in it is what its
 * name says - 0, 1 LSB, max, max - 1, 2^(G_W-1), and 1.0 and 1.0 + 1 LSB only
 * where 1.0 is a code of the format - none wrapped, none listed twice (so none
 * drawn twice as often by the random stimulus). The expected list is written
 * here from those names, not taken from the harness.
 * Usage: test_stimulus  (exit 0 pass, 1 fail)
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "run.h"

/* config.c checks the model build: this test has none, so it matches. */
static dut_info_t stub;
const dut_info_t *dut_info(void) { return &stub; }

static int fails;

int check_shares(void);

/* options (argv NULL-terminated) -> a context for a stub model of that
 * configuration: 0, or nonzero when refused */
int test_ctx(cosim_opts_t *o, ctx_t *t, char **argv)
{
    int argc = 0;
    while (argv[argc])
        argc++;
    if (cosim_opts_parse(o, argc, argv) != 0)
        return 1;
    const gs_config_t *c = &o->cli.cfg;
    stub = (dut_info_t){ c->in.w, c->in.f, c->gain.w, c->gain.f, c->out.w, c->out.f,
                         (int)c->round, (int)c->overflow, 0, 0, 0, "none", 1 };
    return ctx_init(t, o);
}

#define N_RAND (1u << 20)

static int in_set(const uint32_t *s, int n, uint32_t g)
{
    for (int i = 0; i < n; i++)
        if (s[i] == g)
            return 1;
    return 0;
}

static int add(uint32_t *s, int n, uint32_t g)
{
    if (!in_set(s, n, g))
        s[n++] = g;
    return n;
}

/* One gain format: corners and 2^20 random samples at a gain code away from the
 * special ones (gain_code), so that its neighbours do not blur the counts. */
static void check(const char *gfmt, int gw, int gf, const char *gain_code, int random_too)
{
    char *argv[] = { "test_stimulus", "--in", "s12.4", "--gain-fmt", (char *)gfmt, "--out",
                     "s16.6", "--gain-code", (char *)gain_code, "--corners", "--random", "1M",
                     "--seed", "7", NULL };
    cosim_opts_t o;
    if (cosim_opts_parse(&o, (int)(sizeof argv / sizeof argv[0]) - 1, argv) != 0) {
        printf("test_stimulus: FAIL %s: options refused\n", gfmt);
        fails++;
        return;
    }
    const gs_config_t *c = &o.cli.cfg;
    stub = (dut_info_t){ c->in.w, c->in.f, c->gain.w, c->gain.f, c->out.w, c->out.f,
                         (int)c->round, (int)c->overflow, 0, 0, 0, "none", 1 };
    ctx_t t;
    if (ctx_init(&t, &o) != 0) {
        printf("test_stimulus: FAIL %s: ctx_init\n", gfmt);
        fails++;
        return;
    }
    uint32_t gmax = (uint32_t)(((uint64_t)1 << gw) - 1), gain = t.gain;
    uint32_t e[8];
    int ne = 0;
    ne = add(e, ne, 0);
    ne = add(e, ne, 1 & gmax);
    ne = add(e, ne, gmax);
    if (gmax > 0)
        ne = add(e, ne, gmax - 1);
    ne = add(e, ne, (uint32_t)1 << (gw - 1));
    if (gf < gw) {                       /* 1.0 is a code of the format */
        uint64_t one = (uint64_t)1 << gf;
        ne = add(e, ne, (uint32_t)one);
        if (one + 1 <= gmax)
            ne = add(e, ne, (uint32_t)(one + 1));
    }
    /* corners: the configured gain, the special ones, and 3 */
    uint32_t want[10], got[64];
    int nw = 0, ng = 0, bad = 0;
    nw = add(want, nw, gain);
    for (int i = 0; i < ne; i++)
        nw = add(want, nw, e[i]);
    nw = add(want, nw, 3 & gmax);
    for (size_t i = 0; i < t.nc && ng < 64; i++)
        ng = add(got, ng, t.cg[i]);
    bad = ng != nw;
    for (int i = 0; i < nw; i++)
        bad |= !in_set(got, ng, want[i]);
    printf("test_stimulus: %s %s: corners use %d gains, %d expected\n", bad ? "FAIL" : "ok  ",
           gfmt, ng, nw);
    fails += bad;
    if (!random_too)
        goto out;

    /* random: every special gain drawn about as often as the others (a slot
     * of its own: ~N/64), no other gain that often (outside the configured
     * gain's neighbours, which the stimulus favours on purpose) */
    int32_t *x = malloc(N_RAND * sizeof *x);
    uint32_t *g = malloc(N_RAND * sizeof *g);
    uint32_t *cnt = calloc((size_t)gmax + 1, sizeof *cnt);
    if (!x || !g || !cnt) {
        printf("test_stimulus: out of memory\n");
        exit(1);
    }
    gen_samples(&t, t.base_rand, N_RAND, x, g);
    for (uint32_t i = 0; i < N_RAND; i++)
        cnt[g[i]]++;
    uint32_t lo = UINT32_MAX, hi = 0, stray = 0, stray_n = 0;
    for (int i = 0; i < ne; i++) {
        lo = cnt[e[i]] < lo ? cnt[e[i]] : lo;
        hi = cnt[e[i]] > hi ? cnt[e[i]] : hi;
    }
    for (uint32_t v = 0; v <= gmax; v++) {
        int near = ((v - gain + 1) & gmax) <= 3;
        if (!in_set(e, ne, v) && !near && cnt[v] > N_RAND / 90 && cnt[v] > stray_n) {
            stray = v;
            stray_n = cnt[v];
        }
    }
    bad = lo < N_RAND / 80 || (double)hi > 1.5 * lo || stray_n;
    printf("test_stimulus: %s %s: random draws the %d special gains %u..%u times each "
           "in %u samples", bad ? "FAIL" : "ok  ", gfmt, ne, lo, hi, N_RAND);
    if (stray_n)
        printf("; gain %u %u times", stray, stray_n);
    printf("\n");
    fails += bad;
    free(x);
    free(g);
    free(cnt);
out:
    free(t.cx);
    free(t.cg);
}

/* The random stream is counter-based: samples [j0, j0 + n) are the same in one call
 * or cut in two anywhere, also across j = 2^32 (where the keys change), and the
 * keys do change there (not the same samples as from j = 0). */
static void check_slices(void)
{
    char *argv[] = { "test_stimulus", "--random", "1k", "--seed", "9", NULL };
    cosim_opts_t o;
    ctx_t t;
    int rc = test_ctx(&o, &t, argv);
    if (rc != 0) {
        printf("test_stimulus: FAIL slices: options refused\n");
        fails++;
        return;
    }
    enum { N = 1000 };
    static int32_t x1[N], x2[N], x0[N];
    static uint32_t g1[N], g2[N], g0[N];
    const uint64_t starts[] = { 0, 12345, ((uint64_t)1 << 32) - 300, ((uint64_t)1 << 33) - 1 };
    int bad = 0;
    for (size_t s = 0; s < sizeof starts / sizeof starts[0]; s++) {
        gen_random(&t, starts[s], N, x1, g1);
        for (size_t cut = 1; cut < N; cut += 97) {
            gen_random(&t, starts[s], cut, x2, g2);
            gen_random(&t, starts[s] + cut, N - cut, x2 + cut, g2 + cut);
            bad |= memcmp(x1, x2, sizeof x1) != 0 || memcmp(g1, g2, sizeof g1) != 0;
        }
    }
    gen_random(&t, 0, N, x0, g0);
    gen_random(&t, (uint64_t)1 << 32, N, x1, g1);
    bad |= memcmp(x0, x1, sizeof x0) == 0 && memcmp(g0, g1, sizeof g0) == 0;
    printf("test_stimulus: %s random samples the same in one block or in slices (also across "
           "2^32)\n", bad ? "FAIL" : "ok  ");
    fails += bad;
    free(t.cx);
    free(t.cg);
}

int main(void)
{
    check_slices();
    check("u16.12", 16, 12, "1000", 1);  /* the default: 1.0 and 1.0 + 1 LSB exist */
    check("u8.8", 8, 8, "77", 1);        /* G_F = G_W: no 1.0 */
    check("u8.10", 8, 10, "77", 1);      /* G_F > G_W */
    check("u12.11", 12, 11, "777", 1);   /* 1.0 = 2^(G_W-1) */
    check("u10.0", 10, 0, "77", 1);      /* 1.0 = 1 LSB */
    check("u1.0", 1, 0, "0", 0);         /* one bit: corners only */
    check("u2.2", 2, 2, "2", 0);
    fails += check_shares();
    printf("test_stimulus: %s\n", fails ? "FAIL" : "PASS");
    return fails != 0;
}
