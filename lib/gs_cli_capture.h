/*
 * gs_cli_capture.h - the tools' option parser (tools/gs_cli.c) inside
 * libgainstage, with the messages it prints to stderr captured into a string, so
 * that bindings report exactly what the tools say (issue 12).
 */
#ifndef GS_CLI_CAPTURE_H
#define GS_CLI_CAPTURE_H

#include <stddef.h>

#include "gs_cli.h"

/* Start capturing this thread's gs_cli messages. 0, or -1 (out of memory). */
int gs_cli_capture_begin(void);

/* Stop; msg gets the first message without its "PROG: " prefix and line end. */
void gs_cli_capture_end(const char *prog, char *msg, size_t len);

#endif
