"""The smaller till faults of issue 14, point 11, as a cashier meets them: real keys and clicks on the
shown window, against the real reference server on loopback.

A used coupon scans red; a coupon offers neither Block nor Print balance; a blocked card shows its
balance as unusable and a manager can unblock it; the approval dialog says what is approved; the
return picker offers the newest returnable sale first, in touch-sized rows; the New gift card dialog
takes the typed digits; spending points says what they are worth; signing off clears the slip
preview; the preview zooms.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog
from pytestqt.qtbot import QtBot

from pos_client.domain import OpType, Status
from tests.fixtures.server import RunningServer
from tests.ui.app_harness import PINS, WAIT, idle
from tests.ui.test_till_keys import CTRL, press, scan_by_keys, shown_till, type_keys
from ui.app import App
from ui.approval import ApprovalDialog
from ui.screens.cashier_actions import Action
from ui.screens.cashier_dialogs import BlockDialog, IssueDialog

pytestmark = pytest.mark.ui


def _modal(qtbot: QtBot, cls: type[QDialog]) -> QDialog:
    qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), cls), timeout=WAIT)
    dialog = QApplication.activeModalWidget()
    assert isinstance(dialog, cls)
    return dialog


def _approve(qtbot: QtBot, dialog: ApprovalDialog, manager: str = "marek") -> None:
    """A manager picks their name and types the PIN on the dialog's keyboard, then Enter."""
    dialog.manager.setCurrentIndex(dialog.manager.findData(manager))
    handle = dialog.windowHandle()
    assert handle is not None
    dialog.pin.setFocus()
    for char in PINS[manager]:
        QTest.keyClick(handle, char)
    QTest.keyClick(handle, Qt.Key.Key_Return)


def test_a_used_coupon_scans_red_and_coupons_offer_no_block_or_balance(
    qtbot: QtBot, demo_server: RunningServer, app_for: Callable[..., App]
) -> None:
    app = app_for(demo_server)
    screen, window = shown_till(qtbot, app)

    scan_by_keys(qtbot, screen, window, demo_server.sample("coupon_used"))
    assert app.window.banner.property("level") == "error"
    assert "already been used" in app.window.banner.text()
    assert screen.panel.balance.property("usable") == "false"  # its offer is not shown as usable

    scan_by_keys(qtbot, screen, window, demo_server.sample("coupon_active"))
    assert screen.controller.card is not None
    assert screen.buttons[Action.REDEEM].isVisible()
    for action in (Action.BLOCK, Action.UNBLOCK, Action.BALANCE):
        assert not screen.buttons[action].isVisible(), action
    press(window, Qt.Key.Key_B, CTRL)  # the key of Block card does nothing on a coupon
    press(window, Qt.Key.Key_F8)  # nor Print balance
    qtbot.wait(100)
    assert QApplication.activeModalWidget() is None
    assert not screen.controller.busy


def test_a_blocked_card_looks_unusable_and_a_manager_unblocks_it(
    qtbot: QtBot, fresh_server: RunningServer, app_for: Callable[..., App]
) -> None:
    app = app_for(fresh_server)
    screen, window = shown_till(qtbot, app)  # a cashier
    number = fresh_server.sample("giftcard_blocked")

    scan_by_keys(qtbot, screen, window, number)
    balance = screen.panel.balance
    assert balance.property("usable") == "false"
    assert balance.text().startswith("Blocked:") and "cannot be used" in balance.text()
    assert "Blocked: Lost" in screen.panel.detail.text()  # the reason in words, not its code
    assert screen.buttons[Action.UNBLOCK].isVisible() and not screen.buttons[Action.PAY].isVisible()

    press(window, Qt.Key.Key_U, CTRL)  # Unblock card: a cashier needs a manager
    dialog = _modal(qtbot, ApprovalDialog)
    assert isinstance(dialog, ApprovalDialog)
    assert dialog.subject.isVisible()
    assert dialog.subject.text() == f"Unblock card · card {'*' * (len(number) - 4)}{number[-4:]}"
    _approve(qtbot, dialog)
    idle(qtbot, screen)

    assert app.core.service.balance(number).status is Status.ACTIVE
    assert app.window.banner.text() == "The card is unblocked."
    assert screen.panel.balance.property("usable") == "true"
    assert screen.buttons[Action.PAY].isVisible() and screen.buttons[Action.BLOCK].isVisible()
    assert any(e.action == "giftcard.unblock" and e.approved_by == "marek" for e in app.core.audit.entries())


