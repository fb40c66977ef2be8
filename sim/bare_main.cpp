// bare_main.cpp - the speed ceiling for the benchmark: the same Verilated model
// as cosim's, driven the same way (inputs set with clk low, eval, clk high,
// eval: two evals per cycle) with full-rate samples and no checking at all.
// With LANES > 1 (cosim --lanes N) every lane takes a sample each cycle: the
// samples/s of the bare loop are LANES x its cycles/s.
// Usage: bare CYCLES  -> prints "bare: CYCLES cycles, S s, R Mcycles/s, L lanes".
#include <chrono>
#include <cstdio>
#include <cstdlib>

#include "Vcosim_top.h"
#include "verilated.h"

#ifndef P_LANES
#define P_LANES 1
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

int main(int argc, char **argv)
{
    if (argc != 2) {
        std::fprintf(stderr, "usage: bare CYCLES\n");
        return 2;
    }
    char *end;
    unsigned long long n = std::strtoull(argv[1], &end, 10);
    if (*end != '\0' || n == 0) {
        std::fprintf(stderr, "bare: '%s': not a positive cycle count\n", argv[1]);
        return 2;
    }
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
#if P_LANES == 1
    const unsigned imask = (unsigned)((1ull << P_IN_W) - 1);
    const unsigned gmask = (unsigned)((1ull << P_G_W) - 1);
#endif
    unsigned long long sink = 0;
    unsigned x = 0;
    auto t0 = std::chrono::steady_clock::now();
    for (unsigned long long c = 0; c < n; c++) {
        top.clk = 0;
#if P_LANES == 1
        top.s_data = x & imask;
        top.s_gain = (x >> 7) & gmask;
#else
        put(top.s_data, x, P_LANES * P_IN_W);
        put(top.s_gain, x >> 7, P_LANES * P_G_W);
#endif
        x += 0x9e3779b9u;
        top.eval();
        sink += low(top.m_data) ^ top.m_valid;  // keeps the outputs live
        top.clk = 1;
        top.eval();
    }
    double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    top.final();
    std::printf("bare: %llu cycles, %.3f s, %.3f Mcycles/s, %d lanes: %.3f Msamples/s "
                "(sink %llu)\n", n, s, (double)n / s / 1e6, P_LANES,
                (double)n * P_LANES / s / 1e6, sink & 1);
    return 0;
}
