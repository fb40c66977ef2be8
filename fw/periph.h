/*
 * periph.h - a block through the gain_stage bus peripheral (periph.c).
 */
#ifndef PERIPH_H
#define PERIPH_H

#include <stdint.h>

/* n <= the FIFO depth samples of x with gain g into y; returns the ovf flags,
 * sample i in bit n-1-i. */
uint32_t periph_block(const int32_t *x, uint32_t g, int32_t *y, uint32_t n);

#endif
