"""Pay an amount with points at the till (issue 19, item 3), as a cashier does it: type the amount on
a loyalty card, Ctrl+M (or "Pay with points"); the reference server takes the points worth it
(rounded up to whole points by the demo series), the banner says what to deduct from the bill and
the slip prints; an amount the points cannot pay is refused with what the card holds and its worth.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from tests.fixtures.server import RunningServer
from tests.ui.app_harness import WAIT, idle
from tests.ui.test_till_keys import CTRL, press, scan_by_keys, shown_till
from ui.app import App
from ui.screens.cashier_actions import Action

pytestmark = pytest.mark.ui


def test_a_cashier_pays_an_amount_with_points_by_key(
    qtbot: QtBot, fresh_server: RunningServer, app_for: Callable[..., App]
) -> None:
    app = app_for(fresh_server)
    screen, window = shown_till(qtbot, app)
    number = fresh_server.sample("loyaltycard_active")  # 180 points at 0.10
    scan_by_keys(qtbot, screen, window, number)
    button = screen.buttons[Action.PAY_POINTS]
    assert button.isVisible() and button.text() == "Pay with points\nCtrl+M"

    screen.amount.setText("12.55")
    with qtbot.waitSignal(app.ctx.printing.preview_ready, timeout=WAIT) as printed:
        press(window, Qt.Key.Key_M, CTRL)
        idle(qtbot, screen)
    assert printed.args is not None and printed.args[0].startswith(b"\x89PNG")  # the slip
    banner = app.window.banner.text().replace("\xa0", " ")
    assert banner == "126 points spent: deduct zł 12.55 from the bill.", banner
    points = app.core.service.balance(number).points
    assert points is not None and points.balance == 180 - 126

    screen.amount.setText("20.00")  # 54 points are worth 5.40
    press(window, Qt.Key.Key_M, CTRL)
    idle(qtbot, screen)
    assert app.window.banner.property("level") == "error"
    refused = app.window.banner.text().replace("\xa0", " ")
    assert "54 available, worth 5.40" in refused, refused
    points = app.core.service.balance(number).points
    assert points is not None and points.balance == 54


def test_a_money_account_card_shows_money_and_pays_from_its_balance(
    qtbot: QtBot, fresh_server: RunningServer, app_for: Callable[..., App]
) -> None:
    app = app_for(fresh_server)
    screen, window = shown_till(qtbot, app)
    number = fresh_server.manifest["samples"]["loyaltymoney_active"][0]  # 45.60 credited
    scan_by_keys(qtbot, screen, window, number)
    assert screen.panel.balance.text().replace("\xa0", " ") == "Available zł 45.60"
    shown = {a for a, b in screen.buttons.items() if b.isVisible()}
    assert {Action.EARN, Action.PAY_ACCOUNT, Action.RETURN} <= shown
    assert not shown & {Action.SPEND, Action.SPEND_ALL, Action.PAY_POINTS, Action.BUY_PRODUCT}
    assert screen.buttons[Action.PAY_ACCOUNT].text() == "Pay from loyalty balance\nCtrl+M"
    # it earns and returns money: its buttons do not speak of points
    assert screen.buttons[Action.EARN].text() == "Add to balance\nF3"
    assert screen.buttons[Action.RETURN].text() == "Return a sale\nF6"

    screen.amount.setText("100.00")
    screen.trigger(Action.EARN)
    idle(qtbot, screen)
    banner = app.window.banner.text().replace("\xa0", " ")
    assert banner == "zł 7.00 credited to the loyalty balance.", banner
    qtbot.waitUntil(lambda: "52.60" in screen.panel.balance.text(), timeout=WAIT)

    screen.amount.setText("12.60")
    with qtbot.waitSignal(app.ctx.printing.preview_ready, timeout=WAIT) as printed:
        press(window, Qt.Key.Key_M, CTRL)
        idle(qtbot, screen)
    assert printed.args is not None and printed.args[0].startswith(b"\x89PNG")
    banner = app.window.banner.text().replace("\xa0", " ")
    assert banner == "zł 12.60 paid from the loyalty balance: deduct it from the bill.", banner
    qtbot.waitUntil(lambda: "40.00" in screen.panel.balance.text(), timeout=WAIT)
    scan_by_keys(qtbot, screen, window, fresh_server.sample("loyaltycard_active"))  # points again
    assert screen.buttons[Action.EARN].text() == "Earn points\nF3"
    assert screen.buttons[Action.RETURN].text() == "Return points\nF6"
