#!/usr/bin/env python3
"""smoke_regress.py - a quick regression for `make report` when no JUnit file of
`make regress` exists, and for `make report-test`: a few co-simulations of the
default configuration (one Verilator build, which `make test` has already made),
written as JUnit XML. --plant-failure adds a job that must fail (cosim told a
wrong LATENCY), so that the page's failure rendering is exercised on a real
cosim failure. Standard library only.
Usage: smoke_regress.py --cosim BIN --out DIR [--plant-failure]
"""
import argparse
import os
import subprocess
import sys
import time
from xml.sax.saxutils import escape, quoteattr

JOBS = [
    ("smoke/corners-random", "--corners --random 50k --seed 1"),
    ("smoke/stall", "--random 20k --seed 2 --stall 0.2"),
    ("smoke/gain4.7-exhaustive", "--exhaustive --rf 47k --rin 10k"),
    ("smoke/gap", "--random 20k --seed 3 --gap 0.3"),
]
PLANTED = ("planted/wrong-latency", "--random 2000 --latency 5")


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--cosim", required=True)
    p.add_argument("--out", required=True)
    p.add_argument("--plant-failure", action="store_true")
    a = p.parse_args()
    os.makedirs(os.path.join(a.out, "logs"), exist_ok=True)
    jobs = JOBS + ([PLANTED] if a.plant_failure else [])
    t0 = time.time()
    cases = []
    for name, opts in jobs:
        t = time.time()
        r = subprocess.run([a.cosim] + opts.split() + ["--no-progress"],
                           stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        log = r.stdout.decode(errors="replace")
        with open(os.path.join(a.out, "logs", name.replace("/", "_") + ".log"), "w") as f:
            f.write(log)
        cases.append((name, opts, r.returncode, time.time() - t, log))
        print("smoke-regress: %-28s %s" % (name, "pass" if r.returncode == 0
                                           else "FAIL (exit %d)" % r.returncode), flush=True)
    fails = sum(1 for c in cases if c[2] != 0)
    # a planted failure is the expected outcome; any other failure is not
    ok = all((c[2] != 0) == (c[0] == PLANTED[0]) for c in cases)
    x = ['<?xml version="1.0" encoding="UTF-8"?>',
         '<testsuites><testsuite name="cosim-smoke" tests="%d" failures="%d" time="%.1f">'
         % (len(cases), fails, time.time() - t0)]
    for name, opts, rc, secs, log in cases:
        x.append('  <testcase classname=%s name=%s time="%.2f">'
                 % (quoteattr("cosim." + name.split("/")[0]), quoteattr(name), secs))
        if rc != 0:
            x.append('    <failure message=%s>%s</failure>'
                     % (quoteattr("cosim exit %d" % rc), escape("cosim %s\n%s" % (opts, log))))
        x.append("    <system-out>%s</system-out>" % escape("cosim " + opts))
        x.append("  </testcase>")
    x.append("</testsuite></testsuites>")
    path = os.path.join(a.out, "junit.xml")
    with open(path, "w") as f:
        f.write("\n".join(x) + "\n")
    print("smoke-regress: %d/%d passed%s; %s" % (len(cases) - fails, len(cases),
                                               " (one failure planted)" if a.plant_failure
                                               else "", path))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
