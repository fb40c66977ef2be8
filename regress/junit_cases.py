#!/usr/bin/env python3
"""junit_cases.py - the testcases of a JUnit XML file, one "name verdict" line each
(verdict: pass, failure, error, skipped), sorted: two runs of one regression on
different back-ends must print the same lines.

  python3 regress/junit_cases.py RUN/junit.xml
"""
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


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: junit_cases.py JUNIT.xml")
    print("\n".join(cases(sys.argv[1])))
