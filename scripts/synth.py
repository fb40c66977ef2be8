#!/usr/bin/env python3
"""synth.py - iCE40 synthesis of rtl/gain_stage.v and its report (issue 4).

For each part: yosys synth_ice40 of gain_stage alone (the post-synthesis netlist,
top module gain_stage, same ports as the RTL, for `cosim --netlist`), then the
pin-frugal wrapper rtl/gain_stage_synth_top.v around exactly that netlist,
nextpnr-ice40 (--report JSON) and icepack. Prints a table and writes it as
report.txt and report.json.

Configuration options are gsref's (SPEC section 6): --in FMT --gain-fmt FMT
--out FMT --round MODE --overflow MODE --profile NAME (later options override).
Synthesis options: --part up5k|hx8k|all, --seed N, --seeds N,N,... (extra
nextpnr runs for the Fmax spread over seeds), --freq-up5k MHZ, --freq-hx8k MHZ,
--build DIR, --netlist-only (yosys only, no place and route), --strict-dsp.

Parts: iCE40UP5K-SG48 with yosys -dsp (SB_MAC16, USE_DSP=1); iCE40HX8K-CT256,
no DSP (USE_DSP=0, the pipelined LUT multiplier). Exit status: 0 when every
step ran (a timing failure is reported in the table, and by
--fail-on-timing with status 1), 2 for a bad option, 1 when a tool failed or the
multiply lost its SB_MAC16 (--strict-dsp: or a DSP is not register-bounded).
"""
import json
import os
import re
import shutil
import subprocess
import sys
import time

ROUNDS = ["floor", "ceil", "zero", "half-up", "half-down", "half-zero",
          "half-away", "half-even"]
OVERFLOWS = ["sat", "sat-sym", "wrap"]
PROFILES = {
    "default": dict(inf="s16.15", gf="u16.12", outf="s16.15", round="half-even",
                    overflow="sat"),
    "libfixmath": dict(inf="s32.16", gf="u32.16", outf="s32.16", round="half-away",
                       overflow="sat"),
}
PARTS = {
    # name: nextpnr device flag, package, yosys extra, USE_DSP, default MHz
    "up5k": dict(dev="--up5k", pkg="sg48", dsp=True, freq=60.0, label="iCE40UP5K-SG48"),
    "hx8k": dict(dev="--hx8k", pkg="ct256", dsp=False, freq=120.0, label="iCE40HX8K-CT256"),
}
TOOL_TIMEOUT = 900  # seconds per tool run

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import gs_rtl  # noqa: E402  (the RTL's sources and LATENCY)
RTL = " ".join(gs_rtl.sources())
TOP = os.path.join(ROOT, "rtl", "gain_stage_synth_top.v")


def die(msg, code=2):
    print("synth: " + msg, file=sys.stderr)
    sys.exit(code)


def parse_fmt(opt, text, signed):
    m = re.fullmatch(r"([su])(\d+)\.(\d+)", text or "")
    if not m:
        die("%s '%s': not a format sW.F or uW.F" % (opt, text))
    s, w, f = m.group(1) == "s", int(m.group(2)), int(m.group(3))
    if s != signed:
        die("%s '%s': must be %s" % (opt, text, "signed (sW.F)" if signed else "unsigned (uW.F)"))
    lo = 2 if signed else 1
    if not lo <= w <= 32:
        die("%s '%s': width %d outside %d..32" % (opt, text, w, lo))
    if f > 62:
        die("%s '%s': %d fractional bits, at most 62" % (opt, text, f))
    return w, f


