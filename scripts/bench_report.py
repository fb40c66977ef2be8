#!/usr/bin/env python3
"""bench_report.py - the measurements of `make bench` (issue 6), in one run.

Runs every co-simulation peer against the same rtl/gain_stage.v (default profile)
with the same per-sample check, collects the figures the other parts of the
project wrote (host C model, soft core, synthesis), times the exhaustive run with
1 and 2 worker processes, and writes one table to the terminal,
BUILD/bench/results.md and BUILD/bench/results.json, with the machine, the tool
versions and the date.

A piece that is missing shows as "n/a (reason)", never as a crash. Exit status:
0, or 1 if a peer reported a mismatch (a benchmark of a failing check would be
meaningless), or 2 on bad usage.

Rates are checked samples per second of wall clock for the run command (the
build is done and cached beforehand). Each throughput run is sized from a short
calibration run so that it lasts about --seconds, whatever the machine.
"""

import argparse
import datetime
import glob
import json
import os
import platform
import re
import resource
import shlex
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


class NA(Exception):
    """A figure that cannot be had: the reason goes into the table."""


class CheckFailed(Exception):
    """A peer ran and reported a mismatch."""


def log(msg):
    print("bench: " + msg, file=sys.stderr, flush=True)


def run(cmd, timeout, env=None, cwd=ROOT):
    """Run cmd (list); return (rc, stdout, stderr, seconds). Timeouts are NA."""
    t0 = time.perf_counter()
    try:
        p = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True,
                           timeout=timeout)
    except subprocess.TimeoutExpired:
        raise NA("timed out after %d s: %s" % (timeout, " ".join(cmd)))
    except OSError as e:
        raise NA("cannot run %s: %s" % (cmd[0], e.strerror))
    return p.returncode, p.stdout, p.stderr, time.perf_counter() - t0


def children_cpu():
    """CPU seconds (user + sys) of all waited-for child processes so far."""
    ru = resource.getrusage(resource.RUSAGE_CHILDREN)
    return ru.ru_utime + ru.ru_stime


def first_line(text):
    for line in text.splitlines():
        if line.strip():
            return line.strip()
    return ""


def tail(text, n=3):
    lines = [l for l in text.strip().splitlines() if l.strip()]
    return " | ".join(lines[-n:])


# ---------------------------------------------------------------- machine, tools

def machine():
    cpu = platform.processor() or "unknown"
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    mem = ""
    try:
        with open("/proc/meminfo") as f:
            for line in f:
                if line.startswith("MemTotal"):
                    mem = "%.1f GiB" % (int(line.split()[1]) / 1048576.0)
    except OSError:
        pass
    return {"cpu": cpu, "cores": os.cpu_count(), "memory": mem,
            "os": "%s %s" % (platform.system(), platform.release()),
            "distro": distro(), "load_at_start": load()}


def distro():
    try:
        with open("/etc/os-release") as f:
            for line in f:
                if line.startswith("PRETTY_NAME="):
                    return line.split("=", 1)[1].strip().strip('"')
    except OSError:
        pass
    return ""


def load():
    try:
        return " ".join("%.2f" % v for v in os.getloadavg())
    except OSError:
        return ""


def tool_versions(cc):
    def ver(cmd, pattern=None):
        try:
            rc, out, err, _ = run(cmd, 20)
        except NA as e:
            return "n/a (%s)" % e
        text = out + err
        if pattern:
            m = re.search(pattern, text)
            if m:
                return m.group(1)
        line = first_line(text)
        return line if line else "n/a (no output, exit %d)" % rc

    def pkg(name):
        try:
            import importlib.metadata as md
            return md.version(name)
        except Exception:  # noqa: BLE001 - any failure is "not installed"
            return "n/a (not installed)"

    def deb(name):
        try:
            rc, out, _, _ = run(["dpkg-query", "-W", "-f=${Version}", name], 20)
        except NA:
            return "n/a"
        return out.strip() if rc == 0 and out.strip() else "n/a (not installed)"

    return {
        "verilator": ver(["verilator", "--version"], r"Verilator (\S+)"),
        "iverilog": ver(["iverilog", "-V"], r"version (\S+)"),
        "yosys": ver(["yosys", "-V"], r"Yosys (\S+)"),
        "nextpnr-ice40": ver(["nextpnr-ice40", "--version"], r"\(Version ([^)]+)\)"),
        "gcc": ver([cc, "--version"], r"\) (\d+\.\d+\.\d+)"),
        "riscv gcc": ver(["riscv64-unknown-elf-gcc", "--version"], r"\) (\d+\.\d+\.\d+)"),
        "python": platform.python_version(),
        "cocotb": pkg("cocotb"),
        "picorv32 (PyPI)": pkg("pythondata-cpu-picorv32"),
        "libfixmath (Debian)": deb("libfixmath-dev"),
    }


