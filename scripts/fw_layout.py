#!/usr/bin/env python3
"""fw_layout.py - check a firmware ELF against the SoC's memory map.

    fw_layout.py --rom-size BYTES [--name NAME] [--spram-base A --spram-size B] ELF

The map (rtl/soc_top.v, fw/link.ld): a ROM of block RAM at 0 that holds code,
read-only data and the load image of .data; the SPRAM (64 KiB at 0x10000)
that holds .data, .bss, heap and stack. The check reads the ELF's own headers
(readelf), not the link script, so a script that put a section in the wrong
place is caught:

- every allocated read-only section (code, rodata) lies in the ROM;
- every writable or NOBITS section (.data, .bss) lies in the SPRAM;
- every loaded byte (PT_LOAD file contents, at their load address) lies in
  the ROM: that is what the hex image and icebram carry;
- the entry point is the CPU's reset address 0, the stack top the SPRAM's end;
- the bounds fw/start.S copies and zeroes by words are word-aligned.

Prints the margins on one line; exit 0 if the layout holds, 1 (with the
reason) if not, 2 on a bad command line or an unreadable ELF.
"""
import argparse
import re
import subprocess
import sys

READELF = "riscv64-unknown-elf-readelf"


def fail(msg, code=1):
    print("fw-layout: %s" % msg, file=sys.stderr)
    sys.exit(code)


def readelf(opt, elf):
    try:
        r = subprocess.run([READELF, "-W", opt, elf], capture_output=True, text=True)
    except OSError as e:
        fail("%s: %s" % (READELF, e.strerror), 2)
    if r.returncode != 0 or r.stderr.strip():
        fail("%s: %s" % (elf, (r.stderr.strip() or "readelf failed").splitlines()[0]), 2)
    return r.stdout


def sections(elf):
    """(name, type, addr, size, flags) of every section with the A flag."""
    out = []
    for line in readelf("-S", elf).splitlines():
        m = re.match(r"\s*\[\s*\d+\]\s+(\S+)\s+(\S+)\s+([0-9a-f]{8})\s+[0-9a-f]+\s+"
                     r"([0-9a-f]+)\s+[0-9a-f]+\s+([A-Za-z]*)\s", line)
        if m and "A" in m.group(5):
            out.append((m.group(1), m.group(2), int(m.group(3), 16), int(m.group(4), 16),
                        m.group(5)))
    return out


def loads(elf):
    """(paddr, filesz) of every PT_LOAD segment, and the entry point."""
    text = readelf("-l", elf)
    m = re.search(r"Entry point (0x[0-9a-f]+)", text)
    if not m:
        fail("%s: no entry point in the program headers" % elf, 2)
    segs = [(int(p, 16), int(f, 16)) for p, f in
            re.findall(r"^\s*LOAD\s+0x[0-9a-f]+\s+0x[0-9a-f]+\s+(0x[0-9a-f]+)\s+(0x[0-9a-f]+)",
                       text, re.M)]
    return segs, int(m.group(1), 16)


def symbols(elf):
    syms = {}
    for line in readelf("-s", elf).splitlines():
        f = line.split()
        if len(f) == 8 and re.fullmatch(r"[0-9a-f]{8}", f[1]):
            syms[f[7]] = int(f[1], 16)
    return syms


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rom-size", type=lambda s: int(s, 0), required=True)
    ap.add_argument("--spram-base", type=lambda s: int(s, 0), default=0x10000)
    ap.add_argument("--spram-size", type=lambda s: int(s, 0), default=0x10000)
    ap.add_argument("--name")
    ap.add_argument("elf")
    a = ap.parse_args()
    name = a.name or a.elf
    rom = (0, a.rom_size)
    spram = (a.spram_base, a.spram_base + a.spram_size)

    def inside(lo, size, reg):
        return reg[0] <= lo and lo + size <= reg[1]

    errs = []
    secs = sections(a.elf)
    if not secs:
        fail("%s: no allocated sections" % a.elf, 2)
    for nm, typ, addr, size, flags in secs:
        if size == 0:
            continue
        rng = "0x%08x..0x%08x" % (addr, addr + size - 1)
        if "W" in flags or typ == "NOBITS":
            if not inside(addr, size, spram):
                errs.append("%s (%s, writable or zero-filled) is not in the SPRAM "
                            "0x%08x..0x%08x" % (nm, rng, spram[0], spram[1] - 1))
        elif not inside(addr, size, rom):
            errs.append("%s (%s, code or read-only) is not in the ROM 0x00000000..0x%08x"
                        % (nm, rng, rom[1] - 1))
    segs, entry = loads(a.elf)
    image_end = 0
    for paddr, filesz in segs:
        if filesz == 0:
            continue
        image_end = max(image_end, paddr + filesz)
        if not inside(paddr, filesz, rom):
            errs.append("loaded bytes at 0x%08x..0x%08x (the hex image) are not in the ROM "
                        "0x00000000..0x%08x: %d bytes do not fit"
                        % (paddr, paddr + filesz - 1, rom[1] - 1,
                           paddr + filesz - max(rom[1], paddr)))
    if entry != 0:
        errs.append("entry point 0x%08x is not the reset address 0" % entry)
    syms = symbols(a.elf)
    if syms.get("__stack_top") != spram[1]:
        errs.append("__stack_top is %s, not the SPRAM's end 0x%08x"
                    % ("0x%08x" % syms["__stack_top"] if "__stack_top" in syms else "missing",
                       spram[1]))
    for sym in ("__data_load", "__data_start", "__data_end", "__bss_start", "__bss_end"):
        if sym in syms and syms[sym] % 4:
            errs.append("%s is 0x%08x, not word-aligned (fw/start.S copies and zeroes words)"
                        % (sym, syms[sym]))
    if errs:
        for e in errs:
            print("fw-layout: %s: %s" % (name, e), file=sys.stderr)
        sys.exit(1)

    def size_of(*names):
        return sum(s[3] for s in secs if s[0] in names)
    text, rodata = size_of(".text"), size_of(".rodata")
    data, bss = size_of(".data", ".sdata"), size_of(".bss", ".sbss")
    ram_end = max([s[2] + s[3] for s in secs if "W" in s[4] or s[1] == "NOBITS"] +
                  [spram[0]])
    print("fw-layout: %s: ROM %d of %d bytes, %d free (text %d, rodata %d, .data image %d); "
          "SPRAM: .data %d + .bss %d bytes from 0x%05x, %d bytes for heap and stack "
          "(top 0x%05x)" % (name, image_end, a.rom_size, a.rom_size - image_end, text,
                            rodata, data, data, bss, spram[0], spram[1] - ram_end, spram[1]))


if __name__ == "__main__":
    main()