def parse_args(argv):
    cfg = dict(PROFILES["default"])
    o = dict(parts=["up5k", "hx8k"], seed=1, seeds=[], freq={}, build=os.path.join("build", "synth"),
             netlist_only=False, fail_on_timing=False, strict_dsp=False)
    i = 0
    while i < len(argv):
        a = argv[i]
        flags = {"--netlist-only": "netlist_only", "--fail-on-timing": "fail_on_timing",
                 "--strict-dsp": "strict_dsp"}
        if a in flags:
            o[flags[a]] = True
            i += 1
            continue
        if a in ("-h", "--help"):
            print(__doc__)
            sys.exit(0)
        valued = ("--profile", "--in", "--gain-fmt", "--out", "--round", "--overflow",
                  "--part", "--seed", "--seeds", "--freq-up5k", "--freq-hx8k", "--build")
        if a not in valued:
            die("unknown option %s (see --help)" % a)
        if i + 1 >= len(argv):
            die("option %s: missing value" % a)
        v = argv[i + 1]
        i += 2
        if a == "--profile":
            if v not in PROFILES:
                die("--profile '%s': unknown (default, libfixmath)" % v)
            cfg = dict(PROFILES[v])
        elif a == "--in":
            cfg["inf"] = v
        elif a == "--gain-fmt":
            cfg["gf"] = v
        elif a == "--out":
            cfg["outf"] = v
        elif a == "--round":
            if v not in ROUNDS:
                die("--round '%s': unknown (%s)" % (v, ", ".join(ROUNDS)))
            cfg["round"] = v
        elif a == "--overflow":
            if v not in OVERFLOWS:
                die("--overflow '%s': unknown (%s)" % (v, ", ".join(OVERFLOWS)))
            cfg["overflow"] = v
        elif a == "--part":
            if v == "all":
                o["parts"] = ["up5k", "hx8k"]
            elif v in PARTS:
                o["parts"] = [v]
            else:
                die("--part '%s': unknown (up5k, hx8k, all)" % v)
        elif a == "--seed":
            if not re.fullmatch(r"\d{1,9}", v):
                die("--seed '%s': not a non-negative integer" % v)
            o["seed"] = int(v)
        elif a == "--seeds":
            if not re.fullmatch(r"\d{1,9}(,\d{1,9}){0,31}", v):
                die("--seeds '%s': not a comma-separated list of seeds" % v)
            o["seeds"] = [int(x) for x in v.split(",")]
        elif a in ("--freq-up5k", "--freq-hx8k"):
            try:
                f = float(v)
            except ValueError:
                f = -1.0
            if not 1.0 <= f <= 1000.0:
                die("%s '%s': not a frequency in MHz (1..1000)" % (a, v))
            o["freq"][a[7:]] = f
        elif a == "--build":
            o["build"] = v
        else:
            die("unknown option %s (see --help)" % a)
    in_w, in_f = parse_fmt("--in", cfg["inf"], True)
    g_w, g_f = parse_fmt("--gain-fmt", cfg["gf"], False)
    out_w, out_f = parse_fmt("--out", cfg["outf"], True)
    shift = in_f + g_f - out_f
    if not -62 <= shift <= 62:
        die("formats %s, %s, %s: shift %d outside -62..62" % (cfg["inf"], cfg["gf"],
                                                           cfg["outf"], shift))
    params = dict(IN_W=in_w, IN_F=in_f, G_W=g_w, G_F=g_f, OUT_W=out_w, OUT_F=out_f,
                  ROUND=ROUNDS.index(cfg["round"]), OVERFLOW=OVERFLOWS.index(cfg["overflow"]))
    tag = None
    for name, prof in PROFILES.items():
        if prof == cfg:
            tag = name
    if tag is None:
        tag = "%s_%s_%s_%s_%s" % (cfg["inf"], cfg["gf"], cfg["outf"], cfg["round"],
                                  cfg["overflow"])
    return cfg, params, tag, o


def run(cmd, log, cwd):
    """Run a tool, output to log; on failure print its tail and exit 1."""
    t0 = time.time()
    with open(log, "w") as f:
        try:
            r = subprocess.run(cmd, cwd=cwd, stdout=f, stderr=subprocess.STDOUT,
                               timeout=TOOL_TIMEOUT)
        except subprocess.TimeoutExpired:
            die("%s timed out after %d s (log %s)" % (cmd[0], TOOL_TIMEOUT, log), 1)
        except FileNotFoundError:
            die("%s not found: run scripts/deps.sh synth" % cmd[0], 1)
    if r.returncode != 0:
        with open(log) as f:
            tail = f.read().splitlines()[-15:]
        die("%s failed (status %d), log %s:\n  %s" % (cmd[0], r.returncode, log,
                                                     "\n  ".join(tail)), 1)
    return time.time() - t0


def cell_counts(stat_json, module):
    with open(stat_json) as f:
        text = f.read()
    # yosys prints log lines before the JSON object
    d = json.loads(text[text.index("{"):])
    mods = d.get("modules", {})
    m = mods.get(module) or mods.get("\\" + module) or {}
    return m.get("num_cells_by_type", {})


