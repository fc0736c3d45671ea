"""The till at the keyboard, as a cashier uses it: real key events sent to the shown window.

Keys go through ``QTest.keyClick(window.windowHandle(), …)``: the platform's path of a key, so a
shortcut is matched by Qt's shortcut map and a typed character reaches the focused field through the
application's scanner filter, exactly as from a keyboard (a slot called by the test would prove
nothing about the key). The app runs against the real reference server on loopback.

Scanner bursts are told from typing by timing; on a busy test machine a test's keys may arrive
slower than a scanner's, so the scanner filter gets a clock that stands still while a test "scans"
(every character at one instant) and runs with real time otherwise (typing, timeouts).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QWindow
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog
from pytestqt.qtbot import QtBot

from pos_client.domain import Instrument, OpType
from tests.fixtures.server import RunningServer, stop_server
from tests.ui.app_harness import WAIT, available, idle, sign_on
from ui.app import App
from ui.screens.cashier import CashierScreen

pytestmark = pytest.mark.ui

CTRL = Qt.KeyboardModifier.ControlModifier
NO_MODIFIER = Qt.KeyboardModifier.NoModifier


class BurstClock:
    """Real monotonic time, except while :attr:`frozen` (a scanner's burst: no time passes)."""

    def __init__(self) -> None:
        self.frozen: float | None = None

    def __call__(self) -> float:
        return time.monotonic() if self.frozen is None else self.frozen


CLOCKS: dict[int, BurstClock] = {}


def shown_till(qtbot: QtBot, app: App, operator: str = "anna") -> tuple[CashierScreen, QWindow]:
    """Sign on and make the window the active one; returns the till and the window keys go to."""
    key_filter = app.ctx.scanning.key_filter
    assert key_filter is not None  # the demo terminal's keyboard-wedge scanner
    clock = BurstClock()
    key_filter.clock = clock
    screen = sign_on(qtbot, app, operator)
    assert screen is not None
    window = app.window
    window.activateWindow()
    qtbot.waitActive(window)
    handle = window.windowHandle()
    assert handle is not None
    CLOCKS[id(handle)] = clock
    return screen, handle


def press(window: QWindow, key: Qt.Key, modifiers: Qt.KeyboardModifier = NO_MODIFIER) -> None:
    QTest.keyClick(window, key, modifiers)


def type_keys(window: QWindow, text: str) -> None:
    """Type ``text`` key by key, as fast as a scanner (ASCII only: see docs/ARCHITECTURE.md#pitfalls)."""
    for char in text:
        QTest.keyClick(window, char)


def scan_by_keys(qtbot: QtBot, screen: CashierScreen, window: QWindow, number: str) -> None:
    """A keyboard-wedge scanner's burst: the number and Enter, wherever the focus is."""
    clock = CLOCKS[id(window)]
    clock.frozen = time.monotonic()
    try:
        type_keys(window, number)
        press(window, Qt.Key.Key_Return)
    finally:
        clock.frozen = None
    qtbot.waitUntil(lambda: not screen.controller.busy, timeout=WAIT)


def focused_is(widget: object) -> bool:
    return QApplication.focusWidget() is widget


def held_and_net(app: App, number: str) -> tuple[Decimal, Decimal]:
    account = app.core.service.balance(number).account
    assert account is not None
    return account.authorized, account.net


def _hold_then_commit(qtbot: QtBot, app: App, screen: CashierScreen, window: QWindow, number: str) -> None:
    before_net = held_and_net(app, number)[1]
    scan_by_keys(qtbot, screen, window, number)
    assert screen.controller.number == number
    qtbot.waitUntil(lambda: focused_is(screen.amount), timeout=WAIT)

    type_keys(window, "5")
    press(window, Qt.Key.Key_F4)
    idle(qtbot, screen)
    assert screen.controller.hold is not None, app.window.banner.text()
    assert held_and_net(app, number) == (Decimal("5.00"), before_net)  # the hold is on the server

    press(window, Qt.Key.Key_F10)
    idle(qtbot, screen)
    assert screen.controller.hold is None, app.window.banner.text()
    assert held_and_net(app, number) == (Decimal("0.00"), before_net - Decimal("5.00"))


def test_f4_holds_and_f10_commits_before_and_after_a_language_switch(
    qtbot: QtBot, demo_server: RunningServer, app_for: Callable[..., App]
) -> None:
    app = app_for(demo_server)
    screen, window = shown_till(qtbot, app)
    _hold_then_commit(qtbot, app, screen, window, demo_server.sample("giftcard_active", 5))

    press(window, Qt.Key.Key_L, CTRL | Qt.KeyboardModifier.ShiftModifier)
    try:
        assert app.ctx.i18n.language == "pl"
        assert app.window.sign_off_button.text() == "Wyloguj"  # relabelled: the keys must survive it
        _hold_then_commit(qtbot, app, screen, window, demo_server.sample("giftcard_active", 6))
    finally:
        app.ctx.i18n.set_language("en")


def test_a_cashier_serves_a_customer_with_the_keyboard_alone(
    qtbot: QtBot, demo_server: RunningServer, app_for: Callable[..., App]
) -> None:
    """Scan, type the amount, F4, F10: no mouse, no pause between the amount and F4."""
    app = app_for(demo_server)
    screen, window = shown_till(qtbot, app)
    number = demo_server.sample("giftcard_active", 7)
    before = available(app, number)

    scan_by_keys(qtbot, screen, window, number)
    type_keys(window, "12")
    press(window, Qt.Key.Key_F4)  # at once: the "12" typed a moment ago is the amount
    idle(qtbot, screen)
    press(window, Qt.Key.Key_F10)
    idle(qtbot, screen)

    assert screen.controller.hold is None
    assert [r.type for r in screen.controller.recent][-2:] == [OpType.PAY, OpType.COMMIT]
    assert available(app, number) == before - Decimal("12.00")
    assert app.window.banner.text().startswith("Payment of")


def test_the_number_field_is_for_typing_by_hand_and_a_scan_works_from_anywhere(
    qtbot: QtBot, demo_server: RunningServer, app_for: Callable[..., App]
) -> None:
    app = app_for(demo_server)
    screen, window = shown_till(qtbot, app)
    first, second = demo_server.sample("giftcard_active", 3), demo_server.sample("storecredit_active", 3)

    scan_by_keys(qtbot, screen, window, first)
    assert focused_is(screen.amount)  # the digits typed next are the amount
    scan_by_keys(qtbot, screen, window, second)  # a scanner burst with the amount field focused
    assert screen.controller.number == second
    assert screen.amount.text() == ""  # the burst was a scan, not an amount

    press(window, Qt.Key.Key_L, CTRL)
    assert focused_is(screen.number)
    qtbot.waitUntil(lambda: screen.number.selectedText() == screen.number.text(), timeout=WAIT)
    for char in first:  # a person typing, slower than a scanner: the text goes into the field
        qtbot.wait(80)
        QTest.keyClick(window, char)
    qtbot.waitUntil(lambda: screen.number.text() == first, timeout=WAIT)
    press(window, Qt.Key.Key_Return)
    idle(qtbot, screen)
    assert screen.controller.number == first

    press(window, Qt.Key.Key_Escape)
    assert screen.controller.card is None and screen.number.text() == ""
    assert focused_is(screen.number)


def _clicks(screen: CashierScreen) -> list[str]:
    clicked: list[str] = []
    for action, button in screen.buttons.items():
        button.clicked.connect(lambda _checked=False, a=action: clicked.append(a.value))
    for name in ("sell_new_button", "store_credit_button", "customer_button"):
        getattr(screen, name).clicked.connect(lambda _checked=False, n=name: clicked.append(n))
    return clicked


def _close_dialog(qtbot: QtBot, app: App) -> None:
    qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), QDialog), timeout=WAIT)
    dialog = QApplication.activeModalWidget()
    assert isinstance(dialog, QDialog)
    dialog.reject()
    qtbot.waitUntil(lambda: QApplication.activeModalWidget() is None, timeout=WAIT)
    app.window.activateWindow()  # a window manager's job; the offscreen platform has none
    qtbot.waitUntil(lambda: _focus_back(app), timeout=WAIT)


