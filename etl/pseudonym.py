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

import pyarrow as pa
import pyarrow.compute as pc

ENV_KEY = "PSEUDONYM_KEY"
# 128 bits of the HMAC: collision-free at national scale, and half the join
# width of the full digest on the 6 million benefit rows.
PSEUDONYM_HEX_CHARS = 32


class MissingKeyError(RuntimeError):
    """No usable key: the message says, in Dutch, what the operator must do."""


def elfproef(bsn: str) -> bool:
    if len(bsn) != 9 or not bsn.isdigit():
        return False
    total = sum(int(d) * w for d, w in zip(bsn[:8], range(9, 1, -1))) - int(bsn[8])
    return total % 11 == 0 and bsn != "000000000"


def check_bsn(raw: str) -> tuple[str | None, str | None]:
    """(normalised BSN, None) or (None, Dutch reason)."""
    value = raw.strip()
    if not value.isdigit():
        return None, "BSN bevat andere tekens dan cijfers"
    if len(value) in (7, 8):  # Excel stored it as a number and dropped the leading zeros
        value = value.zfill(9)
    if len(value) != 9:
        return None, "BSN heeft niet 9 cijfers"
    if not elfproef(value):
        return None, "BSN voldoet niet aan de elfproef"
    return value, None


def check_vnummer(raw: str) -> tuple[str | None, str | None]:
    value = raw.strip()
    if not (value.isdigit() and len(value) == 10):
        return None, "V-nummer heeft niet 10 cijfers"
    return value, None


CHECKS = {"bsn": check_bsn, "vnummer": check_vnummer}


class Pseudonymiser:
    """Maps raw identifiers to pseudonyms, memoised over one load so that the
    same person in 60 monthly files is hashed once."""

    def __init__(self, key: bytes):
        if not key:
            raise MissingKeyError("lege pseudonimiseringssleutel")
        self._mac = hmac.new(key, digestmod=hashlib.sha256)
        self._memo: dict[tuple[str, str], tuple[str | None, str | None]] = {}

    def pseudonym(self, kind: str, value: str) -> str:
        # The kind is part of the message: a BSN and a V-nummer never collide.
        mac = self._mac.copy()
        mac.update(f"{kind}:{value}".encode())
        return mac.hexdigest()[:PSEUDONYM_HEX_CHARS]

    def _one(self, kind: str, raw: str) -> tuple[str | None, str | None]:
        memo_key = (kind, raw)
        hit = self._memo.get(memo_key)
        if hit is None:
            value, reason = CHECKS[kind](raw)
            hit = (self.pseudonym(kind, value), None) if value else (None, reason)
            self._memo[memo_key] = hit
        return hit

    def replace_column(self, column: pa.ChunkedArray, kind: str) -> tuple[pa.Array, pa.Array]:
        """Pseudonyms and rejection reasons for a column of raw identifiers.
        Empty cells give (null, null): whether empty is allowed is the
        validator's call. Work is per distinct value, not per row."""
        encoded = pc.dictionary_encode(pc.utf8_trim_whitespace(column)).combine_chunks()
        keys, reasons = [], []
        for raw in encoded.dictionary.to_pylist():
            key, reason = (None, None) if not raw else self._one(kind, raw)
            keys.append(key)
            reasons.append(reason)
        indices = encoded.indices
        return (pc.take(pa.array(keys, pa.string()), indices),
                pc.take(pa.array(reasons, pa.string()), indices))


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
