#!/usr/bin/env python3
"""gs_rtl.py - the one place that says what the gain_stage RTL is made of and
what its LATENCY is. Every flow (make fragments, bench scripts, synth.py, the
formal proofs) asks here instead of reading the Verilog text itself.

  gs_rtl.py sources [--top FILE]   the source files, one a line, top first
                                   (from rtl/gain_stage.f; --top FILE replaces
                                   rtl/gain_stage.v, e.g. by a mutated copy)
  gs_rtl.py latency [--top FILE]   the LATENCY localparam as the RTL elaborates
                                   it (Icarus: a probe instantiates gain_stage
                                   and prints dut.LATENCY), so a computed or
                                   reformatted LATENCY is read right too

As a module: sources(top=None) -> [paths], latency(top=None) -> int.
Exit status 0, or 1 when the RTL does not elaborate (message on stderr).
"""
import os
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FILE_LIST = os.path.join(ROOT, "rtl", "gain_stage.f")
TOP_FILE = "rtl/gain_stage.v"

PROBE = """module gs_latency_probe;
  gain_stage dut ();
  initial $display("LATENCY=%0d", dut.LATENCY);
endmodule
"""


class RtlError(Exception):
    pass


def sources(top=None):
    """Absolute paths of the RTL sources, top module first."""
    with open(FILE_LIST) as f:
        rel = [l.strip() for l in f if l.strip()]
    out = []
    for r in rel:
        if r == TOP_FILE and top:
            out.append(os.path.abspath(top))
        else:
            out.append(os.path.join(ROOT, r))
    return out


def latency(top=None):
    """LATENCY of gain_stage, elaborated by Icarus."""
    with tempfile.TemporaryDirectory(prefix="gs_rtl_") as d:
        probe = os.path.join(d, "probe.v")
        with open(probe, "w") as f:
            f.write(PROBE)
        vvp = os.path.join(d, "probe.vvp")
        try:
            r = subprocess.run(["iverilog", "-g2005", "-s", "gs_latency_probe", "-o", vvp, probe]
                               + sources(top), capture_output=True, text=True, timeout=120)
        except FileNotFoundError:
            raise RtlError("iverilog not found: run scripts/deps.sh core")
        if r.returncode != 0:
            raise RtlError("the RTL does not elaborate under Icarus:\n" + r.stderr.strip())
        r = subprocess.run(["vvp", "-n", vvp], capture_output=True, text=True, timeout=60)
    for line in r.stdout.splitlines():
        if line.startswith("LATENCY="):
            return int(line[8:])
    raise RtlError("gain_stage has no LATENCY (probe printed %r)" % r.stdout.strip())


def main(argv):
    if len(argv) not in (1, 3) or argv[0] not in ("sources", "latency") or \
            (len(argv) == 3 and argv[1] != "--top"):
        print(__doc__, file=sys.stderr)
        return 2
    top = argv[2] if len(argv) == 3 else None
    if top and not os.path.isfile(top):
        print("gs_rtl: %s: no such file" % top, file=sys.stderr)
        return 2
    try:
        if argv[0] == "sources":
            print("\n".join(os.path.relpath(p) for p in sources(top)))
        else:
            print(latency(top))
    except RtlError as e:
        print("gs_rtl: %s" % e, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
