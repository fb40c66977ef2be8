"""report.py - merges a run directory into one JUnit XML, one summary (Markdown and
JSON) and, for coverage runs, one Verilator coverage file; the same for both back-ends.

  python3 regress/report.py RUN [--wall SECONDS]   (re-reports an existing run)
"""
import argparse
import json
import os
import subprocess
import sys
import xml.etree.ElementTree as ET

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import rundir    # noqa: E402
import verdict   # noqa: E402


def coverage_files(rows):
    for r in rows:
        o = r["opts"]
        for i, tok in enumerate(o[:-1]):
            if tok == "--coverage":
                yield o[i + 1]


def merge_coverage(run, rows):
    files = [f for f in coverage_files(rows) if os.path.exists(f)]
    if not files:
        return None
    out = os.path.join(run, "coverage.dat")
    # A merge that fails is reported, not fatal: the verdicts stand on their own.
    p = subprocess.run(["verilator_coverage", "--write", out] + files,
                       capture_output=True, text=True)
    if p.returncode != 0:
        print(f"regress: verilator_coverage --write failed: {p.stderr.strip()}", file=sys.stderr)
        return None
    return {"file": out, "inputs": len(files), "expected": sum(1 for _ in coverage_files(rows))}


def junit(path, suite, results, wall):
    count = {k: sum(1 for r in results if r["verdict"] == k) for k in ("failure", "error")}
    root = ET.Element("testsuites")
    ts = ET.SubElement(root, "testsuite", name=f"gainstage.{suite}", tests=str(len(results)),
                       failures=str(count["failure"]), errors=str(count["error"]),
                       time=f"{wall:.1f}")
    for r in results:
        cls = "cosim." + r["name"].rsplit("/", 1)[0].replace("/", ".")
        tc = ET.SubElement(ts, "testcase", classname=cls, name=r["name"], time=f"{r['seconds']:.2f}")
        if r["verdict"] != "pass":
            el = ET.SubElement(tc, r["verdict"], message=r["message"], type=r["verdict"])
            el.text = r["detail"]
        so = ET.SubElement(tc, "system-out")
        so.text = f"{r['samples']} samples, {r['rate']} Msamples/s, host {r['host']}, log {r['log']}"
    ET.indent(root)
    ET.ElementTree(root).write(path, encoding="UTF-8", xml_declaration=True)


def groups_of(results):
    out = {}
    for r in results:
        if r["group"]:
            g = out.setdefault(r["group"], {"jobs": 0, "passed": 0, "samples": 0, "cpu": 0.0})
            g["jobs"] += 1
            g["cpu"] = round(g["cpu"] + r["cpu"], 2)
            g["passed"] += r["verdict"] == "pass"
            g["samples"] += r["samples"] if r["verdict"] == "pass" else 0
    for g in out.values():
        g["verdict"] = "pass" if g["passed"] == g["jobs"] else "FAIL"
    return out


def markdown(path, meta, results, groups, wall, cov):
    mark = {"pass": "pass", "failure": "**FAIL**", "error": "**ERROR**"}
    with open(path, "w") as f:
        f.write(f"# {meta['suite']} on {meta['backend']}\n\n")
        if groups:
            f.write("| group | verdict | shards passed | samples checked | CPU (s) |\n"
                    "|---|---|---:|---:|---:|\n")
            for name, g in groups.items():
                f.write(f"| {name} | {g['verdict']} | {g['passed']}/{g['jobs']} | {g['samples']} | "
                        f"{g['cpu']} |\n")
            ok = all(g["verdict"] == "pass" for g in groups.values())
            f.write(f"\nOverall: {'PASS' if ok else 'FAIL'} ({len(groups)} groups)\n\n")
        f.write("| job | result | samples | time (s) | CPU (s) | Msamples/s | host | note |\n")
        f.write("|---|---|---:|---:|---:|---:|---|---|\n")
        for r in results:
            note = r["message"].replace("|", "\\|")
            f.write(f"| {r['name']} | {mark[r['verdict']]} | {r['samples']} | {r['seconds']} | "
                    f"{r['cpu']} | {r['rate']} | {r['host']} | {note} |\n")
        npass = sum(r["verdict"] == "pass" for r in results)
        f.write(f"\n{npass}/{len(results)} passed in {wall:.1f} s ({meta['backend']}).\n")
        if cov:
            f.write(f"\nCoverage: {cov['file']} merged from {cov['inputs']}/{cov['expected']} files.\n")


def report(run, wall, quiet=False):
    """Writes RUN/junit.xml, summary.md, summary.json (and coverage.dat); True if all passed."""
    rows, meta = rundir.load(run)
    results = [verdict.judge(run, r, meta) for r in rows]
    groups = groups_of(results)
    cov = merge_coverage(run, rows)
    junit(os.path.join(run, "junit.xml"), meta["suite"], results, wall)
    markdown(os.path.join(run, "summary.md"), meta, results, groups, wall, cov)
    ok = all(r["verdict"] == "pass" for r in results)
    with open(os.path.join(run, "summary.json"), "w") as f:
        json.dump({"suite": meta["suite"], "backend": meta["backend"], "wall_s": round(wall, 2),
                   "passed": sum(r["verdict"] == "pass" for r in results), "jobs": len(results),
                   "verdict": "pass" if ok else "FAIL", "groups": groups, "coverage": cov,
                   "cpu_s": round(sum(r["cpu"] for r in results), 2),
                   "results": [{k: r[k] for k in ("name", "verdict", "message", "samples",
                                                  "seconds", "cpu", "rate", "host", "log")}
                               for r in results]}, f, indent=1)
    if not quiet:
        for r in results:
            if r["verdict"] != "pass":
                print(f"regress: {r['verdict'].upper()} {r['name']}: {r['message']}")
                for line in r["detail"].splitlines()[:1]:
                    print(f"regress:   {line}")
        for name, g in groups.items():
            if g["verdict"] != "pass":
                print(f"regress: group {name}: {g['passed']}/{g['jobs']} shards passed")
        npass = sum(r["verdict"] == "pass" for r in results)
        print(f"regress: {npass}/{len(results)} passed in {wall:.1f} s on {meta['backend']}; "
              f"{run}/junit.xml, {run}/summary.md" + (f", {cov['file']}" if cov else ""))
    return ok


if __name__ == "__main__":
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("run")
    ap.add_argument("--wall", type=float, default=0.0)
    a = ap.parse_args()
    sys.exit(0 if report(a.run, a.wall) else 1)
