#!/usr/bin/env python3
"""report_html.py - `make report`: one self-contained page of the latest results.

Reads what the other targets left under build/ (every input optional) and writes
OUT/index.html with every asset copied beside it (relative links only):
  regression  a JUnit XML file (any producer): pass/fail per job, failures' first mismatch
  coverage    build/coverage-report/coverage.json + the genhtml pages
  synthesis   build/synth/report.json          benchmark  build/bench/results.json
  quality     build/quality/quality.json + plots  audio   build/audio/audio.json + WAV
Each section says which command made it and when; a missing input is said.
Standard library only. Usage: report_html.py --build DIR --out DIR [--junit FILE
--junit-cmd CMD]
"""
import argparse
import datetime
import html
import json
import os
import shutil
import sys
import xml.etree.ElementTree as ET

E = html.escape


def when(path):
    t = datetime.datetime.fromtimestamp(os.path.getmtime(path), datetime.timezone.utc)
    return t.strftime("%Y-%m-%d %H:%M:%S UTC")


def made_by(cmd, at, src):
    return ('<p class="src">Made by <code>%s</code> at %s; input <code>%s</code>.</p>'
            % (E(cmd), E(at), E(src)))


def missing(path, cmd):
    return ('<p class="missing">Not available: <code>%s</code> is missing. Run <code>%s</code> '
            'and then <code>make report</code>.</p>' % (E(path), E(cmd)))


def load_json(path):
    try:
        with open(path) as f:
            return json.load(f), None
    except OSError:
        return None, "missing"
    except ValueError as e:
        return None, "unreadable (%s)" % e


def bad_json(path, why):
    return '<p class="missing">Not available: <code>%s</code> is %s.</p>' % (E(path), E(why))


def open_section(path, cmd):
    """(data, [made-by line]) of a section's JSON input, or (None, [why it is missing])."""
    d, why = load_json(path)
    if d is None:
        return None, [missing(path, cmd) if why == "missing" else bad_json(path, why)]
    return d, [made_by(d.get("command", cmd), d.get("started", when(path)), path)]


def asset_section(a, src, sub, name, cmd):
    """open_section for a section whose plots and sounds are copied to OUT/sub."""
    src = src or os.path.join(a.build, sub)
    d, out = open_section(os.path.join(src, name), cmd)
    if d is not None:
        os.makedirs(os.path.join(a.out, sub), exist_ok=True)
    return d, out, src, os.path.join(a.out, sub)


def table(head, rows, cls=""):
    h = "".join("<th>%s</th>" % E(str(c)) for c in head)
    body = "".join("<tr%s>%s</tr>" % (' class="%s"' % r[1] if isinstance(r, tuple) else "",
                                      "".join("<td>%s</td>" % c for c in
                                              (r[0] if isinstance(r, tuple) else r)))
                   for r in rows)
    return '<table class="%s"><tr>%s</tr>%s</table>' % (cls, h, body)


def first_mismatch(text):
    """The first line that says what went wrong, most specific first."""
    lines = [ln.strip() for ln in (text or "").splitlines() if ln.strip()]
    for keys in (("MISMATCH", "PROTOCOL"), ("FAIL",), ("rror",)):
        for ln in lines:
            if any(k in ln for k in keys):
                return ln
    return lines[0] if lines else "(no message)"


def junit_jobs(path):
    """Every testcase of a JUnit file: (suite, name, status, seconds, first line)."""
    root = ET.parse(path).getroot()
    jobs = []
    for suite in ([root] if root.tag == "testsuite" else root.iter("testsuite")):
        for tc in suite.findall("testcase"):
            status, msg = "pass", ""
            for tag in ("failure", "error", "skipped"):
                el = tc.find(tag)
                if el is not None:
                    status = "skipped" if tag == "skipped" else "fail"
                    msg = first_mismatch((el.text or "") + "\n" + el.get("message", ""))
                    break
            jobs.append((suite.get("name", ""), tc.get("name", ""), status,
                         tc.get("time", ""), msg))
    return jobs