def dsp_registers(netlist_json):
    """Which SB_MAC16 registers each DSP cell uses (from its parameters)."""
    with open(netlist_json) as f:
        d = json.load(f)
    out = []
    for mod in d["modules"].values():
        for name, c in mod["cells"].items():
            if c["type"] != "SB_MAC16":
                continue
            p = {k: int(v, 2) if set(v) <= set("01") else v for k, v in c["parameters"].items()}

            def out_reg(sel, reg8, reg16):
                return sel == 1 or (sel == 2 and reg8) or (sel == 3 and reg16)
            regs = {
                "A_REG": bool(p.get("A_REG", 0)), "B_REG": bool(p.get("B_REG", 0)),
                "C_REG": bool(p.get("C_REG", 0)), "D_REG": bool(p.get("D_REG", 0)),
                "MULT_PIPE1": bool(p.get("PIPELINE_16x16_MULT_REG1", 0)),
                "MULT_PIPE2": bool(p.get("PIPELINE_16x16_MULT_REG2", 0)),
                "OUT_TOP_REG": out_reg(p.get("TOPOUTPUT_SELECT", 0), p.get("TOP_8x8_MULT_REG", 0),
                                       p.get("PIPELINE_16x16_MULT_REG2", 0)),
                "OUT_BOT_REG": out_reg(p.get("BOTOUTPUT_SELECT", 0), p.get("BOT_8x8_MULT_REG", 0),
                                       p.get("PIPELINE_16x16_MULT_REG2", 0)),
            }
            regs["bounded"] = (regs["A_REG"] and regs["B_REG"] and regs["OUT_TOP_REG"]
                               and regs["OUT_BOT_REG"])
            out.append(dict(cell=name, **regs))
    return out


def read_fmax(path, part):
    """Achieved Fmax of the one clock (clk) in a nextpnr --report file."""
    with open(path) as f:
        fm = json.load(f).get("fmax", {})
    clk = [k for k in fm if "clk" in k] or list(fm)  # nextpnr names it after the buffer
    if not clk:
        die("%s: nextpnr report %s has no fmax entry" % (part, path), 1)
    return fm[clk[0]]["achieved"]


def critical_path(log):
    """First register-to-register critical path of nextpnr's log: the source
    and sink cells (their names cut at the first _SB_ / $ to the RTL signal)
    and the logic / routing split."""
    try:
        with open(log) as f:
            lines = f.read().splitlines()
    except OSError:
        return None
    start = next((i for i, l in enumerate(lines)
                  if "Critical path report for clock" in l), None)
    if start is None:
        return None
    src = snk = None
    for l in lines[start + 1:]:
        m = re.match(r"Info:\s+[\d.]+\s+[\d.]+\s+(Source|Setup)\s+(\S+)", l)
        if m and m.group(1) == "Source" and src is None:
            src = m.group(2)
        elif m and m.group(1) == "Setup":
            snk = m.group(2)
        m = re.match(r"Info:\s+([\d.]+) ns logic, ([\d.]+) ns routing", l)
        if m:
            def short(c):
                return re.split(r"_SB_|\$|_DFFLC|_LC\b", c or "?")[0]
            return dict(source=short(src), sink=short(snk), logic_ns=float(m.group(1)),
                        routing_ns=float(m.group(2)))
    return None


