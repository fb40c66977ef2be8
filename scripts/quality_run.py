#!/usr/bin/env python3
"""quality_run.py - numeric quality of the rounding modes (make quality, issue 13).

For the default formats and each rounding mode, runs the C model (gsref) and,
with --cosim, the RTL (cosim --vectors --dump) on the same inputs:
  - random samples at a few odd gains (the dropped fraction uniform) and at gains
    0.5 and 1.5 (half the samples exact ties), to measure the error against the
    exact ideal -(g*x): mean and variance must lie within --z standard errors of
    the theory of quality_ref.py, or the run fails (exit 1);
  - a full-scale sine at gain 4095/4096 and at gains up to the maximum (SQNR);
  - a sweep of the input range at gains 0.5, 1, 4.7 and the maximum (transfer curves).
The RTL's dumps must equal gsref's outputs byte for byte; the statistics and the
plots are then taken from the RTL's outputs. Writes OUT/quality.json and
OUT/quality.md; prints the table.
"""
import argparse
import json
import math
import os
import random
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import quality_ref as Q  # noqa: E402

# name, gain code, x range [-2048k, 2048k - 1] (a whole number of 4096-residue
# cycles, no clipping at that gain), residue set of the theory
STAT_SETS = [
    ("uni-g0.3", 1229, 16, "uniform"),
    ("uni-g0.7", 2867, 16, "uniform"),
    ("uni-g4.7", 19251, 3, "uniform"),
    ("tie-g0.5", 2048, 16, "ties"),
    ("tie-g1.5", 6144, 10, "ties"),
]
RESIDUES = {"uniform": range(1 << Q.SHIFT), "ties": (0, 1 << (Q.SHIFT - 1))}
SINE_N, SINE_CYCLES, SINE_AMP = 8192, 1031, 32767   # coherent: 1031 is prime
FS_GAIN = 4095                                      # just below 1: full scale, inexact
SQNR_GAINS = [512, 1024, 1229, 2048, 2867, 3686, 4095, 4301, 4506, 5120, 6144, 8192,
              12288, 19251, 32768, 65535]
TRANSFER_GAINS = [("0.5", 2048), ("1", 4096), ("4.7", 19251), ("max", 65535)]
ZOOM_GAIN = 1229   # 0.3: the staircase near zero, every mode


def log(msg):
    print("quality: " + msg, flush=True)


def write_vec(path, xs):
    with open(path, "w") as f:
        f.write("".join("%d\n" % x for x in xs))


def read_out(path):
    ys, ovf = [], 0
    with open(path) as f:
        for line in f:
            y, o = line.split()
            ys.append(int(y))
            ovf += int(o)
    return ys, ovf


