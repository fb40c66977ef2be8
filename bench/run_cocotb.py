#!/usr/bin/env python3
"""Build and run the cocotb peer (bench/cocotb/test_gain_stage.py) on one simulator.

usage: run_cocotb.py --sim icarus|verilator --rtl FILE --build-dir DIR
                     [--n N] [--seed S] [--result JSON] [--timeout SEC] [--latency N]
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
        from cocotb.runner import get_runner
    except ImportError as e:
        print("run_cocotb: cocotb not importable (%s); run scripts/deps.sh bench" % e,
              file=sys.stderr)
        return 2
    os.makedirs(a.build_dir, exist_ok=True)
    os.environ["PYTHONDONTWRITEBYTECODE"] = "1"
    runner = get_runner(a.sim)
    build_args = []
    if a.sim == "verilator":
        # -O3 and no tracing: give Verilator its best case.
        build_args = ["-O3", "-Wno-fatal"]
    t0 = time.perf_counter()
    runner.build(verilog_sources=gs_rtl.sources(a.rtl), hdl_toplevel="gain_stage",
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
    from cocotb.runner import get_results
    tests, fails = get_results(xml)
    print("run_cocotb: %s: %d test(s), %d failed; build %.1f s, run %.1f s (log %s)"
          % (a.sim, tests, fails, t_build, t_run, os.path.join(a.build_dir, "test.log")))
    if tests == 0 or fails:
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
