"""The configuration API and the error contract: every refusal is a GainstageError
whose message is gsref's (after its "gsref: " prefix)."""
import numpy as np
import pytest

import gainstage
from gainstage import GainstageError, Stage

BAD_OPTIONS = [
    ["--round", "up"], ["--overflow", "clip"], ["--in", "u16.15"], ["--in", "s33.1"],
    ["--gain-fmt", "s16.12"], ["--out", "s1.0"], ["--in", "s16.15", "--gain-fmt", "u32.62"],
    ["--in", "x"], ["--profile", "nope"], ["--gain", "70000"], ["--gain", "4,7"],
    ["--gain-code", "0x10000"], ["--gain-code", "-1"], ["--rf", "47k"], ["--rin", "10k"],
    ["--rf", "47q", "--rin", "10k"], ["--rf", "1k", "--rin", "0"], ["--bogus"],
]


@pytest.mark.parametrize("options", BAD_OPTIONS, ids=[" ".join(o) for o in BAD_OPTIONS])
def test_errors_are_the_tools_messages(options, gsref):
    p = gsref(options)
    assert p.returncode == 2
    want = p.stderr.strip().removeprefix("gsref: ").removesuffix(" (see --help)")
    with pytest.raises(GainstageError) as exc:
        Stage.from_options(options)
    assert str(exc.value) == want


def test_keywords_map_to_options():
    st = Stage(profile="libfixmath", round="floor", gain=1.5)
    assert (str(st.in_fmt), str(st.gain_fmt), str(st.out_fmt)) == ("s32.16", "u32.16", "s32.16")
    assert (st.round, st.overflow, st.gain_code) == ("floor", "sat", 3 << 15)
    st = Stage(rf="4k7", rin="1k", gain_fmt="u8.4")
    assert (st.gain_code, st.gain_realized) == (75, 4.6875)  # half-even(4.7 * 16) = 75
    assert abs(st.gain_requested - 4.7) < 1e-12
    assert Stage(gain=1e-3, gain_fmt="u16.15").gain_code == 33  # 32.768 -> 33, no exponent
    assert gainstage.ROUND_MODES[-1] == "half-even" and len(gainstage.ROUND_MODES) == 8
    assert gainstage.OVERFLOW_MODES == ("sat", "sat-sym", "wrap")
    with pytest.raises(TypeError):
        Stage(gian=2)


def test_bad_codes_raise():
    st = Stage(in_fmt="s8.7")
    with pytest.raises(GainstageError, match=r"^sample 2: code '128' does not fit the input "
                                             r"format s8\.7 \(-128\.\.127\)$"):
        st.eval([0, -128, 128])
    with pytest.raises(GainstageError, match=r"^sample 1: gain code '-1' does not fit"):
        st.eval([0, 1], [4096, -1])
    with pytest.raises(GainstageError, match="integers"):
        st.eval([0.5])
    with pytest.raises(GainstageError, match="code '18446744073709551615'|does not fit"):
        st.eval([1], np.array([2**64 - 1], dtype=np.uint64))


def test_shapes_and_scalar_gain():
    st = Stage()
    x = np.arange(-6, 6).reshape(3, 4)
    y, ovf = st.eval(x, 8192)  # gain 2.0 for all
    assert y.shape == (3, 4) and ovf.shape == (3, 4)
    assert (y == -2 * x).all() and not ovf.any()  # exact: s = 12, no rounding needed
    y0, _ = st.eval(np.array([], dtype=np.int16))
    assert y0.size == 0


def test_bench_golden_model_stays_independent():
    """bench/gs_golden.py is the benchmark's independent model: it must not use this package."""
    import ast
    from conftest import ROOT
    tree = ast.parse((ROOT / "bench" / "gs_golden.py").read_text())
    names = [a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names]
    names += [n.module or "" for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)]
    assert not [m for m in names if m.split(".")[0] == "gainstage"], names


@pytest.mark.parametrize("how", ["GAINSTAGE_LIB", "LD_LIBRARY_PATH"])
def test_package_locates_an_installed_library(how, tmp_path):
    """Without a bundled library (python/ as in the clone) the package finds libgainstage
    by $GAINSTAGE_LIB or by the dynamic linker's search path (e.g. after make install)."""
    import os
    import shutil
    import subprocess
    import sys
    from conftest import ROOT
    lib = tmp_path / "libgainstage.so.0"
    shutil.copy(gainstage.library_path(), lib)
    env = {k: v for k, v in os.environ.items() if k not in ("GAINSTAGE_LIB", "LD_LIBRARY_PATH")}
    env["PYTHONPATH"] = str(ROOT / "python")
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    env[how] = str(lib) if how == "GAINSTAGE_LIB" else str(tmp_path)
    code = "import gainstage as g; print(g.library_path(), g.Stage(gain=2).eval1(-3))"
    p = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True,
                       check=False)
    assert p.returncode == 0, p.stderr
    assert p.stdout.split()[-2:] == ["(6,", "False)"]
    assert "/python/gainstage/" not in p.stdout.split()[0]
