"""A US-layout wedge scanner on European keyboard layouts, in a real (offscreen) Qt application
(issue 19, item 6): key events carry the text each layout produces for the scanner's key presses
(Shift pressed for capitals and shifted symbols, as a scanner does), sent one by one with the text
set explicitly (docs/ARCHITECTURE.md#pitfalls); the filter announces the code the scanner read and types
nothing.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QLineEdit
from pytestqt.qtbot import QtBot

from drivers.scanners.wedge import WedgeDetector, WedgeSettings
from pos_client.config import ScannerConfig
from ui.scanner_filter import ScannerKeyFilter, wedge_layout
from ui.scanning import wedge_settings

SCANNER_GAP = 0.004
HUMAN_GAP = 0.15
CODE = "GIFT-ZY/0123456789"
# What each layout types when a US-layout scanner reads CODE (written out by hand from the layouts:
# German swaps Y and Z, has ß on the US "-" key and "-" on the US "/" key; French AZERTY types
# &é"'(-è_çà on the digit row without Shift; Spanish and Italian have ' on the US "-" key).
TYPED = {
    "us": "GIFT-ZY/0123456789",
    "pl": "GIFT-ZY/0123456789",
    "gb": "GIFT-ZY/0123456789",
    "de": "GIFTßYZ-0123456789",
    "fr": "GIFT)WY!à&é\"'(-è_ç",
    "it": "GIFT'ZY-0123456789",
    "es": "GIFT'ZY-0123456789",
}


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def _key(char: str) -> int:
    """The Qt key code a layout reports for a character (Latin-1: its upper-case code point)."""
    if char == "\r":
        return int(Qt.Key.Key_Return.value)
    upper = char.upper()
    if len(upper) == 1 and ord(upper) < 0x100:
        return ord(upper)
    return ord(char) if ord(char) < 0x100 else int(Qt.Key.Key_unknown.value)


def press(target: QLineEdit, char: str, clock: Clock, gap: float, shift: bool) -> None:
    clock.now += gap
    mods = Qt.KeyboardModifier.ShiftModifier if shift else Qt.KeyboardModifier.NoModifier
    if shift:
        QCoreApplication.sendEvent(target, QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_Shift, mods))
    QCoreApplication.sendEvent(target, QKeyEvent(QEvent.Type.KeyPress, _key(char), mods, char))
    QCoreApplication.sendEvent(target, QKeyEvent(QEvent.Type.KeyRelease, _key(char), mods, char))
    if shift:
        QCoreApplication.sendEvent(target, QKeyEvent(QEvent.Type.KeyRelease, Qt.Key.Key_Shift, mods))


@pytest.fixture
def field(qtbot: QtBot) -> QLineEdit:
    widget = QLineEdit()
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    widget.activateWindow()
    widget.setFocus()
    qtbot.waitUntil(widget.hasFocus)
    return widget


@pytest.fixture
def clock() -> Clock:
    return Clock()


def make_filter(qapp: QApplication, clock: Clock, layout: str) -> ScannerKeyFilter:
    key_filter = ScannerKeyFilter(WedgeDetector(WedgeSettings(layout=layout)), clock=clock)
    key_filter.install(qapp)
    return key_filter


@pytest.fixture
def filters(qapp: QApplication) -> Iterator[list[ScannerKeyFilter]]:
    made: list[ScannerKeyFilter] = []
    yield made
    for key_filter in made:
        key_filter.uninstall(qapp)


@pytest.mark.parametrize("layout", sorted(TYPED))
def test_a_us_scanner_on_each_layout_is_read_as_the_code_it_scanned(
    qtbot: QtBot,
    qapp: QApplication,
    field: QLineEdit,
    clock: Clock,
    filters: list[ScannerKeyFilter],
    layout: str,
) -> None:
    key_filter = make_filter(qapp, clock, layout)
    filters.append(key_filter)
    typed = TYPED[layout]
    with qtbot.waitSignal(key_filter.scanned, timeout=2000) as blocker:
        for char in typed + "\r":
            # capitals, and on AZERTY the digits, need Shift; every other character here is unshifted
            press(
                field, char, clock, SCANNER_GAP, shift=char.isupper() or (layout == "fr" and char.isdigit())
            )
    assert blocker.args == [CODE]
    assert field.text() == ""


def test_what_a_person_types_on_a_german_keyboard_stays_as_typed(
    qtbot: QtBot, qapp: QApplication, field: QLineEdit, clock: Clock, filters: list[ScannerKeyFilter]
) -> None:
    key_filter = make_filter(qapp, clock, "de")
    filters.append(key_filter)
    with qtbot.assertNotEmitted(key_filter.scanned):
        for char in "Grüße-zy":
            press(field, char, clock, HUMAN_GAP, shift=char.isupper())
        clock.now += 1.0
        qtbot.waitUntil(lambda: key_filter.detector.holding == "")
    assert field.text() == "Grüße-zy"


def test_the_configured_layout_reaches_the_apps_detector(qapp: QApplication) -> None:
    assert wedge_settings(ScannerConfig(wedge_layout="fr")).layout == "fr"
    assert wedge_settings(ScannerConfig(wedge_layout="DE")).layout == "de"
    assert wedge_layout("auto") in {"us", "gb", "de", "fr", "it", "es", "pl"}  # whatever Qt reports
