/*
 * trace.c - the single-process run, and the replay that makes the waveform
 * show the window around the first mismatch: the first run traces cycles
 * [0, 2W); when the first error lies beyond that, the same run (same stimulus,
 * same handshakes) is replayed, tracing [bad - W, bad + W] and stopping there.
 */
#include <inttypes.h>
#include <stdio.h>

#include "run.h"

int run_single(ctx_t *t, FILE *dump, stats_t *tot)
{
    const cosim_opts_t *o = t->o;
    slice_t sl = { 0, t->total, 1, o->trace, 0, 0, UINT64_MAX, dump };
    if (o->trace)
        sl.tr_to = o->trace_all ? UINT64_MAX : 2 * o->trace_window;
    if (run_slice(t, &sl, tot) < 0)
        return 2;
    /* a window around the first mismatch: when the first run's trace ends
     * before the window does, replay the same run over the window */
    uint64_t tr_from = 0, tr_to = sl.tr_to;
    if (o->trace && !o->trace_all && tot->errors &&
        tot->first_bad_cycle + o->trace_window + 1 > sl.tr_to) {
        uint64_t fb = tot->first_bad_cycle, w = o->trace_window;
        tr_from = fb >= w ? fb - w : 0;
        tr_to = fb + w + 1;
        stats_t st2;
        slice_t rs = { 0, t->total, 0, o->trace, tr_from, tr_to, tr_to, NULL };
        t->job = 0;
        if (run_slice(t, &rs, &st2) < 0)
            return 2;
    }
    if (o->trace) {
        uint64_t a = tr_from, b = tr_to < tot->cycles ? tr_to : tot->cycles;
        if (!o->quiet)
            printf("cosim: waveform %s: cycles %" PRIu64 "..%" PRIu64
                   " (time = 2 x cycle)\n", o->trace, a, b);
    }
    return 0;
}
