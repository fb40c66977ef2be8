/*
 * seed.h - splitmix64's mix of 64-bit words, and one 32-bit seed from a
 * 64-bit state: 1 + (splitmix64's output mod 2^31 - 1), in 1 .. 2^31 - 1,
 * every bit of the state mixed in. The seed is used for the --jobs workers'
 * --rand-reset seeds (rand_reset_seed) and for the seed Verilator gets (dut_vl.cpp);
 * the mix keys the random stimulus (stim_random.c). C and C++.
 */
#ifndef SEED_H
#define SEED_H

#include <stdint.h>

/* splitmix64's output function: a bijection of 64-bit words, every bit of z
 * mixed into every bit of the result (stim_random.c keys its stream with it). */
static inline uint64_t mix64(uint64_t z)
{
    z = (z ^ (z >> 30)) * UINT64_C(0xbf58476d1ce4e5b9);
    z = (z ^ (z >> 27)) * UINT64_C(0x94d049bb133111eb);
    return z ^ (z >> 31);
}

static inline uint32_t seed31(uint64_t state)
{
    uint64_t z = mix64(state + UINT64_C(0x9e3779b97f4a7c15));
    return (uint32_t)(1 + z % UINT64_C(0x7fffffff));
}

/*
 * --rand-reset SEED with --jobs N: worker j's registers start from seed S_j, so that
 * the workers do not all start from the same values, and a run is still reproduced
 * from SEED alone. S_0 = SEED (worker 0 is the single-process run); for j >= 1,
 * S_j = 1 + (z mod (2^31 - 1)), z the splitmix64 output of the state SEED * 2^32 + j.
 */
static inline uint32_t rand_reset_seed(uint32_t seed, int job)
{
    if (job == 0)
        return seed;
    return seed31((uint64_t)seed << 32 | (uint32_t)job);
}

#endif