def test_the_approval_dialog_says_what_is_approved(
    qtbot: QtBot, fresh_server: RunningServer, app_for: Callable[..., App]
) -> None:
    app = app_for(fresh_server)
    screen, window = shown_till(qtbot, app)
    number = fresh_server.sample("giftcard_active")
    masked = "*" * (len(number) - 4) + number[-4:]

    scan_by_keys(qtbot, screen, window, number)
    press(window, Qt.Key.Key_B, CTRL)
    block = _modal(qtbot, BlockDialog)
    QTest.keyClick(block.windowHandle(), Qt.Key.Key_Return)  # the first reason: lost
    approval = _modal(qtbot, ApprovalDialog)
    assert isinstance(approval, ApprovalDialog)
    assert approval.subject.text() == f"Block card · card {masked} · Lost"
    approval.cancel_button.click()
    idle(qtbot, screen)

    app.window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is app.window, timeout=WAIT)
    press(window, Qt.Key.Key_I, CTRL)  # a new store-credit note: the card on the counter is not its
    issue = _modal(qtbot, IssueDialog)
    type_keys(issue.windowHandle(), "20")
    qtbot.waitUntil(lambda: issue.amount.text() == "20", timeout=WAIT)
    QTest.keyClick(issue.windowHandle(), Qt.Key.Key_Return)
    approval = _modal(qtbot, ApprovalDialog)
    assert isinstance(approval, ApprovalDialog)
    assert approval.subject.text() == "Issue store credit · zł 20.00"
    approval.cancel_button.click()
    idle(qtbot, screen)


def test_the_new_gift_card_dialog_takes_the_typed_amount(
    qtbot: QtBot, fresh_server: RunningServer, app_for: Callable[..., App]
) -> None:
    app = app_for(fresh_server)
    screen, window = shown_till(qtbot, app)
    # Within ~0.3 s of signing on, a Ctrl+N was seen lost in 3 runs of 5 (offscreen; not this
    # test's subject, reported): the cashier presses it after the till is up.
    qtbot.wait(300)

    press(window, Qt.Key.Key_N, CTRL)
    dialog = _modal(qtbot, IssueDialog)
    assert isinstance(dialog, IssueDialog)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.amount, timeout=WAIT)
    type_keys(dialog.windowHandle(), "25")
    qtbot.waitUntil(lambda: dialog.amount.text() == "25", timeout=WAIT)  # typing: handed on in 50 ms
    QTest.keyClick(dialog.windowHandle(), Qt.Key.Key_Return)
    idle(qtbot, screen)

    issued = [r for r in screen.controller.recent if r.type is OpType.ISSUE]
    assert issued and issued[-1].amount is not None and issued[-1].amount == 25
    assert app.window.banner.text() == "New gift card issued with zł 25.00."


def test_spending_points_says_what_they_are_worth(
    qtbot: QtBot, fresh_server: RunningServer, app_for: Callable[..., App]
) -> None:
    app = app_for(fresh_server)
    screen, window = shown_till(qtbot, app)
    scan_by_keys(qtbot, screen, window, fresh_server.sample("loyaltycard_active"))  # 0.10 a point
    type_keys(window, "40")
    press(window, Qt.Key.Key_F4)  # Spend points
    idle(qtbot, screen)
    assert app.window.banner.text() == "40 points spent: deduct zł 4.00 from the bill."
    assert app.window.banner.property("level") == "success"


