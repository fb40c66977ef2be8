#!/usr/bin/python3
"""quality_plots.py - the plots of `make quality` from OUT/quality.json
(scripts/quality_run.py): transfer curves with the rails, the staircase of every
rounding mode, error histograms, mean and variance against theory, SQNR.
Debian's matplotlib (/usr/bin/python3). Usage: quality_plots.py OUT
"""
import json
import math
import os
import sys

import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

SHIFT = 12          # default profile: errors are stored in 2^-12 output LSBs
LSB = 2.0 ** -15    # output LSB of s16.15, for axes in real units


def save(fig, out, name):
    path = os.path.join(out, name)
    fig.savefig(path, dpi=90, bbox_inches="tight")
    plt.close(fig)
    print("quality-plots: " + path)


def src_note(q):
    return "from the %s's outputs" % ("RTL" if q["source"] == "rtl" else "C model")


def transfer(q, out):
    """One panel per rounding mode: the op-amp clipping curve at each gain."""
    t = q["transfer"]
    xs = [x * LSB for x in t["x"]]
    fig, axs = plt.subplots(2, 4, figsize=(14, 6.5), sharex=True, sharey=True)
    for ax, (mode, curves) in zip(axs.flat, t["curves"].items()):
        for label, c in curves.items():
            ax.plot(xs, [y * LSB for y in c["y"]], lw=1.2,
                    label="g = %s (%.4f), %d clipped" % (label, c["gain_code"] / 4096.0, c["ovf"]))
        for r in t["rails"]:
            ax.axhline(r * LSB, color="k", ls="--", lw=0.7)
        ax.set_title("%s / sat" % mode, fontsize=10)
        ax.grid(alpha=0.3)
    axs[0][0].legend(fontsize=6, loc="lower left")
    for ax in axs[1]:
        ax.set_xlabel("x (s16.15)")
    for row in axs:
        row[0].set_ylabel("y = Q(-(g x))")
    fig.suptitle("Transfer curves with the rails (dashed: +%.5f and -1), %s"
                 % (t["rails"][1] * LSB, src_note(q)))
    fig.tight_layout()
    save(fig, out, "transfer.png")


def staircase(q, out):
    z = q["transfer"]["zoom"]
    g = z["gain_code"] / 4096.0
    modes = list(z["y"])
    fig, axs = plt.subplots(2, 4, figsize=(12, 5.5), sharex=True, sharey=True)
    for ax, m in zip(axs.flat, modes):
        ax.plot(z["x"], [-g * x for x in z["x"]], color="0.6", lw=1, label="ideal -(g x)")
        ax.step(z["x"], z["y"][m], where="mid", color="C3", lw=1.2, label="y")
        ax.set_title(m, fontsize=10)
        ax.grid(alpha=0.3)
    axs[0][0].legend(fontsize=7)
    fig.suptitle("Staircase near zero at g = %.4f (input and output in LSBs), %s"
                 % (g, src_note(q)))
    save(fig, out, "staircase.png")


def hist(q, out, kind, name):
    fig, axs = plt.subplots(2, 4, figsize=(12, 5.5), sharex=True)
    for ax, (m, r) in zip(axs.flat, q["modes"].items()):
        if kind not in r["hist"]:
            continue
        pairs = r["hist"][kind]
        es = [e / 2.0 ** SHIFT for e, _ in pairs]
        ws = [n for _, n in pairs]
        if kind == "uniform":
            ax.hist(es, bins=[i / 32.0 for i in range(-32, 33)], weights=ws, color="C0")
        else:
            ax.bar(es, ws, width=0.08, color="C1")
        c = r["checks"][kind]
        ax.set_title("%s\nmean %+.4f (th %+.4f)\nvar %.4f (th %.4f)"
                     % (m, c["mean"], c["mean_theory"], c["var"], c["var_theory"]), fontsize=8)
        ax.axvline(c["mean"], color="C3", lw=1)
        ax.set_xlim(-1.05, 1.05)
    for ax in axs[1]:
        ax.set_xlabel("y - (-(g x)) (output LSB)")
    fig.suptitle("Error against the exact ideal, %s inputs (%s), %s"
                 % (kind, "dropped fraction uniform" if kind == "uniform" else "half are ties",
                    src_note(q)))
    fig.tight_layout()
    save(fig, out, name)


