"""rundir.py - the run directory shared by the driver, the tasks and the report.

  RUN/jobs.tsv     one job a line: index, name, group, expected samples, cosim options
  RUN/run.env      COSIM and JOB_TIMEOUT, sourced by regress/task.sh
  RUN/run.json     suite, back-end, repository, chunk size (for the report)
  RUN/logs/        IDX.log per job;  RUN/results/  IDX.result per job (task.sh)
  RUN/slurm/       the Slurm back-end: the batch script and each array task's output
"""
import json
import os
import shlex
import shutil


def create(run, jobs, cosim, job_timeout, meta):
    """A fresh run directory holding the job list; returns the job rows."""
    if os.path.isdir(run):
        shutil.rmtree(run)
    for sub in ("logs", "results", "slurm"):
        os.makedirs(os.path.join(run, sub))
    rows = []
    names = set()
    for idx, j in enumerate(jobs):
        if j.name in names:
            raise ValueError(f"job name {j.name} appears twice in the description")
        names.add(j.name)
        for field in (j.name, j.group, " ".join(j.opts)):
            if "\t" in field or "\n" in field or " " in j.name or not j.name:
                raise ValueError(f"job {j.name!r}: empty, or blank or newline in the description")
        rows.append({"idx": idx, "name": j.name, "group": j.group, "expect": j.expect,
                     "opts": list(j.opts)})
    with open(os.path.join(run, "jobs.tsv"), "w") as f:
        for r in rows:
            # "-" for no group: read(1) would merge two adjacent tabs (IFS white space)
            f.write(f"{r['idx']}\t{r['name']}\t{r['group'] or '-'}\t{r['expect']}\t"
                    f"{' '.join(r['opts'])}\n")
    with open(os.path.join(run, "run.env"), "w") as f:
        f.write(f"COSIM={shlex.quote(cosim)}\nJOB_TIMEOUT={int(job_timeout)}\n")
    with open(os.path.join(run, "run.json"), "w") as f:
        json.dump(dict(meta, cosim=cosim, jobs=len(rows)), f, indent=1)
    return rows


def load(run):
    """(rows, meta) of an existing run directory."""
    rows = []
    with open(os.path.join(run, "jobs.tsv")) as f:
        for line in f:
            idx, name, group, expect, opts = line.rstrip("\n").split("\t")
            rows.append({"idx": int(idx), "name": name, "group": "" if group == "-" else group,
                         "expect": int(expect), "opts": opts.split()})
    with open(os.path.join(run, "run.json")) as f:
        meta = json.load(f)
    return rows, meta


def read_result(run, idx):
    """The key=value result file of job idx, or None when there is none."""
    try:
        with open(os.path.join(run, "results", f"{idx}.result")) as f:
            text = f.read()
    except FileNotFoundError:
        return None
    out = {}
    for line in text.splitlines():
        k, sep, v = line.partition("=")
        if sep:
            out[k] = v
    return out


def log_path(run, idx):
    return os.path.join(run, "logs", f"{idx}.log")
