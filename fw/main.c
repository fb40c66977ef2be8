/*
 * main.c - gainstage firmware: the C model (cmodel/, compiled unchanged) on the
 * PicoRV32 against the gain_stage RTL as a bus peripheral (periph.c) and as a
 * custom instruction (pcpi.c; one sample, and two 16-bit lanes per word), for
 * directed and seeded random inputs and several gains. One UART line per
 * sample; tools/gscompare recomputes every line on the host. Line format
 * (README, "UART format"):
 *
 *   GS1 BEGIN in=s16.15 gain=u16.12 out=s16.15 ... paths=sw,hw,cp,cp1,cp2*CRC
 *   S <index> <x> <g> <sw_y> <sw_ovf> <hw_y> <hw_ovf> <cp_y> <cp_ovf> <cp1_y> <cp1_ovf>
 *     [<cp2_y> <cp2_ovf>]*CRC
 *   GS1 END n=<samples> mismatch=<count> ... result=PASS|FAIL*CRC
 *
 * CRC is CRC-16/CCITT-FALSE (poly 0x1021, init 0xffff) of the text before '*',
 * four upper-case hex digits, so a line garbled on the wire is told apart from
 * a wrong result.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "gainstage.h"
#include "gs_crc16.h"
#include "hw_paths.h"
#include "pcpi.h"
#include "soc.h"

#ifndef FW_NRANDOM
#define FW_NRANDOM 160 /* random samples after the directed ones */
#endif
#ifndef FW_SEED
#define FW_SEED 0x5eed1234u
#endif
#ifndef FW_BLOCK
#define FW_BLOCK 0 /* also time gs_eval_block_gain (needs ~12 KB more RAM) */
#endif
#ifndef FW_ISA
#define FW_ISA "rv32"
#endif


/* ---------------- UART lines ---------------- */

/* Run once a run (set-up, directed inputs, the header and the summary):
 * compiled for size, as gcc does code it knows to be rarely run. */
#define FW_ONCE __attribute__((cold))

/* The bench build's END line (every path's cycles/sample) is about 300 bytes. */
static char line[384];
static unsigned line_len;

static void put_ch(char c)
{
    if (line_len < sizeof line - 8) /* room for "*XXXX\n" */
        line[line_len++] = c;
}

static void put_str(const char *s)
{
    while (*s)
        put_ch(*s++);
}

/* 32-bit only: 64-bit division would pull 2.6 KB of libgcc into the RAM. */
static void put_u32(uint32_t v)
{
    char buf[12];
    unsigned n = 0;
    do {
        buf[n++] = (char)('0' + v % 10u);
        v /= 10u;
    } while (v);
    while (n)
        put_ch(buf[--n]);
}

static void put_i32(int32_t v)
{
    uint32_t m = (uint32_t)v;
    if (v < 0) {
        put_ch('-');
        m = 0u - m; /* magnitude, also for INT32_MIN */
    }
    put_u32(m);
}

static void put_hex(uint32_t v, unsigned digits)
{
    static const char hex[] = "0123456789ABCDEF";
    for (unsigned i = digits; i-- > 0;)
        put_ch(hex[(v >> (4 * i)) & 15u]);
}

FW_ONCE static void put_kv(const char *key, uint32_t v)
{
    put_ch(' ');
    put_str(key);
    put_ch('=');
    put_u32(v);
}

/* cycles / n with two decimals */
FW_ONCE static void put_per_sample(const char *key, uint32_t cycles, uint32_t n)
{
    if (n == 0)
        n = 1;
    uint32_t frac = (cycles % n) * 100u / n; /* n < 2^25: no overflow */
    put_kv(key, cycles / n);
    put_ch('.');
    put_ch((char)('0' + frac / 10u));
    put_ch((char)('0' + frac % 10u));
}

FW_ONCE static void put_fmt(const char *key, gs_fmt_t f)
{
    put_ch(' ');
    put_str(key);
    put_ch('=');
    put_ch(f.is_signed ? 's' : 'u');
    put_u32(f.w);
    put_ch('.');
    put_u32(f.f);
}

