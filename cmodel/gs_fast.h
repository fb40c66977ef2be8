/*
 * gs_fast.h - the fast path of a prepared stage, shared by the scalar and block
 * functions (gs_stage.c, gs_block.c). Private to cmodel/.
 *
 * For a narrow stage (IN_W + G_W <= 32, 1 <= shift <= 31) the exact product
 * q = g*x fits int32_t, and every rounding mode is one of three forms of
 *
 *     v = bias - q,   y = v >> shift        (arithmetic: floor(v / 2^shift))
 *
 *   GS_KIND_BIAS: a constant bias: floor 0, ceil 2^s-1, half-up 2^(s-1),
 *                 half-down 2^(s-1)-1;
 *   GS_KIND_TIE:  bias 2^(s-1) (half-up), right except on a tie (v & t_mask
 *                 == 0), which half-even, half-zero and half-away decide on
 *                 the slow path;
 *   GS_KIND_ZERO: toward zero: bias 2^s-1 when -q < 0 (ceil), else 0 (floor).
 *
 * gs_stage_init computes the window of v whose y is in range and exact (no
 * wrap of the 32-bit v): inside it, y needs no clamp and ovf = 0. Everything
 * else (out of the window, a tie) goes to gs_stage_slow, out of line. The
 * block loops of a sat-fast stage (every v exact) test the product q itself
 * against its own window [q_lo, q_hi] instead, computed with the rounding of
 * each tie (gs_block.c).
 */
#ifndef GS_FAST_H
#define GS_FAST_H

#include "gs_core.h"

enum { GS_KIND_NONE = 0, GS_KIND_BIAS, GS_KIND_TIE, GS_KIND_ZERO };

/* gs_stage_t.fast of a made sat-fast stage of kind BIAS or TIE (v = bias - q):
 * the scalar fast path of gs_stage_eval serves it. */
#define GS_FAST_BIAS_ 0x46537462u

/* v = bias - q for q = g*x (reduced codes), in 32 bits (mod 2^32). */
GS_ALWAYS_INLINE int32_t gs_fast_v(int kind, int32_t bias, uint32_t t_mask, uint32_t q)
{
    if (kind == GS_KIND_ZERO)
        bias = (int32_t)q > 0 ? (int32_t)t_mask : 0;
    return (int32_t)((uint32_t)bias - q);
}

/* True when v is in the window and, for GS_KIND_TIE, not a tie. */
GS_ALWAYS_INLINE bool gs_fast_ok(int kind, int32_t v, uint32_t v_lo, uint32_t v_span,
                                 uint32_t t_mask)
{
    bool in = (uint32_t)v - v_lo <= v_span;
    if (kind == GS_KIND_TIE)
        return in & (((uint32_t)v & t_mask) != 0);
    return in;
}

/* The tie rule again in gs_stage_t.s_rule, above the shift (bits 0-4), for
 * the block loops: they keep the word whole in a register, their overflow
 * count above it (gs_block.c). */
#define GS_TIE_ODD 32u /* tie_odd */
#define GS_TIE_POS 64u /* tie_pos */

/* 1 when the tie rule of st moves a tie down from its half-up result h (whose
 * parity is odd, whose sign is pos: h > 0): half-even an odd h, half-zero an
 * h > 0, half-away an h <= 0; else 0. The block loops keep the same rule in
 * the bits of their count (a register less). */
GS_ALWAYS_INLINE int gs_tie_down(const gs_stage_t *st, bool odd, bool pos)
{
    return st->tie_odd ? odd : st->tie_pos ? pos : !pos;
}

/* Sets st->leaf_1 and leaf_n, the block loops of gs_block.c that serve st;
 * GS_LEAF_NONE for none. */
#define GS_LEAF_NONE 6
void gs_stage_leaves(gs_stage_t *st, bool general_width);

/* For the tests: *out = *st with the block loops of the general-width
 * variant (shift pairs and masks in place of halfword loads), to prove them on
 * the default profile too. False when st has no fast block loops. */
bool gs_stage_force_general_width(const gs_stage_t *st, gs_stage_t *out);

/* Any sample the fast path declines: v as computed, x and g reduced. */
int32_t gs_stage_slow(const gs_stage_t *st, int32_t v, int32_t x, uint32_t g, bool *ovf);

#endif
