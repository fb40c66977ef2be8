"""cocotb peer of cosim: the same RTL, random samples, every cycle checked.
Runs on cocotb 1.9 and on the 2.x API (the one difference it meets: Clock's
time unit keyword, `units` in 1.x, `unit` in 2.x).

Per clock (falling edge, half a cycle after the RTL's registers moved):
  - m_valid must be high exactly when a sample taken LATENCY edges ago is due,
    and then m_data / m_ovf must equal the Python golden model (bench/gs_golden.py);
  - s_ready must be high (m_ready is held high: full throughput);
then a new random (x, g) is driven with s_valid high.

Environment: GS_LATENCY (the RTL's documented LATENCY, required), GS_N samples
(default 20000), GS_SEED (default 1), GS_RESULT a JSON file that receives
{"samples", "cycles", "mismatches", "seconds", "samples_per_s"}.
"""

import json
import os
import random
import sys
import time
from collections import deque

import cocotb
from cocotb.clock import Clock
from cocotb.triggers import FallingEdge

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from gs_golden import GainStage  # noqa: E402

MAX_REPORTS = 10     # stop after this many mismatches, like cosim


@cocotb.test()
async def random_stream(dut):
    n = int(os.environ.get("GS_N", "20000"))
    seed = int(os.environ.get("GS_SEED", "1"))
    latency = int(os.environ["GS_LATENCY"])    # the RTL's documented LATENCY
    in_w, g_w, out_w = len(dut.s_data), len(dut.s_gain), len(dut.m_data)
    model = GainStage()                      # default profile = RTL defaults
    assert (in_w, g_w, out_w) == (model.in_w, model.g_w, model.out_w), \
        "RTL widths differ from the default profile"
    rng = random.Random(seed)
    x_lo, x_hi = -(1 << (in_w - 1)), (1 << (in_w - 1)) - 1
    g_hi = (1 << g_w) - 1
    in_mask, out_sign = (1 << in_w) - 1, 1 << (out_w - 1)

    unit_kw = "units" if cocotb.__version__.startswith("1.") else "unit"
    cocotb.start_soon(Clock(dut.clk, 10, **{unit_kw: "ns"}).start())
    fe = FallingEdge(dut.clk)
    dut.rst.value = 1
    dut.s_valid.value = 0
    dut.s_data.value = 0
    dut.s_gain.value = 0
    dut.m_ready.value = 1
    for _ in range(3):
        await fe
    dut.rst.value = 0

    due = deque([None] * latency)            # what the outputs must show, per cycle
    errors = []
    t0 = time.perf_counter()
    cycles = 0
    for cyc in range(n + latency):
        await fe
        cycles += 1
        exp = due.popleft()
        mv = int(dut.m_valid.value)
        if exp is None:
            if mv:
                errors.append("cycle %d: m_valid high with no result due" % cyc)
        else:
            idx, x, g, y, ovf = exp
            if not mv:
                errors.append("cycle %d: sample %d (x=%d g=%d) missing: m_valid low "
                              "%d cycles after it was taken" % (cyc, idx, x, g, latency))
            else:
                got = int(dut.m_data.value)
                got = got - (got & out_sign) * 2
                got_ovf = int(dut.m_ovf.value)
                if got != y or got_ovf != ovf:
                    errors.append("cycle %d: sample %d x=%d g=%d: expected %d ovf %d, "
                                  "got %d ovf %d (%+d LSB)"
                                  % (cyc, idx, x, g, y, ovf, got, got_ovf, got - y))
        if len(errors) >= MAX_REPORTS:
            break
        if cyc < n:
            if not int(dut.s_ready.value):
                errors.append("cycle %d: s_ready low with m_ready high" % cyc)
            x = rng.randint(x_lo, x_hi)
            g = rng.randint(0, g_hi)
            dut.s_valid.value = 1
            dut.s_data.value = x & in_mask
            dut.s_gain.value = g
            y, ovf = model.eval(x, g)
            due.append((cyc, x, g, y, ovf))
        else:
            dut.s_valid.value = 0
            due.append(None)
    secs = time.perf_counter() - t0

    result = {"samples": n, "cycles": cycles, "mismatches": len(errors),
              "seconds": secs, "samples_per_s": n / secs if secs > 0 else 0.0}
    if os.environ.get("GS_RESULT"):
        with open(os.environ["GS_RESULT"], "w") as f:
            json.dump(result, f)
    for e in errors:
        dut._log.error(e)
    dut._log.info("cocotb peer: %d samples, %d cycles, %d mismatches, %.0f samples/s",
                  n, cycles, len(errors), result["samples_per_s"])
    assert not errors, "%d mismatch(es), first: %s" % (len(errors), errors[0])
