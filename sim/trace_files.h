// trace_files.h - the waveform files of a traced cosim build, checked (sim/dut_vl.cpp
// only, after Verilator's headers): a write error or a file cut short is reported
// to dut_trace_close, never taken for a whole waveform. VCD: a file class that
// checks every write and the close; FST: a walk of the finished file's blocks
// (the FST writer checks none of its writes). Included once; empty in builds
// without tracing.
#ifndef TRACE_FILES_H
#define TRACE_FILES_H

#if VM_TRACE
#if COSIM_VCD
#include <fcntl.h>
#include <unistd.h>

#include "verilated_vcd_c.h"
typedef VerilatedVcdC trace_t;
/* Verilator's own VCD file aborts the process on a write error and ignores
 * close()'s: this one checks every write and the close, keeps the first error
 * for dut_trace_close, and takes (drops) the rest of the output. */
class checked_vcd_file : public VerilatedVcdFile {
    int fd_ = -1;
public:
    int err = 0;
    bool open(const std::string &name) override
    {
        fd_ = ::open(name.c_str(), O_CREAT | O_WRONLY | O_TRUNC | O_CLOEXEC, 0666);
        if (fd_ < 0)
            err = errno;
        return fd_ >= 0;
    }
    void close() override
    {
        if (fd_ >= 0 && ::close(fd_) < 0 && !err)
            err = errno;
        fd_ = -1;
    }
    ssize_t write(const char *p, ssize_t len) override
    {
        for (ssize_t done = 0; !err && done < len;) {
            ssize_t n = ::write(fd_, p + done, (size_t)(len - done));
            if (n < 0 && errno == EINTR)
                continue;
            if (n <= 0)
                err = n < 0 ? errno : EIO;
            else
                done += n;
        }
        return len;
    }
};
#else
#include "gtkwave/fstapi.h"
#include "verilated_fst_c.h"
typedef VerilatedFstC trace_t;
#endif
#endif

#if VM_TRACE && !COSIM_VCD
#include <cerrno>
#include <cstdio>
#include <cstring>
/* 0 if path is a whole FST file as the writer closes it: the header (its end time
 * the last time dumped), then blocks (a tag byte, a big-endian length that counts
 * its own 8 bytes) up to the end of the file, the geometry and hierarchy among them.
 * A write that failed leaves it cut short. Not fstReaderOpen: it loops on a cut file. */
static inline int fst_complete(const char *path, uint64_t end_time, char *why, size_t len)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        snprintf(why, len, "cannot read it back: %s", strerror(errno));
        return -1;
    }
    unsigned char b[25];
    uint64_t pos = 0;
    bool geom = false, hier = false, bad = false;
    uint64_t hdr_end = ~0ull;
    for (;;) {
        if (fseeko(f, (off_t)pos, SEEK_SET) != 0)
            break;
        size_t n = fread(b, 1, sizeof b, f);
        if (n == 0)
            break;
        uint64_t bl = 0;
        for (int i = 1; i < 9 && (size_t)i < n; i++)
            bl = bl << 8 | b[i];
        if (n < 9 || bl < 8 || b[0] == FST_BL_SKIP || (pos == 0) != (b[0] == FST_BL_HDR)) {
            bad = true;
            break;
        }
        if (pos == 0 && n == sizeof b) {
            hdr_end = 0;
            for (int i = 17; i < 25; i++)
                hdr_end = hdr_end << 8 | b[i];
        }
        geom |= b[0] == FST_BL_GEOM;
        hier |= b[0] == FST_BL_HIER || b[0] == FST_BL_HIER_LZ4 || b[0] == FST_BL_HIER_LZ4DUO;
        pos += 1 + bl;
    }
    fseeko(f, 0, SEEK_END);
    uint64_t size = (uint64_t)ftello(f);
    fclose(f);
    if (bad || pos != size || !geom || !hier || hdr_end != end_time) {
        snprintf(why, len, "the FST file is cut short or incomplete (%llu bytes; the FST "
                 "writer reports no write error: a full disk or a file size limit?)",
                 (unsigned long long)size);
        return -1;
    }
    return 0;
}
#endif

#endif
