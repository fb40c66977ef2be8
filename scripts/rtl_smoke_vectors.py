#!/usr/bin/env python3
"""Vectors for the Icarus smoke test of rtl/gain_stage.v (rtl/tb/).

An independent, deliberately naive reading of SPEC.md section 3 in Python
integers (not the C model), so the smoke test does not share a bug with it.
Writes one line per sample, hex: x g y ovf (x, y two's complement, 32 bits).
Usage: rtl_smoke_vectors.py IN_W IN_F G_W G_F OUT_W OUT_F ROUND OVERFLOW N SEED
"""
import random
import sys


def rnd(p, s, mode):
    """round(p / 2^s), s > 0, exact integers."""
    q, r = p >> s, p & ((1 << s) - 1)   # floor, remainder in [0, 2^s)
    half = 1 << (s - 1)
    up = {  # does the result go to q + 1?
        0: False,
        1: r != 0,
        2: r != 0 and p < 0,
        3: r >= half,
        4: r > half,
        5: r > half or (r == half and p < 0),
        6: r > half or (r == half and p >= 0),
        7: r > half or (r == half and (q & 1) == 1),
    }[mode]
    return q + 1 if up else q


def ref(cfg, x, g):
    in_w, in_f, g_w, g_f, out_w, out_f, mode, ovf_mode = cfg
    p = -(g * x)
    s = in_f + g_f - out_f
    r = p * (1 << -s) if s <= 0 else rnd(p, s, mode)
    lo, hi = -(1 << (out_w - 1)), (1 << (out_w - 1)) - 1
    if ovf_mode == 1:
        lo = -hi
    if lo <= r <= hi:
        return r, 0
    if ovf_mode == 2:
        y = r & ((1 << out_w) - 1)
        return (y - (1 << out_w) if y >> (out_w - 1) else y), 1
    return (lo if r < 0 else hi), 1


def main():
    a = [int(v) for v in sys.argv[1:]]
    if len(a) != 10:
        sys.exit(__doc__)
    cfg, n, seed = a[:8], a[8], a[9]
    in_w, _, g_w, g_f, out_w, _, _, _ = cfg
    rng = random.Random(seed)
    xmin, xmax, gmax = -(1 << (in_w - 1)), (1 << (in_w - 1)) - 1, (1 << g_w) - 1
    corner_x = [0, 1, -1, 2, -2, xmin, xmax, xmin + 1, xmax - 1]
    corner_g = [0, 1, gmax, gmax - 1, 1 << (g_w - 1), min(gmax, 1 << g_f)]
    pairs = [(x, g) for x in corner_x for g in corner_g]
    while len(pairs) < n:
        k = rng.randrange(4)
        x = rng.randint(xmin, xmax)
        g = rng.randint(0, gmax)
        if k == 1:   # small values: rounding ties
            x = rng.randint(max(xmin, -64), min(xmax, 64))
        elif k == 2:
            g = rng.choice(corner_g)
        pairs.append((x, g))
    for x, g in pairs:
        y, o = ref(cfg, x, g)
        print(f"{x & 0xffffffff:08x} {g:08x} {y & 0xffffffff:08x} {o}")


if __name__ == "__main__":
    main()
