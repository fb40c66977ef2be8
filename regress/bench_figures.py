#!/usr/bin/env python3
"""bench_figures.py - the figures of regress/bench_slurm.sh from its run directories.

  python3 regress/bench_figures.py RUNS P OUT.md OUT.json

RUNS/local, RUNS/slurm-k1, RUNS/slurm-k4: one regression run each (timing.json and the
result files); P the parallel slots (local processes = the node's CPUs).
  T          wall time from the first submission (or local start) to the last result
  job        mean wall time of one job inside its task (from the result files)
  overhead   per task, the slot time not spent in cosim: (T * P - jobs * job) / tasks;
             locally the driver's and task.sh's cost, on Slurm the scheduler's on top
             (measured within each run, so the machine's load moves it less than a
             difference between two runs would)
  dispatch   from sbatch to the start of the first task
"""
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import rundir  # noqa: E402

P = 1  # parallel slots


def figures(run):
    with open(os.path.join(run, "timing.json")) as f:
        t = json.load(f)
    rows, _ = rundir.load(run)
    res = [rundir.read_result(run, r["idx"]) for r in rows]
    starts = [float(r["start"]) for r in res]
    ends = [float(r["end"]) for r in res]
    out = {"jobs": len(rows), "tasks": t.get("tasks", len(rows)), "wall_s": t["run_s"],
           "job_s": sum(e - s for s, e in zip(starts, ends)) / len(rows),
           "dispatch_s": min(starts) - t["started"]}
    out["overhead_s"] = (out["wall_s"] * P - out["jobs"] * out["job_s"]) / out["tasks"]
    return out


def main():
    global P
    runs, md, js = sys.argv[1], sys.argv[3], sys.argv[4]
    P = p = int(sys.argv[2])
    loc = figures(os.path.join(runs, "local"))
    with open(os.path.join(runs, "cluster_start")) as f:
        c0, c1 = (float(x) for x in f.read().split())
    out = {"slots": p, "local": loc, "cluster_start_s": round(c1 - c0, 2)}
    lines = ["| run | jobs | array tasks | wall (s) | mean job (s) | first task after (s) | "
             "overhead per task (s) |", "|---|---:|---:|---:|---:|---:|---:|",
             f"| local, {p} processes | {loc['jobs']} | - | {loc['wall_s']:.2f} | "
             f"{loc['job_s']:.3f} | {loc['dispatch_s']:.2f} | {loc['overhead_s']:.2f} |"]
    for k in (1, 4):
        s = figures(os.path.join(runs, f"slurm-k{k}"))
        out[f"slurm_chunk{k}"] = s
        lines.append(f"| one-node Slurm, --chunk {k} | {s['jobs']} | {s['tasks']} | "
                     f"{s['wall_s']:.2f} | {s['job_s']:.3f} | {s['dispatch_s']:.2f} | "
                     f"{s['overhead_s']:.2f} |")
    text = ("# Local vs one-node Slurm (make bench-slurm)\n\n" + "\n".join(lines) +
            f"\n\nCluster start (munged, slurmctld, slurmd; node idle): {c1 - c0:.1f} s. "
            f"The node has CPUs={p}, as many slots as the local run.\n")
    with open(md, "w") as f:
        f.write(text)
    with open(js, "w") as f:
        json.dump(out, f, indent=1)
    print(text, end="")
    print(f"bench-slurm: {md}, {js}")


if __name__ == "__main__":
    main()
