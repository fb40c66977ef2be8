"""Stage: one configured gain stage (formats, modes, gain) and its numpy evaluation."""
import ctypes
from typing import NamedTuple

import numpy as np

from . import _lib

ROUND_MODES = tuple(_lib.lib.gs_round_name(i).decode() for i in range(8))
OVERFLOW_MODES = tuple(_lib.lib.gs_overflow_name(i).decode() for i in range(3))
PROFILES = ("default", "libfixmath")

# keyword -> tool option (SPEC section 6), in the order they are applied
_OPTIONS = (("in_fmt", "--in"), ("gain_fmt", "--gain-fmt"), ("out_fmt", "--out"),
            ("round", "--round"), ("overflow", "--overflow"), ("gain", "--gain"),
            ("gain_code", "--gain-code"), ("rf", "--rf"), ("rin", "--rin"))


class GainstageError(ValueError):
    """A configuration or a code the model refuses; the message is the tools'."""


class Format(NamedTuple):
    """A number format sW.F / uW.F."""
    w: int
    f: int
    signed: bool

    def __str__(self):
        return f"{'s' if self.signed else 'u'}{self.w}.{self.f}"

    @property
    def min(self):
        return -(1 << (self.w - 1)) if self.signed else 0

    @property
    def max(self):
        return (1 << (self.w - 1)) - 1 if self.signed else (1 << self.w) - 1


def library_path():
    """The libgainstage this package uses."""
    return _lib.path


def _text(v):
    if isinstance(v, bool):
        raise TypeError("a boolean is not a gain, format or mode")
    if isinstance(v, float):
        return np.format_float_positional(v, trim="-")  # no exponent: the tools' syntax
    return str(v)


class Stage:
    """A gain stage. Keywords (all optional, the tools' defaults):

    profile   "default" | "libfixmath" (applied first; the others override it)
    in_fmt, gain_fmt, out_fmt   "s16.15", "u16.12", ...
    round     one of ROUND_MODES;  overflow  one of OVERFLOW_MODES
    gain=4.7 | gain_code=19251 | rf="47k", rin="10k"   (one kind only)
    """

    def __init__(self, profile=None, **kw):
        unknown = set(kw) - {k for k, _ in _OPTIONS}
        if unknown:
            raise TypeError(f"Stage: unknown keyword(s) {', '.join(sorted(unknown))}")
        opts = ["--profile", _text(profile)] if profile is not None else []
        for key, opt in _OPTIONS:
            if kw.get(key) is not None:
                opts += [opt, _text(kw[key])]
        self._open(opts)

    @classmethod
    def from_options(cls, options):
        """A stage from tool options, e.g. ["--profile", "libfixmath", "--gain", "2"]."""
        self = cls.__new__(cls)
        self._open([str(o) for o in options])
        return self

    def _open(self, opts):
        self._h = None
        argv = (ctypes.c_char_p * max(len(opts), 1))(*[o.encode() for o in opts])
        err = ctypes.create_string_buffer(512)
        h = _lib.lib.gs_model_new(len(opts), argv, err, len(err))
        if not h:
            raise GainstageError(err.value.decode())
        self._h = h
        self.options = tuple(opts)
        info = _lib.StageInfo()
        _lib.lib.gs_model_info(h, ctypes.byref(info))
        self.in_fmt = Format(info.in_w, info.in_f, True)
        self.gain_fmt = Format(info.gain_w, info.gain_f, False)
        self.out_fmt = Format(info.out_w, info.out_f, True)
        self.round = ROUND_MODES[info.round]
        self.overflow = OVERFLOW_MODES[info.overflow]
        self.gain_code = int(info.gain_code)
        self.gain_requested = info.gain_requested
        self.gain_realized = info.gain_realized

    def __del__(self):
        if getattr(self, "_h", None):
            _lib.lib.gs_model_free(self._h)
            self._h = None

    def __repr__(self):
        buf = ctypes.create_string_buffer(256)
        _lib.lib.gs_model_describe(self._h, buf, len(buf))
        return f"<gainstage.Stage {buf.value.decode()}>"

    def _codes(self, a, fmt, check, what):
        a = np.asarray(a)
        if a.dtype.kind not in "iu":
            raise GainstageError(f"{what} codes must be integers, not {a.dtype}")
        if a.size and (a.min() < fmt.min or a.max() > fmt.max):
            wide = np.ascontiguousarray(a.ravel(), dtype=np.int64) if a.dtype != np.uint64 else \
                np.minimum(a.ravel(), np.uint64(2**63 - 1)).astype(np.int64)
            err = ctypes.create_string_buffer(256)
            check(self._h, wide.ctypes.data, wide.size, err, len(err))
            raise GainstageError(err.value.decode())
        return a

    def eval(self, x, g=None):
        """y, ovf for input codes x (any integer array) and gain codes g (None: the
        stage's gain; a scalar or an array of x's shape). y is int32 (OUT_W <= 32),
        ovf bool, both of x's shape."""
        x = self._codes(x, self.in_fmt, _lib.lib.gs_model_check_in, "input")
        x32 = np.ascontiguousarray(x, dtype=np.int32)
        g32 = None
        if g is not None:
            g = self._codes(g, self.gain_fmt, _lib.lib.gs_model_check_gain, "gain")
            if g.shape != x.shape:
                g = np.broadcast_to(g, x.shape)
            g32 = np.ascontiguousarray(g, dtype=np.uint32)
        y = np.empty(x32.shape, dtype=np.int32)
        ovf = np.empty(x32.shape, dtype=np.uint8)
        _lib.lib.gs_model_eval(self._h, x32.ctypes.data, None if g32 is None else g32.ctypes.data,
                               y.ctypes.data, ovf.ctypes.data, x32.size)
        return y, ovf.view(np.bool_)

    def eval1(self, x, g=None):
        """(y, ovf) of one sample, as Python int and bool."""
        y, ovf = self.eval(np.array([x], dtype=np.int64),
                           None if g is None else np.array([g], dtype=np.int64))
        return int(y[0]), bool(ovf[0])
