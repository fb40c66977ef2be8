#!/usr/bin/env python3
"""bench_render.py - results.json (bench/results_schema.md) as the Markdown table
of `make bench`: python3 scripts/bench_render.py BUILD/bench/results.json
prints it. Reads nothing but the JSON, so another renderer (the HTML report)
can stand beside it.
"""

import json
import sys



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


# `make bench-cosim` (sim/bench.sh, build/bench/cosim.json): each row's key of
# Msamples per CPU second, its ratio key (to the bare loop of one instance), the
# issue 9 target (None: none) and its name; N is the lane count.
SIM_BENCH_ROWS = (
    ("bare_msamples_s", None, None,
     "bare Verilator loop, 1 lane, two eval() a cycle, no checking (the reference)"),
    ("bare_lanes_msamples_s", "ratio_bare_lanes", None, "bare loop, N lanes in one model"),
    ("bare_as_cosim_msamples_s", "ratio_bare_as_cosim", None,
     "(information) bare loop, 1 lane, --as-cosim: the model evaluated as cosim does it"),
    ("bare_as_cosim_lanes_msamples_s", "ratio_bare_as_cosim_lanes", None,
     "(information) bare loop, N lanes, --as-cosim"),
    ("bare_stim_msamples_s", "ratio_bare_stim", None,
     "(information) bare loop on cosim's random stimulus, 1 lane: the model alone"),
    ("bare_stim_lanes_msamples_s", "ratio_bare_stim_lanes", None,
     "(information) bare loop on cosim's random stimulus, N lanes"),
    ("cosim_random_msamples_s", "ratio_random", 0.9, "cosim, random stimulus, 1 lane"),
    ("cosim_random_lanes_msamples_s", "ratio_random_lanes", 1.3,
     "cosim, random stimulus, --lanes N"),
    ("cosim_exhaustive_msamples_s", "ratio_exhaustive", None, "cosim, exhaustive stimulus, 1 lane"),
    ("cosim_exhaustive_lanes_msamples_s", "ratio_exhaustive_lanes", None,
     "cosim, exhaustive stimulus, --lanes N"),
    ("cosim_stall02_msamples_s", "ratio_stall02", None, "cosim --stall 0.2, 1 lane"),
)


def sim_bench_lines(xc):
    """The lanes table of `make bench-cosim`, run earlier in the same `make bench`."""
    n = xc.get("lanes", "N")
    L = ["`make bench-cosim` (sim/bench.sh) earlier in the same `make bench`: samples per CPU "
         "second (one process, the median of %s runs; each ratio the median of the runs' "
         "ratios to the bare loop of one `gain_stage` run in the same round)." %
         xc.get("reps", "?"), "",
         "| run | Msamples per CPU s | vs bare loop, 1 lane | target (issue 9) |",
         "|---|---:|---:|---:|"]
    for key, rkey, target, name in SIM_BENCH_ROWS:
        v = xc.get(key)
        if not v:   # an older cosim.json, or a row not measured
            continue
        r = 1.0 if rkey is None else xc.get(rkey)
        t = "-"
        if target is not None:
            t = ">= %.1fx, %s" % (target, "met" if r is not None and r >= target else "missed")
            # like for like: against the one-instance bare loop driven as cosim
            # drives the model (one eval a cycle), not two eval() a cycle
            base = xc.get("ratio_bare_as_cosim")
            if r is not None and base:
                t += "; like for like, %.2fx the 1-lane bare loop --as-cosim: %s" % (
                    r / base, "met" if r / base >= target else "missed")
        L.append("| %s | %s | %s | %s |" % (name.replace("N lanes", "%s lanes" % n).replace(
            "--lanes N", "--lanes %s" % n), fmt(v, "%.2f"), fmt(r, "%.2fx"), t))
    if xc.get("ratio_random_to_as_cosim"):
        L.append("")
        L.append("At full rate cosim evaluates the model once a cycle, by its root's eval "
                 "(sim/model_eval.h: the rising edge taken without the falling-edge eval, which "
                 "changes no output of this model, by its generated code and by a probe; and none of the per-thread "
                 "bookkeeping of Verilator 5.006's eval()). The reference bare loop does two "
                 "eval() a cycle, as a Verilator testbench does. Against the bare loop driven "
                 "as cosim drives it (--as-cosim), i.e. the checking's own cost: random stimulus %s (1 lane), "
                 "%s (%s lanes); exhaustive %s, %s." % (
                     fmt(xc.get("ratio_random_to_as_cosim"), "%.2fx"),
                     fmt(xc.get("ratio_random_lanes_to_as_cosim_lanes"), "%.2fx"), n,
                     fmt(xc.get("ratio_exhaustive_to_as_cosim"), "%.2fx"),
                     fmt(xc.get("ratio_exhaustive_lanes_to_as_cosim_lanes"), "%.2fx")))
    if xc.get("exhaustive_2e32_projected_s"):
        L.append("")
        L.append("`make exhaustive` (2^32 samples, --jobs 2 --lanes %s) projected from 1/16 of "
                 "it: %s s on an idle 2-core machine (target <= 60 s, %s)." %
                 (n, xc["exhaustive_2e32_projected_s"],
                  "met" if xc["exhaustive_2e32_projected_s"] <= 60 else "missed"))
    return L


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
        L.append("Checked cosim runs at %.2fx the bare Verilator loop (no checking, two eval() a "
                 "cycle; cosim's full-rate path takes one, see the `make bench-cosim` table) on "
                 "the same RTL."
                 % (cs["cosim"]["samples_per_s"] / cs["bare"]["samples_per_s"]))
    if cs.get("cosim", {}).get("samples_per_s") and cs.get("cocotb2_verilator", {}).get(
            "samples_per_s"):
        if L[-1].startswith("|"):
            L.append("")
        peer = cs["cocotb2_verilator"]["samples_per_s"]
        lanes = cs.get("cosim_lanes", {})
        L.append("Against the strongest peer (%s) cosim checks %.0fx as many samples/s with one "
                 "instance%s." % (cs["cocotb2_verilator"]["name"], cs["cosim"]["samples_per_s"] / peer,
                                  ", %.0fx with --lanes %s (one process)" % (
                                      lanes["samples_per_s"] / peer, lanes.get("lanes", "N"))
                                  if lanes.get("samples_per_s") else ""))
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
        L.extend(sim_bench_lines(xc))
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
             "blocks of 16 [all in range; the call's share] / long blocks / a gain per sample, cycles/sample | gain_stage peripheral over the bus, cycles/sample | "
             "custom instruction (PCPI), block / call per sample / two 16-bit lanes a word, "
             "cycles/sample | samples | mismatches | UART log |")
    L.append("|---|---:|---:|---:|---:|---:|---:|---|")
    for r in res.get("softcore", []):
        if r.get("status") == "ok":
            L.append("| %s | %s | %s | %s | %s | %s | %s | %s |" % (
                r["name"], fmt(r.get("sw_cycles_per_sample"), "%.1f"),
                "%s [%s; %s] / %s / %s" % tuple(
                    fmt(r.get(k + "_cycles_per_sample"), "%.1f")
                    for k in ("swb", "swbf", "swbc", "swl", "swg")),
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


def main(argv):
    if len(argv) != 1:
        print("usage: bench_render.py RESULTS.json", file=sys.stderr)
        return 2
    try:
        with open(argv[0]) as f:
            res = json.load(f)
    except (OSError, ValueError) as e:
        print("bench_render: %s: %s" % (argv[0], e), file=sys.stderr)
        return 2
    print(markdown(res))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