/* Seal the line with its CRC and send it. */
static void line_send(void)
{
    uint16_t crc = gs_crc16(line, line_len);
    line[line_len++] = '*';
    put_hex(crc, 4);
    line[line_len++] = '\n';
    for (unsigned i = 0; i < line_len; i++)
        SYS_UART_DATA = (uint8_t)line[i];
    line_len = 0;
}

/* ---------------- test data ---------------- */

static uint32_t rng_q;

static uint32_t rng(void) /* xorshift32 */
{
    uint32_t v = rng_q;
    v ^= v << 13;
    v ^= v >> 17;
    v ^= v << 5;
    rng_q = v;
    return v;
}

/* Low w bits of v as a signed code (w = 1..32). */
static int32_t sext(uint32_t v, unsigned w)
{
    if (w >= 32)
        return (int32_t)v;
    uint32_t sign = 1u << (w - 1);
    v &= (sign << 1) - 1u;
    return (int32_t)(v ^ sign) - (int32_t)sign;
}

static uint32_t zext(uint32_t v, unsigned w)
{
    return w >= 32 ? v : v & ((1u << w) - 1u);
}

/* ---------------- the check ---------------- */

static gs_config_t cfg;
static const gs_stage_t *stage; /* cfg prepared by its check: the model's fast paths */
static uint32_t batch_max;
static uint32_t n_samples, n_mismatch, n_swx, n_sw_ovf, n_hw_ovf;
static uint32_t sw_cyc;
#if FW_BLOCK
static uint32_t swb_cyc, swl_cyc, swg_cyc, swc_cyc, swf_cyc;
#endif
static uint32_t rdcycle_cost;
static unsigned n_paths; /* hardware paths (hw_paths.h) */

static int32_t bx[MAX_BATCH], ysw[MAX_BATCH];
#if FW_BLOCK
static int32_t y1[MAX_BATCH];
static uint32_t o1[(MAX_BATCH + 31) / 32];
#endif
static uint8_t osw[MAX_BATCH];

static uint32_t elapsed(uint32_t t0, uint32_t t1)
{
    uint32_t d = t1 - t0;
    return d > rdcycle_cost ? d - rdcycle_cost : 0;
}

static void put_result(int32_t y, uint8_t o)
{
    put_ch(' ');
    put_i32(y);
    put_ch(' ');
    put_ch((char)('0' + o));
}

/* Run n samples of bx[] with gain g through the model and the hardware paths
 * (hw_paths.c), timing each, then report them. */
static void run_batch(uint32_t g, uint32_t n)
{
    uint32_t t0, t1;

    /* model, one call per sample (the figure of merit) */
    t0 = soc_rdcycle();
    for (uint32_t i = 0; i < n; i++) {
        bool o;
        ysw[i] = gs_stage_eval(stage, bx[i], g, &o);
        osw[i] = o;
    }
    t1 = soc_rdcycle();
    sw_cyc += elapsed(t0, t1);

#if FW_BLOCK
    /* model, block API (packed flags): only in the big-RAM simulation
     * build; it must agree with the scalar call */
    t0 = soc_rdcycle();
    gs_stage_block_gain(stage, bx, g, y1, o1, n);
    t1 = soc_rdcycle();
    swb_cyc += elapsed(t0, t1);
    for (uint32_t i = 0; i < n; i++)
        if (y1[i] != ysw[i] || gs_ovf_bit(o1, i) != osw[i])
            n_swx++;
#endif

    hw_paths_run(bx, g, n, rdcycle_cost);

    for (uint32_t i = 0; i < n; i++) {
        put_ch('S');
        put_ch(' ');
        put_u32(n_samples++);
        put_ch(' ');
        put_i32(bx[i]);
        put_ch(' ');
        put_u32(g);
        put_result(ysw[i], osw[i]);
        bool differ = false;
        for (unsigned p = 0; p < n_paths; p++) {
            uint8_t o = hw_path_ovf(&hw_path[p], i);
            differ |= hw_path[p].y[i] != ysw[i] || o != osw[i];
            put_result(hw_path[p].y[i], o);
        }
        n_mismatch += differ;
        n_sw_ovf += osw[i];
        n_hw_ovf += hw_path_ovf(&hw_path[PATH_HW], i);
        line_send();
    }
}

