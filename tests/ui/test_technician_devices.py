"""The Qt-free set-up logic of the technician screens: forms ↔ configuration, masked scan rows."""

from __future__ import annotations

from pathlib import Path

import pytest

from drivers.scanners import DiscardEvent, DiscardReason, ScanEvent, Terminator
from pos_client.config import ConfigError, load, set_option
from ui.models.scans import masked_hex, scan_row
from ui.screens.technician_devices import (
    PrinterForm,
    ScannerForm,
    save_options,
    terminator_from_text,
)

CARD = "6033010000000017"


def test_masked_hex_keeps_framing_and_the_last_four() -> None:
    raw = b"]C0" + CARD.encode() + b"\x1d"
    shown = masked_hex(raw, CARD)
    pairs = shown.split(" ")
    assert pairs[:3] == ["5d", "43", "30"] and pairs[-1] == "1d"
    assert pairs[-5:-1] == ["30", "30", "31", "37"]
    assert pairs.count("••") == len(CARD) - 4
    assert masked_hex(raw, CARD, whole=True) == raw.hex(" ")


def test_masked_hex_when_normalisation_changed_the_text() -> None:
    raw = b"AB" + CARD.encode()  # a programmed prefix "AB" removed by the normaliser
    shown = masked_hex(raw, "X" + CARD)  # not found as such in the bytes
    assert shown.endswith("30 30 31 37") and "36 30 33" not in shown


def test_scan_rows_for_scans_and_discards() -> None:
    scan = scan_row(ScanEvent(CARD, CARD.encode(), "C0", b"\xff", 1.0, "loop://"))
    assert (scan.kind, scan.symbology, scan.detail) == ("scan", "C0", "1 unreadable bytes skipped")
    assert scan.shown_text(whole=False) == "************0017" and scan.shown_text(whole=True) == CARD
    discard = scan_row(DiscardEvent(DiscardReason.PARTIAL, b"6033", "loop://", 1.0))
    assert (discard.kind, discard.text, discard.detail) == ("discard", "", "partial")


@pytest.mark.parametrize(
    ("text", "terminator"),
    [("\r", Terminator.CR), ("\n", Terminator.LF), ("\r\n", Terminator.CRLF), ("\t", Terminator.TAB),
     ("", Terminator.NONE), ("?", Terminator.CR)],
)  # fmt: skip
def test_terminator_from_the_configuration(text: str, terminator: Terminator) -> None:
    assert terminator_from_text(text) is terminator


def test_scanner_form_round_trips_through_the_configuration(tmp_path: Path) -> None:
    path = tmp_path / "terminal.toml"
    form = ScannerForm("serial:///dev/ttyUSB0?baudrate=9600", Terminator.CRLF, "AB", "Z")
    config = save_options(path, form.config_options())
    assert ScannerForm.from_config(config) == form
    assert ScannerForm.from_config(load(path)) == form


def test_printer_form_round_trips_and_keeps_the_code_pages(tmp_path: Path) -> None:
    path = tmp_path / "terminal.toml"
    set_option(path, "printer.code_pages", "cp852")
    form = PrinterForm("tcp://10.0.0.5:9100", "TM-T88V", 58)
    config = save_options(path, form.config_options())
    assert PrinterForm.from_config(config) == form
    settings = form.settings(config)
    assert (settings.url, settings.paper_width_mm, settings.code_pages) == (
        "tcp://10.0.0.5:9100",
        58,
        ("CP852",),
    )


def test_a_bad_value_writes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "terminal.toml"
    set_option(path, "printer.url", "emulator")
    before = path.read_text(encoding="utf-8")
    with pytest.raises(ConfigError, match="paper_width_mm"):
        save_options(path, {"printer.url": "tcp://h:9100", "printer.paper_width_mm": "wide"})
    assert path.read_text(encoding="utf-8") == before