def _focus_back(app: App) -> bool:
    focus = QApplication.focusWidget()
    return QApplication.activeWindow() is app.window and focus is not None and focus.window() is app.window


def test_every_key_printed_on_a_button_presses_it_in_both_languages(
    qtbot: QtBot, demo_server: RunningServer, app_for: Callable[..., App]
) -> None:
    app = app_for(demo_server)
    screen, window = shown_till(qtbot, app)
    clicked = _clicks(screen)
    try:
        for language in ("en", "pl"):
            app.ctx.i18n.set_language(language)
            clicked.clear()
            scan_by_keys(qtbot, screen, window, demo_server.sample("giftcard_active", 4))
            press(window, Qt.Key.Key_F3)  # Load, no amount: refused in words
            press(window, Qt.Key.Key_F6)  # Refund, no amount: refused in words
            press(window, Qt.Key.Key_F8)  # Print balance
            idle(qtbot, screen)
            press(window, Qt.Key.Key_B, CTRL)  # Block card: asks why
            _close_dialog(qtbot, app)
            type_keys(window, "1")
            press(window, Qt.Key.Key_F4)  # Pay 1
            idle(qtbot, screen)
            press(window, Qt.Key.Key_F11)  # Cancel payment
            idle(qtbot, screen)
            press(window, Qt.Key.Key_Z, CTRL)  # Void last (the cancelled pay): a manager approves
            _close_dialog(qtbot, app)
            idle(qtbot, screen)
            press(window, Qt.Key.Key_N, CTRL)  # New gift card
            _close_dialog(qtbot, app)
            press(window, Qt.Key.Key_I, CTRL)  # Issue store credit
            _close_dialog(qtbot, app)
            press(window, Qt.Key.Key_F7)  # Customer
            _close_dialog(qtbot, app)
            scan_by_keys(qtbot, screen, window, demo_server.sample("loyaltycard_active", 2))
            press(window, Qt.Key.Key_F6)  # Return points: finds the sales
            idle(qtbot, screen)
            scan_by_keys(qtbot, screen, window, demo_server.sample("giftcard_preissued", 7))
            press(window, Qt.Key.Key_F2)  # Sell / activate, no amount: refused in words
            assert clicked == [
                "load",
                "refund",
                "balance",
                "block",
                "pay",
                "cancel_hold",
                "void",
                "sell_new_button",
                "store_credit_button",
                "customer_button",
                "return",
                "activate",
            ], language
            press(window, Qt.Key.Key_Escape)  # Clear
            assert screen.controller.card is None
    finally:
        app.ctx.i18n.set_language("en")


