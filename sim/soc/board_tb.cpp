// board_tb.cpp - Verilator testbench of the iCEBreaker top (rtl/icebreaker_top.v):
// the power-on reset, the user button that restarts the firmware, the LEDs and
// the UART at the board's divider (104 clocks per bit).
//
// Runs the firmware to its end (green or red LED), presses BTN_N, and runs it
// again: both runs go to the log, which gscompare then checks as two runs.
// Exit 0 when both runs end with the green LED; 1 on the red LED; 2 on a
// timeout, a UART framing error or an LED that does not go out on reset.
//
//   board_tb +fw=FW.hex --log FILE [--max-cycles N]
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>

#include "Vicebreaker_top.h"
#include "uart_rx.h"
#include "verilated.h"

namespace {
constexpr unsigned kDiv = 104;  // the board's UART divider
}  // namespace

int main(int argc, char** argv) {
    const char* log_path = nullptr;
    unsigned long long max_cycles = 100000000ull;
    for (int i = 1; i < argc; i++) {
        if (!std::strcmp(argv[i], "--log") && i + 1 < argc) {
            log_path = argv[++i];
        } else if (!std::strcmp(argv[i], "--max-cycles") && i + 1 < argc) {
            max_cycles = std::strtoull(argv[++i], nullptr, 0);
        } else if (argv[i][0] != '+') {
            std::fprintf(stderr, "usage: board_tb +fw=FW.hex --log FILE [--max-cycles N]\n");
            return 2;
        }
    }
    if (!log_path) {
        std::fprintf(stderr, "board_tb: --log FILE is required\n");
        return 2;
    }
    FILE* log = std::fopen(log_path, "wb");
    if (!log) {
        std::fprintf(stderr, "board_tb: %s: %s\n", log_path, std::strerror(errno));
        return 2;
    }
    auto ctx = std::make_unique<VerilatedContext>();
    ctx->commandArgs(argc, argv);
    auto top = std::make_unique<Vicebreaker_top>(ctx.get());

    UartRx rx(kDiv);
    int runs_done = 0, rc = 0;
    unsigned long long cycle = 0, press_at = 0, quiet = 0;
    bool pressing = false;
    top->BTN_N = 1;
    top->RX = 1;
    top->CLK = 0;
    top->eval();
    for (; cycle < max_cycles; cycle++) {
        top->CLK = 1;
        top->eval();
        top->CLK = 0;
        top->eval();
        int b = rx.tick(top->TX);
        if (b == -2) {
            std::fprintf(stderr, "board_tb: UART framing error at cycle %llu\n", cycle);
            rc = 2;
            break;
        }
        if (b >= 0) std::fputc(b, log);
        quiet = (rx.idle() && top->TX) ? quiet + 1 : 0;
        bool green = !top->LEDG_N, red = !top->LEDR_N;
        if (pressing) {
            if (cycle - press_at == 64) {  // release the button
                top->BTN_N = 1;
                pressing = false;
                if (green || red) {
                    std::fprintf(stderr, "board_tb: an LED stays lit through the reset\n");
                    rc = 2;
                    break;
                }
            }
            continue;
        }
        if (red) {
            std::fprintf(stderr, "board_tb: red LED (run %d failed) at cycle %llu\n",
                         runs_done + 1, cycle);
            rc = 1;
            break;
        }
        if (green && quiet > 12 * kDiv) {
            runs_done++;
            std::fprintf(stderr, "board_tb: run %d: green LED at cycle %llu\n", runs_done,
                         cycle);
            if (runs_done == 2) break;
            top->BTN_N = 0;  // press: the SoC restarts
            pressing = true;
            press_at = cycle;
        }
    }
    std::fclose(log);
    if (rc == 0 && runs_done < 2) {
        std::fprintf(stderr, "board_tb: only %d of 2 runs finished in %llu cycles\n", runs_done,
                     cycle);
        rc = 2;
    }
    top->final();
    return rc;
}
