"""local_backend.py - runs a regression's jobs as parallel processes on this machine.

Each job is one regress/task.sh call (the script a Slurm array task runs), so the
result files, and hence the report, are the same as on Slurm.
"""
import os
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor, as_completed

import rundir

TASK_SH = os.path.join(os.path.dirname(os.path.abspath(__file__)), "task.sh")


def progress_line(text, tty):
    if tty:
        sys.stderr.write("\r\033[K" + text)
        sys.stderr.flush()


def run(run_dir, rows, parallel):
    """Runs every job (a task of one job each), `parallel` at a time."""
    tty = sys.stderr.isatty()
    t0 = time.time()
    done = failed = 0

    def one(idx):
        subprocess.run(["bash", TASK_SH, run_dir, str(idx), "1"], stdin=subprocess.DEVNULL)
        res = rundir.read_result(run_dir, idx) or {}
        return res.get("state") == "done" and res.get("rc") == "0"

    with ThreadPoolExecutor(max_workers=max(1, parallel)) as ex:
        futs = [ex.submit(one, r["idx"]) for r in rows]
        for f in as_completed(futs):
            done += 1
            failed += not f.result()
            progress_line(f"regress: {done}/{len(rows)} jobs done, {failed} not passed, "
                          f"{time.time() - t0:.0f} s", tty)
    progress_line("", tty)
    return True
