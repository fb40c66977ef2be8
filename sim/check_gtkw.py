#!/usr/bin/env python3
"""check_gtkw.py - checks the GTKWave save file that `cosim --trace` writes
beside a VCD waveform (sim/gtkw.c), against the VCD itself:
  - it opens that waveform ([dumpfile]);
  - every signal it lists exists in the VCD with the width it says;
  - the handshakes are grouped, the data in signed decimal (flags 0x424);
  - the expected output (exp_*) is shown beside the DUT's (m_*);
  - the marker is at the given trace time (2 x the first mismatch's cycle), and
    there, in the VCD, the DUT's output differs from the expected one.
Usage: check_gtkw.py FILE.gtkw FILE.vcd MARKER_TIME      exit 0 ok, 1 not
Standard library only (used by sim/test_cli.sh).
"""
import os
import re
import sys


def vcd_vars(path):
    """{full name: (id, width)} and the value changes {id: [(time, value)]}."""
    names, scope, changes, t = {}, [], {}, 0
    with open(path) as f:
        for line in f:
            tok = line.split()
            if not tok:
                continue
            if tok[0] == "$scope":
                scope.append(tok[2])
            elif tok[0] == "$upscope":
                scope.pop()
            elif tok[0] == "$var":
                w, ident, name = int(tok[2]), tok[3], tok[4]
                names[".".join(scope + [name])] = (ident, w)
            elif tok[0].startswith("#"):
                t = int(tok[0][1:])
            elif tok[0][0] == "b":
                changes.setdefault(tok[1], []).append((t, tok[0][1:]))
            elif tok[0][0] in "01xz" and len(tok) == 1:
                changes.setdefault(tok[0][1:], []).append((t, tok[0][0]))
    return names, changes


def value_at(changes, ident, time):
    v = None
    for t, x in changes.get(ident, []):
        if t > time:
            break
        v = x
    return v


def main():
    gtkw, vcd, marker = sys.argv[1], sys.argv[2], int(sys.argv[3])
    names, changes = vcd_vars(vcd)
    text = open(gtkw).read()
    bad = []
    m = re.search(r'^\[dumpfile\] "(.*)"$', text, re.M)
    if not m or os.path.realpath(m.group(1)) != os.path.realpath(vcd):
        bad.append("[dumpfile] is not %s" % vcd)
    m = re.search(r"^\*[-0-9.]+ (-?\d+)", text, re.M)
    if not m or int(m.group(1)) != marker:
        bad.append("marker %s, expected %d" % (m.group(1) if m else "missing", marker))
    flags, shown, groups = None, {}, []
    for line in text.splitlines():
        if line.startswith("@"):
            flags = int(line[1:], 16)
        elif line.startswith("-"):
            groups.append(line[1:])
        elif line.startswith("TOP."):
            base = re.sub(r"\[(\d+):0\]$", "", line)
            w = int(re.search(r"\[(\d+):0\]$", line).group(1)) + 1 if "[" in line else 1
            if base not in names:
                bad.append("signal %s is not in the VCD" % line)
            elif names[base][1] != w:
                bad.append("signal %s: %d bits in the VCD" % (line, names[base][1]))
            shown[base.split(".")[-1]] = (base, flags)
    for need in ("s_valid", "s_ready", "m_valid", "m_ready", "m_data", "m_ovf", "exp_valid",
                 "exp_data", "exp_ovf"):
        if need not in shown:
            bad.append("%s not shown" % need)
    for d in ("s_data", "m_data", "exp_data"):
        if d in shown and shown[d][1] != 0x424:
            bad.append("%s not in signed decimal (flags %x)" % (d, shown[d][1]))
    if not any("handshake" in g for g in groups):
        bad.append("no handshake group")
    if not bad:
        # at the marker the DUT shows a valid result that is not the expected one
        v = {k: value_at(changes, names[shown[k][0]][0], marker)
             for k in ("m_valid", "m_data", "m_ovf", "exp_valid", "exp_data", "exp_ovf")}
        num = lambda b: int(b, 2) if b and set(b) <= set("01") else None  # noqa: E731
        if v["m_valid"] != "1" or v["exp_valid"] != "1" or num(v["m_data"]) is None or \
                (num(v["m_data"]), v["m_ovf"]) == (num(v["exp_data"]), v["exp_ovf"]):
            bad.append("at the marker (time %d) the VCD does not show a mismatch: %s"
                       % (marker, v))
        else:
            print("check-gtkw: at the marker, time %d: m_data %d ovf %s, exp_data %d ovf %s (VCD)"
                  % (marker, num(v["m_data"]), v["m_ovf"], num(v["exp_data"]), v["exp_ovf"]))
    for b in bad:
        print("check-gtkw: " + b)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
