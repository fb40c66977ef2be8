#!/usr/bin/env python3
"""test_verdicts.py - the regression report never calls a dead task a pass (make test-regress).

regress/task.sh runs against a stand-in for cosim (a shell script whose behaviour each
job's options choose), and is killed with SIGTERM (a Slurm time limit) and SIGKILL (a
node failure); one job's result file is removed (a task that never ran). The verdicts
are compared with ones written here by hand. Also: the exhaustive shards tile the gain
space, and the prebuild keeps exactly the options that select a build.
"""
import os
import signal
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import prebuild      # noqa: E402
import report        # noqa: E402
import rundir        # noqa: E402
import suites        # noqa: E402
from junit_cases import cases  # noqa: E402

FAKE = """#!/bin/sh
# a stand-in for cosim: the first option says what to do
case $1 in
  pass) echo "cosim: samples $2, cycles 1, 1.0 s, 2.5 Msamples/s"; exit 0 ;;
  mismatch) echo "cosim: MISMATCH at cycle 9, sample 1: expected y=1, got y=2"
            echo "cosim: samples 3, cycles 9, 0.0 s, 0.1 Msamples/s"; exit 1 ;;
  usage) echo "cosim: --bogus: unknown option" >&2; exit 2 ;;
  hang) echo "cosim: running"; exec sleep 30 ;;
  crash) echo "cosim: about to crash"; kill -SEGV $$ ;;
esac
"""

FAILED = 0


def check(cond, what):
    global FAILED
    print(f"test-regress: {'ok' if cond else 'FAIL'}: {what}")
    FAILED += not cond


def task(run, idx, sig=None):
    p = subprocess.Popen(["bash", os.path.join(HERE, "task.sh"), run, str(idx), "1"],
                         start_new_session=True, stderr=subprocess.DEVNULL)
    if sig:
        res = os.path.join(run, "results", f"{idx}.result")
        t_end = time.time() + 10
        while time.time() < t_end and not os.path.exists(res):
            time.sleep(0.05)
        time.sleep(0.3)
        os.killpg(p.pid, sig)   # the whole task, as slurmstepd signals it
    p.wait(timeout=20)


def main():
    J = suites.job
    jobs = [J("t/pass", "pass 100"), J("t/mismatch", "mismatch"), J("t/usage", "usage"),
            J("t/time-limit", "hang"), J("t/node-lost", "hang"), J("t/never-ran", "pass 1"),
            J("x/shard-full", "pass 200", group="g", expect=200),
            J("x/shard-short", "pass 150", group="g", expect=200),
            J("y/shard", "pass 50", group="h", expect=50), J("t/crash", "crash")]
    with tempfile.TemporaryDirectory() as tmp:
        fake = os.path.join(tmp, "fakecosim")
        with open(fake, "w") as f:
            f.write(FAKE)
        os.chmod(fake, 0o755)
        run = os.path.join(tmp, "run")
        rows = rundir.create(run, jobs, fake, 0, {"suite": "t", "backend": "test", "repo": tmp,
                                                  "chunk": 1, "job_timeout": 0})
        for r in rows:
            sig = {"t/time-limit": signal.SIGTERM, "t/node-lost": signal.SIGKILL}.get(r["name"])
            task(run, r["idx"], sig)
        os.remove(os.path.join(run, "results", "5.result"))
        ok = report.report(run, 1.0, quiet=True)
        got = cases(os.path.join(run, "junit.xml"))
        want = sorted(["t/pass pass", "t/mismatch failure", "t/usage error", "t/time-limit error",
                       "t/node-lost error", "t/never-ran failure", "x/shard-full pass",
                       "x/shard-short failure", "y/shard pass", "t/crash error"])
        check(got == want, "verdicts: " + ", ".join(got))
        check(not ok, "the run is not a pass")
        xml = open(os.path.join(run, "junit.xml")).read()
        check("MISMATCH at cycle 9" in xml and f"reproduce: cd {tmp} &amp;&amp; {fake} mismatch" in xml,
              "a failure carries the first mismatch and the command reproducing it")
        check("SIGTERM" in xml and "still says started" in xml,
              "a signalled task and a killed one are errors naming what happened")
        check("cosim: running" in xml, "a dead task's error carries its log")
        check("checked 150 samples, its share is 200" in xml, "a short shard is a failure")
        check("killed by signal 11" in xml, "a crash is an error naming the signal")
        md = open(os.path.join(run, "summary.md")).read()
        check("| g | FAIL | 1/2 |" in md and "| h | pass | 1/1 | 50 |" in md and "Overall: FAIL" in md,
              "group verdicts merge their shards")

    for size in (1, 1000, 4096, 32768, 65536):
        sh = suites.shards(size)
        tiled = all(a[1] + 1 == b[0] for a, b in zip(sh, sh[1:]))
        check(sh[0][0] == 0 and sh[-1][1] == 65535 and tiled, f"shards of {size} gain codes tile 0..65535")
    m = suites.exhaustive_matrix(shard_gains=20000)
    per = {}
    for j in m:
        per[j.group] = per.get(j.group, 0) + j.expect
    check(len(per) == 24 and set(per.values()) == {1 << 32},
          "exhaustive-matrix: 24 mode pairs, 2^32 samples each")
    b = prebuild.build_opts("--round floor --corners --random 1M --seed 3 --stall 0.2 --rtl f.v "
                            "--exhaustive --gain-range 0:9 --coverage c.dat".split(), "/s", 7)
    check(b == ["--round", "floor", "--rtl", "f.v", "--coverage", "/s/7_coverage.dat"],
          "prebuild keeps the build-selecting options only: " + " ".join(b))
    print(f"test-regress: {'PASS' if not FAILED else 'FAIL'}")
    sys.exit(1 if FAILED else 0)


if __name__ == "__main__":
    main()
