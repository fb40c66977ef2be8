/*
 * gs_block_alt.c - cmodel/gs_block.c again, with the form of the range test
 * this CPU does not use (GS_RAILS_BRANCHED: two branches on the soft core, one
 * compare elsewhere) and the portable flag stores (GS_FLAG_HALVES 0: words
 * or-ed half by half, not halfwords), its API renamed gs_alt_*. Each choice
 * is proven both ways on the host: the soft core's range test here, its
 * halfword flag stores in the host's own build (both of its choices together
 * run only on the soft core, where `make soc-bench` checks them against
 * gs_eval). Its loops take blocks of at most 63 samples, so that the
 * dispatch's cut of a longer block (RV32: 2^24 samples) runs in the tests.
 */
#ifdef __riscv
#define GS_RAILS_BRANCHED 0
#else
#define GS_RAILS_BRANCHED 1
#endif
#define GS_FLAG_HALVES 0
#define GS_LEAF_MAX_N 63u
#define gs_stage_block gs_alt_stage_block
#define gs_stage_block_gain gs_alt_stage_block_gain
#define gs_stage_leaves gs_alt_stage_leaves
#define gs_stage_force_general_width gs_alt_stage_force_general_width
#include "gs_block.c"