def mean_var(q, out):
    modes = list(q["modes"])
    fig, axs = plt.subplots(1, 2, figsize=(12, 4))
    for ax, key, label in ((axs[0], "mean", "mean error (LSB)"),
                           (axs[1], "var", "error variance (LSB^2)")):
        for j, kind in enumerate(("uniform", "ties")):
            cs = [q["modes"][m]["checks"].get(kind) for m in modes]
            xs = [i + (j - 0.5) * 0.35 for i in range(len(modes))]
            ok = [c for c in cs if c]
            ax.bar(xs[:len(ok)], [c[key] for c in ok], width=0.35, label="%s inputs" % kind,
                   color="C%d" % j, alpha=0.7)
            ax.errorbar(xs[:len(ok)], [c[key + "_theory"] for c in ok],
                        yerr=[c[key + "_bound"] for c in ok], fmt="k_", ms=14, capsize=3,
                        label="theory +- bound" if j == 0 else None)
        ax.set_xticks(range(len(modes)))
        ax.set_xticklabels(modes, rotation=30, fontsize=8)
        ax.set_ylabel(label)
        ax.grid(alpha=0.3, axis="y")
        ax.legend(fontsize=7)
    fig.suptitle("Measured against theory (%g standard errors), %s" % (q["z"], src_note(q)))
    save(fig, out, "mean_var.png")


def sqnr(q, out):
    s = q["sqnr"]
    fig, axs = plt.subplots(1, 2, figsize=(12, 4.2))
    modes = list(s["modes"])
    ax = axs[0]
    ax.bar(range(len(modes)), [s["modes"][m]["fs_db"] for m in modes], color="C0",
           label="measured")
    ax.plot(range(len(modes)), [s["modes"][m]["fs_theory_db"] for m in modes], "k_", ms=18,
            mew=2, label="theory of the mode")
    ax.axhline(s["rule_db"], color="C3", ls="--", label="6.02 N + 1.76 = %.2f dB" % s["rule_db"])
    ax.set_ylim(80, 102)
    ax.set_xticks(range(len(modes)))
    ax.set_xticklabels(modes, rotation=30, fontsize=8)
    ax.set_ylabel("SQNR (dB)")
    ax.set_title("Full-scale sine, g = %d/4096" % s["fs_gain_code"], fontsize=10)
    ax.legend(fontsize=7, loc="lower right")
    ax = axs[1]
    for m in modes:
        ys = [v if math.isfinite(v) else None for v in s["modes"][m]["vs_gain_db"]]
        ax.semilogx(s["gains"], ys, marker=".", label=m, lw=1)
    ax.semilogx(s["gains"], [s["rule_db"] + 20 * math.log10(min(g, 1)) for g in s["gains"]],
                "k:", label="rule, no clipping")
    ax.axvline(1.0, color="0.5", ls="--")
    ax.text(1.05, 20, "clipping starts (g > 1)", fontsize=8)
    ax.set_xlabel("gain")
    ax.set_ylabel("SQNR (dB)")
    ax.set_title("Full-scale sine against gain (exact gains are error-free)", fontsize=10)
    ax.grid(alpha=0.3, which="both")
    ax.legend(fontsize=6, ncol=2)
    fig.suptitle("SQNR, %s" % src_note(q))
    save(fig, out, "sqnr.png")


def main():
    out = sys.argv[1]
    with open(os.path.join(out, "quality.json")) as f:
        q = json.load(f)
    if "transfer" in q:
        transfer(q, out)
        staircase(q, out)
    hist(q, out, "uniform", "error_hist.png")
    hist(q, out, "ties", "error_hist_ties.png")
    mean_var(q, out)
    if "sqnr" in q:
        sqnr(q, out)


if __name__ == "__main__":
    main()
