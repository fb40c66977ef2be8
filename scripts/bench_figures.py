#!/usr/bin/env python3
"""bench_figures.py - the figures other parts of the project wrote, read back for
the report: the host C model (results.json "model"), the soft core ("softcore"),
synthesis ("synth"); and making the targets that write them.
"""

import glob
import json
import os
import re
import shlex

from bench_common import NA, ROOT, log, run, tail



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
             # the stage block API: blocks of 16, long blocks, a gain per sample
             "swb_cycles_per_sample": num(kv.get("swb_cps")),
             "swl_cycles_per_sample": num(kv.get("swl_cps")),
             "swg_cycles_per_sample": num(kv.get("swg_cps")),
             # blocks of 16 at their floor: every sample in range; the call's share
             "swbf_cycles_per_sample": num(kv.get("swbf_cps")),
             "swbc_cycles_per_sample": num(kv.get("swbc_cps")),
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
        r.update({"design": "SoC (PicoRV32 + gain_stage peripheral + PCPI unit)", "source": os.path.relpath(p, ROOT),
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
