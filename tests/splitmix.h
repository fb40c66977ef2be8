/*
 * splitmix.h - the tests' one pseudo-random generator (splitmix64), shared by
 * the cmocka suites (test_util.h) and ref_cli's code generator.
 */
#ifndef SPLITMIX_H
#define SPLITMIX_H

#include <stdint.h>

/* The next output of splitmix64 with state *s. */
static inline uint64_t splitmix64(uint64_t *s)
{
    uint64_t z = (*s += 0x9E3779B97F4A7C15u);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9u;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBu;
    return z ^ (z >> 31);
}

#endif
