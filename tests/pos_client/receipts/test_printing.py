"""Printing never loses a slip: stored before sending, typed failure, reprint when ready."""

from __future__ import annotations

from pathlib import Path

from drivers.printers import status as st
from drivers.printers.emulator import EmulatorPrinter
from drivers.printers.printer import PrinterSettings, ReceiptPrinter
from pos_client.i18n import use_language
from pos_client.receipts.last_slip import LastSlipStore
from pos_client.receipts.printing import PrintState, SlipPrinter
from tests.pos_client.receipts import samples

SLIP = samples.all_slips()["payment"]


def _printer(tmp_path: Path, status: st.PrinterStatus = st.ONLINE) -> tuple[SlipPrinter, EmulatorPrinter]:
    emulator = EmulatorPrinter(status=status)
    printer = ReceiptPrinter(PrinterSettings(url="emulator"), emulator=emulator)
    return SlipPrinter(printer, LastSlipStore(tmp_path / "data")), emulator


def test_printed_slip_is_also_kept_for_reprint(tmp_path: Path) -> None:
    slip_printer, emulator = _printer(tmp_path)
    outcome = slip_printer.print(SLIP)
    assert outcome.printed and outcome.printer_state is st.State.ONLINE
    stored = LastSlipStore(tmp_path / "data").load()
    assert stored is not None and stored.document == SLIP
    assert stored.data == emulator.receipts[0].raw


def test_paper_out_is_a_clear_failure_and_the_slip_stays_reprintable(tmp_path: Path) -> None:
    slip_printer, emulator = _printer(tmp_path, st.PAPER_OUT)
    outcome = slip_printer.print(SLIP)
    assert outcome.state is PrintState.FAILED
    assert isinstance(outcome.error, st.PaperOut)
    assert "out of paper" in outcome.message and "reprint" in outcome.message
    assert outcome.as_json()["error"] == "PaperOut"
    assert emulator.receipts == []
    emulator.status = st.ONLINE  # a new roll
    with use_language("pl"):  # the terminal's language (the CLI's, the app's): that of the slip
        again = slip_printer.reprint()
    assert again.printed
    (receipt,) = emulator.receipts
    assert receipt.text.startswith("KOPIA\nSklep Łódź")
    assert "Pozostało" + " " * 31 + "75,50 zł" in receipt.text


def test_offline_printer_fails_with_printer_offline(tmp_path: Path) -> None:
    settings = PrinterSettings(url="tcp://127.0.0.1:9", timeout=1)
    slip_printer = SlipPrinter(ReceiptPrinter(settings), LastSlipStore(tmp_path))
    outcome = slip_printer.print(SLIP)
    assert isinstance(outcome.error, st.PrinterOffline)
    assert LastSlipStore(tmp_path).load() is not None


def test_paper_near_end_prints_with_a_warning(tmp_path: Path) -> None:
    slip_printer, emulator = _printer(tmp_path, st.PAPER_NEAR_END)
    outcome = slip_printer.print(SLIP)
    assert outcome.printed and "nearly finished" in outcome.message
    assert len(emulator.receipts) == 1


def test_reprint_with_nothing_stored(tmp_path: Path) -> None:
    slip_printer, _ = _printer(tmp_path)
    assert slip_printer.reprint().state is PrintState.NOTHING


def test_unreadable_store_is_treated_as_empty(tmp_path: Path) -> None:
    store = LastSlipStore(tmp_path)
    store.save(SLIP, b"x", "default")
    (tmp_path / "last-slip.json").write_text("{broken", encoding="utf-8")
    assert store.load() is None