/* The gain code of ~4.7 (R_f 47k / R_in 10k), for G_F <= 25. */
static uint32_t gain_4_7(void)
{
    return (47u << cfg.gain.f) / 10u;
}

#if FW_BLOCK
/* Long blocks of the random inputs' mix (two of 512 samples: a full-range
 * gain, a gain below 2.0), with one gain and with a gain per sample. Not in
 * the sample lines: each result is checked against the scalar call here and
 * a disagreement counts in swx, which gscompare requires to be 0. */
#define LONG_N 512
static int32_t lx[LONG_N], ly[LONG_N];
static uint32_t lg[LONG_N], lo[LONG_N / 32];

static void long_check(const uint32_t *g, uint32_t n)
{
    for (uint32_t i = 0; i < n; i++) {
        bool o;
        int32_t e = gs_eval(&cfg, lx[i], g[i], &o); /* not the timed scalar call */
        if (ly[i] != e || gs_ovf_bit(lo, i) != o)
            n_swx++;
    }
}

static void long_blocks(void)
{
    for (uint32_t k = 0; k < 2; k++) {
        uint32_t g = zext(rng(), cfg.gain.w);
        if (k && cfg.gain.f + 1u < cfg.gain.w)
            g &= (2u << cfg.gain.f) - 1u;
        for (uint32_t i = 0; i < LONG_N; i++) {
            lx[i] = sext(rng(), cfg.in.w);
            lg[i] = g;
        }
        uint32_t t0 = soc_rdcycle();
        gs_stage_block_gain(stage, lx, g, ly, lo, LONG_N);
        swl_cyc += elapsed(t0, soc_rdcycle());
        long_check(lg, LONG_N);
        for (uint32_t i = 0; i < LONG_N; i++) {
            lg[i] = zext(rng(), cfg.gain.w);
            if ((i & 1u) && cfg.gain.f + 1u < cfg.gain.w)
                lg[i] &= (2u << cfg.gain.f) - 1u;
        }
        t0 = soc_rdcycle();
        gs_stage_block(stage, lx, lg, ly, lo, LONG_N);
        swg_cyc += elapsed(t0, soc_rdcycle());
        long_check(lg, LONG_N);
    }
}

/* What blocks of 16 cost at least: a call with no sample (the call's share of
 * a block of 16 is a sixteenth of it), and a block of 16 whose samples are
 * all in range for the default profile (x = -8..7 at gain 4.7, the R_f 47k /
 * R_in 10k of the directed gains). Checked like the long blocks; an overflow
 * among them counts in swx too, as the figure would not be the floor. */
static void block_floor(void)
{
    uint32_t g = cfg.gain.f <= 25 ? gain_4_7() : 1u;
    if (!gs_code_fits_gain(&cfg, g))
        g = 1u;
    for (uint32_t i = 0; i < 16; i++) {
        lx[i] = (int32_t)i - 8;
        lg[i] = g;
    }
    uint32_t t0 = soc_rdcycle();
    gs_stage_block_gain(stage, lx, g, ly, lo, 0);
    uint32_t t1 = soc_rdcycle();
    gs_stage_block_gain(stage, lx, g, ly, lo, 16);
    uint32_t t2 = soc_rdcycle();
    swc_cyc = elapsed(t0, t1);
    swf_cyc = elapsed(t1, t2);
    long_check(lg, 16);
    n_swx += (lo[0] & 0xffffu) != 0;
}
#endif

/* Directed inputs: zero, small codes, the rails, and rounding ties. */
FW_ONCE static uint32_t directed_x(int32_t *xs)
{
    const unsigned w = cfg.in.w;
    const int64_t max = ((int64_t)1 << (w - 1)) - 1, min = -max - 1;
    int64_t cand[24];
    unsigned k = 0;
    const int64_t small[] = {0, 1, -1, 2, -2, 3, -3, 5, -5};
    for (unsigned i = 0; i < sizeof small / sizeof small[0]; i++)
        cand[k++] = small[i];
    cand[k++] = max;
    cand[k++] = min;
    cand[k++] = max - 1;
    cand[k++] = min + 1;
    cand[k++] = (max + 1) / 2;
    cand[k++] = min / 2;
    /* with g = 1 these land exactly on a rounding tie */
    if (cfg.shift > 0 && cfg.shift < 62) {
        int64_t half = (int64_t)1 << (cfg.shift - 1);
        cand[k++] = half;
        cand[k++] = -half;
        cand[k++] = 3 * half;
        cand[k++] = -3 * half;
    }
    uint32_t n = 0;
    for (unsigned i = 0; i < k && n < MAX_BATCH; i++)
        if (gs_code_fits_in(&cfg, cand[i]))
            xs[n++] = (int32_t)cand[i];
    return n;
}