def synth_part(part, params, tag, o, latency):
    P = PARTS[part]
    freq = o["freq"].get(part, P["freq"])
    d = os.path.join(o["build"], tag, part)
    os.makedirs(d, exist_ok=True)
    dabs = os.path.abspath(d)
    use_dsp = 1 if P["dsp"] else 0
    chp = " ".join("-set %s %d" % (k, v) for k, v in list(params.items()) + [("USE_DSP", use_dsp)])
    dsp = " -dsp" if P["dsp"] else ""
    net_v = os.path.join(dabs, "gain_stage_net.v")
    # 1. the block alone: this netlist is what cosim --netlist checks
    ys1 = ("read_verilog %s; chparam %s gain_stage; synth_ice40%s -top gain_stage; "
           "tee -q -o %s/block_stat.json stat -json; write_json %s/block.json; "
           "write_verilog -noattr %s" % (RTL, chp, dsp, dabs, dabs, net_v))
    t_y1 = run(["yosys", "-q", "-l", os.path.join(dabs, "yosys_block.log"), "-p", ys1],
               os.path.join(dabs, "yosys_block.out"), ROOT)
    block = cell_counts(os.path.join(dabs, "block_stat.json"), "gain_stage")
    dsps = dsp_registers(os.path.join(dabs, "block.json"))
    res = dict(part=part, device=P["label"], tag=tag, params=params, use_dsp=use_dsp,
               latency=latency, netlist=os.path.relpath(net_v, ROOT), seed=o["seed"],
               freq_req_mhz=freq,
               block=dict(lut4=block.get("SB_LUT4", 0), carry=block.get("SB_CARRY", 0),
                          ff=sum(v for k, v in block.items() if k.startswith("SB_DFF")),
                          dsp=block.get("SB_MAC16", 0),
                          ram=sum(v for k, v in block.items() if k.startswith("SB_RAM"))),
               dsp_regs=dsps, yosys_s=round(t_y1, 1))
    # The DSP packing is why the UP5K path exists: a yosys or RTL change that
    # loses it is a failure. A DSP without its registers (nextpnr 0.4 then
    # reports a meaningless Fmax) is one under --strict-dsp (make test's
    # default-profile netlists), a warning otherwise: small odd multiplies keep
    # fabric registers.
    if P["dsp"]:
        want = 1 if params["IN_W"] <= 16 and params["G_W"] <= 16 else None
        if want is not None and res["block"]["dsp"] != want:
            die("%s: the %dx%d multiply maps to %d SB_MAC16, expected %d" %
                (part, params["IN_W"], params["G_W"], res["block"]["dsp"], want), 1)
        if not dsps and res["block"]["dsp"]:
            die("%s: SB_MAC16 cells found but none read back" % part, 1)
        loose = [x["cell"] for x in dsps if not x["bounded"]]
        if loose and o["strict_dsp"]:
            die("%s: SB_MAC16 not register-bounded (its Fmax would not be credible): %s" %
                (part, ", ".join(loose)), 1)
    if o["netlist_only"]:
        return res
    # 2. wrapper + that netlist; place, route, pack
    ys2 = ("read_verilog %s; read_verilog -DGS_NETLIST %s; chparam %s gain_stage_synth_top; "
           "synth_ice40%s -top gain_stage_synth_top -json %s/top.json; "
           "tee -q -o %s/top_stat.json stat -json" %
           (net_v, TOP, " ".join("-set %s %d" % kv for kv in params.items()), dsp, dabs, dabs))
    run(["yosys", "-q", "-l", os.path.join(dabs, "yosys_top.log"), "-p", ys2],
        os.path.join(dabs, "yosys_top.out"), ROOT)
    top = cell_counts(os.path.join(dabs, "top_stat.json"), "gain_stage_synth_top")
    if top.get("SB_MAC16", 0) != res["block"]["dsp"]:
        die("%s: the wrapper holds %d SB_MAC16, the block netlist %d: yosys changed it" %
            (part, top.get("SB_MAC16", 0), res["block"]["dsp"]), 1)
    t_pnr = run(["nextpnr-ice40", P["dev"], "--package", P["pkg"], "--json", "top.json",
                 "--asc", "top.asc", "--freq", "%g" % freq, "--seed", str(o["seed"]),
                 "--report", "report.json", "--timing-allow-fail"],
                os.path.join(dabs, "nextpnr.log"), dabs)
    spread = {}
    for sd in o["seeds"]:
        sdir = os.path.join(dabs, "seed_%d" % sd)
        os.makedirs(sdir, exist_ok=True)
        run(["nextpnr-ice40", P["dev"], "--package", P["pkg"], "--json", "../top.json",
             "--freq", "%g" % freq, "--seed", str(sd), "--report", "report.json",
             "--timing-allow-fail"], os.path.join(sdir, "nextpnr.log"), sdir)
        spread[sd] = round(read_fmax(os.path.join(sdir, "report.json"), part), 2)
    run(["icepack", "top.asc", "top.bin"], os.path.join(dabs, "icepack.log"), dabs)
    with open(os.path.join(dabs, "report.json")) as f:
        rep = json.load(f)
    ach = read_fmax(os.path.join(dabs, "report.json"), part)
    util = rep.get("utilization", {})

    def used(k):
        u = util.get(k, {})
        return [u.get("used", 0), u.get("available", 0)]
    res.update(placed=dict(lc=used("ICESTORM_LC"), dsp=used("ICESTORM_DSP"),
                           ram=used("ICESTORM_RAM"), io=used("SB_IO")),
               fmax_mhz=round(ach, 2), timing_pass=ach >= freq,
               bitstream=os.path.relpath(os.path.join(dabs, "top.bin"), ROOT),
               pnr_s=round(t_pnr, 1))
    if spread:
        res["fmax_seeds"] = spread
    res["critical_path"] = critical_path(os.path.join(dabs, "nextpnr.log"))
    return res