# ---------------------------------------------------------------- throughput peers

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
    default = [c for c in cands if is_default_cfg(os.path.dirname(c))]
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
    rows = []
    py = sys.executable
    # cosim: warm its per-configuration build cache before any timing.
    cosim, cosim_err = None, None
    try:
        cosim = find_cosim(b)
        rc, out, err, secs = run([cosim, "--random", "1000", "--seed", "1"], args.timeout)
        if rc != 0:
            raise NA("cosim warm-up failed, exit %d: %s" % (rc, tail(out + err, 2)))
        log("cosim warm-up (build cache) %.1f s" % secs)
    except NA as e:
        cosim, cosim_err = None, str(e)

    def cosim_cmd(extra):
        return lambda n: [cosim, "--random", str(n), "--seed", "1"] + extra

    peers = []
    if cosim:
        peers.append(Peer("gainstage cosim (Verilator, C model, every cycle checked)",
                          "cosim", cosim_cmd([]), 2000000, 2 * 10 ** 9))
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

    by_key = {}
    if cosim_err:
        by_key["cosim"] = {"status": "n/a", "reason": cosim_err}
        by_key["cosim_stall"] = {"status": "n/a", "reason": cosim_err}
    if bare_err:
        by_key["bare"] = {"status": "n/a", "reason": bare_err}
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
        "bare": "bare Verilator loop (no checks, ceiling)",
        "cocotb_icarus": "cocotb %s + Icarus %s, Python golden model" % (
            results["tools"].get("cocotb", "?"), results["tools"].get("iverilog", "?")),
        "cocotb_verilator": "cocotb %s + Verilator %s, Python golden model" % (
            results["tools"].get("cocotb", "?"), results["tools"].get("verilator", "?")),
        "icarus_vpi": "Icarus testbench + C model via VPI, no stall",
        "icarus_vpi_stall": "Icarus testbench + C model via VPI, stall 0.2",
    }
    base = by_key.get("cosim", {}).get("samples_per_s")
    base_stall = by_key.get("cosim_stall", {}).get("samples_per_s")
    for key in ("cosim", "cosim_stall", "bare", "cocotb_icarus", "cocotb_verilator",
                "icarus_vpi", "icarus_vpi_stall"):
        r = dict(by_key.get(key, {"status": "n/a", "reason": "not run"}))
        r["key"], r["name"] = key, names[key]
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


# ---------------------------------------------------------------- collected figures

MODEL_ORDER = [
    "model scalar, default profile",
    "model block (per-sample gain), default profile",
    "model block (one gain), default profile",
    "model scalar, libfixmath profile",
    "model block (per-sample gain), libfixmath profile",
    "libfixmath fix16_smul(x, -g) loop",
]


def model_figures(args, results):
    path = os.path.join(ROOT, args.build, "bench", "model.json")
    rows = []
    results["model"] = rows
    try:
        with open(path) as f:
            d = json.load(f)
    except (OSError, ValueError) as e:
        rows.append({"name": "host C model", "status": "n/a",
                     "reason": "%s: %s (make bench-model)" % (os.path.relpath(path, ROOT), e)})
        return
    smul = None
    for k, v in d.items():
        if "fix16_smul" in k and isinstance(v, (int, float)):
            smul = v
    keys = [k for k in MODEL_ORDER if k in d] + [k for k in d if k not in MODEL_ORDER]
    for k in keys:
        v = d[k]
        if not isinstance(v, (int, float)):
            continue
        r = {"name": k, "status": "ok", "samples_per_s": v}
        if smul:
            r["ratio"] = v / smul
        rows.append(r)


