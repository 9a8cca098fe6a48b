"""The column-wise identifier checks and hashing give exactly what the
one-value rules give: the load checks whole columns, the contract is written
per value."""

from __future__ import annotations

import hashlib
import hmac

import pyarrow as pa
from hypothesis import given, settings
from hypothesis import strategies as st

from etl.pseudonym import (PSEUDONYM_HEX_CHARS, Pseudonymiser, check_bsn, check_column,
                           check_vnummer)

# Mostly digit runs of every length around 7-10, with the odd other character
# (a letter, a dot, a non-ASCII digit) that must make the value fail.
identifier_like = st.text(alphabet=st.sampled_from("0123456789" * 6 + "a.-²١ "), min_size=1,
                          max_size=12).map(str.strip).filter(bool)


@settings(max_examples=300, deadline=None)
@given(st.lists(identifier_like, min_size=1, max_size=40))
def test_column_checks_agree_with_the_per_value_rules(values):
    for kind, rule in (("bsn", check_bsn), ("vnummer", check_vnummer)):
        normalised, reasons = check_column(kind, pa.array(values, pa.string()))
        assert list(zip(normalised.to_pylist(), reasons.to_pylist())) == [rule(v) for v in values]


def test_known_bsns_column_wise():
    normalised, reasons = check_column("bsn", pa.array(
        ["111222333", "12345672", "1234567", "12345", "000000000", "12a456789"]))
    assert normalised.to_pylist() == ["111222333", "012345672", None, None, None, None]
    assert reasons.to_pylist() == [None, None, "BSN voldoet niet aan de elfproef",
                                   "BSN heeft niet 9 cijfers", "BSN voldoet niet aan de elfproef",
                                   "BSN bevat andere tekens dan cijfers"]


def test_pseudonym_equals_standard_hmac_for_short_and_long_keys():
    for key in (b"k", b"x" * 200):
        expected = hmac.new(key, b"bsn:111222333", hashlib.sha256).hexdigest()
        assert Pseudonymiser(key).pseudonym("bsn", "111222333") == expected[:PSEUDONYM_HEX_CHARS]


def test_replace_column_gives_per_row_pseudonyms_and_reasons():
    p = Pseudonymiser(b"k")
    column = pa.chunked_array([[" 111222333", "12345", ""], ["111222333 ", None, "12345672"]])
    keys, reasons = p.replace_column(column, "bsn")
    ok, padded = p.pseudonym("bsn", "111222333"), p.pseudonym("bsn", "012345672")
    assert keys.to_pylist() == [ok, None, None, ok, None, padded]
    assert reasons.to_pylist() == [None, "BSN heeft niet 9 cijfers", None, None, None, None]
