"""The technician screens with real devices and the real reference server: the scanner's live view of
a pseudo-terminal, the printer test page reaching the ESC/POS emulator (network and on-screen), the
connection test, the masked log and the diagnostics bundle. No sleeps: qtbot waits on models/labels."""

from __future__ import annotations

import json
import logging
import threading
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from drivers.printers.document import Document, Text
from drivers.printers.emulator_render import RenderedReceipt
from drivers.printers.emulator_server import EmulatorServer
from drivers.printers.profile import load_profile
from drivers.printers.status import PAPER_OUT
from drivers.scanners import Terminator
from pos_client.config import load
from pos_client.masking import mask_number
from pos_client.security import Role
from tests.drivers.scanners.helpers import PtyScanner
from tests.fixtures.server import RunningServer
from tests.ui.test_manager_support import TECHNICIAN, harnesses, screenshot, show
from ui.screens import roles_of
from ui.screens.technician_log import LogScreen
from ui.screens.technician_printer import PrinterSetupScreen
from ui.screens.technician_scanner import ScannerSetupScreen
from ui.screens.technician_server import ServerCheckScreen

pytestmark = pytest.mark.ui
WAIT = 15_000  # ms; only reached when a test fails
CARD = "6033010000000017"


@pytest.fixture
def harness_factory(qtbot: QtBot, tmp_path: Path) -> Iterator[Any]:
    yield from harnesses(qtbot, tmp_path)


@pytest.fixture
def pty(tmp_path: Path) -> Iterator[PtyScanner]:
    device = PtyScanner(tmp_path)
    yield device
    device.close()


@pytest.fixture
def emulator(tmp_path: Path) -> Iterator[tuple[EmulatorServer, list[RenderedReceipt]]]:
    """The ESC/POS emulator as a network printer on a free loopback port."""
    receipts: list[RenderedReceipt] = []
    server = EmulatorServer(
        ("127.0.0.1", 0), tmp_path / "receipts", load_profile(), on_receipt=receipts.append
    )
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server, receipts
    server.shutdown()
    server.server_close()
    thread.join(5)


def test_technician_screens_are_for_technicians() -> None:
    for screen in (ScannerSetupScreen, PrinterSetupScreen, ServerCheckScreen, LogScreen):
        assert roles_of(screen) == frozenset({Role.TECHNICIAN})


def test_connection_test_shows_the_terminal(
    qtbot: QtBot, demo_server: RunningServer, harness_factory: Any
) -> None:
    h = harness_factory(demo_server, TECHNICIAN)
    screen = show(qtbot, ServerCheckScreen(h.ctx))
    with pytest.warns(DeprecationWarning):  # the offscreen platform activates no window by itself
        QApplication.setActiveWindow(screen)
    qtbot.keyClick(screen, Qt.Key.Key_F5)  # the button's shortcut
    qtbot.waitUntil(lambda: screen.report is not None, timeout=WAIT)

    terminal = h.core.client.terminal()
    assert screen.values["terminal"].text() == terminal.terminal_id
    assert terminal.merchant_name in screen.values["merchant"].text()
    assert f"POS {terminal.pos}" in screen.values["store"].text()
    assert "ms" in screen.values["latency"].text()
    assert screen.report is not None and screen.report.series is not None and screen.report.series.count > 0
    assert str(screen.report.series.count) in screen.values["series"].text()
    assert abs(screen.report.clock_skew_seconds) < 5  # same machine: the clocks agree
    assert screen.message.property("level") == "success"
    screenshot(screen, "technician-server")


def test_connection_test_with_a_wrong_token_says_so(
    qtbot: QtBot, demo_server: RunningServer, harness_factory: Any
) -> None:
    h = harness_factory(demo_server, TECHNICIAN, token="not-a-token-the-server-knows")
    screen = show(qtbot, ServerCheckScreen(h.ctx))
    screen.test_connection()
    qtbot.waitUntil(
        lambda: screen.test_button.isEnabled() and screen.message.property("level") == "error", timeout=WAIT
    )
    assert "does not accept this terminal" in screen.message.text()
    assert screen.report is None


