"""The till follows the server's money rules (issue 13, items 1 and 2), at the keyboard of the shown window
against the reference server: Refund (F6) picks the payment it gives back and shows what is left of
it; a load above the series' approval threshold asks a manager before anything is sent, and the server's
ledger names that manager; refusals of the money rules are in words."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from pos_client.api.errors import Refused
from tests.fixtures.server import RunningServer
from tests.ui.app_harness import WAIT, idle
from tests.ui.test_till_keys import _focus_back, press, scan_by_keys, shown_till, type_keys
from ui.app import App
from ui.errors import describe_error
from ui.screens.cashier_dialogs import RefundDialog

pytestmark = pytest.mark.ui


def _approve(qtbot: QtBot, app: App, manager: str = "marek", pin: str = "2222") -> None:
    """The manager chooses their name and types the PIN on the approval dialog's keys."""
    approvals = app.ctx.approvals
    qtbot.waitUntil(lambda: approvals.dialog is not None and approvals.dialog.isVisible(), timeout=WAIT)
    dialog = approvals.dialog
    assert dialog is not None
    dialog.manager.setCurrentIndex(dialog.manager.findData(manager))
    handle = dialog.windowHandle()
    assert handle is not None
    for char in pin:
        QTest.keyClick(handle, char)
    QTest.keyClick(handle, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: approvals.dialog is None, timeout=WAIT)
    app.window.activateWindow()  # a window manager's job; the offscreen platform has none
    qtbot.waitUntil(lambda: _focus_back(app), timeout=WAIT)


def _history(app: App, number: str) -> dict[str, tuple[str, Decimal | None, str | None]]:
    return {
        t.operation_id or "": (t.type, t.reversible, t.approved_by) for t in app.core.service.history(number)
    }


def test_f6_refunds_a_payment_the_cashier_picks_and_says_what_is_left(
    qtbot: QtBot, fresh_server: RunningServer, app_for: Callable[..., App]
) -> None:
    app = app_for(fresh_server)
    screen, window = shown_till(qtbot, app)
    number = fresh_server.sample("giftcard_active", 0)
    scan_by_keys(qtbot, screen, window, number)
    type_keys(window, "20")
    press(window, Qt.Key.Key_F4)  # pay 20
    idle(qtbot, screen)
    press(window, Qt.Key.Key_F10)  # commit
    idle(qtbot, screen)
    qtbot.waitUntil(lambda: screen.controller.hold is None, timeout=WAIT)
    commit = screen.controller.recent[-1]
    assert commit.reversible == Decimal("20.00")

    type_keys(window, "5")
    press(window, Qt.Key.Key_F6)  # Refund 5: which payment?
    qtbot.waitUntil(lambda: getattr(screen, "refund_dialog", None) is not None, timeout=WAIT)
    dialog = screen.refund_dialog
    assert isinstance(dialog, RefundDialog)
    qtbot.waitUntil(dialog.isVisible, timeout=WAIT)
    assert dialog.payments.count() == 1
    shown = dialog.payments.item(0).text()
    assert "20.00 left to refund" in shown, shown  # what is left, before the cashier confirms
    assert dialog.payments.item(0).data(Qt.ItemDataRole.UserRole) == commit.operation_id
    handle = dialog.windowHandle()
    assert handle is not None
    QTest.keyClick(handle, Qt.Key.Key_Return)  # the payment chosen
    _approve(qtbot, app)  # a cashier's refund: a manager approves
    idle(qtbot, screen)
    qtbot.waitUntil(lambda: "refunded to the card" in app.window.banner.text(), timeout=WAIT)
    assert "15.00 of that payment is left to refund" in app.window.banner.text()
    row = _history(app, number)[screen.controller.recent[-1].operation_id]
    assert row[0] == "refund" and row[2] == "marek"  # the server's ledger names the manager
    assert _history(app, number)[commit.operation_id][1] == Decimal("15.00")

    type_keys(window, "16")
    press(window, Qt.Key.Key_F6)  # more than is left: the payment cannot be chosen
    qtbot.waitUntil(
        lambda: screen.refund_dialog is not dialog and screen.refund_dialog.isVisible(), timeout=WAIT
    )
    again = screen.refund_dialog
    assert not again.ok.isEnabled() and again.error.isVisible()
    rows = len(app.core.service.history(number))
    again.reject()
    idle(qtbot, screen)
    assert app.ctx.approvals.dialog is None  # no manager asked for a refund that cannot be chosen
    assert len(app.core.service.history(number)) == rows  # and nothing sent
    assert _history(app, number)[commit.operation_id][1] == Decimal("15.00")


