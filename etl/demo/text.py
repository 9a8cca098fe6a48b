"""Values formatted as the extracts write them, whole columns at a time: the
CSV and xlsx writers share these so that no row needs a Python call."""

from __future__ import annotations

import functools

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc


@functools.lru_cache(maxsize=1)
def _date_tables() -> tuple[np.datetime64, np.ndarray, np.ndarray]:
    """Every date from 1940 to 2060 formatted once: fancy indexing into these
    formats millions of dates without a Python call per date."""
    days = pd.date_range("1940-01-01", "2060-12-31", freq="D")
    return (np.datetime64("1940-01-01", "D"), days.strftime("%d-%m-%Y").to_numpy(object),
            days.strftime("%Y-%m-%d").to_numpy(object))


def fmt_date(d: np.ndarray, iso: bool = False) -> np.ndarray:
    base, nl, isotab = _date_tables()
    out = np.full(d.shape, "", dtype=object)
    ok = ~np.isnat(d)
    out[ok] = (isotab if iso else nl)[(d[ok] - base).astype(np.int64)]
    return out


def fmt_jn(flag: np.ndarray, known: np.ndarray | None = None, yes="J", no="N") -> np.ndarray:
    out = np.where(flag, yes, no).astype(object)
    if known is not None:
        out[~known] = ""
    return out


def fmt_half_hours(x: np.ndarray) -> np.ndarray:
    """Hours on a half-hour grid with a decimal comma: 6,5 (never negative here)."""
    halves = np.rint(np.asarray(x, float) * 2).astype(np.int64)
    table = np.array([f"{h // 2},{5 * (h % 2)}" for h in range(int(halves.max(initial=0)) + 1)],
                     dtype=object)
    return table[halves]


def fmt_dutch_int(n: int) -> str:
    """108654 -> '108.654' (thousand dots)."""
    return f"{n:,}".replace(",", ".")


def _map_unique(values: np.ndarray, fn) -> np.ndarray:
    """Apply fn once per distinct value (free text comes from small vocabularies)."""
    codes, uniq = pd.factorize(np.asarray(values, dtype=object))
    return np.array([fn(v) for v in uniq], dtype=object)[codes] if len(codes) else values


def csv_text(values: np.ndarray, sep: str) -> np.ndarray:
    """Quote free text only where the delimiter or a quote forces it."""
    return _map_unique(values, lambda v: f'"{v.replace(chr(34), chr(34) * 2)}"'
                       if (sep in v or '"' in v) else v)


def arrow_text(values) -> pa.Array:
    return values if isinstance(values, pa.Array) else pa.array(np.asarray(values, dtype=object), pa.string())


def concat(parts) -> pa.Array:
    """Element-wise string concatenation in Arrow (scalars broadcast)."""
    return pc.binary_join_element_wise(*[p if isinstance(p, str) else arrow_text(p) for p in parts], "")


def buffer_bytes(arr: pa.Array) -> bytes:
    """All values of a string array back to back: its data buffer, no copy per value."""
    if not len(arr):
        return b""
    offsets = np.frombuffer(arr.buffers()[1], dtype=np.int32, count=len(arr) + 1, offset=arr.offset * 4)
    return memoryview(arr.buffers()[2])[offsets[0]:offsets[-1]].tobytes()
