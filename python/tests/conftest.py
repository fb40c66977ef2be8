"""Shared fixtures: gsref, the command-line tool the package must agree with."""
import os
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def gsref():
    path = os.environ.get("GSREF", str(ROOT / "build" / "bin" / "gsref"))
    if not os.access(path, os.X_OK):
        pytest.fail(f"gsref not found at {path} (make gsref, or set GSREF)")

    def run(options, codes=()):
        """gsref's (y, ovf) lines as two lists, or its status and stderr."""
        p = subprocess.run([path, *options], input="".join(f"{c}\n" for c in codes),
                           capture_output=True, text=True, check=False)
        return p
    return run
