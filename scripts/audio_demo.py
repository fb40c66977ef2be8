#!/usr/bin/python3
"""audio_demo.py - `make demo-audio`: test signals through the gain stage, as WAV.

A logarithmic sine sweep (generated here) and a spoken phrase (Debian's espeak-ng)
become 16-bit mono WAV files; their samples are the s16.15 input codes of the
default profile. Each goes through gsref and through the RTL (cosim --vectors
--dump) at a gain that clips (R_f = 47k, R_in = 10k: 4.7), and back to WAV. The
RTL's WAV must equal the model's byte for byte (exit 1 if not). Writes
OUT/*.wav, OUT/waveforms.png and OUT/audio.json.
Usage: audio_demo.py --gsref BIN --cosim BIN --out DIR
"""
import argparse
import json
import math
import os
import struct
import subprocess
import sys
import time
import wave

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from quality_run import read_out  # noqa: E402  (gsref's "y ovf" lines)

RATE = 22050
GAIN = ["--rf", "47k", "--rin", "10k"]
PHRASE = "Gain stage demo. Four point seven times, clipped at the rails."


def write_wav(path, samples, rate=RATE):
    with wave.open(path, "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(rate)
        w.writeframes(struct.pack("<%dh" % len(samples), *samples))


def read_wav(path):
    with wave.open(path, "rb") as w:
        if w.getnchannels() != 1 or w.getsampwidth() != 2:
            sys.exit("audio: %s: need 16-bit mono, got %d channels of %d bytes"
                     % (path, w.getnchannels(), w.getsampwidth()))
        rate = w.getframerate()
        raw = w.readframes(w.getnframes())
    return list(struct.unpack("<%dh" % (len(raw) // 2), raw)), rate


def sweep(seconds=3.0, f0=100.0, f1=8000.0, amp=0.3):
    n = int(seconds * RATE)
    k = math.log(f1 / f0)
    return [round(amp * 32767 * math.sin(2 * math.pi * f0 * seconds / k *
                                         (math.exp(k * i / n) - 1)))
            for i in range(n)]


def model(tool_cmd, out_txt):
    """gsref's output lines, kept in out_txt: codes and the clipped count."""
    r = subprocess.run(tool_cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    if r.returncode != 0:
        sys.exit("audio: %s failed (exit %d):\n%s%s" % (" ".join(tool_cmd), r.returncode,
                                                      r.stdout.decode()[-1500:],
                                                      r.stderr.decode()[-1500:]))
    with open(out_txt, "wb") as f:
        f.write(r.stdout)
    return read_out(out_txt)


def process(a, name, xs, rate, info):
    d = a.out
    write_wav(os.path.join(d, name + "_in.wav"), xs, rate)
    vec = os.path.join(d, name + "_in.txt")
    with open(vec, "w") as f:
        f.write("".join("%d\n" % x for x in xs))
    m_txt, r_txt = os.path.join(d, name + "_model.txt"), os.path.join(d, name + "_rtl.txt")
    ym, ovf = model([a.gsref] + GAIN + [vec], m_txt)
    r = subprocess.run([a.cosim] + GAIN + ["--vectors", vec, "--dump", r_txt, "--quiet",
                                           "--no-progress"],
                       stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    if r.returncode != 0:
        sys.exit("audio: cosim on %s failed (exit %d):\n%s" % (vec, r.returncode,
                                                            r.stdout.decode()[-2000:]))
    with open(r_txt) as f:
        yr = [int(line.split()[0]) for line in f]
    mw, rw = os.path.join(d, name + "_model.wav"), os.path.join(d, name + "_rtl.wav")
    write_wav(mw, ym, rate)
    write_wav(rw, yr, rate)
    with open(mw, "rb") as f1, open(rw, "rb") as f2:
        same = f1.read() == f2.read()
    info[name] = {"samples": len(xs), "rate": rate, "clipped": ovf, "rtl_equals_model": same,
                  "input": name + "_in.wav", "model": name + "_model.wav",
                  "rtl": name + "_rtl.wav", "peak_in": max(abs(x) for x in xs)}
    print("audio: %s: %d samples at %d Hz, %d clipped (%.1f%%), RTL WAV %s model WAV"
          % (name, len(xs), rate, ovf, 100.0 * ovf / len(xs), "==" if same else "!="))
    return xs, yr


def plot(out, sigs):
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    fig, axs = plt.subplots(len(sigs), 2, figsize=(12, 3 * len(sigs)), squeeze=False)
    for row, (name, rate, xs, ys) in enumerate(sigs):
        t = [i / rate for i in range(len(xs))]
        ax = axs[row][0]
        ax.plot(t, [y / 32768 for y in ys], lw=0.4, color="C1", label="output (RTL), g = -4.7")
        ax.plot(t, [x / 32768 for x in xs], lw=0.4, color="C0", label="input")
        ax.set_title("%s: whole signal" % name, fontsize=10)
        ax.set_xlabel("time (s)")
        ax.set_ylim(-1.1, 1.1)
        ax.legend(fontsize=7, loc="upper right")
        # a 20 ms window around the loudest input of the middle half: clipping up close
        c = max(range(len(xs) // 4, 3 * len(xs) // 4), key=lambda i: abs(xs[i]))
        lo, hi = max(0, c - rate // 100), min(len(xs), c + rate // 100)
        ax = axs[row][1]
        ax.plot(t[lo:hi], [x / 32768 for x in xs[lo:hi]], lw=1, label="input")
        ax.plot(t[lo:hi], [y / 32768 for y in ys[lo:hi]], lw=1, label="output (RTL)")
        for r in (-1, 32767 / 32768):
            ax.axhline(r, color="k", ls="--", lw=0.7)
        ax.set_title("%s: 20 ms around the loudest input (rails dashed)" % name, fontsize=10)
        ax.set_xlabel("time (s)")
        ax.set_ylim(-1.1, 1.1)
    fig.tight_layout()
    path = os.path.join(out, "waveforms.png")
    fig.savefig(path, dpi=80)
    print("audio: " + path)


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--gsref", required=True)
    p.add_argument("--cosim", required=True)
    p.add_argument("--out", required=True)
    a = p.parse_args()
    os.makedirs(a.out, exist_ok=True)
    t0 = time.time()
    info = {"started": time.strftime("%Y-%m-%d %H:%M:%S UTC", time.gmtime(t0)),
            "command": " ".join(sys.argv), "gain": "R_f 47k / R_in 10k = 4.7 (code 19251)",
            "phrase": PHRASE, "signals": {}}
    sigs = []
    xs = sweep()
    ys = process(a, "sweep", xs, RATE, info["signals"])[1]
    sigs.append(("sweep 100 Hz - 8 kHz, 0.3 FS", RATE, xs, ys))
    raw = os.path.join(a.out, "speech_espeak.wav")
    r = subprocess.run(["espeak-ng", "-w", raw, PHRASE], stderr=subprocess.PIPE)
    if r.returncode != 0:
        sys.exit("audio: espeak-ng failed: " + r.stderr.decode())
    xs, rate = read_wav(raw)
    ys = process(a, "speech", xs, rate, info["signals"])[1]
    sigs.append(("speech (espeak-ng)", rate, xs, ys))
    plot(a.out, sigs)
    info["seconds"] = round(time.time() - t0, 1)
    with open(os.path.join(a.out, "audio.json"), "w") as f:
        json.dump(info, f, indent=1)
    ok = all(s["rtl_equals_model"] for s in info["signals"].values())
    print("audio: %s: the RTL's WAV files %s the model's byte for byte (%s)"
          % ("PASS" if ok else "FAIL", "equal" if ok else "DIFFER from", a.out))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
