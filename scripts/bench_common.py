#!/usr/bin/env python3
"""bench_common.py - what every part of the benchmark report shares: running a
command with a time-out, the two ways a figure can be missing or wrong (NA,
CheckFailed), progress lines on stderr.
"""

import os
import resource
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
