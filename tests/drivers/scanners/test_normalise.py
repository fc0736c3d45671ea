"""Normalisation: whitespace, control characters, AIM identifiers, prefix/suffix, invalid bytes."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from drivers.scanners.normalise import Normaliser, normalise


@pytest.mark.parametrize(
    ("raw", "text", "symbology"),
    [
        (b"]C0ABC123", "ABC123", "C0"),
        (b"]E05901234123457", "5901234123457", "E0"),
        (b"]Q1PAYLOAD", "PAYLOAD", "Q1"),
        (b"]d2010590", "010590", "d2"),
        (b"\x02]E0 5901 2341 \x03", "59012341", "E0"),
        (b"]", "]", None),  # too short to be an identifier: data
        (b"]9X123", "]9X123", None),  # the symbology character is a letter
    ],
)
def test_aim_identifiers(raw: bytes, text: str, symbology: str | None) -> None:
    result = Normaliser().normalise_bytes(raw)
    assert (result.text, result.symbology, result.invalid) == (text, symbology, b"")


def test_whitespace_and_control_characters_go_everywhere_in_the_scan() -> None:
    assert normalise(" \t29 0000\u00a00000\r\n17\x00\x1d ") == "290000000017"


def test_prefix_and_suffix_are_removed_once() -> None:
    normaliser = Normaliser(prefix="PX", suffix="SF")
    assert normaliser.normalise_text("PX1234SF").text == "1234"
    assert normaliser.normalise_text("PXPX1234SFSF").text == "PX1234SF"
    assert normaliser.normalise_text("1234").text == "1234"  # a scan without them is fine


def test_a_scan_equal_to_the_prefix_is_kept() -> None:
    assert Normaliser(prefix="AB").normalise_text("AB").text == "AB"


def test_control_characters_in_the_configured_prefix_are_ignored() -> None:
    # A technician copies "STX + #" from the scanner manual; the STX is removed before matching anyway.
    assert Normaliser(prefix="\x02#").normalise_bytes(b"\x02#777").text == "777"


def test_invalid_bytes_are_reported_and_skipped() -> None:
    result = Normaliser().normalise_bytes(b"12\xff34\xc356")
    assert (result.text, result.invalid) == ("123456", b"\xff\xc3")


def test_valid_utf8_letters_are_kept() -> None:
    assert Normaliser().normalise_bytes("KOD-ŻÓŁW".encode()).text == "KOD-ŻÓŁW"


@given(st.binary(max_size=300), st.text(max_size=5), st.text(max_size=5))
def test_never_raises_on_arbitrary_bytes(raw: bytes, prefix: str, suffix: str) -> None:
    result = Normaliser(prefix=prefix, suffix=suffix).normalise_bytes(raw)
    assert len(result.invalid) <= len(raw)
    assert not any(char.isspace() for char in result.text)


@given(st.text(max_size=100))
def test_normalising_twice_changes_nothing_more(text: str) -> None:
    once = normalise(text)
    # Only a remainder that itself looks like an AIM identifier is stripped again.
    assert normalise(once) == once or re.match(r"\][A-Za-z][0-9A-Za-z]", once)
