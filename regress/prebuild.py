"""prebuild.py - makes every Verilator model a regression needs before any job starts.

cosim builds one model per configuration on first use (build/cosim/<key>/, under
flock). Built here once, on the submitting host, the array tasks only find them up
to date (make -q) and never compile at the same time on a shared filesystem.

A job's build options are its options without the stimulus and run options below; a
short run of the corner set at the configured gain then builds (or checks) the model.
Options not listed (configuration, --rtl, --netlist, future ones) are kept, so a new
option that selects another build is prebuilt too. `via` prefixes each build command
(e.g. srun -p PART: build on a compute node, whose CPU the -march=native models suit).
"""
import os
import subprocess
from concurrent.futures import ThreadPoolExecutor

# stimulus / run options that do not change the build: with and without an argument
RUN_ARG = {"--random", "--seed", "--gain-range", "--stall", "--gap", "--backpressure",
           "--max-errors", "--timeout", "--latency", "--jobs", "--vectors", "--dump",
           "--trace-window"}
RUN_FLAG = {"--corners", "--fixed-gain", "--exhaustive", "--all-gains", "--progress",
            "--no-progress", "--quiet", "--trace-all", "--rebuild"}
# outputs whose presence selects a build variant: kept, written to the run directory
OUTPUT_ARG = {"--trace", "--coverage"}


def build_opts(opts, scratch, n):
    out, i = [], 0
    while i < len(opts):
        o = opts[i]
        if o in RUN_ARG:
            i += 2
            continue
        if o in RUN_FLAG:
            i += 1
            continue
        if o in OUTPUT_ARG and i + 1 < len(opts):
            ext = os.path.splitext(opts[i + 1])[1] or ".dat"
            out += [o, os.path.join(scratch, f"{n}_{o.lstrip('-')}{ext}")]
            i += 2
            continue
        out.append(o)
        i += 1
    return out


def prebuild(cosim, rows, scratch, parallel, via=()):
    """Builds each distinct model once; returns the list of (options, log) that failed."""
    os.makedirs(scratch, exist_ok=True)
    keys = {}
    for r in rows:
        b = tuple(build_opts(r["opts"], scratch, 0))
        keys.setdefault(b, r)
    cmds = []
    for n, b in enumerate(keys):
        opts = build_opts(list(b), scratch, n)
        cmds.append((opts, os.path.join(scratch, f"{n}.log")))

    def one(cmd):
        opts, log = cmd
        with open(log, "w") as f:
            rc = subprocess.run(list(via) + [cosim] + opts + ["--corners", "--fixed-gain", "--quiet",
                                                  "--max-errors", "1", "--no-progress"],
                                stdout=f, stderr=subprocess.STDOUT).returncode
        # 1 is a mismatch (a planted fault): the model was built, which is all we need
        return None if rc in (0, 1) else (opts, log)

    with ThreadPoolExecutor(max_workers=max(1, parallel)) as ex:
        bad = [x for x in ex.map(one, cmds) if x]
    return len(cmds), bad
