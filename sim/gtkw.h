/*
 * gtkw.h - a GTKWave save file (.gtkw) beside cosim's waveform, so that
 * `gtkwave trace.gtkw` opens ready to read: the handshakes grouped, data in
 * signed decimal, the expected output beside the DUT's, a marker at the first
 * mismatch. Signal names are those Verilator gives sim/cosim_top.v's ports.
 */
#ifndef GTKW_H
#define GTKW_H

#include <stdint.h>

typedef struct {
    const char *dump;        /* the waveform file (FST or VCD) the save file opens */
    int in_w, g_w, out_w;    /* widths of one lane's ports */
    int lanes;               /* gain_stage instances: the ports are lanes x wider */
    int has_expected;        /* show exp_valid, exp_data, exp_ovf (lane 0's, one-lane runs) */
    int64_t marker;          /* trace time of the first mismatch, or -1 */
    uint64_t t_from, t_to;   /* traced cycles [t_from, t_to): the initial view */
} gtkw_t;

/* The save file's path for a waveform path: its extension replaced by .gtkw. */
void gtkw_path(const char *dump, char *buf, unsigned len);

/* Writes the save file; 0, or -1 with errno set. */
int gtkw_write(const char *path, const gtkw_t *g);

#endif