def table(results, cfgline):
    lines = ["gainstage synthesis: %s" % cfgline,
             "%-16s %4s %5s %5s %4s %4s %11s %8s %8s %5s %-6s %s" %
             ("part", "LAT", "LUT4", "FF", "DSP", "RAM", "LC placed", "Fmax", "target",
              "seed", "timing", "SB_MAC16 registers")]
    for r in results:
        if r["dsp_regs"]:
            groups = {}
            for x in r["dsp_regs"]:
                k = ",".join(n for n in ("A_REG", "B_REG", "C_REG", "D_REG", "MULT_PIPE1",
                                         "MULT_PIPE2", "OUT_TOP_REG", "OUT_BOT_REG") if x[n])
                k = (k or "none") + ("" if x["bounded"] else " (NOT register-bounded)")
                groups[k] = groups.get(k, 0) + 1
            regs = "; ".join("%dx %s" % (n, k) for k, n in groups.items())
        else:
            regs = "none (LUT multiplier)"
        b = r["block"]
        if "fmax_mhz" in r:
            lc = "%d/%d" % tuple(r["placed"]["lc"])
            fmax = "%.2f" % r["fmax_mhz"]
            tp = "PASS" if r["timing_pass"] else "FAIL"
        else:
            lc, fmax, tp = "-", "-", "-"
        lines.append("%-16s %4d %5d %5d %4d %4d %11s %8s %8.1f %5d %-6s %s" %
                     (r["device"], r["latency"], b["lut4"], b["ff"], b["dsp"], b["ram"], lc, fmax,
                      r["freq_req_mhz"], r["seed"], tp, regs))
    lines.append("LUT4/FF/DSP/RAM: gain_stage alone (yosys); LC placed: with the wrapper's "
                 "serial I/O (nextpnr); Fmax: nextpnr --report, MHz")
    for r in results:
        if r.get("fmax_seeds"):
            v = sorted(r["fmax_seeds"].values())
            lines.append("Fmax %-5s over seeds %s: min %.2f, median %.2f, max %.2f MHz" %
                         (r["part"], ",".join(str(k) for k in r["fmax_seeds"]), v[0],
                          v[len(v) // 2], v[-1]))
    for r in results:
        cp = r.get("critical_path")
        if cp:
            lines.append("critical path %-5s %s -> %s (%.1f ns logic, %.1f ns routing)" %
                         (r["part"], cp["source"], cp["sink"], cp["logic_ns"], cp["routing_ns"]))
    for r in results:
        lines.append("netlist %-5s %s" % (r["part"], r["netlist"]))
    return "\n".join(lines)


def main():
    cfg, params, tag, o = parse_args(sys.argv[1:])
    for tool in ("yosys", "nextpnr-ice40", "icepack"):
        if shutil.which(tool) is None:
            die("%s not found: run scripts/deps.sh synth" % tool, 1)
    try:
        latency = gs_rtl.latency()
    except gs_rtl.RtlError as e:
        die(str(e), 1)
    cfgline = ("in %s, gain %s, out %s, round %s, overflow %s" %
               (cfg["inf"], cfg["gf"], cfg["outf"], cfg["round"], cfg["overflow"]))
    results = [synth_part(p, params, tag, o, latency) for p in o["parts"]]
    txt = table(results, cfgline)
    print(txt)
    outd = os.path.join(o["build"], tag)
    # per configuration, and (full runs only) as the latest report
    for path in (outd,) if o["netlist_only"] else (outd, o["build"]):
        with open(os.path.join(path, "report.txt"), "w") as f:
            f.write(txt + "\n")
        with open(os.path.join(path, "report.json"), "w") as f:
            json.dump(dict(config=cfg, results=results), f, indent=2)
    print("synth: report in %s/report.{txt,json}" % outd)
    if any(not x["bounded"] for r in results for x in r["dsp_regs"]):
        print("synth: WARNING: an SB_MAC16 is not register-bounded; nextpnr 0.4 has no "
              "DSP timing, so its Fmax is not credible")
    bad = [r["part"] for r in results if r.get("timing_pass") is False]
    if bad:
        print("synth: timing FAILED at the requested frequency on: %s" % ", ".join(bad))
        if o["fail_on_timing"]:
            sys.exit(1)


if __name__ == "__main__":
    main()
