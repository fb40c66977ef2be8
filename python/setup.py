"""Builds the model's shared library into the package (issue 12).

From a clone (`pip install ./python`), the C sources one level up (cmodel/, lib/,
tools/gs_cli.c) are compiled with the system C compiler into
gainstage/libgainstage.so. Without them (an sdist unpacked elsewhere) nothing is
built and the package uses an installed libgainstage (GAINSTAGE_LIB, or the
dynamic linker's search path, e.g. after `make install`).
"""
import os
import subprocess
import sysconfig
from pathlib import Path

from setuptools import Distribution, setup
from setuptools.command.build_py import build_py

ROOT = Path(__file__).resolve().parent.parent
(ROOT / "build" / "python").mkdir(parents=True, exist_ok=True)  # egg_base of setup.cfg


def c_sources():
    srcs = sorted((ROOT / "cmodel").glob("*.c"))
    srcs += [ROOT / "lib" / "gs_model.c"]
    # the tools' option and vector parsing, the Makefile's CLI_SRC (gs_model.c
    # takes gs_cli's messages through its sink); not the capture parser of gscompare
    files = ROOT / "tools" / "gs_cli.files"
    if not files.is_file():
        return []
    srcs += [ROOT / f for f in files.read_text().split()]
    return srcs if all(p.is_file() for p in srcs) and srcs[0].parent.is_dir() else []


class BuildWithLib(build_py):
    def run(self):
        super().run()
        srcs = c_sources()
        if not srcs:
            print("gainstage: no C sources next to python/: using an installed libgainstage")
            return
        out = Path(self.build_lib) / "gainstage" / "libgainstage.so"
        out.parent.mkdir(parents=True, exist_ok=True)
        cc = os.environ.get("CC") or (sysconfig.get_config_var("CC") or "cc").split()[0]
        cmd = [cc, "-std=c11", "-O2", "-fPIC", "-shared",
               f"-I{ROOT / 'cmodel'}", f"-I{ROOT / 'lib'}", f"-I{ROOT / 'tools'}",
               *map(str, srcs), "-lm", "-o", str(out)]
        print(" ".join(cmd))
        subprocess.check_call(cmd)


class BinaryDistribution(Distribution):
    """The wheel holds a compiled library: tag it for this platform."""

    def has_ext_modules(self):
        return True


setup(cmdclass={"build_py": BuildWithLib}, distclass=BinaryDistribution)