def soc_figures(args, results):
    """Cycles per sample on PicoRV32 (rv32i, rv32im) and through the peripheral,
    from the SoC simulation's UART logs (GS1 BEGIN ... isa=..., GS1 END ... sw_cps=
    hw_cps=, written by `make soc-sim`)."""
    rows = []
    results["softcore"] = rows
    b = os.path.join(ROOT, args.build, "soc")
    # `make soc-bench` logs (bench_<sim variant>_<firmware>.log) when there are
    # any, else `make soc-sim`'s UART logs.
    logs = sorted(glob.glob(os.path.join(b, "bench_*.log"))) or \
        sorted(glob.glob(os.path.join(b, "*.log")))
    for p in logs:
        try:
            text = open(p, errors="replace").read()
        except OSError:
            continue
        end = re.search(r"^GS1 END (.*?)(?:\*[0-9A-Fa-f]{4})?$", text, re.M)
        if not end:
            continue
        kv = dict(re.findall(r"(\w+)=(\S+)", end.group(1)))
        begin = re.search(r"^GS1 BEGIN (.*?)(?:\*[0-9A-Fa-f]{4})?$", text, re.M)
        bkv = dict(re.findall(r"(\w+)=(\S+)", begin.group(1))) if begin else {}
        name = bkv.get("isa", soc_arch(os.path.basename(p)))
        base = os.path.basename(p)
        if "_fast_" in base:
            name += ", fast (DSP) multiplier"
        elif "_seq_" in base:
            name += ", sequential multiplier"
        r = {"name": name,
             "source": os.path.relpath(p, ROOT), "status": "ok",
             "sw_cycles_per_sample": num(kv.get("sw_cps")),
             "hw_cycles_per_sample": num(kv.get("hw_cps")),
             "swb_cycles_per_sample": num(kv.get("swb_cps")),
             # the custom instruction: block loop, a call per sample, two lanes
             "cp_cycles_per_sample": num(kv.get("cp_cps")),
             "cp1_cycles_per_sample": num(kv.get("cp1_cps")),
             "cp2_cycles_per_sample": num(kv.get("cp2_cps")),
             "samples": num(kv.get("n")), "mismatches": num(kv.get("mismatch")),
             "result": kv.get("result"), "clock_hz": num(bkv.get("clk"))}
        rows.append(r)
    if not rows:
        rows.append({"name": "PicoRV32 soft core", "status": "n/a",
                     "reason": "no SoC UART log with a 'GS1 END' line under %s/soc "
                               "(make soc-sim)" % args.build})
    rows.sort(key=lambda r: r["name"])


def num(v):
    if v is None:
        return None
    try:
        f = float(v)
    except ValueError:
        return None
    return int(f) if f.is_integer() else f


def soc_arch(name):
    m = re.search(r"rv32i?m?", name)
    return m.group(0) if m else ("rv32im" if name == "uart.log" else name)


def synth_figures(args, results):
    """The gain stage alone (`make synth`: BUILD/synth/report.json) and the SoC
    (nextpnr logs / JSON under BUILD/soc, from `make bitstream`)."""
    rows = []
    results["synth"] = rows
    rep = os.path.join(ROOT, args.build, "synth", "report.json")
    try:
        with open(rep) as f:
            d = json.load(f)
        for r in d.get("results", []):
            blk, placed = r.get("block", {}), r.get("placed", {})
            lc = placed.get("lc")
            rows.append({
                "design": "gain_stage (%s)" % ("SB_MAC16" if r.get("use_dsp") else
                                               "LUT multiplier"),
                "part": r.get("device", r.get("part")),
                "lc": "%d/%d" % tuple(lc) if isinstance(lc, list) and len(lc) == 2 else lc,
                "lut4": blk.get("lut4"), "ff": blk.get("ff"), "dsp": blk.get("dsp"),
                "ram": blk.get("ram"), "fmax_mhz": r.get("fmax_mhz"),
                "target_mhz": r.get("freq_req_mhz"),
                "timing": "PASS" if r.get("timing_pass") else "FAIL",
                "source": os.path.relpath(rep, ROOT), "status": "ok"})
    except (OSError, ValueError, AttributeError, TypeError) as e:
        rows.append({"design": "gain_stage", "status": "n/a",
                     "reason": "%s: %s (make synth)" % (os.path.relpath(rep, ROOT),
                                                         getattr(e, "strerror", None) or e)})
    soc = soc_synth(args)
    rows += soc if soc else [{"design": "SoC (PicoRV32 + gain_stage)", "status": "n/a",
                              "reason": "no nextpnr log under %s/soc (make bitstream)"
                                        % args.build}]


