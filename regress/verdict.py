"""verdict.py - one job's verdict from its result file and log, whichever back-end ran it.

  pass     cosim exited 0 (and checked the samples the job was meant to check)
  failure  cosim exited 1 (a mismatch or handshake-rule violation: the first one and the
           command that reproduces it locally are given), a shard that checked fewer
           samples than its share, or no result file at all (the task never ran the job)
  error    the task died (signalled, or its result file still says "started"), cosim
           timed out, or it stopped with another status (usage, build error, crash)
"""
import glob
import os
import re
import shlex

import rundir

TAIL = 25


def tail(path, n=TAIL):
    try:
        with open(path, errors="replace") as f:
            return "".join(f.readlines()[-n:])
    except OSError:
        return f"({path}: no such file)\n"


def parse_log(path):
    """samples, Msamples/s and the first mismatch line of a cosim log."""
    samples, rate, first = 0, 0.0, ""
    try:
        with open(path, errors="replace") as f:
            for line in f:
                m = re.match(r"cosim: samples (\d+),", line)
                if m and not samples:
                    samples = int(m.group(1))
                    r = re.search(r"([0-9.]+) Msamples/s", line)
                    rate = float(r.group(1)) if r else 0.0
                if not first and re.search(r"MISMATCH|PROTOCOL", line):
                    first = line.strip()
                if not first and line.startswith("cosim: FAIL"):
                    first = line.strip()
    except OSError:
        pass
    return samples, rate, first


def task_output(run, res, idx, chunk):
    """The scheduler's own output file of the task that ran (or should have run) idx."""
    task = res.get("task") if res else str(idx // max(chunk, 1))
    outs = sorted(glob.glob(os.path.join(run, "slurm", f"*_{task}.out")))
    return outs[-1] if outs else None


def repro(meta, opts):
    return "cd " + shlex.quote(meta["repo"]) + " && " + shlex.join([meta["cosim"]] + opts)


def judge(run, row, meta):
    """A dict: name, verdict, message, detail, seconds, cpu, samples, rate, host, log."""
    idx = row["idx"]
    log = rundir.log_path(run, idx)
    res = rundir.read_result(run, idx)
    samples, rate, first = parse_log(log)
    out = {"name": row["name"], "group": row["group"], "log": log, "samples": samples,
           "rate": rate, "seconds": 0.0, "cpu": 0.0, "host": (res or {}).get("host", "")}
    if res and "end" in res:
        out["seconds"] = round(float(res["end"]) - float(res["start"]), 3)
        out["cpu"] = float(res.get("cpu", 0))
    slurm_out = task_output(run, res, idx, meta.get("chunk", 1))
    extra = f"\n--- scheduler output {slurm_out}:\n{tail(slurm_out, 10)}" if slurm_out else ""
    state = res.get("state") if res else None
    if res is None:
        v, msg, det = "failure", "no result file: the task never ran this job", extra
    elif state == "started":
        v, msg = "error", "task died while cosim ran (result file still says started)"
        det = f"log {log}:\n{tail(log)}{extra}"
    elif state == "died":
        v, msg, det = "error", res.get("reason", "task died"), f"log {log}:\n{tail(log)}{extra}"
    else:
        rc = int(res.get("rc", "-1"))
        if rc == 0 and row["expect"] and samples != row["expect"]:
            v, msg = "failure", f"checked {samples} samples, its share is {row['expect']}"
            det = f"reproduce: {repro(meta, row['opts'])}\n{tail(log)}"
        elif rc == 0:
            v, msg, det = "pass", "", ""
        elif rc == 1:
            v, msg = "failure", first or "cosim exit 1"
            det = f"reproduce: {repro(meta, row['opts'])}\nlog {log}:\n{tail(log)}"
        elif rc == 124:
            v, msg = "error", f"timed out after {meta.get('job_timeout')} s (exit {rc})"
            det = f"reproduce: {repro(meta, row['opts'])}\nlog {log}:\n{tail(log)}"
        elif rc > 128:
            v, msg = "error", f"cosim killed by signal {rc - 128} (exit {rc}: time-out, OOM, crash)"
            det = f"reproduce: {repro(meta, row['opts'])}\nlog {log}:\n{tail(log)}"
        else:
            v, msg = "error", f"cosim exit {rc} (bad usage, build error or crash)"
            det = f"reproduce: {repro(meta, row['opts'])}\nlog {log}:\n{tail(log)}"
    out.update(verdict=v, message=msg, detail=det)
    return out
