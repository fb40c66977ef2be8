"""gainstage: the bit-accurate model of the fixed-point inverting gain stage

    y = Q(-(g * x))          (SPEC.md; the C model of cmodel/, through libgainstage)

    >>> import numpy as np, gainstage
    >>> st = gainstage.Stage(rf="47k", rin="10k")        # default profile, gain 4.7
    >>> y, ovf = st.eval(np.array([-32768, 0, 1000], dtype=np.int32))

Configuration errors and out-of-format codes raise GainstageError with the
messages of the command-line tools (gsref).
"""
from .stage import (OVERFLOW_MODES, PROFILES, ROUND_MODES, Format, GainstageError, Stage,
                    library_path)

__all__ = ["Stage", "Format", "GainstageError", "ROUND_MODES", "OVERFLOW_MODES", "PROFILES",
           "library_path"]
