#!/usr/bin/env python3
"""Throughput of the package's numpy block evaluation (Stage.eval), beside the C
block API measured by build/bin/bench_model in the same run. A benchmark, not a test.

usage: bench_block.py [--bench-model PATH] [--json FILE]
Prints one line per figure, "name  Msamples/s", and the ratio to the C figure.
"""
import argparse
import json
import re
import subprocess
import time

import numpy as np

import gainstage

N = 1 << 16          # samples per call, as bench_model's block
MIN_SECONDS = 0.4


def rate(fn, n):
    """Msamples/s of fn() over n samples, repeated for at least MIN_SECONDS."""
    fn()
    calls, t0 = 0, time.perf_counter()
    while True:
        fn()
        calls += 1
        dt = time.perf_counter() - t0
        if dt >= MIN_SECONDS:
            return calls * n / dt / 1e6


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--bench-model", default="build/bin/bench_model")
    ap.add_argument("--json", default="")
    a = ap.parse_args()
    rng = np.random.default_rng(1)
    res = {}
    for prof in ("default", "libfixmath"):
        st = gainstage.Stage(profile=prof)
        x = rng.integers(st.in_fmt.min, st.in_fmt.max, size=N, endpoint=True).astype(np.int32)
        g = rng.integers(0, st.gain_fmt.max, size=N, endpoint=True).astype(np.uint32)
        res[f"python {prof} block"] = rate(lambda: st.eval(x, g), N)
        res[f"python {prof} block, one gain"] = rate(lambda: st.eval(x), N)
    c = subprocess.run([a.bench_model], capture_output=True, text=True, check=True).stdout
    cfig = {m.group(1): float(m.group(2)) for m in
            (re.match(r"(model block.*?)\s+([0-9.]+) Msamples/s$", ln) for ln in c.splitlines()) if m}
    for name, v in cfig.items():
        print(f"{'C ' + name:62s} {v:8.1f} Msamples/s")
    for name, v in res.items():
        kind = "(one gain)" if "one gain" in name else "(per-sample gain)"
        prof = "libfixmath" if "libfixmath" in name else "default"
        c_v = cfig.get(f"model block {kind}, {prof} profile")
        ratio = f"  ({v / c_v:.2f} x C)" if c_v else ""
        label = f"Python numpy Stage.eval {kind}, {prof} profile"
        print(f"{label:62s} {v:8.1f} Msamples/s{ratio}")
    if a.json:
        with open(a.json, "w") as f:
            json.dump({"python": res, "c": cfig, "block": N}, f, indent=1)


if __name__ == "__main__":
    main()
