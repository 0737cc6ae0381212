"""Small, dependency-free writers for the files ChunkRT's tests read.

* ``.npy``         numpy format v1.0, little-endian, C order (``np.save``).
* ``.safetensors`` written by hand, byte for byte the way the ``safetensors`` library lays a file out.
* ``card.yaml``    policy cards (docs/policy-card.md), written by hand so every float is spelled exactly.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import struct
from typing import Any, Dict, Iterable, List, Mapping, Sequence, Tuple

import numpy as np

# --------------------------------------------------------------------------------------------------
# files written during a run, for the final report
# --------------------------------------------------------------------------------------------------

WRITTEN: List[str] = []


def _record(path: str) -> None:
    WRITTEN.append(os.path.abspath(path))


def write_bytes(path: str, data: bytes) -> None:
    os.makedirs(os.path.dirname(path) or ".", exist_ok=True)
    with open(path, "wb") as f:
        f.write(data)
    _record(path)


def write_text(path: str, text: str) -> None:
    write_bytes(path, text.encode("utf-8"))


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


# --------------------------------------------------------------------------------------------------
# npy
# --------------------------------------------------------------------------------------------------

_NPY_DTYPES = {np.dtype(np.float32): "<f4", np.dtype(np.int64): "<i8"}


def save_npy(path: str, array: Any) -> np.ndarray:
    """Writes a float32 or int64 array as .npy v1.0 (``<f4`` / ``<i8``, C order)."""
    if hasattr(array, "detach"):  # torch tensor
        array = array.detach().cpu().numpy()
    arr = np.asarray(array)
    if arr.dtype not in _NPY_DTYPES:
        raise TypeError(f"{path}: only float32 and int64 are written, got {arr.dtype}")
    arr = np.ascontiguousarray(arr.astype(_NPY_DTYPES[arr.dtype], copy=False))
    buf = io.BytesIO()
    np.lib.format.write_array(buf, arr, version=(1, 0), allow_pickle=False)
    write_bytes(path, buf.getvalue())
    return arr


# --------------------------------------------------------------------------------------------------
# safetensors
# --------------------------------------------------------------------------------------------------

# safetensors' Dtype enum order: the library sorts tensors by dtype (descending), then by name, so that
# wider types come first and every tensor stays aligned. Only the types used here are listed.
_ST_DTYPE_RANK = {"I32": 9, "F32": 11, "F64": 12, "I64": 13}
_ST_NP = {"F32": "<f4", "F64": "<f8", "I64": "<i8", "I32": "<i4"}


def _st_dtype(arr: np.ndarray) -> str:
    if arr.dtype == np.float32:
        return "F32"
    if arr.dtype == np.float64:
        return "F64"
    if arr.dtype == np.int64:
        return "I64"
    if arr.dtype == np.int32:
        return "I32"
    raise TypeError(f"unsupported dtype {arr.dtype}")


def safetensors_bytes(tensors: Mapping[str, np.ndarray], metadata: Mapping[str, str] | None = None) -> bytes:
    """Serializes ``tensors`` exactly like ``safetensors.serialize``.

    Layout: 8-byte little-endian header length N, then N bytes of compact JSON (``__metadata__`` first
    when present, then one entry per tensor in data order: ``{"dtype", "shape", "data_offsets"}``),
    padded with spaces to a multiple of 8, then the raw little-endian tensor bytes.
    """
    items: List[Tuple[str, np.ndarray, str]] = []
    for name, value in tensors.items():
        arr = np.asarray(value)
        dt = _st_dtype(arr)
        items.append((name, np.ascontiguousarray(arr.astype(_ST_NP[dt], copy=False)), dt))
    items.sort(key=lambda it: (-_ST_DTYPE_RANK[it[2]], it[0]))

    header: Dict[str, Any] = {}
    if metadata:
        header["__metadata__"] = dict(metadata)
    offset = 0
    blobs: List[bytes] = []
    for name, arr, dt in items:
        raw = arr.tobytes(order="C")
        header[name] = {"dtype": dt, "shape": list(arr.shape), "data_offsets": [offset, offset + len(raw)]}
        offset += len(raw)
        blobs.append(raw)
    hjson = json.dumps(header, separators=(",", ":")).encode("utf-8")
    hjson += b" " * ((8 - len(hjson) % 8) % 8)
    return struct.pack("<Q", len(hjson)) + hjson + b"".join(blobs)


def save_safetensors(path: str, tensors: Mapping[str, np.ndarray], metadata: Mapping[str, str] | None = None) -> None:
    write_bytes(path, safetensors_bytes(tensors, metadata))


def read_safetensors(path: str) -> Dict[str, np.ndarray]:
    """Reads a file written by :func:`save_safetensors` (used only to self-check)."""
    with open(path, "rb") as f:
        data = f.read()
    (n,) = struct.unpack("<Q", data[:8])
    header = json.loads(data[8 : 8 + n].decode("utf-8"))
    out: Dict[str, np.ndarray] = {}
    base = 8 + n
    for name, info in header.items():
        if name == "__metadata__":
            continue
        a, b = info["data_offsets"]
        out[name] = np.frombuffer(data[base + a : base + b], dtype=_ST_NP[info["dtype"]]).reshape(info["shape"])
    return out


# --------------------------------------------------------------------------------------------------
# YAML (policy cards)
# --------------------------------------------------------------------------------------------------


def f32(x: float) -> float:
    """Rounds a number to the nearest float32 and returns it as a Python float (exact)."""
    return float(np.float32(x))


def yaml_float(x: float) -> str:
    """A float as YAML text that parses back to exactly the same double.

    ``repr`` gives the shortest round-tripping decimal; YAML 1.1 resolvers (SnakeYAML, PyYAML) only treat
    a scalar as a float when it has a dot and a signed exponent, so ``1e-08`` becomes ``1.0e-08``.
    """
    x = float(x)
    if x != x or x in (float("inf"), float("-inf")):
        raise ValueError("non-finite float in a card")
    s = repr(x)
    if "e" in s:
        mant, exp = s.split("e")
        if "." not in mant:
            mant += ".0"
        if exp[0] not in "+-":
            exp = "+" + exp
        s = mant + "e" + exp
    elif "." not in s:
        s += ".0"
    assert float(s) == x, (s, x)
    return s


def yaml_scalar(v: Any) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, (int, np.integer)):
        return str(int(v))
    if isinstance(v, (float, np.floating)):
        return yaml_float(float(v))
    if isinstance(v, str):
        return v
    raise TypeError(f"no YAML form for {type(v)}")


def yaml_flow_list(values: Iterable[Any]) -> str:
    return "[" + ", ".join(yaml_scalar(v) for v in values) + "]"


def stats_yaml(stats: Mapping[str, Mapping[str, Sequence[float]]], indent: int = 2) -> List[str]:
    """The ``stats:`` section: feature -> stat -> flow list of float32-exact values."""
    pad = " " * indent
    lines = ["stats:"]
    for feature, named in stats.items():
        lines.append(f"{pad}{feature}:")
        for stat, vec in named.items():
            lines.append(f"{pad}{pad}{stat}: {yaml_flow_list(f32(v) for v in np.asarray(vec).reshape(-1))}")
    return lines
