"""The package agrees with gsref on 10^5 random samples in each of 8 configurations
(every rounding mode, every overflow mode, narrow and wide formats, both signs of
the shift), with 20 gain codes per configuration evaluated in one call."""
import numpy as np
import pytest

import gainstage

N_GAINS, PER_GAIN = 20, 5000  # 10^5 samples per configuration

CONFIGS = [
    ["--round", "floor"],
    ["--round", "ceil", "--overflow", "wrap"],
    ["--in", "s12.11", "--gain-fmt", "u10.6", "--out", "s9.4", "--round", "zero", "--overflow", "sat-sym"],
    ["--in", "s24.20", "--gain-fmt", "u8.7", "--out", "s20.10", "--round", "half-up"],
    ["--in", "s8.3", "--gain-fmt", "u6.0", "--out", "s14.5", "--round", "half-down", "--overflow", "wrap"],
    ["--in", "s32.31", "--gain-fmt", "u32.30", "--out", "s32.28", "--round", "half-zero", "--overflow", "sat-sym"],
    ["--profile", "libfixmath"],
    ["--in", "s16.15", "--gain-fmt", "u16.12", "--out", "s18.15", "--round", "half-even", "--overflow", "wrap"],
]


def edge_biased(rng, fmt, n):
    """Uniform codes of fmt, one in eight taken from the ends of the range."""
    lo, hi = fmt.min, fmt.max
    v = rng.integers(lo, hi, size=n, endpoint=True, dtype=np.int64)
    ends = rng.random(n) < 0.125
    k = rng.integers(0, 4, size=n)
    v[ends] = np.where(rng.random(n)[ends] < 0.5, lo + k[ends], hi - k[ends])
    return v


def mismatches(y, ovf, lines):
    """Indices where (y, ovf) differ from gsref's "y ovf" lines."""
    ref = np.loadtxt(lines.splitlines(), dtype=np.int64, ndmin=2)
    if ref.shape != (len(y), 2):
        return np.arange(len(y))
    return np.flatnonzero((ref[:, 0] != y) | (ref[:, 1] != ovf))


@pytest.mark.parametrize("options", CONFIGS, ids=[" ".join(c) for c in CONFIGS])
def test_block_matches_gsref(options, gsref):
    st = gainstage.Stage.from_options(options)
    rng = np.random.default_rng(abs(hash(tuple(options))) % 2**32)
    gains = edge_biased(rng, st.gain_fmt, N_GAINS)
    gains[:2] = [st.gain_fmt.max, 0]
    x = edge_biased(rng, st.in_fmt, N_GAINS * PER_GAIN)
    g = np.repeat(gains, PER_GAIN)
    y, ovf = st.eval(x, g)  # one call, a gain per sample
    assert y.dtype == np.int32 and ovf.dtype == np.bool_ and y.shape == x.shape
    for k, code in enumerate(gains):
        part = slice(k * PER_GAIN, (k + 1) * PER_GAIN)
        p = gsref([*options, "--gain-code", str(code)], x[part])
        assert p.returncode == 0, p.stderr
        bad = mismatches(y[part], ovf[part], p.stdout)
        assert bad.size == 0, (f"{len(bad)} mismatches at gain code {code}, first: x={x[part][bad[0]]} "
                               f"package y={y[part][bad[0]]} ovf={int(ovf[part][bad[0]])}")


def test_stage_gain_matches_gsref(gsref):
    """The stage's own gain (g=None), from resistors, and eval1."""
    st = gainstage.Stage(rf="47k", rin="10k", round="half-away")
    x = edge_biased(np.random.default_rng(5), st.in_fmt, 20000)
    y, ovf = st.eval(x)
    p = gsref(["--rf", "47k", "--rin", "10k", "--round", "half-away"], x)
    assert mismatches(y, ovf, p.stdout).size == 0
    assert st.eval1(int(x[7])) == (int(y[7]), bool(ovf[7]))


def test_checker_catches_a_wrong_output(gsref):
    """The comparison itself can fail: one LSB flipped, or one ovf flag, is found."""
    st = gainstage.Stage()
    x = np.arange(-32768, 32768, 97)
    y, ovf = st.eval(x)
    out = gsref([], x).stdout
    y2 = y.copy()
    y2[123] ^= 1
    assert list(mismatches(y2, ovf, out)) == [123]
    ovf2 = ovf.copy()
    ovf2[5] = not ovf2[5]
    assert list(mismatches(y, ovf2, out)) == [5]
