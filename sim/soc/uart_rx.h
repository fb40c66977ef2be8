// uart_rx.h - the UART receiver of the SoC testbenches (soc_tb.cpp, board_tb.cpp):
// samples the TX line once per clock and rebuilds 8N1 bytes at DIV clocks per bit.
#ifndef SOC_UART_RX_H
#define SOC_UART_RX_H

class UartRx {
  public:
    explicit UartRx(unsigned div) : div_(div) {}
    // Returns -1 (nothing), a byte 0..255, or -2 on a framing error.
    int tick(bool tx) {
        switch (state_) {
        case IDLE:
            if (!tx) {
                state_ = START;
                count_ = div_ / 2;  // to the middle of the start bit
            }
            return -1;
        case START:
            if (count_-- > 0) return -1;
            if (tx) {  // a glitch, not a start bit
                state_ = IDLE;
                return -2;
            }
            state_ = DATA;
            bit_ = 0;
            byte_ = 0;
            count_ = div_ - 1;
            return -1;
        case DATA:
            if (count_-- > 0) return -1;
            byte_ |= (tx ? 1u : 0u) << bit_;
            count_ = div_ - 1;
            if (++bit_ == 8) state_ = STOP;
            return -1;
        case STOP:
            if (count_-- > 0) return -1;
            state_ = IDLE;
            return tx ? static_cast<int>(byte_) : -2;
        }
        return -1;
    }
    bool idle() const { return state_ == IDLE; }

  private:
    enum State { IDLE, START, DATA, STOP };
    unsigned div_;
    State state_ = IDLE;
    unsigned count_ = 0, bit_ = 0, byte_ = 0;
};

#endif