def sec_regress(a):
    if not a.junit or not os.path.exists(a.junit):
        return missing(a.junit or "(no JUnit file given)", a.junit_cmd)
    try:
        jobs = junit_jobs(a.junit)
    except (ET.ParseError, OSError) as e:
        return bad_json(a.junit, "not readable JUnit XML (%s)" % e)
    n = {s: sum(1 for j in jobs if j[2] == s) for s in ("pass", "fail", "skipped")}
    out = [made_by(a.junit_cmd, when(a.junit), a.junit)]
    out.append('<p class="counts">Jobs: <b id="junit-total">%d</b>, passed <b id="junit-pass" '
               'class="ok">%d</b>, failed <b id="junit-fail" class="%s">%d</b>, skipped '
               '<b id="junit-skipped">%d</b>.</p>'
               % (len(jobs), n["pass"], "bad" if n["fail"] else "ok", n["fail"], n["skipped"]))
    fails = [j for j in jobs if j[2] == "fail"]
    if fails:
        out.append("<h3>Failures: the first mismatch of each</h3>")
        out.append(table(["job", "first mismatch"],
                         [([E(j[1]), "<code>%s</code>" % E(j[4])], "fail") for j in fails]))
    out.append("<details%s><summary>All %d jobs</summary>%s</details>" % (
        " open" if len(jobs) <= 30 else "", len(jobs),
        table(["suite", "job", "result", "time (s)"],
              [([E(j[0]), E(j[1]), j[2].upper() if j[2] == "fail" else j[2], E(j[3])],
                j[2]) for j in jobs], "jobs")))
    return "\n".join(out)


def sec_coverage(a):
    path = os.path.join(a.build, "coverage-report", "coverage.json")
    d, out = open_section(path, "make coverage-report")
    if d is None:
        return out[0]
    s = d.get("summary")
    hsrc = os.path.join(a.build, "coverage-report", "html")
    if s and os.path.isdir(hsrc):
        shutil.copytree(hsrc, os.path.join(a.out, "coverage"), dirs_exist_ok=True)
        pct = lambda h, f: "%.1f%%" % (100.0 * h / f) if f else "-"  # noqa: E731
        rows = [[E(os.path.relpath(k)), "%d/%d" % (v["LH"], v["LF"]), pct(v["LH"], v["LF"]),
                 E(", ".join(map(str, sorted(set(v.get("missed", []))))) or "-")]
                for k, v in sorted(s["files"].items())]
        rows.append(["<b>all</b>", "%d/%d" % (s["lines_hit"], s["lines_found"]),
                     pct(s["lines_hit"], s["lines_found"]), ""])
        out.append("<p>Verilator line and toggle coverage of %d runs, merged "
                   "(<code>verilator_coverage --write</code>), exported (<code>--write-info"
                   "</code>): <a href=\"coverage/index.html\">genhtml pages</a>.</p>"
                   % len(d.get("dat_files", [])))
        out.append(table(["source", "points hit", "coverage", "lines never hit"], rows))
    else:
        out.append('<p class="missing">No merged coverage (a coverage job failed: see %s).</p>'
                   % E(path))
    rows = []
    for name, b in d.get("bins", {}).items():
        if not b["runs"]:
            rows.append(([E(name), "n/a", "cannot be hit in these configurations"], "na"))
        elif b["hits"] == 0:
            rows.append(([E(name), "0", "<b>NEVER HIT</b>"], "fail"))
        else:
            rows.append(([E(name), str(b["hits"]), "hit in %d of %d runs" % (b["runs"],
                                                                           b["runs"] + b["na_runs"])
                          ], "pass"))
    out.append("<h3>Functional bins of cosim (%d coverage jobs, %d regression logs)</h3>"
               % (len(d.get("jobs", [])), d.get("extra_logs", 0)))
    out.append(table(["bin", "hits", ""], rows, "bins"))
    return "\n".join(out)


