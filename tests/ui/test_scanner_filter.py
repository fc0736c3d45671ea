"""The keyboard-wedge filter and the scanner bridge in a real (offscreen) Qt application.

Key events are sent one by one with their text set explicitly (``qtbot.keyClicks`` aborts pytest on
characters such as ó, ż, € — docs/ARCHITECTURE.md#pitfalls), and time comes from a fake clock: Qt test key
events carry timestamp 0.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QThread, Slot
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QLineEdit, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from drivers.scanners import ScannerState, scanner_from_url
from drivers.scanners.wedge import WedgeDetector, WedgeSettings
from tests.drivers.scanners.helpers import PtyScanner
from ui.scanner_bridge import ScannerBridge
from ui.scanner_filter import ScannerKeyFilter

SCANNER_GAP = 0.004
HUMAN_GAP = 0.15


class FakeClock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


class Form(QWidget):
    """Two fields, as on a cashier screen."""

    def __init__(self) -> None:
        super().__init__()
        self.first = QLineEdit()
        self.second = QLineEdit()
        layout = QVBoxLayout(self)
        layout.addWidget(self.first)
        layout.addWidget(self.second)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def form(qtbot: QtBot) -> Form:
    widget = Form()
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    widget.activateWindow()
    widget.first.setFocus()
    qtbot.waitUntil(widget.first.hasFocus)
    return widget


@pytest.fixture
def key_filter(qapp: QApplication, clock: FakeClock) -> Iterator[ScannerKeyFilter]:
    scanner_filter = ScannerKeyFilter(WedgeDetector(WedgeSettings(max_gap=0.05, min_length=6)), clock=clock)
    scanner_filter.install(qapp)
    yield scanner_filter
    scanner_filter.uninstall(qapp)


def _key_code(char: str) -> int:
    if char == "\r":
        return int(Qt.Key.Key_Return.value)
    if char.isascii() and char.isalnum():
        return ord(char.upper())
    return int(Qt.Key.Key_unknown.value)


def press(char: str, clock: FakeClock, gap: float) -> None:
    """One key press and release with ``char`` as its text, ``gap`` seconds after the previous one."""
    clock.now += gap
    target = QApplication.focusWidget()
    assert target is not None
    key = _key_code(char)
    QCoreApplication.sendEvent(
        target, QKeyEvent(QEvent.Type.KeyPress, key, Qt.KeyboardModifier.NoModifier, char)
    )
    QCoreApplication.sendEvent(
        target, QKeyEvent(QEvent.Type.KeyRelease, key, Qt.KeyboardModifier.NoModifier, char)
    )


def type_text(text: str, clock: FakeClock, gap: float) -> None:
    for char in text:
        press(char, clock, gap)


def settle(qtbot: QtBot, clock: FakeClock, key_filter: ScannerKeyFilter) -> None:
    """Let time pass so the filter's timer gives back whatever it held."""
    clock.now += 1.0
    qtbot.waitUntil(lambda: key_filter.detector.holding == "")


def test_a_scanner_burst_is_a_signal_and_never_text(
    qtbot: QtBot, form: Form, clock: FakeClock, key_filter: ScannerKeyFilter
) -> None:
    with qtbot.waitSignal(key_filter.scanned, timeout=2000) as blocker:
        type_text("2900000000017\r", clock, SCANNER_GAP)
    settle(qtbot, clock, key_filter)
    assert blocker.args == ["2900000000017"]
    assert form.first.text() == ""


def test_human_typing_reaches_the_focused_field(
    qtbot: QtBot, form: Form, clock: FakeClock, key_filter: ScannerKeyFilter
) -> None:
    with qtbot.assertNotEmitted(key_filter.scanned):
        type_text("12345678", clock, HUMAN_GAP)
        settle(qtbot, clock, key_filter)
    assert form.first.text() == "12345678"


def test_enter_typed_by_a_person_still_works(
    qtbot: QtBot, form: Form, clock: FakeClock, key_filter: ScannerKeyFilter
) -> None:
    type_text("4242", clock, HUMAN_GAP)
    with qtbot.waitSignal(form.first.returnPressed, timeout=2000):
        press("\r", clock, HUMAN_GAP)
    assert form.first.text() == "4242"