def soc_synth(args):
    """SoC use and Fmax from the newest nextpnr log(s) under BUILD/soc."""
    out = []
    main = os.path.join(ROOT, args.build, "soc", "syn", "nextpnr.log")  # make bitstream's
    logs = [main] if os.path.isfile(main) else sorted(
        glob.glob(os.path.join(ROOT, args.build, "soc", "**", "*.log"), recursive=True),
        key=os.path.getmtime, reverse=True)
    for p in logs:
        try:
            text = open(p, errors="replace").read()
        except OSError:
            continue
        if "Device utilisation" not in text:
            continue
        r = nextpnr_log(text)
        r.update({"design": "SoC (PicoRV32 + gain_stage peripheral + PCPI unit)",
                  "source": os.path.relpath(p, ROOT),
                  "status": "ok"})
        out.append(r)
        break
    return out


def nextpnr_log(text):
    """Use (the last 'Device utilisation' block) and Fmax (the last line per clock)."""
    util = text[text.rindex("Device utilisation"):]
    def used(cell):
        m = re.search(r"%s:\s*(\d+)/\s*(\d+)" % cell, util)
        return (int(m.group(1)), int(m.group(2))) if m else None
    lc, ram, dsp = used("ICESTORM_LC"), used("ICESTORM_RAM"), used("ICESTORM_DSP")
    spram = used("ICESTORM_SPRAM")
    fm = re.findall(r"Max frequency for clock\s+'([^']*)':\s*([\d.]+) MHz \((PASS|FAIL) at "
                    r"([\d.]+) MHz\)", text)
    last = {}
    for clk, f, verdict, tgt in fm:
        last[clk] = (float(f), verdict, float(tgt))
    # The slowest clock is the design's limit.
    worst = min(last.values()) if last else None
    part = re.search(r"\b(up5k|hx8k|lp8k|hx1k|hx4k|u4k)\b", text, re.I)
    if part:
        part = "iCE40" + part.group(1).upper()
    else:  # the log may not name the device: its LC count does
        part = {5280: "iCE40UP5K", 7680: "iCE40HX8K/LP8K", 1280: "iCE40HX1K",
                3520: "iCE40HX4K"}.get(lc[1] if lc else 0, "iCE40 (see log)")
    return {"part": part,
            "lc": "%d/%d" % lc if lc else None, "ram": ram[0] if ram else None,
            "spram": spram[0] if spram else None, "dsp": dsp[0] if dsp else None,
            "lut4": None, "ff": None,
            "fmax_mhz": worst[0] if worst else None, "target_mhz": worst[2] if worst else None,
            "timing": worst[1] if worst else None}


def make_target(args, target, timeout):
    """Run `make target` (output to a log); NA with a reason if it fails or is unknown."""
    logf = os.path.join(ROOT, args.build, "bench", "make-%s.log" % target)
    cmd = shlex.split(args.make) + ["--no-print-directory", target]
    log("make %s (log %s)" % (target, os.path.relpath(logf, ROOT)))
    rc, out, err, secs = run(cmd, timeout)
    with open(logf, "w") as f:
        f.write(out + err)
    if rc != 0:
        if "No rule to make target" in err:
            raise NA("no `make %s` target yet" % target)
        raise NA("`make %s` failed (exit %d): %s" % (target, rc, tail(err or out, 2)))
    log("  done in %.1f s" % secs)
    return secs


# ---------------------------------------------------------------- output

def fmt_rate(v):
    if v is None:
        return "-"
    if v >= 1e6:
        return "%.2f M" % (v / 1e6)
    if v >= 1e3:
        return "%.1f k" % (v / 1e3)
    return "%.0f" % v


def fmt_ratio(v):
    if v >= 0.1:
        return "%.2fx" % v
    return "%.4fx (1/%d)" % (v, round(1 / v))


def fmt(v, spec="%s"):
    if v is None or v == "":
        return "-"
    try:
        return spec % v
    except TypeError:
        return str(v)


def na(r):
    return "%s (%s)" % (r.get("status", "n/a"), r.get("reason", ""))


