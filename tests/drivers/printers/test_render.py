"""ESC/POS rendering rules (docs/ARCHITECTURE.md#pitfalls): init, alignment reset, code-set prefix, EAN-13
checks."""

from __future__ import annotations

import pytest

from drivers.printers import document as d
from drivers.printers.profile import load_profile
from drivers.printers.render import code128_payload, render

DEFAULT = load_profile("default", paper_width_mm=80, code_pages=("CP858", "CP852"))
NO_SYMBOLS = load_profile("POS-5890")  # 58 mm, no barcode/QR commands, no cutter


def test_starts_with_init_and_switches_code_page_per_run() -> None:
    data = render(d.Document("t", (d.Text("Zażółć £ €"),)), DEFAULT)
    assert data.startswith(b"\x1b@")
    assert (
        data == b"\x1b@\x1bt\x12" + "Zażółć ".encode("cp852") + b"\x1bt\x13" + "£ €".encode("cp858") + b"\n"
    )
    assert b"?" not in data


def test_alignment_is_reset_after_a_barcode() -> None:
    data = render(d.Document("t", (d.Barcode("ABC-123"), d.Text("after"))), DEFAULT)
    barcode_at = data.index(b"\x1dkI")
    assert b"\x1ba\x01" in data[:barcode_at]
    assert data[barcode_at:].index(b"\x1ba\x00") < data[barcode_at:].index(b"after")


def test_code128_carries_a_code_set_prefix() -> None:
    assert code128_payload("ABC-123") == b"{BABC-123"
    assert code128_payload("1234") == b"{C\x0c\x22"
    assert code128_payload("123") == b"{B123"
    with pytest.raises(ValueError):
        code128_payload("zażółć")


def test_ean13_check_digit_is_added_and_validated() -> None:
    data = render(d.Document("t", (d.Barcode("590123412345", d.Symbology.EAN13),)), DEFAULT)
    assert b"\x1dkC\x0d5901234123457" in data
    with pytest.raises(ValueError, match="check digit"):
        render(d.Document("t", (d.Barcode("5901234123458", d.Symbology.EAN13),)), DEFAULT)


def test_uncovered_text_and_symbols_become_raster_images_when_needed() -> None:
    data = render(d.Document("t", (d.Text("→"), d.Barcode("12345678"), d.QrCode("x"))), NO_SYMBOLS)
    assert data.count(b"\x1dv0") == 3
    assert b"\x1dk" not in data and b"\x1d(k" not in data


def test_key_value_fills_the_line_and_wraps_when_too_long() -> None:
    data = render(d.Document("t", (d.KeyValue("Balance", "12.00"),)), NO_SYMBOLS)
    assert b"Balance" + b" " * (32 - 12) + b"12.00\n" in data
    long = render(d.Document("t", (d.KeyValue("K" * 30, "V" * 10),)), NO_SYMBOLS)
    assert b"K" * 30 + b"\n" + b" " * 22 + b"V" * 10 + b"\n" in long


def test_cut_or_feed_to_tear_bar() -> None:
    assert render(d.Document("t", (d.Cut(),)), DEFAULT).endswith(b"\x1dVA\x03")
    assert render(d.Document("t", (d.Cut(),)), NO_SYMBOLS).endswith(b"\x1bd\x04")
