#!/usr/bin/env python3
"""coverage_report.py - coverage a person reads (issue 13).

Runs the coverage jobs (cosim --coverage, one Verilator coverage build per
configuration), merges their data with any other coverage file given
(`verilator_coverage --write`), exports it (`--write-info`) and renders it with
lcov's genhtml. The functional bins that cosim prints (rails, ties, handshakes)
are summed over the jobs' logs and any regression logs given: a bin that no run
hit is marked, one that no run could hit is n/a. Writes OUT/coverage.json,
OUT/merged.dat, OUT/merged.info and OUT/html/index.html.
Usage: coverage_report.py --cosim BIN --out DIR [--extra-dat F ...] [--logs F ...]
"""
import argparse
import glob
import json
import os
import re
import subprocess
import sys
import time

# name | cosim options: the handshakes under stalls, both rails, every tie kind,
# and the wrap path.
JOBS = [
    ("default-stall", "--corners --random 200k --stall 0.2 --seed 1"),
    ("floor-wrap", "--round floor --overflow wrap --corners --random 100k --stall 0.1 --seed 2"),
    ("half-away-satsym", "--round half-away --overflow sat-sym --corners --random 100k --seed 3"),
]
BIN_LINE = re.compile(r"^coverage(?: \(handshakes\))?:(.*)$")


def parse_bins(text, bins):
    """Adds the `coverage:` lines of one cosim log to bins {name: [hits, runs, na]}."""
    found = False
    for line in text.splitlines():
        m = BIN_LINE.match(line)
        if not m:
            continue
        found = True
        for item in m.group(1).split(","):
            item = item.replace("(not hit)", "").strip()
            m2 = re.match(r"^(.*\S) (n/a|\d+)$", item)
            if not m2:
                continue
            b = bins.setdefault(m2.group(1), [0, 0, 0])
            if m2.group(2) == "n/a":
                b[2] += 1
            else:
                b[0] += int(m2.group(2))
                b[1] += 1
    return found


def run(cmd, log=None):
    r = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    out = r.stdout.decode(errors="replace")
    if log:
        with open(log, "w") as f:
            f.write(out)
    return r.returncode, out


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--cosim", required=True)
    p.add_argument("--out", required=True)
    p.add_argument("--extra-dat", nargs="*", default=[], help="more coverage data files")
    p.add_argument("--logs", nargs="*", default=[], help="more cosim logs (functional bins)")
    a = p.parse_args()
    os.makedirs(os.path.join(a.out, "runs"), exist_ok=True)
    t0 = time.time()
    res = {"started": time.strftime("%Y-%m-%d %H:%M:%S UTC", time.gmtime(t0)),
           "command": " ".join(sys.argv), "jobs": [], "bins": {}, "ok": True}
    dats, bins = [], {}
    for name, opts in JOBS:
        dat = os.path.join(a.out, "runs", name + ".dat")
        log = os.path.join(a.out, "runs", name + ".log")
        print("coverage: cosim %s --coverage %s" % (opts, dat), flush=True)
        rc, out = run([a.cosim] + opts.split() + ["--no-progress", "--coverage", dat], log)
        res["jobs"].append({"name": name, "options": opts, "exit": rc, "log": log})
        if rc != 0:
            print("coverage: FAIL: job %s exit %d (%s)" % (name, rc, log))
            res["ok"] = False
        if os.path.exists(dat):
            dats.append(dat)
        parse_bins(out, bins)
    dats += [d for d in a.extra_dat if os.path.exists(d)]
    nlogs = 0
    for pattern in a.logs:
        for lf in glob.glob(pattern):
            with open(lf, errors="replace") as f:
                nlogs += parse_bins(f.read(), bins)
    res["extra_logs"] = nlogs
    res["bins"] = {k: {"hits": v[0], "runs": v[1], "na_runs": v[2]} for k, v in bins.items()}
    merged = os.path.join(a.out, "merged.dat")
    info = os.path.join(a.out, "merged.info")
    html = os.path.join(a.out, "html")
    steps = [["verilator_coverage", "--write", merged] + dats,
             ["verilator_coverage", "--write-info", info, merged],
             ["genhtml", "--quiet", "--output-directory", html, "--title", "gain_stage (cosim)",
              info]]
    res["dat_files"] = dats
    for cmd in steps:
        rc, out = run(cmd)
        if rc != 0:
            print("coverage: FAIL: %s (exit %d)\n%s" % (" ".join(cmd), rc, out[-1500:]))
            res["ok"] = False
            break
    res["summary"] = summary(info) if os.path.exists(info) else None
    res["seconds"] = round(time.time() - t0, 1)
    with open(os.path.join(a.out, "coverage.json"), "w") as f:
        json.dump(res, f, indent=1)
    never = [k for k, v in res["bins"].items() if v["runs"] and not v["hits"]]
    s = res["summary"] or {}
    print("coverage: %d data files merged; lines %s/%s hit; functional bins: %d, never hit: %s; "
          "%s/index.html" % (len(dats), s.get("lines_hit", "?"), s.get("lines_found", "?"),
                             len(bins), ", ".join(never) or "none", html))
    return 0 if res["ok"] else 1


def summary(info):
    """Points found and hit per source file and in all, from an lcov tracefile's DA
    lines (verilator_coverage writes no LF/LH totals; a point is a line here)."""
    files, cur = {}, None
    with open(info) as f:
        for line in f:
            line = line.strip()
            if line.startswith("SF:"):
                cur = files.setdefault(line[3:], {"LF": 0, "LH": 0, "missed": []})
            elif cur is not None and line.startswith("DA:"):
                ln, hits = line[3:].split(",")[:2]
                cur["LF"] += 1
                if int(hits) > 0:
                    cur["LH"] += 1
                else:
                    cur["missed"].append(int(ln))
    return {"files": files, "lines_found": sum(f["LF"] for f in files.values()),
            "lines_hit": sum(f["LH"] for f in files.values())}


if __name__ == "__main__":
    sys.exit(main())