def markdown(res):
    L = []
    m = res["machine"]
    L.append("# gainstage benchmark")
    L.append("")
    L.append("- date: %s" % res["date"])
    L.append("- machine: %s, %s cores, %s RAM, %s (%s); load average at start %s, at end %s"
             % (m["cpu"], m["cores"], m["memory"], m["distro"], m["os"], m["load_at_start"],
                m.get("load_at_end", "?")))
    L.append("- tools: " + ", ".join("%s %s" % (k, v) for k, v in res["tools"].items()))
    L.append("- command: `make bench` (%s); report time %.0f s%s"
             % (res.get("commit", "?"), res.get("report_seconds", 0),
                ", whole `make bench` %.0f s" % res["total_seconds"]
                if res.get("total_seconds") else ""))
    if res.get("collected"):
        L.append("- outputs made first: " + ", ".join(
            "`make %s` %s" % (t, "%.0f s" % c["seconds"] if c["status"] == "ok"
                              else "n/a (%s)" % c.get("reason", ""))
            for t, c in res["collected"].items()))
    L.append("")
    L.append("## 1. Co-simulation throughput, default profile (s16.15 x u16.12 -> s16.15, "
             "half-even, sat), random x and g per sample, every output checked")
    L.append("")
    L.append("Samples/s = samples / wall-clock seconds of the run command (models built "
             "beforehand); each run sized to last about %g s, the best of %d runs counts." % (
                 res.get("seconds", 3), res.get("repeat", 1)))
    L.append("")
    L.append("| peer | samples | run seconds | of which start-up (est.) | checked samples/s "
             "| ratio to gainstage |")
    L.append("|---|---:|---:|---:|---:|---:|")
    for r in res.get("cosim", []):
        if r.get("status") == "ok":
            ratio = "%s %s" % (fmt_ratio(r["ratio"]), r["vs"]) if r.get("ratio") else "-"
            if r["key"] in ("cosim",):
                ratio = "1 (reference)"
            if r["key"] == "cosim_stall" and r.get("ratio"):
                ratio = "1 (reference for stall rows)"
            L.append("| %s | %d | %.2f | %.2f | %s | %s |" % (
                r["name"], r["samples"], r["seconds"], r.get("startup_s", 0),
                fmt_rate(r["samples_per_s"]), ratio))
        else:
            L.append("| %s | - | - | - | %s | - |" % (r["name"], na(r)))
    notes = [r for r in res.get("cosim", []) if r.get("note")]
    cs = {r["key"]: r for r in res.get("cosim", [])}
    if cs.get("cosim", {}).get("samples_per_s") and cs.get("bare", {}).get("samples_per_s"):
        L.append("")
        L.append("Checked cosim runs at %.2fx the bare Verilator loop (no checking) on the same RTL."
                 % (cs["cosim"]["samples_per_s"] / cs["bare"]["samples_per_s"]))
    if cs.get("cosim_stall", {}).get("samples_per_s") and cs.get("cosim", {}).get("samples_per_s"):
        if L[-1].startswith("|"):
            L.append("")
        L.append("With --stall 0.2 (random input gaps and output backpressure) it checks %.2fx "
                 "as many samples/s as without." % (cs["cosim_stall"]["samples_per_s"]
                                                    / cs["cosim"]["samples_per_s"]))
    xc = res.get("sim_bench")
    if xc:
        if L[-1].startswith("|"):
            L.append("")
        L.append("Cross-check, `make bench-cosim` (sim/bench.sh) earlier in the same `make bench`: "
                 "bare loop %s Mcycles/s; cosim exhaustive stimulus %s, random %s, --stall 0.2 "
                 "%s Msamples/s." % (xc.get("bare_mcycles_s"), xc.get("cosim_exhaustive_msamples_s"),
                                     xc.get("cosim_random_msamples_s"),
                                     xc.get("cosim_stall02_msamples_s")))
    for r in notes:
        if L[-1].startswith("|"):
            L.append("")
        L.append("Note (%s): %s." % (r["name"], r["note"]))
    L.append("")
    L.append("## 2. The C model on the host")
    L.append("")
    L.append("| figure | samples/s | ratio to libfixmath fix16_smul loop |")
    L.append("|---|---:|---:|")
    for r in res.get("model", []):
        if r.get("status") == "ok":
            L.append("| %s | %s | %s |" % (r["name"], fmt_rate(r["samples_per_s"]),
                                          fmt(r.get("ratio"), "%.2fx")))
        else:
            L.append("| %s | %s | - |" % (r["name"], na(r)))
    L.append("")
    L.append("## 3. The C model on the PicoRV32 soft core (SoC simulation)")
    L.append("")
    L.append("| core (firmware's isa=) | C model, scalar, cycles/sample | C model, block API, "
             "cycles/sample | gain_stage peripheral over the bus, cycles/sample | "
             "custom instruction (PCPI), block / call per sample / two 16-bit lanes a word, "
             "cycles/sample | samples | mismatches | UART log |")
    L.append("|---|---:|---:|---:|---:|---:|---:|---|")
    for r in res.get("softcore", []):
        if r.get("status") == "ok":
            L.append("| %s | %s | %s | %s | %s | %s | %s | %s |" % (
                r["name"], fmt(r.get("sw_cycles_per_sample"), "%.1f"),
                fmt(r.get("swb_cycles_per_sample"), "%.1f"),
                fmt(r.get("hw_cycles_per_sample"), "%.1f"),
                " / ".join(fmt(r.get(k + "_cycles_per_sample"), "%.1f")
                           for k in ("cp", "cp1", "cp2")),
                fmt(r.get("samples")), fmt(r.get("mismatches")), r.get("source", "")))
        else:
            L.append("| %s | %s | - | - | - | - | - | - |" % (r["name"], na(r)))
    L.append("")
    L.append("## 4. Synthesis (yosys + nextpnr-ice40)")
    L.append("")
    L.append("| design | part | LC placed (used/total) | LUT4 | FF | DSP | RAM | Fmax MHz "
             "(target, timing) | source |")
    L.append("|---|---|---:|---:|---:|---:|---:|---:|---|")
    for r in res.get("synth", []):
        if r.get("status") == "ok":
            ram = fmt(r.get("ram"))
            if r.get("spram") not in (None, 0):
                ram += " + %s SPRAM" % r["spram"]
            fm = fmt(r.get("fmax_mhz"), "%.1f")
            if r.get("target_mhz"):
                fm += " (%s, %s)" % (fmt(r["target_mhz"], "%g"), r.get("timing", "?"))
            L.append("| %s | %s | %s | %s | %s | %s | %s | %s | %s |" % (
                r["design"], r["part"], fmt(r.get("lc")), fmt(r.get("lut4")), fmt(r.get("ff")),
                fmt(r.get("dsp")), ram, fm, r.get("source", "")))
        else:
            L.append("| %s | %s | - | - | - | - | - | - | - |" % (r.get("design", "?"), na(r)))
    L.append("")
    L.append("LUT4/FF of the gain stage: yosys, the block alone; LC placed: nextpnr, with "
             "its synthesis wrapper (gain stage) or the whole SoC.")
    L.append("")
    L.append("## 5. Exhaustive default-profile run: scaling with worker processes")
    L.append("")
    s = res.get("scaling", {})
    if s.get("status") == "ok":
        L.append("Measured on a fixed slice: gain codes 0..%d (%.2f%% of the 2^32 (x, g) space, "
                 "%d samples); the full-space times are extrapolated linearly from it."
                 % (s["gain_codes"] - 1, 100 * s["fraction"], s["samples"]))
        L.append("")
        L.append("| workers | slice seconds (best; all runs) | CPU seconds (cores busy) | "
                 "samples/s | full 2^32 space, extrapolated |")
        L.append("|---:|---:|---:|---:|---:|")
        for j in (1, 2):
            cpu = s.get("cpu_seconds_%d" % j)
            L.append("| %d | %.2f (%s) | %s | %s | %.0f s (%.1f min) |" % (
                j, s["seconds_%d" % j], ", ".join("%.2f" % v for v in s.get("runs_%d" % j, [])),
                "%.2f (%.2f)" % (cpu, cpu / s["seconds_%d" % j]) if cpu is not None else "-",
                fmt_rate(s["samples"] / s["seconds_%d" % j]),
                s["full_seconds_%d" % j], s["full_seconds_%d" % j] / 60))
        L.append("")
        L.append("Speed-up with 2 workers: %.2fx (runs interleaved 1, 2, 1, 2, ...). \"Cores "
                 "busy\" = CPU seconds / wall seconds: below 2 for the 2-worker run means other "
                 "processes on this machine held a core (load average in the header)."
                 % s["speedup"])
    else:
        L.append("%s" % na(s))
    if res.get("failures"):
        L.append("")
        L.append("## FAILURES")
        for f in res["failures"]:
            L.append("- %s" % f)
    L.append("")
    return "\n".join(L)