def test_scanner_live_view_shows_a_scan_written_to_a_pty(
    qtbot: QtBot, demo_server: RunningServer, harness_factory: Any, pty: PtyScanner
) -> None:
    h = harness_factory(demo_server, TECHNICIAN)
    screen = show(qtbot, ScannerSetupScreen(h.ctx))
    screen.url.setText(str(pty.path))
    screen.terminator.setCurrentIndex(list(Terminator).index(Terminator.CR))
    qtbot.mouseClick(screen.listen_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: screen._state == "connected", timeout=WAIT)
    assert screen.stop_button.isEnabled()

    pty.write(b"]C0" + CARD.encode() + b"\r")
    qtbot.waitUntil(lambda: screen.model.rowCount() == 1, timeout=WAIT)
    values = [screen.model.text(0, c) for c in range(screen.model.columnCount())]
    assert values[1] == "Scan"
    assert values[2] == mask_number(CARD)
    assert values[3] == "]C0"
    raw_hex = values[4]
    assert raw_hex.startswith("5d 43 30 ")  # the AIM identifier stays readable
    assert raw_hex.endswith("30 30 31 37") and "••" in raw_hex  # the number is masked but its last 4
    screenshot(screen, "technician-scanner")
    screenshot(screen, "technician-scanner-dark", theme="dark")

    screen.whole.setChecked(True)
    assert screen.model.text(0, 2) == CARD
    assert screen.model.text(0, 4) == (b"]C0" + CARD.encode()).hex(" ")

    # Listening again with another terminator reopens the port with the new setting.
    screen.terminator.setCurrentIndex(list(Terminator).index(Terminator.LF))
    qtbot.mouseClick(screen.listen_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(
        lambda: not screen._stopping and screen._scanner is not None and screen._state == "connected",
        timeout=WAIT,
    )
    pty.write(b"CPN7X2K9Q\n")
    qtbot.waitUntil(lambda: screen.model.rowCount() == 2, timeout=WAIT)
    assert screen.model.text(0, 2) == "CPN7X2K9Q"  # newest first, whole numbers still on

    qtbot.mouseClick(screen.stop_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: screen._state == "stopped", timeout=WAIT)
    assert not screen.stop_button.isEnabled()


def test_scanner_settings_are_saved_to_the_configuration(
    qtbot: QtBot, demo_server: RunningServer, harness_factory: Any
) -> None:
    h = harness_factory(demo_server, TECHNICIAN)
    screen = show(qtbot, ScannerSetupScreen(h.ctx))
    screen.url.setText("serial:///dev/ttyACM0?baudrate=9600")
    screen.terminator.setCurrentIndex(list(Terminator).index(Terminator.CRLF))
    screen.prefix.setText("AB")
    qtbot.mouseClick(screen.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: screen.message.property("level") == "success", timeout=WAIT)
    saved = load(h.config_path).scanner
    assert (saved.url, saved.terminator, saved.prefix) == (
        "serial:///dev/ttyACM0?baudrate=9600",
        "\r\n",
        "AB",
    )
    assert load(h.config_path).server.url == demo_server.base_url  # the rest of the file is kept


def test_saved_scanner_settings_are_used_by_the_till_at_once(
    qtbot: QtBot, demo_server: RunningServer, harness_factory: Any, pty: PtyScanner
) -> None:
    h = harness_factory(demo_server, TECHNICIAN)
    h.ctx.scanning.start()  # no scanner configured: the keyboard filter
    assert h.ctx.scanning.state == "wedge"
    screen = show(qtbot, ScannerSetupScreen(h.ctx))
    screen.url.setText(str(pty.path))
    screen.terminator.setCurrentIndex(list(Terminator).index(Terminator.CR))
    qtbot.mouseClick(screen.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: screen.message.property("level") == "success", timeout=WAIT)
    assert "now" in screen.message.text()
    assert h.ctx.config.scanner.url == str(pty.path)  # the screens read the saved settings
    qtbot.waitUntil(lambda: h.ctx.scanning.state == "connected", timeout=WAIT)  # no restart

    with qtbot.waitSignal(h.ctx.scanning.scanned, timeout=WAIT) as scanned:
        pty.write(CARD.encode() + b"\r")
    assert scanned.args == [CARD]


def test_a_bad_scanner_url_is_explained(
    qtbot: QtBot, demo_server: RunningServer, harness_factory: Any
) -> None:
    h = harness_factory(demo_server, TECHNICIAN)
    screen = show(qtbot, ScannerSetupScreen(h.ctx))
    screen.url.setText("ftp://nowhere")
    screen.listen()
    assert screen.message.property("level") == "error"
    assert "settings are wrong" in screen.message.text()
    assert not screen.listening


def test_printer_test_page_reaches_the_network_emulator(
    qtbot: QtBot, demo_server: RunningServer, harness_factory: Any, emulator: Any
) -> None:
    server, receipts = emulator
    h = harness_factory(demo_server, TECHNICIAN)
    screen = show(qtbot, PrinterSetupScreen(h.ctx))
    url = f"tcp://127.0.0.1:{server.port}"
    screen.url.setText(url)
    qtbot.mouseClick(screen.test_button, Qt.MouseButton.LeftButton)
    # the preview arrives while the page prints; the printer's status when the job has finished
    qtbot.waitUntil(
        lambda: len(receipts) == 1 and screen.preview_png is not None and screen.last_status is not None,
        timeout=WAIT,
    )
    assert "PRINTER TEST" in receipts[0].text and url in receipts[0].text
    assert screen.last_status is not None and screen.last_status.state.value == "online"
    assert screen.message.property("level") == "success"
    assert not screen.preview.pixmap().isNull()
    screenshot(screen, "technician-printer")

    server.status = PAPER_OUT
    qtbot.mouseClick(screen.status_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(
        lambda: screen.last_status is not None and screen.last_status.state.value == "paper_out", timeout=WAIT
    )
    assert "Out of paper" in screen.state.text()
    qtbot.mouseClick(screen.test_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: screen.message.property("level") == "error", timeout=WAIT)
    assert "out of paper" in screen.message.text() and len(receipts) == 1


def test_printer_test_page_on_the_on_screen_emulator_and_saving(
    qtbot: QtBot, demo_server: RunningServer, harness_factory: Any
) -> None:
    h = harness_factory(demo_server, TECHNICIAN)
    screen = show(qtbot, PrinterSetupScreen(h.ctx))
    screen.url.setText("emulator")
    screen.paper.setCurrentIndex(screen.paper.findData(58))
    with qtbot.waitSignal(screen.preview_ready, timeout=WAIT) as rendered:
        qtbot.mouseClick(screen.test_button, Qt.MouseButton.LeftButton)
    png = rendered.args[0]
    assert png.startswith(b"\x89PNG")
    qtbot.waitUntil(lambda: screen.message.property("level") == "success", timeout=WAIT)
    qtbot.mouseClick(screen.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "Saved" in screen.message.text(), timeout=WAIT)
    saved = load(h.config_path).printer
    assert (saved.url, saved.paper_width_mm) == ("emulator", 58)


def test_log_view_masks_card_numbers_and_tokens(
    qtbot: QtBot, demo_server: RunningServer, harness_factory: Any
) -> None:
    h = harness_factory(demo_server, TECHNICIAN)
    screen = show(qtbot, LogScreen(h.ctx))
    token = demo_server.token(0)
    logging.getLogger("pos_client.test").warning("paid with %s, Authorization: Bearer %s", CARD, token)
    qtbot.waitUntil(lambda: mask_number(CARD) in screen.shown_text(), timeout=WAIT)
    assert CARD not in screen.shown_text() and token not in screen.shown_text()
    assert "Bearer ***" in screen.shown_text()
    screen.filter.setText("nothing like this")
    assert mask_number(CARD) not in screen.shown_text()
    screen.filter.setText("paid with")
    assert mask_number(CARD) in screen.shown_text()
    screenshot(screen, "technician-log")


def test_log_view_starts_with_the_masked_tail_of_the_app_log_file(
    qtbot: QtBot, demo_server: RunningServer, harness_factory: Any
) -> None:
    h = harness_factory(demo_server, TECHNICIAN)
    path = h.ctx.config.data_path / "logs" / "app.log"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"2026-11-30 07:00:00 INFO httpx: GET /giftcards/{CARD} 200\n", encoding="utf-8")
    handler = logging.FileHandler(path, encoding="utf-8")  # as the app logs to its file
    logging.getLogger().addHandler(handler)
    try:
        screen = show(qtbot, LogScreen(h.ctx))
        qtbot.waitUntil(lambda: "httpx" in screen.shown_text(), timeout=WAIT)
    finally:
        logging.getLogger().removeHandler(handler)
        handler.close()
    assert f"/giftcards/{mask_number(CARD)}" in screen.shown_text() and CARD not in screen.shown_text()


def test_diagnostics_bundle_is_exported_masked(
    qtbot: QtBot, demo_server: RunningServer, harness_factory: Any, tmp_path: Path
) -> None:
    h = harness_factory(demo_server, TECHNICIAN)
    h.core.service.terminal()
    screen = show(qtbot, LogScreen(h.ctx))
    logging.getLogger("pos_client.test").warning("balance of %s asked", CARD)
    target = tmp_path / "bundle.zip"
    screen.choose_bundle_path = lambda name: target  # type: ignore[method-assign]
    qtbot.mouseClick(screen.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: target.exists() and screen.message.property("level") == "success", timeout=WAIT)
    with zipfile.ZipFile(target) as bundle:
        names = set(bundle.namelist())
        config = json.loads(bundle.read("config.json"))
        queue = json.loads(bundle.read("queue.json"))
        terminal = json.loads(bundle.read("terminal.json"))
        log_text = bundle.read("log.txt").decode("utf-8")
        everything = "".join(bundle.read(n).decode("utf-8") for n in names)
    assert {"README.txt", "versions.json", "config.json", "log.txt", "queue.json"} <= names
    assert config["server"]["url"] == demo_server.base_url
    assert queue["status"]["pending"] == 0
    assert terminal["terminalId"] == h.core.client.terminal().terminal_id
    assert mask_number(CARD) in log_text and CARD not in everything
    assert demo_server.token(0) not in everything


def test_saved_printer_settings_are_used_for_slips_at_once(
    qtbot: QtBot, demo_server: RunningServer, harness_factory: Any, emulator: Any
) -> None:
    server, receipts = emulator
    h = harness_factory(demo_server, TECHNICIAN)  # no printer configured: slips go to the preview
    assert h.ctx.printing.state == "none"
    screen = show(qtbot, PrinterSetupScreen(h.ctx))
    url = f"tcp://127.0.0.1:{server.port}"
    screen.url.setText(url)
    qtbot.mouseClick(screen.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: screen.message.property("level") == "success", timeout=WAIT)
    assert "now" in screen.message.text()
    assert h.ctx.config.printer.url == url
    qtbot.waitUntil(lambda: h.ctx.printing.state == "online", timeout=WAIT)  # asked the new printer

    with qtbot.waitSignal(h.ctx.printing.printed, timeout=WAIT) as printed:
        h.ctx.printing.print_slips([Document("after save", (Text("SLIP AFTER SAVE"),))])
    assert printed.args[0].printed
    qtbot.waitUntil(lambda: len(receipts) == 1, timeout=WAIT)
    assert "SLIP AFTER SAVE" in receipts[0].text
