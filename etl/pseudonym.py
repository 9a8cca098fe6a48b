"""Identifier checks and keyed pseudonyms.

Raw BSNs and V-nummers live only in this module's Python memory during a load.
They are replaced by an HMAC-SHA256 pseudonym before any table reaches DuckDB,
and the reasons for rejecting them never repeat the value itself.
"""

from __future__ import annotations

import hashlib
import hmac
from pathlib import Path
from typing import Mapping

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

ENV_KEY = "PSEUDONYM_KEY"
# 128 bits of the HMAC: collision-free at national scale, and half the join
# width of the full digest on the 6 million benefit rows.
PSEUDONYM_HEX_CHARS = 32


class MissingKeyError(RuntimeError):
    """No usable key: the message says, in Dutch, what the operator must do."""


def elfproef(bsn: str) -> bool:
    if len(bsn) != 9 or not _ascii_digits(bsn):
        return False
    total = sum(int(d) * w for d, w in zip(bsn[:8], range(9, 1, -1))) - int(bsn[8])
    return total % 11 == 0 and bsn != "000000000"


def _ascii_digits(value: str) -> bool:
    # str.isdigit alone also takes superscripts and other scripts' digits.
    return value.isascii() and value.isdigit()


def check_bsn(raw: str) -> tuple[str | None, str | None]:
    """(normalised BSN, None) or (None, Dutch reason). One value at a time;
    Pseudonymiser.replace_column applies the same rule to whole columns."""
    value = raw.strip()
    if not _ascii_digits(value):
        return None, BSN_NOT_DIGITS
    if len(value) in (7, 8):  # Excel stored it as a number and dropped the leading zeros
        value = value.zfill(9)
    if len(value) != 9:
        return None, BSN_LENGTH
    if not elfproef(value):
        return None, BSN_ELFPROEF
    return value, None


def check_vnummer(raw: str) -> tuple[str | None, str | None]:
    value = raw.strip()
    if not (_ascii_digits(value) and len(value) == 10):
        return None, VNUMMER_LENGTH
    return value, None


BSN_NOT_DIGITS = "BSN bevat andere tekens dan cijfers"
BSN_LENGTH = "BSN heeft niet 9 cijfers"
BSN_ELFPROEF = "BSN voldoet niet aan de elfproef"
VNUMMER_LENGTH = "V-nummer heeft niet 10 cijfers"
CHECKS = {"bsn": check_bsn, "vnummer": check_vnummer}
ELFPROEF_WEIGHTS = np.array([9, 8, 7, 6, 5, 4, 3, 2, -1], dtype=np.int64)


