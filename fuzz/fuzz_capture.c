/*
 * fuzz_capture.c - libFuzzer target: gscompare's capture parser
 * (tools/gscompare.c, included with its main renamed). Every input line gets
 * its "*CRC" recomputed, so the parser behind the checksum is reached; a line
 * that starts with '~' is passed raw (without the '~'), to reach the checksum
 * checks too. Checked: no crash, leak or UB; the verdict is 0, 1 or 2; a
 * capture with no run, or a run with no sample, is never a pass.
 * Run with -close_fd_mask=3 (gscompare prints to stdout and stderr).
 */
#define _GNU_SOURCE /* memfd_create */
#define main gscompare_main
#include "../tools/gscompare.c"
#undef main

#include "gs_crc16.h" /* the firmware's checksum, to make lines gscompare accepts */
#include <sys/mman.h>
#include <unistd.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > 1 << 16)
        return 0;
    static int fd = -1;
    if (fd < 0)
        fd = memfd_create("capture", 0);
    if (fd < 0 || ftruncate(fd, 0) < 0 || lseek(fd, 0, SEEK_SET) < 0)
        abort();
    /* each line + "*CRC" */
    char *out = malloc(6 * (size + 1) + size + 16); /* "*XXXX" per line */
    size_t o = 0, i = 0;
    while (i < size) {
        size_t e = i;
        while (e < size && data[e] != '\n')
            e++;
        if (data[i] == '~') {
            memcpy(out + o, data + i + 1, e - i - 1);
            o += e - i - 1;
        } else {
            memcpy(out + o, data + i, e - i);
            o += e - i;
            o += (size_t)sprintf(out + o, "*%04X", gs_crc16((const char *)data + i, e - i));
        }
        out[o++] = '\n';
        i = e + 1;
    }
    if (write(fd, out, o) != (ssize_t)o)
        abort();
    free(out);
    char path[64];
    snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
    totals_t t;
    memset(&t, 0, sizeof t);
    quiet = (size & 1) != 0;
    read_capture(path, &t);
    bool pass = !t.errors && !t.sw_bad && !t.hw_bad && !t.tally_bad;
    if (pass && (t.runs == 0 || t.samples == 0))
        abort(); /* nothing checked, yet a pass */
    return 0;
}
