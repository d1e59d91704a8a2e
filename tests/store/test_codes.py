"""Join codes: readable aloud, typed loosely, hard to guess."""

from __future__ import annotations

import math
import re

import pytest

from toolkit.store import codes

SHAPE = re.compile(r"^[A-Z0-9]{3}-[A-Z0-9]{3}-[A-Z0-9]{3}$")


def test_alphabet_has_no_look_alikes():
    """The alphabet leaves out 0, O, 1, I and L (and has no repeats or lower case)."""
    assert not set("0O1IL") & set(codes.ALPHABET)
    assert len(set(codes.ALPHABET)) == len(codes.ALPHABET)
    assert codes.ALPHABET == codes.ALPHABET.upper()


def test_codes_carry_at_least_40_bits():
    """A code has at least 40 bits of randomness, and BITS says so truthfully."""
    bits = codes.LENGTH * math.log2(len(codes.ALPHABET))
    assert bits >= 40
    assert codes.BITS == pytest.approx(bits)


def test_new_code_has_the_spoken_shape():
    """A new code is three groups of three alphabet characters joined by dashes."""
    code = codes.new_code()
    assert SHAPE.match(code)
    assert set(code.replace("-", "")) <= set(codes.ALPHABET)


def test_ten_thousand_codes_are_unique():
    """10,000 fresh codes contain no duplicate."""
    made = [codes.new_code() for _ in range(10_000)]
    assert len(set(made)) == len(made)


def test_codes_use_the_whole_alphabet():
    """Over many codes every alphabet character turns up (no stuck positions)."""
    seen = set("".join(codes.new_code() for _ in range(2_000)).replace("-", ""))
    assert seen == set(codes.ALPHABET)


@pytest.mark.parametrize("typed", [
    "K7M-4QP-XZ2", "k7m-4qp-xz2", "K7M4QPXZ2", "k7m 4qp xz2", "  K7M-4QP XZ2 ", "k7m.4qp_xz2",
    "K7M4QP-XZ2",
])
def test_normalize_accepts_loose_typing(typed):
    """Lower case, spaces, dots, underscores and missing dashes all give the canonical code."""
    assert codes.normalize(typed) == "K7M-4QP-XZ2"


def test_normalize_round_trips_new_codes():
    """A new code normalises to itself, and so does its lower-case, dashless form."""
    code = codes.new_code()
    assert codes.normalize(code) == code
    assert codes.normalize(code.replace("-", "").lower()) == code


@pytest.mark.parametrize("typed", [
    None, "", "K7M-4QP-XZ", "K7M-4QP-XZ22", "K7M-4QP-XZO", "K7M-4QP-XZ1", "K7M-4QP-XZL",
    "K7M-4QP-XZI", "K7M-4QP-XZ0", "K7M-4QP-XZ!", "K7M-4QP-XZé", "---------",
])
def test_normalize_rejects_wrong_length_or_characters(typed):
    """Too short, too long, look-alikes, punctuation and accents are not codes."""
    assert codes.normalize(typed) is None


def test_format_code_groups_in_threes():
    """format_code joins nine characters as ABC-DEF-GHJ."""
    assert codes.format_code("ABCDEFGHJ") == "ABC-DEF-GHJ"
