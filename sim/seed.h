/*
 * seed.h - one 32-bit seed from a 64-bit state: 1 + (splitmix64's output mod
 * 2^31 - 1), in 1 .. 2^31 - 1, every bit of the state mixed in. Used for the
 * --jobs workers' --rand-reset seeds (jobs.c) and for the seed Verilator gets
 * (dut_vl.cpp). C and C++.
 */
#ifndef SEED_H
#define SEED_H

#include <stdint.h>

static inline uint32_t seed31(uint64_t state)
{
    uint64_t z = state + UINT64_C(0x9e3779b97f4a7c15);
    z = (z ^ (z >> 30)) * UINT64_C(0xbf58476d1ce4e5b9);
    z = (z ^ (z >> 27)) * UINT64_C(0x94d049bb133111eb);
    z ^= z >> 31;
    return (uint32_t)(1 + z % UINT64_C(0x7fffffff));
}

#endif