FW_ONCE static uint32_t directed_gains(uint32_t *gs)
{
    uint64_t cand[8];
    unsigned k = 0;
    cand[k++] = 0;
    cand[k++] = 1;
    cand[k++] = 3;
    if (cfg.gain.f < 64)
        cand[k++] = (uint64_t)1 << cfg.gain.f;          /* 1.0 */
    if (cfg.gain.f > 0 && cfg.gain.f < 64)
        cand[k++] = (uint64_t)1 << (cfg.gain.f - 1);    /* 0.5 */
    if (cfg.gain.f <= 25)
        cand[k++] = gain_4_7();                          /* R_f 47k / R_in 10k */
    cand[k++] = cfg.gain.w >= 32 ? 0xffffffffu : ((uint64_t)1 << cfg.gain.w) - 1u;
    uint32_t n = 0;
    for (unsigned i = 0; i < k; i++)
        if (gs_code_fits_gain(&cfg, cand[i]))
            gs[n++] = (uint32_t)cand[i];
    return n;
}

FW_ONCE static void header(uint32_t depth)
{
    put_str("GS1 BEGIN");
    put_fmt("in", cfg.in);
    put_fmt("gain", cfg.gain);
    put_fmt("out", cfg.out);
    put_str(" round=");
    put_str(gs_round_name(cfg.round));
    put_str(" overflow=");
    put_str(gs_overflow_name(cfg.overflow));
    put_str(" seed=0x");
    put_hex(FW_SEED, 8);
    put_str(" isa=" FW_ISA);
    put_kv("clk", SYS_CLK_HZ);
    put_kv("depth", depth);
    put_str(" paths=sw");
    for (unsigned p = 0; p < n_paths; p++) {
        put_ch(',');
        put_str(hw_path_name[p]);
    }
    line_send();
}

FW_ONCE static int fail(const char *why, uint32_t value)
{
    put_str("GS1 ERROR ");
    put_str(why);
    put_str(" 0x");
    put_hex(value, 8);
    line_send();
    return 3;
}

