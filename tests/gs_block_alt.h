/*
 * gs_block_alt.h - the block functions of cmodel/gs_block.c built with the
 * other form of their range test (tests/gs_block_alt.c), for the tests: they
 * take a stage from gs_stage_init like the model's own.
 */
#ifndef GS_BLOCK_ALT_H
#define GS_BLOCK_ALT_H

#include "gainstage.h"

size_t gs_alt_stage_block(const gs_stage_t *st, const int32_t *x, const uint32_t *g,
                          int32_t *y, uint32_t *ovf_bits, size_t n);
size_t gs_alt_stage_block_gain(const gs_stage_t *st, const int32_t *x, uint32_t g,
                               int32_t *y, uint32_t *ovf_bits, size_t n);

#endif