def sec_synth(a):
    path = os.path.join(a.build, "synth", "report.json")
    d, why = load_json(path)
    if d is None:
        return missing(path, "make synth") if why == "missing" else bad_json(path, why)
    c = d.get("config", {})
    out = [made_by("make synth", when(path), path),
           "<p>Configuration: %s</p>" % E(", ".join("%s %s" % kv for kv in c.items()))]
    rows = []
    for r in d.get("results", []):
        b = r.get("block", {})
        rows.append([E(str(r.get(k, "-"))) for k in ("device", "use_dsp", "latency")] +
                    [str(b.get(k, "-")) for k in ("lut4", "carry", "ff", "dsp")] +
                    ["%s / %s MHz %s" % (r.get("fmax_mhz", "-"), r.get("freq_req_mhz", "-"),
                                         "ok" if r.get("timing_pass") else "<b>FAILED</b>")])
    out.append(table(["device", "USE_DSP", "latency", "LUT4", "carry", "FF", "DSP",
                      "Fmax / requested"], rows))
    return "\n".join(out)


def scalar(v):
    return isinstance(v, (str, int, float, bool)) or v is None


def sec_bench(a):
    """Any list of records in results.json becomes a table of its scalar fields, so that
    the page follows the benchmark's shape without knowing it."""
    path = os.path.join(a.build, "bench", "results.json")
    d, why = load_json(path)
    if d is None:
        return missing(path, "make bench") if why == "missing" else bad_json(path, why)
    out = [made_by("make bench", d.get("date", when(path)), path)]
    m = d.get("machine")
    if isinstance(m, dict):
        out.append("<p>Machine: %s</p>" % E(", ".join("%s %s" % (k, v) for k, v in m.items()
                                                      if scalar(v))))
    for key, v in d.items():
        if not (isinstance(v, list) and v and all(isinstance(r, dict) for r in v)):
            continue
        cols = []
        for r in v:
            cols += [k for k, x in r.items() if scalar(x) and k not in cols]
        cols = cols[:9]
        rows = [[E("%.4g" % r[k] if isinstance(r.get(k), float) else str(r.get(k, "")))
                 for k in cols] for r in v]
        out.append("<h3>%s</h3>" % E(key))
        out.append(table(cols, rows))
    return "\n".join(out)


def sec_quality(a):
    d, out, src, dst = asset_section(a, a.quality, "quality", "quality.json", "make quality")
    if d is None:
        return out[0]
    eq = d.get("rtl_equal")
    if eq:
        same = eq["equal"] == eq["compared"] and not eq["differ"]
        out.append('<p class="%s">The plots and figures are made from the RTL\'s outputs '
                   '(<code>cosim --dump</code>): %d of %d RTL dumps equal the C model\'s '
                   '(gsref) byte for byte.</p>' % ("ok" if same else "bad", eq["equal"],
                                                  eq["compared"]))
    else:
        out.append('<p class="missing">Made from the C model only (no RTL run).</p>')
    ok = all(c["ok"] for m in d["modes"].values() for c in m["checks"].values())
    out.append("<p>Statistical test (mean and variance within %g standard errors of theory): "
               '<b class="%s">%s</b></p>' % (d["z"], "ok" if ok else "bad",
                                             "PASS" if ok else "FAIL"))
    rows = []
    for mode, m in d["modes"].items():
        for kind, c in m["checks"].items():
            rows.append(([E(mode), kind, str(c["n"]), "%+.5f" % c["mean"], "%+.5f" % c["mean_theory"],
                          "%.5f" % c["mean_bound"], "%.5f" % c["var"], "%.5f" % c["var_theory"],
                          "%.5f" % c["var_bound"], "%s, %s" % tuple(m["textbook"]),
                          "ok" if c["ok"] else "<b>FAIL</b>"], "pass" if c["ok"] else "fail"))
    out.append(table(["mode", "inputs", "n", "mean (LSB)", "theory", "bound", "variance (LSB²)",
                      "theory", "bound", "textbook", ""], rows))
    s = d.get("sqnr")
    if s:
        out.append(table(["mode", "SQNR full-scale sine (dB)", "theory of the mode (dB)",
                          "6.02N+1.76, N=%d (dB)" % s["bits"]],
                         [[E(mo), "%.2f" % v["fs_db"], "%.2f" % v["fs_theory_db"],
                           "%.2f" % s["rule_db"]] for mo, v in s["modes"].items()]))
    for png, cap in (("transfer.png", "Transfer curves with the rails, every rounding mode"),
                     ("staircase.png", "Every rounding mode near zero"),
                     ("error_hist.png", "Error histograms, dropped fraction uniform"),
                     ("error_hist_ties.png", "Error histograms, tie-rich inputs"),
                     ("mean_var.png", "Mean and variance against theory"),
                     ("sqnr.png", "SQNR per mode and against gain")):
        if os.path.exists(os.path.join(src, png)):
            shutil.copy(os.path.join(src, png), dst)
            out.append('<figure><img src="quality/%s" alt="%s"><figcaption>%s</figcaption>'
                       '</figure>' % (png, E(cap), E(cap)))
        else:
            out.append('<p class="missing">Plot %s is missing (run <code>make quality</code>).'
                       '</p>' % png)
    return "\n".join(out)