def test_the_return_picker_offers_the_newest_returnable_sale_first(
    qtbot: QtBot, fresh_server: RunningServer, app_for: Callable[..., App]
) -> None:
    app = app_for(fresh_server)
    screen, window = shown_till(qtbot, app)
    scan_by_keys(qtbot, screen, window, fresh_server.sample("loyaltycard_active", 1))
    for amount in ("10", "30"):
        type_keys(window, amount)
        press(window, Qt.Key.Key_F3)  # Earn points
        idle(qtbot, screen)
    older, newer = [r.operation_id for r in screen.controller.recent if r.type is OpType.EARN][-2:]

    press(window, Qt.Key.Key_F6)  # Return points: the newest sale is offered first...
    dialog = _modal(qtbot, QDialog)
    picker = screen.return_dialog
    assert picker.sales.currentItem().data(Qt.ItemDataRole.UserRole) == newer
    QTest.keyClick(dialog.windowHandle(), Qt.Key.Key_Return)  # ...and returned in full
    idle(qtbot, screen)
    assert "points taken back" in app.window.banner.text()

    app.window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is app.window, timeout=WAIT)
    press(window, Qt.Key.Key_F6)
    _modal(qtbot, QDialog)
    picker = screen.return_dialog
    rows = [picker.sales.item(i) for i in range(picker.sales.count())]
    current = picker.sales.currentItem()
    assert current is not None and current.data(Qt.ItemDataRole.UserRole) == older
    assert picker.sales.currentRow() == 0
    (returned,) = [i for i in rows if i.data(Qt.ItemDataRole.UserRole) == newer]
    assert rows[-1] is returned and "already returned" in returned.text()
    assert not returned.flags() & Qt.ItemFlag.ItemIsEnabled
    for item in rows:
        assert picker.sales.visualItemRect(item).height() >= 40  # touch-sized
    picker.reject()


def test_signing_off_clears_the_slip_preview(
    qtbot: QtBot, demo_server: RunningServer, app_for: Callable[..., App]
) -> None:
    app = app_for(demo_server)
    screen, window = shown_till(qtbot, app, "marek")
    preview = app.window.preview
    scan_by_keys(qtbot, screen, window, demo_server.sample("giftcard_active", 0))
    press(window, Qt.Key.Key_F8)  # Print balance: the slip shows in the preview
    qtbot.waitUntil(lambda: preview.has_slip, timeout=WAIT)
    idle(qtbot, screen)

    QTest.mouseClick(app.window.sign_off_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: app.window.pages.currentWidget() is app.window.signon_page, timeout=WAIT)
    assert not preview.has_slip
    assert preview.image.pixmap().isNull()
    assert preview.image.text() == "No slip printed yet."


def test_the_slip_preview_zooms_by_key_and_by_click(
    qtbot: QtBot, demo_server: RunningServer, app_for: Callable[..., App]
) -> None:
    app = app_for(demo_server)
    screen, window = shown_till(qtbot, app)
    preview = app.window.preview
    scan_by_keys(qtbot, screen, window, demo_server.sample("giftcard_active", 1))
    press(window, Qt.Key.Key_F8)
    qtbot.waitUntil(lambda: preview.has_slip, timeout=WAIT)
    idle(qtbot, screen)
    fitted = preview.scale
    fitted_width = preview.image.pixmap().width()
    assert fitted < 1.0  # the panel is narrower than the slip

    press(window, Qt.Key.Key_Equal, CTRL)  # Ctrl+=: larger
    assert preview.scale > fitted
    assert preview.image.pixmap().width() > fitted_width
    press(window, Qt.Key.Key_0, CTRL)  # Ctrl+0: fitted again
    assert preview.scale == fitted

    QTest.mouseClick(preview.image, Qt.MouseButton.LeftButton, pos=QPoint(20, 20))  # a tap on the slip
    assert preview.scale == 1.0  # its own size, readable; scrolls sideways
    QTest.mouseClick(preview.image, Qt.MouseButton.LeftButton, pos=QPoint(20, 20))
    assert preview.scale == fitted
    QTest.mouseClick(preview.zoom_in_button, Qt.MouseButton.LeftButton)
    assert preview.scale > fitted
