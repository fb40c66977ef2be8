"""cocotb 2.x testbench of gain_stage with the gainstage package as its scoreboard.

Random samples and gains, random input gaps and output backpressure; every output
is compared with the model, in order, and none may be lost or extra. Environment
(set by run.py): GS_OPTIONS (tool options of the configuration, the DUT's
parameters follow them), GS_N (samples), GS_SEED, GS_STALL (probability of a gap /
of m_ready low per cycle), GS_MAX_WAIT (cycles a result may be late).
A wrong output fails the test with
    sample 17: x=-1234 g=19251: expected y=5800 ovf=0, got y=5801 ovf=0
"""
import os
import shlex
from collections import deque

import cocotb
import numpy as np
from cocotb.clock import Clock
from cocotb.triggers import FallingEdge, ReadOnly

import gainstage


def _stage():
    return gainstage.Stage.from_options(shlex.split(os.environ.get("GS_OPTIONS", "")))


@cocotb.test()
async def random_stream(dut):
    st = _stage()
    n = int(os.environ.get("GS_N", "2000"))
    stall = float(os.environ.get("GS_STALL", "0.2"))
    max_wait = int(os.environ.get("GS_MAX_WAIT", "200"))
    rng = np.random.default_rng(int(os.environ.get("GS_SEED", "1")))
    x = rng.integers(st.in_fmt.min, st.in_fmt.max, size=n, endpoint=True)
    g = rng.integers(st.gain_fmt.min, st.gain_fmt.max, size=n, endpoint=True)
    y_exp, ovf_exp = st.eval(x, g)  # the whole scoreboard in one numpy block
    in_mask, g_mask = (1 << st.in_fmt.w) - 1, (1 << st.gain_fmt.w) - 1

    Clock(dut.clk, 10, unit="ns").start()
    dut.rst.value = 1
    dut.s_valid.value = 0
    dut.m_ready.value = 0
    for _ in range(3):
        await FallingEdge(dut.clk)
    dut.rst.value = 0

    pending = deque()  # indices taken by the DUT, not yet out
    sent = done = idle = 0
    driving = taken = False
    while done < n:
        await FallingEdge(dut.clk)
        # AXI-Stream: a sample stays on s_data until taken; then maybe a gap
        if taken or not driving:
            driving = sent < n and rng.random() >= stall
            if driving:
                dut.s_data.value = int(x[sent]) & in_mask
                dut.s_gain.value = int(g[sent]) & g_mask
            dut.s_valid.value = int(driving)
        dut.m_ready.value = int(rng.random() >= stall)
        await ReadOnly()  # what the next rising edge will see
        taken = driving and int(dut.s_ready.value) == 1
        if taken:
            pending.append(sent)
            sent += 1
        if int(dut.m_valid.value) and int(dut.m_ready.value):
            assert pending, f"output {done + 1} without a sample taken for it"
            i = pending.popleft()
            got_y, got_ovf = dut.m_data.value.to_signed(), int(dut.m_ovf.value)
            assert (got_y, got_ovf) == (int(y_exp[i]), int(ovf_exp[i])), (
                f"sample {i}: x={x[i]} g={g[i]}: expected y={y_exp[i]} ovf={int(ovf_exp[i])}, "
                f"got y={got_y} ovf={got_ovf}")
            done += 1
            idle = 0
        else:
            idle += 1
            assert idle <= max_wait, (f"no output for {max_wait} cycles: {done} of {n} "
                                      f"samples out, {len(pending)} pending")
    await FallingEdge(dut.clk)
    dut.s_valid.value = 0
    dut.m_ready.value = 1
    for _ in range(16):  # nothing more may come out
        await FallingEdge(dut.clk)
        await ReadOnly()
        assert not int(dut.m_valid.value), f"an output after all {n} samples were out"
    dut._log.info("gain_stage: %d samples checked against the gainstage model (%r)", n, st)