def sec_audio(a):
    d, out, src, dst = asset_section(a, a.audio, "audio", "audio.json", "make demo-audio")
    if d is None:
        return out[0]
    out += ["<p>Gain %s, default profile (s16.15, half-even, sat). Phrase: <i>%s</i></p>"
           % (E(d["gain"]), E(d["phrase"]))]
    for name, s in d["signals"].items():
        players = []
        for key, label in (("input", "input"), ("model", "output, C model"),
                           ("rtl", "output, RTL")):
            shutil.copy(os.path.join(src, s[key]), dst)
            players.append('<div class="player">%s<br><audio controls preload="auto" '
                           'src="audio/%s"></audio></div>' % (label, E(s[key])))
        out.append("<h3>%s</h3><p>%d samples at %d Hz, %d clipped; RTL WAV %s</p>%s"
                   % (E(name), s["samples"], s["rate"], s["clipped"],
                      '<b class="ok">equals the model\'s byte for byte</b>'
                      if s["rtl_equals_model"] else '<b class="bad">DIFFERS from the model\'s</b>',
                      "".join(players)))
    if os.path.exists(os.path.join(src, "waveforms.png")):
        shutil.copy(os.path.join(src, "waveforms.png"), dst)
        out.append('<figure><img src="audio/waveforms.png" alt="waveforms before and after">'
                   '<figcaption>Waveforms before and after the gain stage</figcaption></figure>')
    return "\n".join(out)


CSS = """body{font-family:sans-serif;max-width:1200px;margin:auto;padding:1em;color:#222}
table{border-collapse:collapse;margin:.5em 0;font-size:13px}td,th{border:1px solid #ccc;
padding:2px 6px}th{background:#eee}tr.fail td{background:#fdd}tr.na td{color:#888}
.src{color:#555;font-size:12px}.missing{color:#a60;font-weight:bold}.ok{color:#070}
.bad{color:#c00}img{max-width:100%;border:1px solid #ddd}.player{display:inline-block;
margin:4px 12px 4px 0;font-size:12px}nav a{margin-right:1em}"""

SECTIONS = [("regression", "Latest regression", sec_regress),
            ("coverage", "Coverage", sec_coverage),
            ("synthesis", "Synthesis", sec_synth),
            ("benchmark", "Benchmark", sec_bench),
            ("quality", "Numeric quality of the rounding modes", sec_quality),
            ("audio", "Audio demo", sec_audio)]


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--build", default="build")
    p.add_argument("--out", required=True)
    p.add_argument("--junit")
    p.add_argument("--junit-cmd", default="make regress")
    p.add_argument("--quality", help="make quality's output (default BUILD/quality)")
    p.add_argument("--audio", help="make demo-audio's output (default BUILD/audio)")
    a = p.parse_args()
    if os.path.isdir(a.out):
        shutil.rmtree(a.out)
    os.makedirs(a.out)
    now = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M:%S UTC")
    body = []
    for sid, title, fn in SECTIONS:
        body.append('<section id="%s"><h2>%s</h2>\n%s\n</section>' % (sid, E(title), fn(a)))
    nav = " ".join('<a href="#%s">%s</a>' % (s, E(t)) for s, t, _ in SECTIONS)
    page = ('<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>gainstage '
            'report</title><style>%s</style></head><body><h1>gainstage report</h1>'
            '<p class="src">Page made by <code>make report</code> at %s.</p><nav>%s</nav>\n%s\n'
            '</body></html>\n' % (CSS, now, nav, "\n".join(body)))
    with open(os.path.join(a.out, "index.html"), "w") as f:
        f.write(page)
    print("report: %s" % os.path.join(a.out, "index.html"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
