"""The driver end to end: URLs, a network printer on loopback, typed errors from status and refusals."""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from drivers.printers import document as d
from drivers.printers import status as st
from drivers.printers.connection import PrinterUrl, parse_url
from drivers.printers.emulator_server import EmulatorServer
from drivers.printers.printer import PrinterSettings, ReceiptPrinter
from drivers.printers.profile import load_profile
from tests.drivers.printers.helpers import read_symbols

SLIP = d.Document("slip", (d.Text("Saldo £ € ąę"), d.Barcode("6031234567890123"), d.Cut()))


@pytest.fixture
def network_printer(tmp_path: Path) -> Iterator[EmulatorServer]:
    server = EmulatorServer(("127.0.0.1", 0), tmp_path / "out", load_profile())
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()
    thread.join(5)


def _wait_for_files(directory: Path, count: int) -> list[Path]:
    event = threading.Event()
    for _ in range(100):
        files = sorted(directory.glob("receipt-*.png"))
        if len(files) >= count:
            return files
        event.wait(0.05)
    raise AssertionError(f"{count} receipt(s) expected in {directory}")


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("tcp://10.0.0.5:9100", PrinterUrl("tcp", host="10.0.0.5", port=9100)),
        ("tcp://printer", PrinterUrl("tcp", host="printer", port=9100)),
        ("serial:///dev/ttyS0?baudrate=19200", PrinterUrl("serial", path="/dev/ttyS0", baudrate=19200)),
        ("usb://04b8:0202", PrinterUrl("usb", vendor_id=0x04B8, product_id=0x0202)),
        ("file:///tmp/out.bin", PrinterUrl("file", path="/tmp/out.bin")),
        ("emulator", PrinterUrl("emulator")),
    ],
)
def test_urls(url: str, expected: PrinterUrl) -> None:
    assert parse_url(url) == expected
    assert parse_url(str(expected)) == expected


@pytest.mark.parametrize("url", ["lpt://x", "usb://nothex", "tcp://", "printer"])
def test_bad_urls_are_configuration_errors(url: str) -> None:
    with pytest.raises(st.PrinterConfigError):
        parse_url(url)


def test_network_printer_on_loopback_receives_the_slip(network_printer: EmulatorServer) -> None:
    printer = ReceiptPrinter(PrinterSettings(url=f"tcp://127.0.0.1:{network_printer.port}"))
    assert printer.status().state is st.State.ONLINE
    printer.print_document(SLIP)
    (png,) = _wait_for_files(network_printer.out_dir, 1)
    assert png.with_suffix(".bin").read_bytes() == printer.render(SLIP)
    assert read_symbols(png.read_bytes()) == {("CODE128", "6031234567890123")}


@pytest.mark.parametrize(
    ("status", "error"),
    [(st.PAPER_OUT, st.PaperOut), (st.COVER_OPEN, st.CoverOpen)],
)
def test_paper_out_and_cover_open_are_typed_errors(
    network_printer: EmulatorServer, status: st.PrinterStatus, error: type[st.PrinterError]
) -> None:
    network_printer.status = status
    printer = ReceiptPrinter(PrinterSettings(url=f"tcp://127.0.0.1:{network_printer.port}"))
    with pytest.raises(error):
        printer.print_document(SLIP)
    assert not list(network_printer.out_dir.glob("*.png"))


def test_refused_connection_is_printer_offline() -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]  # closed again: nothing listens here
    printer = ReceiptPrinter(PrinterSettings(url=f"tcp://127.0.0.1:{port}", timeout=2))
    with pytest.raises(st.PrinterOffline, match="cannot be reached"):
        printer.print_document(SLIP)


def test_silent_printer_has_unknown_status_and_still_prints(tmp_path: Path) -> None:
    received = bytearray()
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen()

        def accept() -> None:
            conn, _ = listener.accept()
            with conn:
                while chunk := conn.recv(4096):
                    received.extend(chunk)

        thread = threading.Thread(target=accept)
        thread.start()
        url = f"tcp://127.0.0.1:{listener.getsockname()[1]}"
        printer = ReceiptPrinter(PrinterSettings(url=url, status_timeout=0.2))
        assert printer.print_document(SLIP).state is st.State.UNKNOWN
        thread.join(5)
    assert received.endswith(printer.render(SLIP))


def test_file_printer_writes_the_bytes(tmp_path: Path) -> None:
    out = tmp_path / "out.bin"
    printer = ReceiptPrinter(PrinterSettings(url=f"file://{out}"))
    assert printer.print_document(SLIP).state is st.State.UNKNOWN
    assert out.read_bytes() == printer.render(SLIP)


def test_in_process_emulator_url() -> None:
    printer = ReceiptPrinter(PrinterSettings(url="emulator"))
    printer.print_document(SLIP)
    assert printer.emulator is not None
    (receipt,) = printer.emulator.receipts
    assert receipt.text.startswith("Saldo £ € ąę")


def test_nothing_is_written_to_stdout(
    network_printer: EmulatorServer, tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    """python-escpos print()s from several methods (docs/ARCHITECTURE.md#pitfalls); printing must stay
    silent."""
    for url in (f"tcp://127.0.0.1:{network_printer.port}", f"file://{tmp_path / 'o.bin'}", "emulator"):
        for profile in ("default", "POS-5890", "TM-T88V"):
            printer = ReceiptPrinter(PrinterSettings(url=url, profile=profile))
            printer.status()
            printer.print_document(SLIP)
    _wait_for_files(network_printer.out_dir, 3)
    assert capfd.readouterr().out == ""
