// soc_tb.cpp - Verilator testbench of the gainstage SoC (rtl/soc_top.v).
//
// Runs the firmware until it writes the exit register, decodes the UART line
// (8N1 at SOC_UART_DIV cycles per bit, the divider the model was built with)
// into a log file, and exits with the firmware's exit code. A trap, a bus
// error, a UART framing error or reaching the cycle limit is an error (2).
//
//   soc_tb +fw=FW.hex [--log FILE] [--max-cycles N] [--quiet]
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>

#include "Vsoc_top.h"
#include "uart_rx.h"
#include "verilated.h"

#ifndef SOC_UART_DIV
#error "build with -DSOC_UART_DIV=<the UART_DIV parameter>"
#endif

namespace {

void usage() {
    std::fprintf(stderr,
                 "usage: soc_tb +fw=FW.hex [--log FILE] [--max-cycles N] [--quiet]\n");
}

}  // namespace

int main(int argc, char** argv) {
    const char* log_path = nullptr;
    unsigned long long max_cycles = 50000000ull;
    bool quiet = false;
    for (int i = 1; i < argc; i++) {
        if (!std::strcmp(argv[i], "--log") && i + 1 < argc) {
            log_path = argv[++i];
        } else if (!std::strcmp(argv[i], "--max-cycles") && i + 1 < argc) {
            char* end;
            max_cycles = std::strtoull(argv[++i], &end, 0);
            if (*end || max_cycles == 0) {
                std::fprintf(stderr, "soc_tb: bad --max-cycles '%s'\n", argv[i]);
                return 2;
            }
        } else if (!std::strcmp(argv[i], "--quiet")) {
            quiet = true;
        } else if (argv[i][0] == '+') {
            // plusargs are Verilog's (+fw=...)
        } else {
            usage();
            return 2;
        }
    }

    auto ctx = std::make_unique<VerilatedContext>();
    ctx->commandArgs(argc, argv);
    auto top = std::make_unique<Vsoc_top>(ctx.get());

    FILE* log = nullptr;
    if (log_path && !(log = std::fopen(log_path, "wb"))) {
        std::fprintf(stderr, "soc_tb: %s: %s\n", log_path, std::strerror(errno));
        return 2;
    }

    UartRx rx(SOC_UART_DIV);
    unsigned long long cycle = 0, bytes = 0, exit_at = 0, idle_run = 0;
    bool exited = false;
    int rc = 0;
    const unsigned long long drain = 12ull * SOC_UART_DIV + 16;  // one frame
    auto t0 = std::chrono::steady_clock::now();

    top->clk = 0;
    top->rst = 1;
    top->eval();
    for (; cycle < max_cycles; cycle++) {
        top->rst = cycle < 8;
        top->clk = 1;
        top->eval();
        top->clk = 0;
        top->eval();

        int b = rx.tick(top->uart_tx);
        if (b == -2) {
            std::fprintf(stderr, "soc_tb: UART framing error at cycle %llu\n", cycle);
            rc = 2;
            break;
        }
        if (b >= 0) {
            bytes++;
            if (log) std::fputc(b, log);
            if (!quiet) std::fputc(b, stdout);
        }
        if (top->trap) {
            std::fprintf(stderr, "soc_tb: the CPU trapped at cycle %llu\n", cycle);
            rc = 2;
            break;
        }
        if (top->bus_err) {
            std::fprintf(stderr, "soc_tb: access to an unmapped address at cycle %llu\n",
                         cycle);
            rc = 2;
            break;
        }
        if (!exited && top->exit_valid) {
            exited = true;
            exit_at = cycle;
        }
        // After the exit write, let the last byte leave the UART.
        idle_run = (rx.idle() && top->uart_tx) ? idle_run + 1 : 0;
        if (exited && idle_run > drain) break;
    }
    double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    if (log) std::fclose(log);

    if (rc == 0 && !exited) {
        std::fprintf(stderr,
                     "soc_tb: no exit after %llu cycles (cycle limit; the firmware hangs?)\n",
                     cycle);
        rc = 2;
    }
    if (rc == 0) {
        rc = top->exit_code != 0 ? 1 : 0;
        std::fprintf(stderr,
                     "soc_tb: exit code %u at cycle %llu; %llu UART bytes; %.2f s, %.2f Mcycles/s\n",
                     static_cast<unsigned>(top->exit_code), exit_at, bytes, secs,
                     secs > 0 ? cycle / secs / 1e6 : 0.0);
    }
    top->final();
    return rc;
}
