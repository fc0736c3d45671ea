"""Products bought with points at the till (issue 19, item 2), as a cashier does it: the card panel
lists the card's products priced in points (those it cannot afford in grey), Ctrl+P (or a tap on "Buy
with points") opens a picker with one big button per product, and a tap on one buys it on the real
reference server: its points go down by the product's price and the slip prints.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QWindow
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from tests.fixtures.server import RunningServer
from tests.ui.app_harness import WAIT, idle
from tests.ui.test_till_keys import CTRL, press, scan_by_keys, shown_till
from ui.app import App
from ui.screens.cashier import CashierScreen
from ui.screens.cashier_actions import Action
from ui.screens.cashier_dialogs import ROW_HEIGHT, ProductDialog
from ui.screens.cashier_panel import UNAFFORDABLE_COLOR

pytestmark = pytest.mark.ui


def server_points(app: App, number: str) -> int:
    points = app.core.service.balance(number).points
    assert points is not None
    return points.balance


def open_picker(qtbot: QtBot, app: App, screen: CashierScreen, window: QWindow) -> ProductDialog:
    """Ctrl+P on the till's window (active again once an earlier picker closed)."""
    app.window.activateWindow()
    qtbot.waitActive(app.window)
    earlier = getattr(screen, "product_dialog", None)
    press(window, Qt.Key.Key_P, CTRL)
    qtbot.waitUntil(lambda: getattr(screen, "product_dialog", None) is not earlier, timeout=WAIT)
    dialog = screen.product_dialog
    qtbot.waitUntil(dialog.isVisible, timeout=WAIT)
    return dialog


def test_a_cashier_buys_a_product_with_points_by_key_and_tap(
    qtbot: QtBot, fresh_server: RunningServer, app_for: Callable[..., App]
) -> None:
    app = app_for(fresh_server)
    screen, window = shown_till(qtbot, app)
    number = fresh_server.sample("loyaltycard_active")  # 180 points
    assert server_points(app, number) == 180

    scan_by_keys(qtbot, screen, window, number)
    assert screen.controller.number == number
    products = screen.panel.products
    assert products.isVisible()
    assert "A cup of coffee · 50 points" in products.text()
    assert "Canvas tote bag · 120 points" in products.text()
    assert UNAFFORDABLE_COLOR not in products.text()  # 180 points afford both
    button = screen.buttons[Action.BUY_PRODUCT]
    assert button.isVisible() and button.text() == "Buy with points\nCtrl+P"

    dialog = open_picker(qtbot, app, screen, window)
    tote, coffee = dialog.product_buttons["TOTE-BAG"], dialog.product_buttons["COFFEE-FREE"]
    assert tote.isEnabled() and coffee.isEnabled()
    assert min(tote.height(), coffee.height()) >= ROW_HEIGHT  # finger-sized
    assert dialog.width() <= 1024 and dialog.height() <= 768

    with qtbot.waitSignal(app.ctx.printing.preview_ready, timeout=WAIT) as printed:
        QTest.mouseClick(tote, Qt.MouseButton.LeftButton)
        idle(qtbot, screen)
    assert printed.args is not None and printed.args[0].startswith(b"\x89PNG")  # the slip
    assert app.window.banner.text() == "Canvas tote bag bought for 120 points.", app.window.banner.text()
    assert server_points(app, number) == 60  # the server took the tote bag's price
    assert screen.panel.balance.text() == "60 points"
    # 60 points no longer buy the tote bag: grey on the panel, and not tappable in the picker.
    text = products.text()
    assert f'<span style="color:{UNAFFORDABLE_COLOR}">Canvas tote bag · 120 points</span>' in text
    assert f'<span style="color:{UNAFFORDABLE_COLOR}">A cup of coffee' not in text

    dialog = open_picker(qtbot, app, screen, window)
    tote, coffee = dialog.product_buttons["TOTE-BAG"], dialog.product_buttons["COFFEE-FREE"]
    assert not tote.isEnabled() and coffee.isEnabled()
    assert "not enough points" in tote.text()
    QTest.mouseClick(tote, Qt.MouseButton.LeftButton)  # a greyed product: nothing happens
    assert dialog.isVisible()
    dialog.reject()
    idle(qtbot, screen)
    assert server_points(app, number) == 60


def test_a_gift_card_offers_nothing_bought_or_paid_with_points(
    qtbot: QtBot, demo_server: RunningServer, app_for: Callable[..., App]
) -> None:
    app = app_for(demo_server)
    screen, window = shown_till(qtbot, app)
    scan_by_keys(qtbot, screen, window, demo_server.sample("giftcard_active"))
    assert screen.controller.card is not None
    assert not screen.buttons[Action.BUY_PRODUCT].isVisible()
    assert not screen.buttons[Action.PAY_POINTS].isVisible()
    assert not screen.panel.products.isVisible()
    press(window, Qt.Key.Key_P, CTRL)
    qtbot.wait(50)
    assert getattr(screen, "product_dialog", None) is None