def _card_gone(screen: CashierScreen) -> None:
    assert screen.controller.card is None
    assert screen.panel.number.isHidden()  # the panel shows no card
    assert not [a for a, b in screen.buttons.items() if b.isVisible()]  # and offers nothing
    assert screen.amount.text() == ""


@pytest.mark.parametrize("kind", ["wrong check digit", "garbled"])
def test_a_failed_scan_leaves_no_card_live_and_pay_holds_nothing(
    kind: str, qtbot: QtBot, demo_server: RunningServer, app_for: Callable[..., App]
) -> None:
    app = app_for(demo_server)
    screen, window = shown_till(qtbot, app)
    number = demo_server.sample("giftcard_active", 2)
    bad = number[:-1] + str((int(number[-1]) + 1) % 10) if kind == "wrong check digit" else "X7#Q-99AZ"
    assert app.ctx.service.identify(bad).series is None
    before = held_and_net(app, number)

    scan_by_keys(qtbot, screen, window, number)
    type_keys(window, "3")
    qtbot.waitUntil(lambda: screen.amount.text() == "3", timeout=WAIT)
    scan_by_keys(qtbot, screen, window, bad)

    assert app.window.banner.property("level") == "error"
    _card_gone(screen)
    type_keys(window, "3")
    press(window, Qt.Key.Key_F4)
    press(window, Qt.Key.Key_Return)
    idle(qtbot, screen)
    assert screen.controller.hold is None
    assert held_and_net(app, number) == before  # nothing held on the previous card


