"""ctypes binding of libgainstage's gs_model API (lib/gs_model.h): kept thin, so
that a change of the C API is one change here."""
import ctypes
import ctypes.util
import os
from pathlib import Path


class StageInfo(ctypes.Structure):
    """gs_model_info_t."""
    _fields_ = [(n, ctypes.c_int) for n in
                ("in_w", "in_f", "gain_w", "gain_f", "out_w", "out_f", "round", "overflow")] + [
        ("gain_code", ctypes.c_uint32),
        ("gain_requested", ctypes.c_double),
        ("gain_realized", ctypes.c_double),
    ]


def _candidates():
    env = os.environ.get("GAINSTAGE_LIB")
    if env:
        yield env
        return
    here = Path(__file__).resolve().parent
    yield from (str(p) for p in sorted(here.glob("libgainstage*.so*")))
    found = ctypes.util.find_library("gainstage")
    if found:
        yield found
    yield "libgainstage.so.0"


def _load():
    errors = []
    for path in _candidates():
        try:
            return ctypes.CDLL(path), path
        except OSError as exc:
            errors.append(str(exc))
    raise ImportError("gainstage: libgainstage not found (set GAINSTAGE_LIB, or `make install`, "
                      "or `pip install ./python` from a clone): " + "; ".join(errors))


lib, path = _load()
_p = ctypes.c_void_p
_sz = ctypes.c_size_t
lib.gs_model_new.restype = _p
lib.gs_model_new.argtypes = [ctypes.c_int, ctypes.POINTER(ctypes.c_char_p), ctypes.c_char_p, _sz]
lib.gs_model_free.restype = None
lib.gs_model_free.argtypes = [_p]
lib.gs_model_info.restype = None
lib.gs_model_info.argtypes = [_p, ctypes.POINTER(StageInfo)]
lib.gs_model_describe.restype = None
lib.gs_model_describe.argtypes = [_p, ctypes.c_char_p, _sz]
lib.gs_model_eval.restype = _sz
lib.gs_model_eval.argtypes = [_p, _p, _p, _p, _p, _sz]
for _f in (lib.gs_model_check_in, lib.gs_model_check_gain):
    _f.restype = _sz
    _f.argtypes = [_p, _p, _sz, ctypes.c_char_p, _sz]
lib.gs_round_name.restype = ctypes.c_char_p
lib.gs_round_name.argtypes = [ctypes.c_int]
lib.gs_overflow_name.restype = ctypes.c_char_p
lib.gs_overflow_name.argtypes = [ctypes.c_int]