def check_column(kind: str, values: pa.Array) -> tuple[pa.Array, pa.Array]:
    """check_bsn / check_vnummer over a column of trimmed, non-empty values:
    (normalised value or null, reason or null), without Python per value."""
    digits = pc.match_substring_regex(values, r"^[0-9]+$")
    length = pc.utf8_length(values)
    if kind == "vnummer":
        ok = pc.and_(digits, pc.equal(length, 10))
        return (pc.if_else(ok, values, pa.scalar(None, pa.string())),
                pc.if_else(ok, pa.scalar(None, pa.string()), VNUMMER_LENGTH))
    padded = pc.if_else(pc.and_(digits, pc.is_in(length, pa.array([7, 8], length.type))),
                        pc.utf8_lpad(values, 9, "0"), values)
    nine = pc.and_(digits, pc.equal(pc.utf8_length(padded), 9))
    numbers = pc.cast(pc.if_else(nine, padded, "0"), pa.int64()).to_numpy(zero_copy_only=False)
    places = (numbers[:, None] // 10 ** np.arange(8, -1, -1, dtype=np.int64)) % 10
    passes = ((places @ ELFPROEF_WEIGHTS) % 11 == 0) & (numbers != 0)
    ok = pc.and_(nine, pa.array(passes))
    reason = pc.case_when(
        pc.make_struct(pc.invert(digits), pc.invert(nine), pc.invert(ok)),
        BSN_NOT_DIGITS, BSN_LENGTH, BSN_ELFPROEF)
    return pc.if_else(ok, padded, pa.scalar(None, pa.string())), reason


class Pseudonymiser:
    """Maps raw identifiers to pseudonyms, memoised over one load so that the
    same person in 60 monthly files is hashed once."""

    def __init__(self, key: bytes):
        if not key:
            raise MissingKeyError("lege pseudonimiseringssleutel")
        # HMAC (RFC 2104) with its two padded-key states computed once: per
        # value only the two hash rounds remain, not hmac's object set-up.
        block = hashlib.sha256().block_size
        padded = (hashlib.sha256(key).digest() if len(key) > block else key).ljust(block, b"\0")
        self._inner = hashlib.sha256(bytes(b ^ 0x36 for b in padded))
        self._outer = hashlib.sha256(bytes(b ^ 0x5C for b in padded))
        self._memo: dict[tuple[str, str], tuple[str | None, str | None]] = {}

    def pseudonym(self, kind: str, value: str) -> str:
        # The kind is part of the message: a BSN and a V-nummer never collide.
        inner = self._inner.copy()
        inner.update(f"{kind}:{value}".encode())
        outer = self._outer.copy()
        outer.update(inner.digest())
        return outer.hexdigest()[:PSEUDONYM_HEX_CHARS]

    def replace_column(self, column: pa.ChunkedArray, kind: str) -> tuple[pa.Array, pa.Array]:
        """Pseudonyms and rejection reasons for a column of raw identifiers,
        dictionary-encoded (DuckDB reads them as text). Empty cells give
        (null, null): whether empty is allowed is the validator's call. Work
        is per distinct value, not per row; checks run over the distinct
        values as a column, and only the hash is per value."""
        encoded = pc.dictionary_encode(column).combine_chunks()
        distinct = encoded.dictionary.to_pylist()
        new = [raw for raw in distinct if raw is not None and (kind, raw) not in self._memo]
        if new:
            trimmed = pc.utf8_trim_whitespace(pa.array(new, pa.string()))
            filled = pc.not_equal(trimmed, "")
            values, reasons = check_column(kind, pc.if_else(filled, trimmed, "0"))
            for raw, full, value, reason in zip(new, filled.to_pylist(), values.to_pylist(),
                                                reasons.to_pylist()):
                self._memo[(kind, raw)] = ((None, None) if not full
                                           else (self.pseudonym(kind, value), None) if value
                                           else (None, reason))
        hits = [self._memo[(kind, raw)] if raw is not None else (None, None) for raw in distinct]
        indices = encoded.indices
        keys = pa.DictionaryArray.from_arrays(indices, pa.array([h[0] for h in hits], pa.string()))
        reasons = [h[1] for h in hits]
        if not any(reasons):
            return keys, pa.nulls(len(indices), pa.string())
        return keys, pa.DictionaryArray.from_arrays(indices, pa.array(reasons, pa.string()))


KEY_FILE_ENV = "PSEUDONYM_KEY_FILE"
REPO_ROOT = Path(__file__).resolve().parent.parent
FINGERPRINT_MESSAGE = b"integratiemonitor:sleutel-vingerafdruk"


def fingerprint(key: bytes) -> str:
    """Tells two keys apart without revealing either: an HMAC of a fixed
    message under the key, not a hash of the key."""
    return hmac.new(key, FINGERPRINT_MESSAGE, hashlib.sha256).hexdigest()[:16]


def key_from_environment(environ: Mapping[str, str]) -> bytes | None:
    """The operator's key: PSEUDONYM_KEY, or the file PSEUDONYM_KEY_FILE names
    (outside the repository, so it is never committed). None when neither is
    set. Only the command line and the app call this; everything below takes
    the key as an argument."""
    value = environ.get(ENV_KEY, "")
    if value:
        return value.encode()
    name = environ.get(KEY_FILE_ENV, "")
    if not name:
        return None
    path = Path(name).expanduser().resolve()
    if path == REPO_ROOT or REPO_ROOT in path.parents:
        raise MissingKeyError(
            f"{KEY_FILE_ENV} wijst naar een bestand in de repository ({path.name}). "
            "Bewaar de sleutel buiten de repository, zodat hij nooit mee wordt gecommit.")
    try:
        key = path.read_bytes().strip()
    except OSError as exc:
        raise MissingKeyError(
            f"sleutelbestand uit {KEY_FILE_ENV} is niet leesbaar: {exc.strerror}") from exc
    if not key:
        raise MissingKeyError(f"sleutelbestand uit {KEY_FILE_ENV} is leeg")
    return key
