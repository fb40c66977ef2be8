"""slurm_backend.py - runs a regression as one Slurm job array.

Task T of the array runs jobs T*K .. T*K+K-1 of RUN/jobs.tsv (regress/task.sh, K =
--chunk), so the seed or shard a task runs follows from SLURM_ARRAY_TASK_ID. The
submission is `sbatch --parsable --array=0-(N-1)[%LIMIT]` plus the user's own options
(--slurm-args: partition, account, time limit...); the driver then watches the
result files and squeue (bounded by --wait-timeout), cancels the array if that runs
out, and leaves the verdicts to the result files: sacct needs the accounting
database, which a cluster may not run.
"""
import os
import shlex
import subprocess
import sys
import time

import rundir
from local_backend import TASK_SH, progress_line

MAX_ARRAY = 1000  # Slurm's default MaxArraySize is 1001 (indices 0..1000)


def batch_script(run_dir, chunk):
    path = os.path.join(run_dir, "slurm", "array.sbatch")
    with open(path, "w") as f:
        f.write("#!/bin/bash\n# one task of a gainstage regression (regress/slurm_backend.py)\n"
                f"exec /bin/bash {shlex.quote(TASK_SH)} {shlex.quote(run_dir)} "
                f"\"$SLURM_ARRAY_TASK_ID\" {int(chunk)}\n")
    return path


SQUEUE_TRIES = 30  # consecutive squeue failures (controller unreachable) before giving up
_squeue_failures = 0


def active(jobid):
    """True while the array has pending or running tasks. A controller that does not
    answer for a while is waited for (the result files still show progress)."""
    global _squeue_failures
    p = subprocess.run(["squeue", "-h", "-j", jobid, "-o", "%T"], capture_output=True, text=True)
    if p.returncode != 0:
        # an unknown job id: finished and purged already (MinJobAge)
        if "Invalid job id" in p.stderr:
            return False
        _squeue_failures += 1
        print(f"regress: squeue failed ({_squeue_failures}/{SQUEUE_TRIES}): {p.stderr.strip()}",
              file=sys.stderr)
        return _squeue_failures < SQUEUE_TRIES
    _squeue_failures = 0
    return bool(p.stdout.strip())


def finished(run_dir, rows, seen):
    """Jobs whose result file is final; `seen` keeps those already found."""
    for r in rows:
        if r["idx"] not in seen:
            res = rundir.read_result(run_dir, r["idx"])
            if res and res.get("state") != "started":
                seen.add(r["idx"])
    return len(seen)


def run(run_dir, rows, chunk, slurm_args, repo, wait_timeout, array_limit, suite):
    """Submits, waits; returns (jobid, submitted_at, True if the array ended in time)."""
    tasks = (len(rows) + chunk - 1) // chunk
    if tasks > MAX_ARRAY:
        sys.exit(f"regress: {tasks} array tasks exceed Slurm's default MaxArraySize: "
                 f"use --chunk {(len(rows) + MAX_ARRAY - 1) // MAX_ARRAY} or more")
    spec = f"0-{tasks - 1}" + (f"%{array_limit}" if array_limit else "")
    cmd = (["sbatch", "--parsable", f"--array={spec}", f"--job-name=gs-{suite}",
            f"--chdir={repo}", "--output=" + os.path.join(run_dir, "slurm", "%A_%a.out")]
           + shlex.split(slurm_args) + [batch_script(run_dir, chunk)])
    with open(os.path.join(run_dir, "slurm", "sbatch.cmd"), "w") as f:
        f.write(shlex.join(cmd) + "\n")
    t_submit = time.time()
    p = subprocess.run(cmd, capture_output=True, text=True)
    if p.returncode != 0:
        sys.exit(f"regress: sbatch failed (exit {p.returncode}): {p.stderr.strip()}")
    jobid = p.stdout.strip().split(";")[0]
    print(f"regress: submitted array job {jobid}: {len(rows)} jobs in {tasks} tasks "
          f"(chunk {chunk}); logs under {run_dir}")
    tty = sys.stderr.isatty()
    in_time, next_q, delay, seen = True, 0.0, 0.5, set()
    try:
        # The result files say when every job has ended (checked often, they are
        # local reads); squeue, asked less and less often (at most every 10 s), says
        # when tasks have ended without writing theirs.
        while True:
            now = time.time()
            done = finished(run_dir, rows, seen)
            if done == len(rows):
                break
            if now >= next_q:
                if not active(jobid):
                    break
                next_q, delay = now + delay, min(delay * 1.5, 10.0)
            if wait_timeout and now - t_submit > wait_timeout:
                in_time = False
                break
            progress_line(f"regress: job {jobid}: {done}/{len(rows)} jobs done, "
                          f"{now - t_submit:.0f} s", tty)
            time.sleep(0.25)
    except KeyboardInterrupt:
        in_time = False
    progress_line("", tty)
    if not in_time:
        print(f"regress: cancelling job {jobid} (wait timeout or interrupt)", file=sys.stderr)
        subprocess.run(["scancel", jobid])
        t_end = time.time() + 60
        while time.time() < t_end and active(jobid):
            time.sleep(0.5)
    state = subprocess.run(["scontrol", "-o", "show", "job", jobid], capture_output=True, text=True)
    with open(os.path.join(run_dir, "slurm", "scontrol.txt"), "w") as f:
        f.write(state.stdout or state.stderr)
    return jobid, t_submit, in_time
