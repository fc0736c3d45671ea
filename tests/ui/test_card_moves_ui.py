"""Merging loyalty cards and moving a lost card's balance at the till (issue 19, item 1), as a cashier
does it on the shown window against the real reference server: Ctrl+G (or a tap on the button under
the card panel) opens the dialog, the other card is scanned (or typed), a manager approves with the
approval dialog, the banner says what moved, the slip prints and the card that holds the value now is
on the counter.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QWindow
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from pos_client.domain import Status
from pos_client.masking import mask_number
from tests.fixtures.server import RunningServer
from tests.ui.app_harness import WAIT, idle
from tests.ui.test_till_keys import CLOCKS, CTRL, press, scan_by_keys, shown_till, type_keys
from tests.ui.test_till_smaller_ones import _approve, _modal
from ui.app import App
from ui.approval import ApprovalDialog
from ui.screens.cashier import CashierScreen
from ui.screens.cashier_actions import Action
from ui.screens.cashier_moves import CardMoveDialog

pytestmark = pytest.mark.ui


def _open_move(qtbot: QtBot, app: App, screen: CashierScreen, window: QWindow) -> CardMoveDialog:
    app.window.activateWindow()
    qtbot.waitActive(app.window)
    press(window, Qt.Key.Key_G, CTRL)
    dialog = _modal(qtbot, CardMoveDialog)
    assert isinstance(dialog, CardMoveDialog) and screen.move_dialog is dialog
    assert dialog.width() <= 1024 and dialog.height() <= 768
    return dialog


def _scan_into_dialog(qtbot: QtBot, window: QWindow, dialog: CardMoveDialog, number: str) -> None:
    """A keyboard-wedge burst while the dialog is open: the other card (shown masked), not the next
    customer's; then Enter confirms it."""
    handle = dialog.windowHandle()
    assert handle is not None
    clock = CLOCKS[id(window)]
    clock.frozen = time.monotonic()
    try:
        type_keys(handle, number)
        QTest.keyClick(handle, Qt.Key.Key_Return)
    finally:
        clock.frozen = None
    qtbot.waitUntil(lambda: dialog.target.text() == mask_number(number), timeout=WAIT)
    QTest.keyClick(handle, Qt.Key.Key_Return)


def test_a_manager_approves_a_merge_of_two_loyalty_cards(
    qtbot: QtBot, fresh_server: RunningServer, app_for: Callable[..., App]
) -> None:
    app = app_for(fresh_server)
    screen, window = shown_till(qtbot, app)  # a cashier
    service = app.core.service
    source, target = (
        fresh_server.sample("loyaltycard_active", 6),
        fresh_server.sample("loyaltycard_active", 7),
    )
    customer = service.customer_create("+48600800801", card_number=source).customer
    assert customer is not None
    service.customer_link_card(customer.customer_id, target)
    service.points_earn(source, amount=Decimal("42.00"))

    scan_by_keys(qtbot, screen, window, source)
    button = screen.buttons[Action.MERGE]
    assert button.isVisible() and button.text() == "Merge cards…\nCtrl+G"
    assert not screen.buttons[Action.TRANSFER].isVisible()

    dialog = _open_move(qtbot, app, screen, window)
    assert dialog.windowTitle() == "Merge into another card…"
    assert not dialog.reason.isVisible()  # a merge has no reason to give
    _scan_into_dialog(qtbot, window, dialog, target)
    approval = _modal(qtbot, ApprovalDialog)
    assert isinstance(approval, ApprovalDialog)
    assert approval.subject.text() == (
        f"Merge into another card… · card {mask_number(source)} · into card {mask_number(target)}"
    )
    with qtbot.waitSignal(app.ctx.printing.preview_ready, timeout=WAIT) as printed:
        _approve(qtbot, approval)
        idle(qtbot, screen)
    assert printed.args is not None and printed.args[0].startswith(b"\x89PNG")  # the slip
    assert app.window.banner.text() == (
        f"42 points moved to card {mask_number(target)}; card {mask_number(source)} is closed."
    ), app.window.banner.text()
    assert service.balance(source).status is Status.CLOSED
    assert service.balance(source).merged_into == target
    merged = service.balance(target).points
    assert merged is not None and merged.balance == 42
    # the card that holds the points now is on the counter
    assert screen.controller.number == target and screen.panel.balance.text() == "42 points"
    assert any(e.action == "loyaltycard.merge" and e.approved_by == "marek" for e in app.core.audit.entries())


def test_a_lost_gift_cards_balance_moves_to_a_new_card_typed_by_hand(
    qtbot: QtBot, fresh_server: RunningServer, app_for: Callable[..., App]
) -> None:
    app = app_for(fresh_server)
    screen, window = shown_till(qtbot, app, "marek")  # a manager approves it himself
    lost, new = fresh_server.sample("giftcard_blocked", 0), fresh_server.sample("giftcard_active", 3)

    scan_by_keys(qtbot, screen, window, lost)  # blocked as lost: its 50.00 may still move
    assert screen.buttons[Action.TRANSFER].isVisible() and not screen.buttons[Action.MERGE].isVisible()
    QTest.mouseClick(screen.buttons[Action.TRANSFER], Qt.MouseButton.LeftButton)
    dialog = _modal(qtbot, CardMoveDialog)
    assert isinstance(dialog, CardMoveDialog)
    assert dialog.reason.isVisible() and dialog.reason.currentData() == "lost"
    dialog.reason.setCurrentIndex(dialog.reason.findData("damaged"))
    handle = dialog.windowHandle()
    assert handle is not None
    dialog.target.setFocus()
    for char in new:  # typed by hand, slowly enough not to be a scan
        QTest.keyClick(dialog.target, char)
    with qtbot.waitSignal(app.ctx.printing.preview_ready, timeout=WAIT):
        QTest.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)
        idle(qtbot, screen)
    assert QApplication.activeModalWidget() is None  # a manager needs no second approval
    banner = app.window.banner.text()
    assert "50.00 moved to card" in banner and f"moved to card {mask_number(new)}" in banner, banner
    assert f"card {mask_number(lost)} is blocked" in banner
    old = app.core.service.balance(lost)
    assert (old.status, old.block_reason) == (Status.BLOCKED, "damaged")
    assert old.account is not None and old.account.net == 0
    account = app.core.service.balance(new).account
    assert account is not None and str(account.net) == "150.00"
    assert screen.controller.number == new


def test_a_refused_transfer_says_why_in_polish(
    qtbot: QtBot, fresh_server: RunningServer, app_for: Callable[..., App]
) -> None:
    app = app_for(fresh_server)
    screen, window = shown_till(qtbot, app, "marek")
    app.ctx.i18n.set_language("pl")
    card = fresh_server.sample("giftcard_active", 4)
    scan_by_keys(qtbot, screen, window, card)
    dialog = _open_move(qtbot, app, screen, window)
    assert dialog.windowTitle() == "Przenieś saldo…"
    _scan_into_dialog(qtbot, window, dialog, card)  # the same card
    idle(qtbot, screen)
    assert app.window.banner.text() == "To ta sama karta: zeskanuj drugą kartę.", app.window.banner.text()
    assert app.core.service.balance(card).status is Status.ACTIVE
