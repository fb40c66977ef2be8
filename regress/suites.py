"""suites.py - the regressions, described once: a list of jobs (name + cosim options).

Both back-ends (local processes, a Slurm job array) run exactly this list, so the
JUnit testcases are the same whichever runs it. To add a variant (another RTL
parameter, a randomized reset...) add rows in one of the functions below, or a new
function in SUITES; nothing else needs to know.

A Job's `group` collects jobs whose verdicts merge (the shards of one exhaustive
proof); `expect` is the number of samples the job must check (0: not checked), so
that a shard that silently checked less than its share is not a pass.
"""
from collections import namedtuple

Job = namedtuple("Job", "name opts group expect")


def job(name, opts, group="", expect=0):
    return Job(name, opts.split(), group, expect)


ROUNDS = ["floor", "ceil", "zero", "half-up", "half-down", "half-zero", "half-away", "half-even"]
OVERFLOWS = ["sat", "sat-sym", "wrap"]

# name | configuration options (odd formats and the libfixmath profile)
FORMATS = [
    ("libfixmath", "--profile libfixmath"),
    ("libfixmath-floor-wrap", "--profile libfixmath --round floor --overflow wrap"),
    ("s7.3-u5.0-s8.2", "--in s7.3 --gain-fmt u5.0 --out s8.2 --round half-away --overflow sat"),
    ("s7.3-u5.0-s6.4-wrap", "--in s7.3 --gain-fmt u5.0 --out s6.4 --round half-even --overflow wrap"),
    ("s32.31-u8.4-s24.20",
     "--in s32.31 --gain-fmt u8.4 --out s24.20 --round half-down --overflow sat-sym"),
    ("s32.0-u32.0-s32.0", "--in s32.0 --gain-fmt u32.0 --out s32.0 --round floor --overflow wrap"),
    ("negshift-s12.0-u4.0-s20.4",
     "--in s12.0 --gain-fmt u4.0 --out s20.4 --round half-up --overflow sat"),
    ("negshift-s8.2-u8.1-s16.9",
     "--in s8.2 --gain-fmt u8.1 --out s16.9 --round ceil --overflow sat-sym"),
    ("gain1bit-s16.15-u1.0-s16.15",
     "--in s16.15 --gain-fmt u1.0 --out s16.15 --round zero --overflow sat-sym"),
    ("s2.1-u3.2-s2.0", "--in s2.1 --gain-fmt u3.2 --out s2.0 --round half-zero --overflow wrap"),
]

# Small spaces: every (x, g) pair.
EXHAUSTIVE_SMALL = [
    ("s7.3-u5.0-s8.2", "--in s7.3 --gain-fmt u5.0 --out s8.2 --round half-away --exhaustive --all-gains"),
    ("s2.1-u3.2-s2.0",
     "--in s2.1 --gain-fmt u3.2 --out s2.0 --round half-zero --overflow wrap --exhaustive --all-gains"),
    ("s12.0-u4.0-s20.4",
     "--in s12.0 --gain-fmt u4.0 --out s20.4 --round half-up --exhaustive --all-gains"),
    ("default-x-gain4.7", "--exhaustive --rf 47k --rin 10k --stall 0.1"),
]


def regress(seeds=(1, 2, 3), quick=False, **_):
    """The regression matrix (make regress): mode pairs, formats, seeds, stalls."""
    nrand, nstall = ("20k", "10k") if quick else ("1M", "200k")
    jobs = []
    for r in ROUNDS:
        for v in OVERFLOWS:
            for s in seeds:
                jobs.append(job(f"modes/{r}/{v}/seed{s}",
                                f"--round {r} --overflow {v} --corners --random {nrand} --seed {s}"))
                jobs.append(job(f"modes/{r}/{v}/seed{s}/stall",
                                f"--round {r} --overflow {v} --random {nstall} --seed {s} --stall 0.2"))
    for name, opts in FORMATS:
        for s in seeds:
            jobs.append(job(f"formats/{name}/seed{s}", f"{opts} --corners --random {nrand} --seed {s}"))
            jobs.append(job(f"formats/{name}/seed{s}/stall",
                            f"{opts} --random {nstall} --seed {s} --stall 0.3"))
    for name, opts in EXHAUSTIVE_SMALL:
        jobs.append(job(f"exhaustive/{name}", opts))
    return jobs


GAIN_CODES = 1 << 16   # the default gain format u16.12
X_CODES = 1 << 16      # the default input format s16.15


def shards(size):
    """Gain-code ranges [lo, hi] of `size` codes tiling 0 .. GAIN_CODES-1."""
    if size < 1:
        raise ValueError("shard size must be at least 1 gain code")
    return [(lo, min(lo + size, GAIN_CODES) - 1) for lo in range(0, GAIN_CODES, size)]


def exhaustive_matrix(shard_gains=32768, **_):
    """Every (round, overflow) pair at the default formats, every (x, g): 24 x 2^32
    samples, each pair's gain codes split into shards (one array task each)."""
    jobs = []
    for r in ROUNDS:
        for v in OVERFLOWS:
            for lo, hi in shards(shard_gains):
                jobs.append(job(f"exhaustive-matrix/{r}/{v}/gains-{lo:05d}-{hi:05d}",
                                f"--round {r} --overflow {v} --exhaustive --gain-range {lo}:{hi} "
                                "--max-errors 20", group=f"{r}/{v}",
                                expect=(hi - lo + 1) * X_CODES))
    return jobs


def smoke(fault_rtl=None, plant_latency=False, **_):
    """A few short runs of the default configuration (one Verilator build), for the
    one-node Slurm test, the overhead benchmark and the report page (make report,
    make report-test); with fault_rtl, one more job runs that faulty copy of the RTL
    and must fail; with plant_latency, one more job tells cosim a wrong LATENCY and
    must fail (a real cosim failure on the unchanged RTL, for the page's failure rows)."""
    jobs = [
        job("smoke/corners", "--corners --random 20k --seed 1"),
        job("smoke/stall", "--random 10k --seed 2 --stall 0.2"),
        job("smoke/gap", "--random 10k --seed 3 --gap 0.3"),
        job("smoke/backpressure", "--random 10k --seed 4 --backpressure 0.3"),
    ]
    if fault_rtl:
        jobs.append(job("smoke/planted-fault", f"--rtl {fault_rtl} --corners --random 10k "
                        "--seed 5 --max-errors 3"))
    if plant_latency:
        jobs.append(job("smoke/planted-wrong-latency", "--random 2000 --seed 6 --latency 5"))
    return jobs


def overhead(tasks=20, **_):
    """`tasks` near-empty jobs (the corner set only): the scheduler's cost per task."""
    return [job(f"overhead/task{i:03d}", f"--corners --fixed-gain --seed {i + 1}")
            for i in range(tasks)]


SUITES = {
    "regress": regress,
    "exhaustive-matrix": exhaustive_matrix,
    "smoke": smoke,
    "overhead": overhead,
}
