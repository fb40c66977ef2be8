// bare_main.cpp - the reference of the benchmark: the same Verilated model as
// cosim's, driven as a Verilator testbench does it (inputs set with clk low,
// eval(), clk high, eval(): two evals per cycle), with full-rate samples and no
// checking at all. (cosim's full-rate path evaluates the model once a cycle
// where it can: --as-cosim below.)
// With LANES > 1 (cosim --lanes N) every lane takes a sample each cycle: the
// samples/s of the bare loop are LANES x its cycles/s.
// Stimulus: a Weyl sequence (the default), or with STIMFILE the samples of a
// file written by stim_dump (cosim's own stimulus: pairs of uint32 x, g),
// read once (with lanes, packed into the ports' words once) and cycled through
// (information only: how fast the model runs on that stimulus, with nothing
// generated or checked).
// --as-cosim: the model evaluated as cosim's full-rate path does it (sim/model_eval.h:
// one eval a cycle by the root's _eval, model_rise, where model_one_eval_check()
// finds it the same; else two eval() as without it): information, what that saves on the model
// alone; the reference row is without it.
// Usage: bare [--as-cosim] CYCLES [STIMFILE]
//   -> prints "bare: CYCLES cycles, S s, R Mcycles/s, L lanes: R' Msamples/s".
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <vector>

#include "Vcosim_top.h"
#include "model_eval.h"
#include "verilated.h"

#ifndef P_LANES
#define P_LANES 1
#endif
#if P_LANES > 1
#include "dut_lanes.h"   // the lanes' port words, as dut_vl.cpp writes them
#endif

// A wide port (several lanes) written / read as 32-bit words.
template <typename T> static inline void put(T &p, uint32_t v, int bits)
{
    p = (T)(bits >= 64 ? ((uint64_t)v << 32 | v) : (((uint64_t)v << 32 | v) & ((1ull << bits) - 1)));
}
template <std::size_t N> static inline void put(VlWide<N> &p, uint32_t v, int bits)
{
    for (std::size_t i = 0; i < N; i++)
        p[i] = v ^ (uint32_t)(i * 0x9e3779b9u);
    if (bits % 32)
        p[N - 1] &= (1u << (bits % 32)) - 1;
}
template <typename T> static inline unsigned long long low(const T &p) { return (unsigned long long)p; }
template <std::size_t N> static inline unsigned long long low(const VlWide<N> &p) { return p.at(0); }

static std::vector<uint32_t> read_stim(const char *path)
{
    std::vector<uint32_t> v;
    FILE *f = std::fopen(path, "rb");
    if (!f) {
        std::perror(path);
        std::exit(2);
    }
    uint32_t buf[8192];
    size_t k;
    while ((k = std::fread(buf, sizeof *buf, 8192, f)) > 0)
        v.insert(v.end(), buf, buf + k);
    std::fclose(f);
    size_t per = 2 * P_LANES;   // one cycle's samples
    v.resize(v.size() / per * per);
    if (v.empty()) {
        std::fprintf(stderr, "bare: %s: no samples for %d lanes\n", path, P_LANES);
        std::exit(2);
    }
    return v;
}

// A cycle's evals once its inputs are set, its outputs read between them: two
// eval(), or with ONE (--as-cosim) one model_rise(), the outputs read before it.
template <bool ONE> static inline void cycle_eval(Vcosim_top &top, unsigned long long &sink)
{
    if (!ONE) {
        top.clk = 0;
        top.eval();
    }
    sink += low(top.m_data) ^ top.m_valid;  // keeps the outputs live
    if (ONE) {
        model_rise(&top);
    } else {
        top.clk = 1;
        top.eval();
    }
}

// The timed loop: n cycles, full rate; returns a bit of the outputs (kept live).
template <bool ONE>
static unsigned long long run(Vcosim_top &top, unsigned long long n, const std::vector<uint32_t> &stim)
{
#if P_LANES == 1
    const unsigned imask = (unsigned)((1ull << P_IN_W) - 1);
    const unsigned gmask = (unsigned)((1ull << P_G_W) - 1);
#endif
    unsigned long long sink = 0;
    unsigned x = 0;
    if (!stim.empty()) {
        const uint32_t *s = stim.data(), *se = s + stim.size();
        for (unsigned long long c = 0; c < n; c++) {
#if P_LANES == 1
            top.s_data = s[0];
            top.s_gain = s[1];
            s += 2;
#else
            put_words(top.s_data, s);
            put_words(top.s_gain, s + NW);
            s += 2 * NW;
#endif
            if (s == se)
                s = stim.data();
            cycle_eval<ONE>(top, sink);
        }
    } else {
        for (unsigned long long c = 0; c < n; c++) {
#if P_LANES == 1
            top.s_data = x & imask;
            top.s_gain = (x >> 7) & gmask;
#else
            put(top.s_data, x, P_LANES * P_IN_W);
            put(top.s_gain, x >> 7, P_LANES * P_G_W);
#endif
            x += 0x9e3779b9u;
            cycle_eval<ONE>(top, sink);
        }
    }
    return sink;
}

int main(int argc, char **argv)
{
    bool one = argc > 1 && std::strcmp(argv[1], "--as-cosim") == 0;
    if (one) {
        argv++;
        argc--;
#if MODEL_ROOT_EVAL
        one = model_one_eval_check() == 0;
#else
        one = false;
#endif
    }
    if (argc != 2 && argc != 3) {
        std::fprintf(stderr, "usage: bare [--as-cosim] CYCLES [STIMFILE]\n");
        return 2;
    }
    char *end;
    unsigned long long n = std::strtoull(argv[1], &end, 10);
    if (*end != '\0' || n == 0) {
        std::fprintf(stderr, "bare: '%s': not a positive cycle count\n", argv[1]);
        return 2;
    }
    std::vector<uint32_t> stim;
    if (argc == 3)
        stim = read_stim(argv[2]);
#if P_LANES > 1
    // a cycle's port words packed once, here: the loop only writes them (the
    // model alone, as the row says; cosim packs in dut_batch and pays for it)
    std::vector<uint32_t> words(stim.size() / (2 * P_LANES) * 2 * NW);
    for (size_t c = 0, k = 0; k < stim.size(); c++, k += 2 * P_LANES) {
        pack(&words[2 * NW * c], &stim[k], 2, P_IN_W);
        pack(&words[2 * NW * c + NW], &stim[k + 1], 2, P_G_W);
    }
    stim.swap(words);
#endif
    VerilatedContext ctx;
    Vcosim_top top(&ctx, "TOP");
    top.clk = 1;
    top.rst = 1;
    top.eval();
    for (int k = 0; k < 2; k++) {
        top.clk = 0;
        top.eval();
        top.clk = 1;
        top.eval();
    }
    top.rst = 0;
    top.m_ready = (1ull << P_LANES) - 1;
    top.s_valid = (1ull << P_LANES) - 1;
    auto t0 = std::chrono::steady_clock::now();
    unsigned long long sink = one ? run<true>(top, n, stim) : run<false>(top, n, stim);
    double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    top.final();
    std::printf("bare: %llu cycles, %.3f s, %.3f Mcycles/s, %d lanes: %.3f Msamples/s "
                "(sink %llu)\n", n, s, (double)n / s / 1e6, P_LANES,
                (double)n * P_LANES / s / 1e6, sink & 1);
    return 0;
}