def test_a_scan_inside_typing_is_separated(
    qtbot: QtBot, form: Form, clock: FakeClock, key_filter: ScannerKeyFilter
) -> None:
    scans: list[str] = []
    key_filter.scanned.connect(scans.append)
    type_text("ab", clock, HUMAN_GAP)
    press("5", clock, 0.3)
    type_text("901234123457\r", clock, SCANNER_GAP)
    press("c", clock, 0.3)
    settle(qtbot, clock, key_filter)
    assert scans == ["5901234123457"]
    assert form.first.text() == "abc"


def test_non_ascii_characters_typed_and_scanned(
    qtbot: QtBot, form: Form, clock: FakeClock, key_filter: ScannerKeyFilter
) -> None:
    scans: list[str] = []
    key_filter.scanned.connect(scans.append)
    type_text("óż€", clock, HUMAN_GAP)
    press("Ż", clock, 0.3)
    type_text("ÓŁW-€123\r", clock, SCANNER_GAP)
    settle(qtbot, clock, key_filter)
    assert scans == ["ŻÓŁW-€123"]
    assert form.first.text() == "óż€"


def test_typing_is_given_back_to_the_field_it_was_meant_for(
    qtbot: QtBot, form: Form, clock: FakeClock, key_filter: ScannerKeyFilter
) -> None:
    press("x", clock, HUMAN_GAP)  # held for up to 50 ms…
    form.second.setFocus()  # …while focus moves on
    qtbot.waitUntil(form.second.hasFocus)
    settle(qtbot, clock, key_filter)
    assert (form.first.text(), form.second.text()) == ("x", "")


def test_shift_pressed_by_the_scanner_for_capitals_does_not_break_the_scan(
    qtbot: QtBot, form: Form, clock: FakeClock, key_filter: ScannerKeyFilter
) -> None:
    target = form.first
    with qtbot.waitSignal(key_filter.scanned, timeout=2000) as blocker:
        for char in "GIFT-0042\r":
            clock.now += SCANNER_GAP
            if char.isupper():
                QCoreApplication.sendEvent(
                    target, QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_Shift, Qt.KeyboardModifier.NoModifier)
                )
            press(char, clock, 0.0)
    assert blocker.args == ["GIFT-0042"]
    assert target.text() == ""


def test_a_key_without_text_gives_back_what_was_held_first(
    qtbot: QtBot, form: Form, clock: FakeClock, key_filter: ScannerKeyFilter
) -> None:
    type_text("ab", clock, HUMAN_GAP)
    clock.now += HUMAN_GAP
    qtbot.keyClick(form.first, Qt.Key.Key_Backspace)  # must delete the "b", not a character before it
    assert form.first.text() == "a"


def test_the_bridge_delivers_serial_scans_on_the_gui_thread(qtbot: QtBot, tmp_path: Path) -> None:
    device = PtyScanner(tmp_path)
    bridge = ScannerBridge()
    gui_thread = QThread.currentThread()
    seen_on: list[bool] = []

    class Receiver(QObject):
        @Slot(str)
        def take(self, text: str) -> None:
            seen_on.append(QThread.currentThread() is gui_thread)

    receiver = Receiver()
    bridge.scanned.connect(receiver.take)
    reader_threads: list[str] = []
    scanner = scanner_from_url(
        str(device.path),
        on_scan=lambda event: (reader_threads.append(threading.current_thread().name), bridge.on_scan(event)),
        on_status=bridge.on_status,
    )
    try:
        with qtbot.waitSignal(
            bridge.status_changed, timeout=5000, check_params_cb=lambda e: e.state is ScannerState.CONNECTED
        ):
            scanner.start()
        with qtbot.waitSignal(bridge.scanned, timeout=5000) as blocker:
            device.write(b"]E05901234123457\r")
    finally:
        scanner.stop()
        device.close()
    assert blocker.args == ["5901234123457"]
    assert seen_on == [True]
    assert reader_threads and reader_threads[0] != threading.main_thread().name