class Runner:
    def __init__(self, a):
        self.a = a
        self.same = 0       # RTL dumps equal to gsref's output
        self.differ = []
        self.runs = 0

    def run(self, mode, vec, gain, name):
        """gsref (and cosim) on one vector file; the outputs of the chosen source."""
        a = self.a
        d = os.path.join(a.out, "model", mode)
        os.makedirs(d, exist_ok=True)
        mpath = os.path.join(d, name + ".txt")
        cfg = ["--round", mode, "--gain-code", str(gain)]
        with open(mpath, "wb") as f:
            r = subprocess.run([a.gsref] + cfg + [vec], stdout=f, stderr=subprocess.PIPE)
        if r.returncode != 0:
            sys.exit("quality: gsref %s failed: %s" % (" ".join(cfg), r.stderr.decode()))
        self.runs += 1
        if not a.cosim:
            return read_out(mpath)
        d = os.path.join(a.out, "rtl", mode)
        os.makedirs(d, exist_ok=True)
        rpath = os.path.join(d, name + ".txt")
        r = subprocess.run([a.cosim] + cfg + ["--vectors", vec, "--dump", rpath, "--quiet",
                                              "--no-progress"],
                           stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        if r.returncode != 0:
            sys.exit("quality: cosim %s --vectors %s failed:\n%s"
                     % (" ".join(cfg), vec, r.stdout.decode()[-2000:]))
        with open(mpath, "rb") as f1, open(rpath, "rb") as f2:
            if f1.read() == f2.read():
                self.same += 1
            else:
                self.differ.append(rpath)
        return read_out(rpath)


def stats_sets(a, vecdir, rng):
    sets = []
    for name, g, k, kind in STAT_SETS:
        if a.sets and kind not in a.sets:
            continue
        lo, hi = -2048 * k, 2048 * k - 1
        xs = [rng.randint(lo, hi) for _ in range(a.samples)]
        path = os.path.join(vecdir, name + ".txt")
        write_vec(path, xs)
        sets.append((name, g, kind, xs, path))
    return sets


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--gsref", required=True)
    p.add_argument("--cosim", help="also run the RTL; stats and plots from its dumps")
    p.add_argument("--out", required=True)
    p.add_argument("--modes", default=",".join(Q.MODES))
    p.add_argument("--sets", default="", help="uniform,ties (default both)")
    p.add_argument("--samples", type=int, default=40000, help="per stats set")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--z", type=float, default=5.0, help="confidence bound, standard errors")
    p.add_argument("--stats-only", action="store_true", help="no SQNR, no transfer curves")
    a = p.parse_args()
    a.sets = [s for s in a.sets.split(",") if s]
    modes = [m for m in a.modes.split(",") if m]
    for m in modes:
        if m not in Q.MODES:
            sys.exit("quality: unknown mode %s" % m)
    Q.check_theory(4)   # the enumerated theory against the closed forms (N = 16)
    t0 = time.time()
    vecdir = os.path.join(a.out, "vec")
    os.makedirs(vecdir, exist_ok=True)
    rng = random.Random(a.seed)
    sets = stats_sets(a, vecdir, rng)
    run = Runner(a)
    res = {"source": "rtl" if a.cosim else "model", "z": a.z, "seed": a.seed,
           "samples_per_set": a.samples, "sets": [s[:3] for s in sets], "modes": {},
           "started": time.strftime("%Y-%m-%d %H:%M:%S UTC", time.gmtime(t0)),
           "command": " ".join(sys.argv)}
    theories = {}
    for mode in modes:
        mres = {"checks": {}, "hist": {}}
        groups = {}
        for name, g, kind, xs, path in sets:
            ys, _ = run.run(mode, path, g, name)
            st = groups.setdefault(kind, Q.ErrStats())
            for x, y in zip(xs, ys):
                st.add(y, Q.ideal_num(x, g))
        for kind, st in groups.items():
            th = theories.get((mode, kind)) or Q.theory(mode, RESIDUES[kind])
            theories[(mode, kind)] = th
            c = Q.check(st, th, a.z)
            c["msq"] = float(st.msq())
            mres["checks"][kind] = c
            mres["hist"][kind] = sorted(st.hist.items())
        mres["textbook"] = Q.textbook(mode)
        res["modes"][mode] = mres
    if not a.stats_only:
        sqnr(a, run, modes, vecdir, res)
        transfer(a, run, modes, vecdir, res)
    res["runs"] = run.runs
    res["rtl_equal"] = {"compared": run.same + len(run.differ), "equal": run.same,
                        "differ": run.differ} if a.cosim else None
    res["seconds"] = round(time.time() - t0, 1)
    ok = report(res)
    with open(os.path.join(a.out, "quality.json"), "w") as f:
        json.dump(res, f, indent=1)
    with open(os.path.join(a.out, "quality.md"), "w") as f:
        f.write(res["table_md"])
    if run.differ:
        log("FAIL: %d RTL dumps differ from gsref, e.g. %s" % (len(run.differ), run.differ[0]))
        ok = False
    log("%s in %.1f s (%s outputs, %d runs), %s"
        % ("PASS" if ok else "FAIL", res["seconds"], res["source"], run.runs,
           os.path.join(a.out, "quality.json")))
    return 0 if ok else 1


def sqnr(a, run, modes, vecdir, res):
    xs = [round(SINE_AMP * math.sin(2 * math.pi * SINE_CYCLES * i / SINE_N))
          for i in range(SINE_N)]
    path = os.path.join(vecdir, "sine.txt")
    write_vec(path, xs)
    bits = Q.OUT_W
    res["sqnr"] = {"rule_db": Q.rule_db(bits), "bits": bits, "fs_gain_code": FS_GAIN,
                   "gains": [g / (1 << Q.G_F) for g in SQNR_GAINS], "modes": {}}
    for mode in modes:
        per = {}
        for g in sorted(set(SQNR_GAINS + [FS_GAIN])):
            ys, ovf = run.run(mode, path, g, "sine-g%d" % g)
            sig = err = 0
            for x, y in zip(xs, ys):
                num = Q.ideal_num(x, g)
                sig += num * num
                err += (y * (1 << Q.SHIFT) - num) ** 2
            per[g] = (Q.sqnr_db(sig, err), ovf)
        th = Q.theory(mode, RESIDUES["uniform"])
        ms_th = th[1] + th[0] ** 2       # mean square error of the theory
        amp = SINE_AMP * FS_GAIN / (1 << Q.G_F)
        res["sqnr"]["modes"][mode] = {
            "fs_db": per[FS_GAIN][0],
            "fs_theory_db": 10 * math.log10(amp * amp / 2 / float(ms_th)),
            "vs_gain_db": [per[g][0] for g in SQNR_GAINS],
            "vs_gain_ovf": [per[g][1] for g in SQNR_GAINS]}


def transfer(a, run, modes, vecdir, res):
    xs = list(range(Q.Y_MIN, Q.Y_MAX + 1, 16)) + [Q.Y_MAX]
    path = os.path.join(vecdir, "sweep.txt")
    write_vec(path, xs)
    curves = {}
    for mode in modes:
        curves[mode] = {}
        for label, g in TRANSFER_GAINS:
            ys, ovf = run.run(mode, path, g, "sweep-g%d" % g)
            curves[mode][label] = {"gain_code": g, "y": ys, "ovf": ovf}
    zx = list(range(-24, 25))
    zpath = os.path.join(vecdir, "zoom.txt")
    write_vec(zpath, zx)
    zoom = {m: run.run(m, zpath, ZOOM_GAIN, "zoom")[0] for m in modes}
    res["transfer"] = {"x": xs, "curves": curves, "rails": [Q.Y_MIN, Q.Y_MAX],
                       "zoom": {"gain_code": ZOOM_GAIN, "x": zx, "y": zoom}}


def report(res):
    ok = True
    lines = ["| mode | inputs | n | mean (LSB) | theory | bound | variance (LSB^2) | theory "
             "| bound | textbook | verdict |", "|---|---|---:|---:|---:|---:|---:|---:|---:|---|---|"]
    for mode, m in res["modes"].items():
        for kind, c in m["checks"].items():
            ok &= c["ok"]
            verdict = "ok" if c["ok"] else "**FAIL** (%s)" % " and ".join(
                w for w, k in (("mean", "ok_mean"), ("variance", "ok_var")) if not c[k])
            lines.append("| %s | %s | %d | %+.5f | %+.5f | %.5f | %.5f | %.5f | %.5f | %s, %s | %s |"
                         % (mode, kind, c["n"], c["mean"], c["mean_theory"], c["mean_bound"],
                            c["var"], c["var_theory"], c["var_bound"], m["textbook"][0],
                            m["textbook"][1], verdict))
    if "sqnr" in res:
        s = res["sqnr"]
        lines += ["", "| mode | SQNR full-scale sine (dB) | theory for this mode (dB) | "
                  "6.02N+1.76 (N=%d) |" % s["bits"], "|---|---:|---:|---:|"]
        for mode, v in s["modes"].items():
            lines.append("| %s | %.2f | %.2f | %.2f |" % (mode, v["fs_db"], v["fs_theory_db"],
                                                         s["rule_db"]))
    text = "\n".join(lines) + "\n"
    sys.stdout.write(text)
    res["table_md"] = text
    return ok


if __name__ == "__main__":
    sys.exit(main())
