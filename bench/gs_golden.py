"""gs_golden - an independent Python model of SPEC.md section 3, for the benchmark.

Written from the contract alone (not a port of cmodel/): Python integers are
unbounded, so P = -(g*x) and the shift are exact with no width tricks.
Only the cocotb peer uses it; cosim and the Icarus peer use the C model.
"""

ROUND_MODES = ("floor", "ceil", "zero", "half-up", "half-down", "half-zero",
               "half-away", "half-even")
OVERFLOW_MODES = ("sat", "sat-sym", "wrap")


class GainStage:
    """y, ovf = Q(-(g*x)) for one configuration (codes in, codes out)."""

    def __init__(self, in_fmt=(16, 15), gain_fmt=(16, 12), out_fmt=(16, 15),
                 round_mode="half-even", overflow="sat"):
        (self.in_w, self.in_f) = in_fmt
        (self.g_w, self.g_f) = gain_fmt
        (self.out_w, self.out_f) = out_fmt
        if not 2 <= self.in_w <= 32 or not 2 <= self.out_w <= 32 \
                or not 1 <= self.g_w <= 32:
            raise ValueError("width out of range (SPEC section 2)")
        if not all(0 <= f <= 62 for f in (self.in_f, self.g_f, self.out_f)):
            raise ValueError("fraction bits out of range 0..62")
        self.shift = self.in_f + self.g_f - self.out_f
        if not -62 <= self.shift <= 62:
            raise ValueError("shift %d outside -62..62" % self.shift)
        if round_mode not in ROUND_MODES:
            raise ValueError("unknown rounding mode %r" % round_mode)
        if overflow not in OVERFLOW_MODES:
            raise ValueError("unknown overflow mode %r" % overflow)
        self.round_mode = round_mode
        self.overflow = overflow
        self.hi = (1 << (self.out_w - 1)) - 1
        self.lo = -(1 << (self.out_w - 1))

    def _round(self, p):
        s = self.shift
        if s <= 0:
            return p << -s
        q = p >> s                  # floor (Python's >> floors negatives)
        r = p - (q << s)            # 0 <= r < 2^s
        half = 1 << (s - 1)
        mode = self.round_mode
        if mode == "floor":
            return q
        if mode == "ceil":
            return q + (r != 0)
        if mode == "zero":
            return q + (r != 0 and p < 0)
        if r != half:               # not a tie: every nearest mode agrees
            return q + (r > half)
        if mode == "half-up":
            return q + 1
        if mode == "half-down":
            return q
        if mode == "half-zero":
            return q + (p < 0)
        if mode == "half-away":
            return q + (p > 0)
        return q + (q & 1)          # half-even

    def eval(self, x, g):
        """x: signed input code, g: unsigned gain code -> (y, ovf)."""
        r = self._round(-(g * x))
        if self.lo <= r <= self.hi:
            if self.overflow == "sat-sym" and r == self.lo:
                return -self.hi, 1
            return r, 0
        if self.overflow == "wrap":
            m = 1 << self.out_w
            y = r % m
            return (y - m if y > self.hi else y), 1
        if self.overflow == "sat":
            return (self.hi if r > 0 else self.lo), 1
        return (self.hi if r > 0 else -self.hi), 1


def _self_test():
    """A few hand-worked cases (SPEC section 3), run by `python3 gs_golden.py`."""
    d = GainStage()
    one = 1 << 12                         # gain 1.0 in u16.12
    assert d.eval(1000, one) == (-1000, 0)
    assert d.eval(-32768, one) == (32767, 1)       # -(-1) = +1 clips
    assert d.eval(32767, one) == (-32767, 0)
    assert d.eval(1, 1 << 11) == (0, 0)            # -0.5 LSB -> tie -> even 0
    assert d.eval(3, 1 << 11) == (-2, 0)           # -1.5 LSB -> -2 (even)
    assert d.eval(0, 0xFFFF) == (0, 0)
    assert d.eval(32767, 0xFFFF) == (-32768, 1)
    f = GainStage(round_mode="floor")
    assert f.eval(1, 1 << 11) == (-1, 0)           # floor(-0.5) = -1
    assert f.eval(-1, 1 << 11) == (0, 0)           # floor(+0.5) = 0
    a = GainStage(round_mode="half-away")
    assert a.eval(1, 1 << 11) == (-1, 0) and a.eval(-1, 1 << 11) == (1, 0)
    z = GainStage(round_mode="half-zero")
    assert z.eval(1, 1 << 11) == (0, 0) and z.eval(-1, 1 << 11) == (0, 0)
    s = GainStage(overflow="sat-sym")
    assert s.eval(32767, one) == (-32767, 0) and s.eval(32768 - 1, 2 * one) == (-32767, 1)
    w = GainStage(overflow="wrap")
    assert w.eval(-32768, one) == (-32768, 1)      # +32768 wraps to -32768
    assert w.eval(16384, 2 * one + one) == (16384, 1)  # -49152 wraps to +16384
    print("gs_golden: self-test passed")


if __name__ == "__main__":
    _self_test()
