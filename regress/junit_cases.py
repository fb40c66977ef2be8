#!/usr/bin/env python3
"""junit_cases.py - the testcases of a JUnit XML file, one "name verdict" line each
(verdict: pass, failure, error, skipped), sorted: two runs of one regression on
different back-ends must print the same lines.

  python3 regress/junit_cases.py RUN/junit.xml
  python3 regress/junit_cases.py --failed NAME[,NAME...] RUN/junit.xml

With --failed, a check of a run with planted faults: exit 0 only if exactly the named
testcases are failures and every other one (at least one) passed; else each
difference is printed and the exit status is 1.
"""
import argparse
import sys
import xml.etree.ElementTree as ET


def cases(path):
    out = []
    for tc in ET.parse(path).getroot().iter("testcase"):
        v = "pass"
        for kind in ("failure", "error", "skipped"):
            if tc.find(kind) is not None:
                v = kind
        out.append(f"{tc.get('name')} {v}")
    return sorted(out)


def check_failed(path, names):
    """The differences between the JUnit file and "exactly `names` failed"."""
    got = dict(c.rsplit(" ", 1) for c in cases(path))
    bad = [f"{n}: no such testcase" for n in names if n not in got]
    bad += [f"{n}: {v}, not the planted failure" for n, v in got.items()
            if n in names and v != "failure"]
    bad += [f"{n}: {v}, not a pass" for n, v in got.items() if n not in names and v != "pass"]
    if not any(n not in names for n in got):
        bad.append("no testcase besides the planted ones")
    return bad


if __name__ == "__main__":
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--failed", help="comma-separated names that must be the only failures")
    ap.add_argument("junit")
    a = ap.parse_args()
    if a.failed is None:
        print("\n".join(cases(a.junit)))
        sys.exit(0)
    problems = check_failed(a.junit, a.failed.split(","))
    for p in problems:
        print(f"junit_cases: {a.junit}: {p}")
    sys.exit(1 if problems else 0)
