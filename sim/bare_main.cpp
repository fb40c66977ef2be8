// bare_main.cpp - the speed ceiling for the benchmark: the same Verilated model
// as cosim's, driven the same way (inputs set with clk low, eval, clk high,
// eval: two evals per cycle) with full-rate samples and no checking at all.
// Usage: bare CYCLES  -> prints "bare: CYCLES cycles, S s, R Mcycles/s".
#include <chrono>
#include <cstdio>
#include <cstdlib>

#include "Vcosim_top.h"
#include "verilated.h"

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
    top.m_ready = 1;
    top.s_valid = 1;
    const unsigned imask = (unsigned)((1ull << P_IN_W) - 1);
    const unsigned gmask = (unsigned)((1ull << P_G_W) - 1);
    unsigned long long sink = 0;
    unsigned x = 0;
    auto t0 = std::chrono::steady_clock::now();
    for (unsigned long long c = 0; c < n; c++) {
        top.clk = 0;
        top.s_data = x & imask;
        top.s_gain = (x >> 7) & gmask;
        x += 0x9e3779b9u;
        top.eval();
        sink += top.m_data ^ top.m_valid;  // keeps the outputs live
        top.clk = 1;
        top.eval();
    }
    double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    top.final();
    std::printf("bare: %llu cycles, %.3f s, %.3f Mcycles/s (sink %llu)\n", n, s,
                (double)n / s / 1e6, sink & 1);
    return 0;
}
