#!/usr/bin/env python3
"""Cross-check bench/gs_golden.py (the cocotb peer's model) against gsref (the C model).

usage: check_golden.py GSREF [N]
For every rounding x overflow mode pair and a few formats (the two profiles, a
negative shift, odd widths), N random inputs (biased to the rails and to the
rounding ties) at several gains go through both models; any difference fails.
"""

import random
import subprocess
import sys

from gs_golden import GainStage, OVERFLOW_MODES, ROUND_MODES

FORMATS = [  # (in, gain, out)
    ((16, 15), (16, 12), (16, 15)),
    ((32, 16), (32, 16), (32, 16)),
    ((7, 3), (5, 0), (9, 6)),       # negative shift: scaled up exactly
    ((12, 11), (8, 4), (6, 2)),
]


def inputs(rng, w, n):
    lo, hi = -(1 << (w - 1)), (1 << (w - 1)) - 1
    xs = [lo, hi, 0, 1, -1, lo + 1, hi - 1]
    while len(xs) < n:
        k = rng.randrange(3)
        if k == 0:
            xs.append(rng.randint(lo, hi))
        elif k == 1:                       # small codes: the rounding ties
            xs.append(rng.randint(-64, 63) if w > 7 else rng.randint(lo, hi))
        else:                              # near the rails
            xs.append(rng.choice((lo, hi)) - rng.randint(-8, 8) * (1 if rng.random() < 0.5 else -1))
    return [min(max(x, lo), hi) for x in xs]


def main():
    if len(sys.argv) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    gsref = sys.argv[1]
    n = int(sys.argv[2]) if len(sys.argv) > 2 else 300
    rng = random.Random(12345)
    checked = bad = 0
    for (fi, fg, fo) in FORMATS:
        for rm in ROUND_MODES:
            for om in OVERFLOW_MODES:
                m = GainStage(fi, fg, fo, rm, om)
                xs = inputs(rng, fi[0], n)
                gmax = (1 << fg[0]) - 1
                sh = fi[1] + fg[1] - fo[1]
                gains = {0, 1, gmax, rng.randint(0, gmax)}
                if sh > 0:   # g = 2^(s-1), 3*2^(s-2): odd x land on exact ties
                    gains |= {(1 << min(sh - 1, fg[0] - 1)), (3 << max(sh - 2, 0)) & gmax}
                for g in sorted(gains):
                    cmd = [gsref, "--in", "s%d.%d" % fi, "--gain-fmt", "u%d.%d" % fg,
                           "--out", "s%d.%d" % fo, "--round", rm, "--overflow", om,
                           "--gain-code", str(g)]
                    out = subprocess.run(cmd, input="\n".join(map(str, xs)) + "\n",
                                         capture_output=True, text=True)
                    if out.returncode != 0:
                        print("check_golden: %s failed: %s" % (" ".join(cmd), out.stderr.strip()),
                              file=sys.stderr)
                        return 1
                    lines = out.stdout.splitlines()
                    if len(lines) != len(xs):
                        print("check_golden: %s printed %d lines for %d inputs"
                              % (" ".join(cmd), len(lines), len(xs)), file=sys.stderr)
                        return 1
                    for x, line in zip(xs, lines):
                        y, o = map(int, line.split())
                        checked += 1
                        if m.eval(x, g) != (y, o):
                            bad += 1
                            if bad <= 10:
                                print("check_golden: %s %s %s %s %s x=%d g=%d: gsref %d %d, "
                                      "gs_golden %r" % (fi, fg, fo, rm, om, x, g, y, o,
                                                        m.eval(x, g)), file=sys.stderr)
    print("check_golden: %d samples, %d differences between gs_golden.py and gsref"
          % (checked, bad))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