def test_f6_on_a_card_with_no_payment_says_to_issue_store_credit(
    qtbot: QtBot, fresh_server: RunningServer, app_for: Callable[..., App]
) -> None:
    app = app_for(fresh_server)
    screen, window = shown_till(qtbot, app)
    number = fresh_server.sample("giftcard_active", 1)
    rows_before = len(app.core.service.history(number))
    scan_by_keys(qtbot, screen, window, number)
    type_keys(window, "5")
    press(window, Qt.Key.Key_F6)
    idle(qtbot, screen)
    qtbot.waitUntil(lambda: "no payment left to refund" in app.window.banner.text(), timeout=WAIT)
    assert "store credit" in app.window.banner.text()
    assert getattr(screen, "refund_dialog", None) is None
    assert app.ctx.approvals.dialog is None  # nothing asked, nothing sent
    assert len(app.core.service.history(number)) == rows_before


def test_a_load_above_the_threshold_asks_a_manager_first(
    qtbot: QtBot, fresh_server: RunningServer, app_for: Callable[..., App]
) -> None:
    app = app_for(fresh_server)
    screen, window = shown_till(qtbot, app)
    number = fresh_server.sample("giftcard_active", 2)  # GC-PLN: a manager above 500.00
    before = len(app.core.service.history(number))
    scan_by_keys(qtbot, screen, window, number)
    type_keys(window, "600")
    press(window, Qt.Key.Key_F3)  # Load 600
    approvals = app.ctx.approvals
    qtbot.waitUntil(lambda: approvals.dialog is not None and approvals.dialog.isVisible(), timeout=WAIT)
    assert len(app.core.service.history(number)) == before  # asked before anything was sent
    _approve(qtbot, app)
    idle(qtbot, screen)
    qtbot.waitUntil(lambda: "loaded on the card" in app.window.banner.text(), timeout=WAIT)
    load = screen.controller.recent[-1]
    assert _history(app, number)[load.operation_id][0:3:2] == ("load", "marek")
    assert len(app.core.service.history(number)) == before + 1
    balance = app.core.service.balance(number).account

    type_keys(window, "1000.01")
    press(window, Qt.Key.Key_F3)  # over the series' maximum load: refused in words, no manager asked
    idle(qtbot, screen)
    qtbot.waitUntil(lambda: "may add at most" in app.window.banner.text(), timeout=WAIT)
    assert approvals.dialog is None or not approvals.dialog.isVisible()
    assert len(app.core.service.history(number)) == before + 1  # the refused load left no row
    assert app.core.service.balance(number).account == balance  # and no money


@pytest.mark.parametrize(
    ("refusal", "words"),
    [
        (Refused("ORIGINAL_OPERATION_REQUIRED", "x", {}), "A refund must name the payment it gives back."),
        (Refused("LOAD_LIMIT_EXCEEDED", "x", {"maxLoad": "1000.00"}), "may add at most 1,000.00."),
        (
            Refused("BALANCE_LIMIT_EXCEEDED", "x", {"maxBalance": "2000.00", "amountAllowed": "25.50"}),
            "at most 2,000.00; at most 25.50 more can be added.",
        ),
        (Refused("APPROVAL_REQUIRED", "x", {}), "This amount needs a manager's approval."),
        (Refused("TERMINAL_DAILY_LIMIT", "x", {"amountLeft": "12.00"}), "12.00 is left today."),
        (Refused("ALREADY_REVERSED", "x", {}), "That operation was already reversed."),
        (Refused("NOTHING_TO_RETURN", "x", {}), "Nothing is left to return for that sale."),
        (Refused("FORBIDDEN", "x", {"authCode": "A1"}), "placed by another store"),
    ],
)
def test_the_money_rules_refusals_are_in_words(refusal: Refused, words: str, qapp: object) -> None:
    assert words in describe_error(refusal)