int main(void)
{
    uint32_t info = GS_INFO;
    if (info >> 16 != GS_INFO_MAGIC)
        return fail("no gain_stage peripheral, INFO =", info);
    uint32_t depth = info & 0xffffu;
    batch_max = depth < MAX_BATCH ? depth : MAX_BATCH;
    if (batch_max == 0)
        return fail("peripheral FIFO depth is", depth);

    /* The model takes its configuration from the hardware's parameters. */
    uint32_t c0 = GS_CFG0, c1 = GS_CFG1;
    cfg.in = (gs_fmt_t){(uint8_t)(c0 >> 24), (uint8_t)(c0 >> 16), true};
    cfg.gain = (gs_fmt_t){(uint8_t)(c0 >> 8), (uint8_t)c0, false};
    cfg.out = (gs_fmt_t){(uint8_t)(c1 >> 24), (uint8_t)(c1 >> 16), true};
    if (((c1 >> 8) & 0xffu) >= GS_ROUND_COUNT || (c1 & 0xffu) >= GS_OVF_COUNT)
        return fail("unknown ROUND/OVERFLOW in CFG1 =", c1);
    cfg.round = (gs_round_t)((c1 >> 8) & 0xffu);
    cfg.overflow = (gs_overflow_t)(c1 & 0xffu);
#ifdef FW_PLANT_FAULT
    /* Test build only (make soc-test-faults): the model rounds differently
     * from the hardware, so ties must show up as mismatches everywhere. */
    cfg.round = cfg.round == GS_ROUND_FLOOR ? GS_ROUND_CEIL : GS_ROUND_FLOOR;
#endif
    gs_status_t st = gs_config_check(&cfg);
    stage = gs_config_stage(&cfg);
    if (st != GS_OK) {
        put_str("GS1 ERROR the model refuses the hardware configuration: ");
        put_str(gs_strerror(st));
        line_send();
        return 3;
    }

    /* Cost of the timing itself, subtracted from every measurement. */
    uint32_t t0 = soc_rdcycle();
    uint32_t t1 = soc_rdcycle();
    rdcycle_cost = t1 - t0;

    GS_STATUS = GS_ST_ERR_PUSH | GS_ST_ERR_POP;
    GS_OVF_CNT = 0;
    gs_stat(PCPI_ST_ERR_PUSH | PCPI_ST_ERR_POP);
    n_paths = hw_paths_init(cfg.in.w, cfg.out.w);
    header(depth);

    /* directed: every directed x with every directed gain */
    int32_t xs[MAX_BATCH];
    uint32_t gains[8];
    uint32_t nx = directed_x(xs), ng = directed_gains(gains);
    for (uint32_t j = 0; j < ng; j++) {
        uint32_t done = 0;
        while (done < nx) {
            uint32_t n = nx - done < batch_max ? nx - done : batch_max;
            for (uint32_t i = 0; i < n; i++)
                bx[i] = xs[done + i];
            run_batch(gains[j], n);
            done += n;
        }
    }

    /* seeded random: full-range x; gains alternately full-range and below 2.0 */
    rng_q = FW_SEED ? FW_SEED : 1u;
    uint32_t left = FW_NRANDOM, batch = 0;
    while (left) {
        uint32_t n = left < batch_max ? left : batch_max;
        uint32_t g = zext(rng(), cfg.gain.w);
        if ((batch & 1u) && cfg.gain.f + 1u < cfg.gain.w)
            g &= (2u << cfg.gain.f) - 1u;
        for (uint32_t i = 0; i < n; i++)
            bx[i] = sext(rng(), cfg.in.w);
        run_batch(g, n);
        left -= n;
        batch++;
    }

#if FW_BLOCK
    long_blocks();
    block_floor();
#endif
    uint32_t status = GS_STATUS;
    uint32_t ovf_cnt = GS_OVF_CNT;
    uint32_t cp_status = gs_stat(0);
    bool pass = n_mismatch == 0 && n_swx == 0 && ovf_cnt == n_hw_ovf &&
                (status & (GS_ST_ERR_PUSH | GS_ST_ERR_POP)) == 0 &&
                (cp_status & (PCPI_ST_ERR_PUSH | PCPI_ST_ERR_POP)) == 0;

    put_str("GS1 END");
    put_kv("n", n_samples);
    put_kv("mismatch", n_mismatch);
    put_kv("swx", n_swx);
    put_kv("sw_ovf", n_sw_ovf);
    put_kv("hw_ovf", n_hw_ovf);
    put_kv("hw_ovf_cnt", ovf_cnt);
    put_kv("sw_cyc", sw_cyc);
#if FW_BLOCK
    put_kv("swb_cyc", swb_cyc);
#endif
    put_kv("hw_cyc", hw_path[PATH_HW].cyc);
    put_per_sample("sw_cps", sw_cyc, n_samples);
#if FW_BLOCK
    put_per_sample("swb_cps", swb_cyc, n_samples);
    put_per_sample("swbf_cps", swf_cyc, 16);
    put_per_sample("swbc_cps", swc_cyc, 16);
    put_per_sample("swl_cps", swl_cyc, 2 * LONG_N);
    put_per_sample("swg_cps", swg_cyc, 2 * LONG_N);
#endif
    for (unsigned p = 0; p < n_paths; p++)
        put_per_sample(hw_path_cps_key[p], hw_path[p].cyc, n_samples);
    put_str(" status=0x");
    put_hex(status, 8);
    put_str(" cp_status=0x");
    put_hex(cp_status, 8);
    put_str(pass ? " result=PASS" : " result=FAIL");
    line_send();
    return pass ? 0 : 1;
}
