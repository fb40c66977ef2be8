/*
 * gs_cli_capture.c - tools/gs_cli.c compiled into libgainstage, its stderr turned
 * into a per-thread memory stream. The parser is included, not copied, so that
 * the library follows every change of the tools' options and messages; only the
 * name `stderr` is redirected (the standard headers are included before, so
 * their declarations are untouched).
 */
#define _POSIX_C_SOURCE 200809L
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gs_cli_capture.h"

static _Thread_local FILE *capture_fp;
static _Thread_local char *capture_buf;
static _Thread_local size_t capture_len;

static FILE *capture_stream(void)
{
    return capture_fp ? capture_fp : stderr;
}

int gs_cli_capture_begin(void)
{
    capture_buf = NULL;
    capture_len = 0;
    capture_fp = open_memstream(&capture_buf, &capture_len);
    return capture_fp ? 0 : -1;
}

void gs_cli_capture_end(const char *prog, char *msg, size_t len)
{
    if (capture_fp)
        fclose(capture_fp);
    capture_fp = NULL;
    const char *m = capture_buf ? capture_buf : "";
    size_t plen = strlen(prog);
    if (!strncmp(m, prog, plen) && !strncmp(m + plen, ": ", 2))
        m += plen + 2;
    size_t n = strcspn(m, "\n");
    if (len > 0) {
        if (n >= len)
            n = len - 1;
        memcpy(msg, m, n);
        msg[n] = '\0';
    }
    free(capture_buf);
    capture_buf = NULL;
}

#undef stderr
#define stderr capture_stream()
#include "gs_cli.c"
