#!/usr/bin/env python3
"""gsregress.py - runs one regression (regress/suites.py) locally or on Slurm and merges
the results into RUN/junit.xml, RUN/summary.md, RUN/summary.json (RUN/coverage.dat).

  python3 regress/gsregress.py --suite regress --out build/regress [--on slurm] ...

Exit status: 0 every job passed, 1 a job failed or erred, 2 bad usage.
"""
import argparse
import json
import os
import re
import shlex
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import local_backend   # noqa: E402
import prebuild        # noqa: E402
import report          # noqa: E402
import rundir          # noqa: E402
import slurm_backend   # noqa: E402
from suites import SUITES  # noqa: E402

REPO = os.path.dirname(HERE)


def parse():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[1])
    ap.add_argument("--suite", required=True, choices=sorted(SUITES))
    ap.add_argument("--out", required=True, help="run directory (replaced)")
    ap.add_argument("--cosim", default=os.path.join(REPO, "build", "bin", "cosim"))
    ap.add_argument("--on", default="local", choices=["local", "slurm"], help="back-end")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 2,
                    help="local: jobs in parallel (also the parallel prebuilds)")
    ap.add_argument("--chunk", type=int, default=1, help="slurm: jobs per array task")
    ap.add_argument("--slurm-args", default="", help="slurm: options passed to sbatch as they are")
    ap.add_argument("--array-limit", type=int, default=0, help="slurm: at most M tasks at once")
    ap.add_argument("--wait-timeout", type=float, default=0,
                    help="slurm: cancel the array after S seconds (0: wait for it)")
    ap.add_argument("--job-timeout", type=int, default=3600, help="per job, seconds (0: none)")
    ap.add_argument("--coverage", action="store_true",
                    help="Verilator coverage of every job, merged into RUN/coverage.dat")
    ap.add_argument("--only", metavar="REGEX",
                    help="run only the jobs whose name matches (re.search)")
    ap.add_argument("--prebuild-via", default="", metavar="CMD",
                    help="prefix of the prebuild commands, e.g. \"srun -p PART -t 30\"")
    ap.add_argument("--no-prebuild", action="store_true",
                    help="let the jobs build their models themselves")
    # the suites' own parameters
    ap.add_argument("--seeds", default="1 2 3", help="regress: seeds")
    ap.add_argument("--quick", action="store_true", help="regress: short random runs")
    ap.add_argument("--shard-gains", type=int, default=32768,
                    help="exhaustive-matrix: gain codes per shard (65536 / N)")
    ap.add_argument("--fault-rtl", help="smoke: also run this faulty RTL copy (must fail)")
    ap.add_argument("--plant-latency", action="store_true",
                    help="smoke: also a job told a wrong LATENCY (must fail)")
    ap.add_argument("--tasks", type=int, default=20, help="overhead: number of jobs")
    a = ap.parse_args()
    if a.chunk < 1 or a.jobs < 1:
        ap.error("--chunk and --jobs must be at least 1")
    if not os.access(a.cosim, os.X_OK):
        ap.error(f"{a.cosim}: not an executable (make cosim)")
    return a


def main():
    a = parse()
    run = os.path.abspath(a.out)
    cosim = os.path.abspath(a.cosim)
    try:
        jobs = SUITES[a.suite](seeds=[int(s) for s in a.seeds.split()], quick=a.quick,
                               shard_gains=a.shard_gains, tasks=a.tasks,
                               plant_latency=a.plant_latency,
                               fault_rtl=os.path.abspath(a.fault_rtl) if a.fault_rtl else None)
    except ValueError as e:
        sys.exit(f"regress: {e}")
    if a.only:
        jobs = [j for j in jobs if re.search(a.only, j.name)]
        if not jobs:
            sys.exit(f"regress: no job of {a.suite} matches --only {a.only}")
    if a.coverage:
        jobs = [j._replace(opts=j.opts + ["--coverage", os.path.join(run, "coverage", f"{i}.dat")])
                for i, j in enumerate(jobs)]
    meta = {"suite": a.suite, "backend": "slurm" if a.on == "slurm" else f"local ({a.jobs} parallel)",
            "repo": REPO, "chunk": a.chunk if a.on == "slurm" else 1, "job_timeout": a.job_timeout}
    rows = rundir.create(run, jobs, cosim, a.job_timeout, meta)
    if a.coverage:
        os.makedirs(os.path.join(run, "coverage"))
    t0 = time.time()
    if not a.no_prebuild:
        n, bad = prebuild.prebuild(cosim, rows, os.path.join(run, "prebuild"), a.jobs,
                                   shlex.split(a.prebuild_via))
        for opts, log in bad:
            print(f"regress: warning: building for {' '.join(opts)} failed, see {log}",
                  file=sys.stderr)
        print(f"regress: {n} Verilator model(s) up to date in {time.time() - t0:.1f} s")
    t1 = time.time()
    print(f"regress: {a.suite}: {len(rows)} jobs on {meta['backend']}")
    timing = {"prebuild_s": round(t1 - t0, 2), "jobs": len(rows), "started": t1}
    if a.on == "slurm":
        jobid, t_submit, in_time = slurm_backend.run(run, rows, a.chunk, a.slurm_args, REPO,
                                                     a.wait_timeout, a.array_limit, a.suite)
        timing.update(jobid=jobid, in_time=in_time, tasks=(len(rows) + a.chunk - 1) // a.chunk,
                      started=t_submit)
        if not in_time:
            print(f"regress: array {jobid} did not finish within {a.wait_timeout} s",
                  file=sys.stderr)
    else:
        local_backend.run(run, rows, a.jobs)
    t2 = time.time()
    timing["run_s"] = round(t2 - t1, 2)
    with open(os.path.join(run, "timing.json"), "w") as f:
        json.dump(timing, f, indent=1)
    ok = report.report(run, t2 - t1)
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