def git_commit():
    try:
        rc, out, _, _ = run(["git", "describe", "--always", "--dirty"], 10)
        return out.strip() if rc == 0 else "?"
    except NA:
        return "?"


def main():
    ap = argparse.ArgumentParser(description="gainstage benchmark report (make bench)")
    ap.add_argument("--build", default="build")
    ap.add_argument("--make", default="make", help="make command for the collected targets")
    ap.add_argument("--seconds", type=float, default=3.0,
                    help="target duration of each throughput run (default 3)")
    ap.add_argument("--repeat", type=int, default=2,
                    help="measured runs per peer, the fastest counts (default 2)")
    ap.add_argument("--timeout", type=float, default=300.0, help="per command (default 300)")
    ap.add_argument("--exh-gains", type=int, default=4096,
                    help="gain codes in the exhaustive scaling slice (default 4096 = 1/16)")
    ap.add_argument("--bare", default="", help="bare Verilator loop binary (default: found)")
    ap.add_argument("--collect", default="",
                    help="make targets run first for their outputs, comma separated")
    ap.add_argument("--started", type=float, default=0.0,
                    help="epoch seconds when `make bench` started (for the total time)")
    ap.add_argument("--skip", default="", help="comma list: cosim,scaling (for quick checks)")
    args = ap.parse_args()
    if not 1 <= args.exh_gains <= 65536:
        print("bench_report: --exh-gains must be 1..65536", file=sys.stderr)
        return 2
    t0 = time.time()
    os.makedirs(os.path.join(ROOT, args.build, "bench"), exist_ok=True)
    skip = set(filter(None, args.skip.split(",")))
    res = {"date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
           "seconds": args.seconds, "repeat": args.repeat,
           "machine": machine(), "tools": tool_versions(os.environ.get("CC", "cc")),
           "commit": git_commit()}
    failures = []
    collected = {}
    for target in filter(None, args.collect.split(",")):
        try:
            collected[target] = {"status": "ok", "seconds": make_target(args, target, 1800)}
        except NA as e:
            collected[target] = {"status": "n/a", "reason": str(e)}
            log("  n/a: %s" % e)
    res["collected"] = collected
    if "cosim" not in skip:
        failures += throughput(args, res)
    else:
        res["cosim"] = [{"key": "skipped", "name": "co-simulation peers", "status": "n/a",
                         "reason": "skipped (--skip cosim)"}]
    if "scaling" not in skip:
        failures += scaling(args, res)
    else:
        res["scaling"] = {"status": "n/a", "reason": "skipped (--skip scaling)"}
    try:
        with open(os.path.join(ROOT, args.build, "bench", "cosim.json")) as f:
            res["sim_bench"] = json.load(f)
    except (OSError, ValueError):
        pass
    model_figures(args, res)
    soc_figures(args, res)
    synth_figures(args, res)
    # A collect target that failed explains the missing rows better than "no output".
    for key, target in (("softcore", "soc-sim"), ("synth", "synth")):
        c = collected.get(target)
        if c and c["status"] != "ok":
            for r in res[key]:
                if r.get("status") != "ok":
                    r["reason"] = c["reason"]
    res["failures"] = failures
    res["machine"]["load_at_end"] = load()
    res["report_seconds"] = round(time.time() - t0, 1)
    if args.started:
        res["total_seconds"] = round(time.time() - args.started, 1)
    md = markdown(res)
    with open(os.path.join(ROOT, args.build, "bench", "results.md"), "w") as f:
        f.write(md)
    with open(os.path.join(ROOT, args.build, "bench", "results.json"), "w") as f:
        json.dump(res, f, indent=2, sort_keys=False)
        f.write("\n")
    print(md)
    print("bench: wrote %s/bench/results.md and results.json" % args.build)
    if failures:
        print("bench: %d check failure(s): the figures above are not valid" % len(failures),
              file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
