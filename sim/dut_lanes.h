// dut_lanes.h - the lanes' wide ports (cosim --lanes N, P_LANES > 1) for
// sim/dut_vl.cpp: lane l's field is bits [l*w, l*w + w) of a port, which the
// harness writes and reads as 32-bit words whatever type Verilator gave it;
// a cycle's lanes packed and unpacked as vectors (issue 9). Included by
// dut_vl.cpp only, after the model's header.
#ifndef COSIM_DUT_LANES_H
#define COSIM_DUT_LANES_H

#include <cstdint>
#include <cstring>

#include "dut.h"
#include "verilated.h"

enum { NW = (P_LANES * 32 + 31) / 32 + 2 };
template <typename T> static inline void put_words(T &p, const uint32_t *w)
{
    p = (T)((uint64_t)w[0] | (uint64_t)w[1] << 32);
}
template <std::size_t N> static inline void put_words(VlWide<N> &p, const uint32_t *w)
{
    for (std::size_t i = 0; i < N; i++)
        p[i] = w[i];
}
template <typename T> static inline void get_words(const T &p, uint32_t *w)
{
    uint64_t v = p;
    w[0] = (uint32_t)v;
    w[1] = (uint32_t)(v >> 32);
}
template <std::size_t N> static inline void get_words(const VlWide<N> &p, uint32_t *w)
{
    for (std::size_t i = 0; i < N; i++) {
        uint32_t v = p.at(i);
        __asm__("" : "+r"(v));   /* word loads: the model has just stored them */
        w[i] = v;
    }
}
/* v[l] (masked to wb bits) into the words */
static inline void pack(uint32_t *w, const uint32_t *v, size_t stride, int wb)
{
    std::memset(w, 0, NW * sizeof *w);
    for (int l = 0; l < P_LANES; l++) {
        uint64_t bit = (uint64_t)l * (uint64_t)wb, x = v[(size_t)l * stride];
        uint64_t both = x << (bit & 31);
        w[bit >> 5] |= (uint32_t)both;
        w[(bit >> 5) + 1] |= (uint32_t)(both >> 32);
    }
}
static inline uint32_t field(const uint32_t *w, int l, int wb)
{
    uint64_t bit = (uint64_t)l * (uint64_t)wb;
    uint64_t both = (uint64_t)w[bit >> 5] | (uint64_t)w[(bit >> 5) + 1] << 32;
    return (uint32_t)((both >> (bit & 31)) & ((1ull << wb) - 1));
}
/* The same for P_LANES consecutive values, and back: a field of 8, 16 or 32 bits is
 * an array element, so gcc packs and unpacks a cycle's lanes in a few vector
 * instructions (issue 9: the shifts per lane cost 8% of an 8-lane run). */
template <int WB> struct lane_int { typedef uint32_t type; };
template <> struct lane_int<8> { typedef uint8_t type; };
template <> struct lane_int<16> { typedef uint16_t type; };
template <int WB> static inline void pack_lanes(uint32_t *w, const uint32_t *v)
{
    if (WB == 8 || WB == 16 || WB == 32) {
        typename lane_int<WB>::type h[P_LANES];
        for (int l = 0; l < P_LANES; l++)
            h[l] = (typename lane_int<WB>::type)v[l];
        std::memset(w + P_LANES * WB / 32, 0, 2 * sizeof *w);   // a partial last word
        std::memcpy(w, h, sizeof h);
    } else {
        pack(w, v, 1, WB);
    }
}
template <int WB> static inline void unpack_lanes(const uint32_t *w, uint32_t *v)
{
    if (WB == 8 || WB == 16 || WB == 32) {
        typename lane_int<WB>::type h[P_LANES];
        std::memcpy(h, w, sizeof h);
        for (int l = 0; l < P_LANES; l++)
            v[l] = h[l];
    } else {
        for (int l = 0; l < P_LANES; l++)
            v[l] = field(w, l, WB);
    }
}
/* dut_batch's words of one cycle, out[l] = y[l] | lane l's bits of the 1-bit ports
 * (dut.h), in vectors of P_LANES (a power of two): per lane, gcc's shifts by
 * constants cost ~12 instructions, and it does not vectorise them by itself. */
typedef uint64_t lanes64 __attribute__((vector_size(P_LANES * 8)));
typedef uint32_t lanes32 __attribute__((vector_size(P_LANES * 4)));
static_assert((P_LANES & (P_LANES - 1)) == 0, "lanes: a power of two");
/* No function here takes or returns a vector by value: with P_LANES 8 that is a
 * 512-bit vector, whose ABI gcc warns about (-Wpsabi) on a machine without AVX-512. */
static inline void out_words(uint64_t *out, const uint32_t *y, uint64_t mo, uint64_t mv,
                             uint64_t sr)
{
    const lanes64 one = lanes64{} + 1;
    lanes64 l;
    for (int k = 0; k < P_LANES; k++)
        l[k] = (uint64_t)k;
    lanes32 y32;
    std::memcpy(&y32, y, sizeof y32);
    lanes64 v = __builtin_convertvector(y32, lanes64) |
                (((lanes64{} + mo) >> l) & one) << DUT_OVF_BIT |
                (((lanes64{} + mv) >> l) & one) << DUT_VALID_BIT |
                (((lanes64{} + sr) >> l) & one) << DUT_READY_BIT;
    std::memcpy(out, &v, sizeof v);
}
static inline uint32_t bits_of(const uint32_t *v, size_t stride)
{
    uint32_t b = 0;
    for (int l = 0; l < P_LANES; l++)
        b |= (v[(size_t)l * stride] & 1u) << l;
    return b;
}
#endif