def test_a_failed_offline_look_up_leaves_no_card_live(
    qtbot: QtBot, fresh_server: RunningServer, app_for: Callable[..., App]
) -> None:
    app = app_for(fresh_server, options={"server.connect_timeout": "1", "server.read_timeout": "2"})
    screen, window = shown_till(qtbot, app)
    scan_by_keys(qtbot, screen, window, fresh_server.sample("giftcard_active", 0))
    assert screen.controller.card is not None
    type_keys(window, "3")
    qtbot.waitUntil(lambda: screen.amount.text() == "3", timeout=WAIT)

    stop_server(fresh_server)
    scan_by_keys(qtbot, screen, window, fresh_server.sample("giftcard_active", 1))  # never seen here

    assert app.window.banner.property("level") == "error"
    _card_gone(screen)
    press(window, Qt.Key.Key_F4)
    idle(qtbot, screen)
    assert screen.controller.hold is None
    assert app.ctx.monitor.latest is None or app.ctx.monitor.latest.pending == 0  # nothing queued


def test_the_typed_amount_never_carries_over_to_the_next_card(
    qtbot: QtBot, demo_server: RunningServer, app_for: Callable[..., App]
) -> None:
    app = app_for(demo_server)
    screen, window = shown_till(qtbot, app)
    first, second = demo_server.sample("giftcard_active", 1), demo_server.sample("giftcard_active", 0)
    before = available(app, second)

    scan_by_keys(qtbot, screen, window, first)
    type_keys(window, "4")
    qtbot.waitUntil(lambda: screen.amount.text() == "4", timeout=WAIT)
    scan_by_keys(qtbot, screen, window, second)

    assert screen.controller.number == second
    assert screen.amount.text() == ""
    press(window, Qt.Key.Key_Return)  # "the card's usual action" has no amount to run with
    idle(qtbot, screen)
    assert screen.controller.hold is None
    assert available(app, second) == before


def test_while_the_next_card_is_looked_up_the_previous_one_cannot_be_used(
    qtbot: QtBot, demo_server: RunningServer, app_for: Callable[..., App], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The previous card stays on screen while the next is looked up (one repaint, no relayout, when
    the answer is quick), but no key or button acts on it; a slow look-up clears the panel."""
    app = app_for(demo_server)
    screen, window = shown_till(qtbot, app)
    first, second = demo_server.sample("giftcard_active", 1), demo_server.sample("giftcard_active", 0)
    before = held_and_net(app, first)
    scan_by_keys(qtbot, screen, window, first)

    gate = threading.Event()
    look_up = app.ctx.service.balance

    def slow(number: str) -> Instrument:  # the server answers when the test says so
        gate.wait(WAIT / 1000)
        return look_up(number)

    def scan_without_waiting(number: str) -> None:
        clock = CLOCKS[id(window)]
        clock.frozen = time.monotonic()
        try:
            type_keys(window, number)
            press(window, Qt.Key.Key_Return)
        finally:
            clock.frozen = None
        qtbot.waitUntil(lambda: screen.controller.busy and screen.controller.card is None, timeout=WAIT)

    monkeypatch.setattr(app.ctx.service, "balance", slow)
    monkeypatch.setattr("ui.screens.cashier.STALE_CARD_MS", 60_000)
    scan_without_waiting(second)
    assert screen.panel.number.text().endswith(first[-4:])  # still on screen...
    type_keys(window, "3")
    press(window, Qt.Key.Key_F4)  # ...but Pay does nothing with it
    press(window, Qt.Key.Key_Return)
    assert screen.controller.hold is None and not screen.controller.writing
    gate.set()
    idle(qtbot, screen)
    qtbot.waitUntil(lambda: screen.panel.number.text().endswith(second[-4:]), timeout=WAIT)
    assert held_and_net(app, first) == before

    gate.clear()
    monkeypatch.setattr("ui.screens.cashier.STALE_CARD_MS", 50)
    scan_without_waiting(first)
    qtbot.waitUntil(lambda: screen.panel.number.isHidden(), timeout=WAIT)  # slow: the panel is cleared
    assert not [a for a, b in screen.buttons.items() if b.isVisible()]
    gate.set()
    idle(qtbot, screen)
    qtbot.waitUntil(lambda: screen.panel.number.text().endswith(first[-4:]), timeout=WAIT)
