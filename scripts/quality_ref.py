"""quality_ref.py - the exact side of `make quality`: the ideal value of the
gain stage, the rounding rules of SPEC section 3 stated on exact rationals, the
theoretical error distribution of each mode, and the statistics of a measured
error sample with their confidence bounds.

Nothing here calls the C model or reads its source: the ideal value is
-(g * x) as a Python integer over 2^s, the rules are the SPEC table written
again on fractions, so that a model with the wrong bias is caught by an
independent statement of what it should do. Standard library only.
"""
from fractions import Fraction
import math

MODES = ("floor", "ceil", "zero", "half-up", "half-down", "half-zero", "half-away", "half-even")

# The default profile (SPEC section 4): s16.15 x u16.12 -> s16.15, shift 12.
IN_W, IN_F, G_W, G_F, OUT_W, OUT_F = 16, 15, 16, 12, 16, 15
SHIFT = IN_F + G_F - OUT_F
Y_MIN, Y_MAX = -(1 << (OUT_W - 1)), (1 << (OUT_W - 1)) - 1


def ideal_num(x, g):
    """-(g*x) in output LSBs is ideal_num(x, g) / 2^SHIFT, exactly."""
    return -(g * x)


def round_rule(v, mode):
    """The integer that `mode` rounds the rational v to (SPEC section 3 table)."""
    fl = math.floor(v)
    frac = v - fl
    if frac == 0:
        return fl
    if mode == "floor":
        return fl
    if mode == "ceil":
        return fl + 1
    if mode == "zero":
        return fl if v > 0 else fl + 1
    if frac != Fraction(1, 2):
        return fl + 1 if frac > Fraction(1, 2) else fl
    tie = {  # which neighbour a tie goes to
        "half-up": fl + 1,
        "half-down": fl,
        "half-zero": fl if v > 0 else fl + 1,
        "half-away": fl + 1 if v > 0 else fl,
        "half-even": fl if fl % 2 == 0 else fl + 1,
    }
    return tie[mode]


def theory(mode, residues, n=SHIFT):
    """Error distribution of `mode`, in output LSBs, when the dropped fraction
    of P / 2^n is k / 2^n with k drawn uniformly from `residues`, and the sign of
    P and the parity of floor(P / 2^n) are each equally likely and independent
    of k. Returns exact (mean, variance, fourth central moment)."""
    den = 1 << n
    errs = []
    for k in residues:
        for base in (2, 3, -4, -3):   # positive even, odd; negative even, odd floors
            v = base + Fraction(k, den)
            errs.append(round_rule(v, mode) - v)
    m = sum(errs) / len(errs)
    var = sum((e - m) ** 2 for e in errs) / len(errs)
    mu4 = sum((e - m) ** 4 for e in errs) / len(errs)
    return m, var, mu4


def check_theory(n=SHIFT):
    """The enumerated theory against the closed forms of the textbook (N = 2^n
    equally likely dropped fractions): a wrong rule in round_rule fails here."""
    N = 1 << n
    want = {
        "floor": (Fraction(-(N - 1), 2 * N), Fraction(N * N - 1, 12 * N * N)),
        "ceil": (Fraction(N - 1, 2 * N), Fraction(N * N - 1, 12 * N * N)),
        "zero": (Fraction(0), Fraction((N - 1) * (2 * N - 1), 6 * N * N)),
        "half-even": (Fraction(0), Fraction(N * N + 2, 12 * N * N)),
        "half-up": (Fraction(1, 2 * N), Fraction(N * N + 2, 12 * N * N) - Fraction(1, 4 * N * N)),
    }
    for mode, (m, v) in want.items():
        got = theory(mode, range(N), n)[:2]
        if got != (m, v):
            raise AssertionError("theory of %s: %s, closed form %s" % (mode, got, (m, v)))


def textbook(mode):
    """The continuous-error textbook figures (q = 1 LSB), for the table."""
    if mode == "floor":
        return "-q/2", "q^2/12"
    if mode == "ceil":
        return "+q/2", "q^2/12"
    if mode == "zero":
        return "0", "q^2/3"
    return "~0 (tie rule)", "q^2/12"


class ErrStats:
    """Error sample in units of 2^-SHIFT output LSBs (integers: exact sums)."""

    def __init__(self):
        self.n = 0
        self.s1 = 0
        self.s2 = 0
        self.hist = {}

    def add(self, y, num):
        e = y * (1 << SHIFT) - num
        self.n += 1
        self.s1 += e
        self.s2 += e * e
        self.hist[e] = self.hist.get(e, 0) + 1

    def mean(self):
        return Fraction(self.s1, self.n << SHIFT)

    def var(self):
        m = Fraction(self.s1, self.n)
        return (Fraction(self.s2, self.n) - m * m) / (1 << (2 * SHIFT))

    def msq(self):
        return Fraction(self.s2, self.n << (2 * SHIFT))


def check(st, th, z):
    """Measured mean and variance against theory (mean, var, mu4) within z
    standard errors (CLT: se(mean) = sigma/sqrt(n), se(var) = sqrt((mu4 -
    sigma^4)/n)). Returns a dict for the table, with 'ok'."""
    m_th, v_th, mu4 = th
    n = st.n
    se_m = math.sqrt(float(v_th) / n)
    se_v = math.sqrt(max(float(mu4 - v_th * v_th), 0.0) / n)
    # The CLT term vanishes for a two-point error (the tie sets of floor, ceil,
    # half-up, half-down); the second-order term (z sigma / sqrt(n))^2 does not.
    bm = z * se_m + z * z / n
    bv = z * se_v + z * z * float(v_th) / n
    m, v = st.mean(), st.var()
    ok_m = abs(float(m - m_th)) <= bm
    ok_v = abs(float(v - v_th)) <= bv
    return {
        "n": n, "mean": float(m), "mean_theory": float(m_th), "mean_bound": bm,
        "var": float(v), "var_theory": float(v_th), "var_bound": bv,
        "ok_mean": ok_m, "ok_var": ok_v, "ok": ok_m and ok_v,
    }


def sqnr_db(signal_sq_sum, err_sq_sum):
    """10 log10 of two exact sums of squares (inf when there is no error)."""
    if err_sq_sum == 0:
        return math.inf
    return 10 * math.log10(Fraction(signal_sq_sum) / Fraction(err_sq_sum))


def rule_db(bits):
    """The textbook SQNR of a full-scale sine quantized to `bits` bits."""
    return 6.02 * bits + 1.76
