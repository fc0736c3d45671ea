"""Dark theme: a ticked checkbox looks ticked (issue 14, point 11: ticked and unticked looked the same).

The theme's own sheet is applied the way the app applies it (``@ICONS@`` replaced), a checkbox is
drawn ticked and unticked, and the indicator's pixels must differ clearly, not by a shade.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QRect
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication, QCheckBox, QStyle, QStyleOptionButton
from pytestqt.qtbot import QtBot

from ui.i18n import ICON, THEMES

pytestmark = pytest.mark.ui


@pytest.fixture
def dark(qapp: QApplication) -> Iterator[None]:
    before = qapp.styleSheet()
    sheet = (THEMES / "dark.qss").read_text(encoding="utf-8").replace("@ICONS@", ICON.parent.as_posix())
    qapp.setStyleSheet(sheet)
    yield
    qapp.setStyleSheet(before)


def _indicator(qtbot: QtBot, checked: bool) -> QImage:
    box = QCheckBox("SMS")
    qtbot.addWidget(box)
    box.setChecked(checked)
    box.resize(box.sizeHint())
    box.show()
    qtbot.waitExposed(box)
    option = QStyleOptionButton()
    box.initStyleOption(option)
    rect: QRect = box.style().subElementRect(QStyle.SubElement.SE_CheckBoxIndicator, option, box)
    return box.grab(rect).toImage()


def _mean_difference(a: QImage, b: QImage) -> float:
    """Mean absolute difference of the two images' grey levels (0..255)."""
    assert a.size() == b.size()
    total = 0
    for y in range(a.height()):
        for x in range(a.width()):
            total += abs(a.pixelColor(x, y).lightness() - b.pixelColor(x, y).lightness())
    return total / (a.width() * a.height())


def test_ticked_and_unticked_checkboxes_differ_at_a_glance(qtbot: QtBot, dark: None) -> None:
    ticked, unticked = _indicator(qtbot, True), _indicator(qtbot, False)
    assert ticked.width() >= 20  # the indicator, not an empty rectangle
    assert _mean_difference(ticked, unticked) > 40
