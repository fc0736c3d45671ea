"""The cashier's day against the real reference server on loopback, through the whole app: sign-on
and lockout, scan → card panel, pay → commit with its slip, refusals in words, a manager's approval,
sign-off refused with an open hold. No sleeps: qtbot waits for signals and states."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

import pytest
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from pos_client.domain import Status
from pos_client.masking import mask_number
from tests.fixtures.server import RunningServer
from tests.ui.app_harness import WAIT, available, idle, scan, sign_on
from ui.app import App, build_app
from ui.screens.cashier import CashierScreen
from ui.screens.cashier_actions import Action

pytestmark = pytest.mark.ui


def _all_text(app: App) -> str:
    return "\n".join(label.text() for label in app.window.findChildren(QLabel))


def test_sign_on_shows_the_till_for_a_cashier(
    qtbot: QtBot, demo_server: RunningServer, app_for: Callable[..., App]
) -> None:
    app = app_for(demo_server)
    assert app.window.pages.currentWidget() is app.window.signon_page

    screen = sign_on(qtbot, app, "anna")

    assert screen is not None
    assert app.window.operator is not None and app.window.operator.operator_id == "anna"
    assert app.ctx.service.operator.operator_id == "anna"  # the service enforces roles for her
    assert [type(s).__name__ for s in app.window.screens()] == ["CashierScreen"]
    assert "Anna Nowak" in app.window.status.operator.text()


def test_wrong_pins_lock_the_operator_out(
    qtbot: QtBot, demo_server: RunningServer, app_for: Callable[..., App]
) -> None:
    app = app_for(demo_server)
    page = app.window.signon_page
    page.select("piotr")
    messages: list[str] = []
    app.signon.failed.connect(messages.append)
    for _attempt in range(5):
        with qtbot.waitSignal(app.signon.failed, timeout=WAIT):
            page.pin.setText("0000")
            page.submit()
        assert page.pin.text() == ""  # never left on screen
    assert messages[0] == "Wrong operator or PIN."
    assert messages[-1].startswith("Too many wrong PINs.")

    with qtbot.waitSignal(app.signon.failed, timeout=WAIT):  # even the right PIN now
        page.pin.setText("4444")
        page.submit()
    assert messages[-1].startswith("Too many wrong PINs.")
    assert page.message.isVisible()
    assert app.window.operator is None


def test_a_scan_shows_the_card_panel(
    qtbot: QtBot, demo_server: RunningServer, app_for: Callable[..., App]
) -> None:
    app = app_for(demo_server)
    screen = sign_on(qtbot, app)
    assert screen is not None
    number = demo_server.sample("giftcard_active", 1)

    scan(qtbot, app, screen, number)

    panel = screen.panel
    assert panel.kind.text() == "Gift card"
    assert panel.number.text() == mask_number(number)
    assert panel.state.text() == "Active" and panel.state.property("state") == "ok"
    assert "100.00" in panel.balance.text()
    assert panel.expiry.text().startswith("Valid until")
    assert number not in _all_text(app)  # masked everywhere
    assert screen.buttons[Action.PAY].isVisible() and not screen.buttons[Action.ACTIVATE].isVisible()
    assert not screen.buttons[Action.EARN].isVisible()


def test_a_loyalty_card_offers_points_actions(
    qtbot: QtBot, demo_server: RunningServer, app_for: Callable[..., App]
) -> None:
    app = app_for(demo_server)
    screen = sign_on(qtbot, app)
    assert screen is not None

    scan(qtbot, app, screen, demo_server.sample("loyaltycard_active"))

    assert screen.panel.kind.text() == "Loyalty card"
    assert "points" in screen.panel.balance.text()
    assert screen.buttons[Action.EARN].isVisible()
    assert not screen.buttons[Action.PAY].isVisible() and not screen.buttons[Action.LOAD].isVisible()


def test_pay_holds_then_commit_takes_the_money_and_prints(
    qtbot: QtBot, fresh_server: RunningServer, app_for: Callable[..., App]
) -> None:
    app = app_for(fresh_server)
    screen = sign_on(qtbot, app)
    assert screen is not None
    number = fresh_server.sample("giftcard_active")
    app.ctx.scanning.inject(number)
    assert screen.controller.busy
    assert screen.buttons[Action.BALANCE].isEnabled()  # a look-up does not grey the till at once
    idle(qtbot, screen)

    screen.amount.setText("12.50")
    screen.trigger(Action.PAY)
    assert not screen.buttons[Action.PAY].isEnabled()  # a write does: a second tap is ignored
    idle(qtbot, screen)
    assert screen.buttons[Action.COMMIT].isEnabled()
    assert screen.controller.hold is not None
    assert screen.hold_box.isVisible() and screen.buttons[Action.COMMIT].isVisible()
    assert not screen.buttons[Action.PAY].isVisible()  # one hold at a time
    assert app.window.banner.property("level") == "success"

    with qtbot.waitSignal(app.ctx.printing.preview_ready, timeout=WAIT):
        screen.trigger(Action.COMMIT)
        idle(qtbot, screen)
    assert screen.controller.hold is None and not screen.hold_box.isVisible()
    assert app.window.banner.text() == "Payment of £12.50 done." or "12.50" in app.window.banner.text()
    assert app.window.banner.property("level") == "success"
    assert "87.50" in screen.panel.balance.text()
    assert app.window.preview.has_slip
    balance = app.core.service.balance(number)
    assert balance.account is not None and balance.account.available == Decimal("87.50")


def test_a_refusal_is_shown_in_words_and_red(
    qtbot: QtBot, fresh_server: RunningServer, app_for: Callable[..., App]
) -> None:
    app = app_for(fresh_server)
    screen = sign_on(qtbot, app)
    assert screen is not None
    scan(qtbot, app, screen, fresh_server.sample("giftcard_low_balance"))

    screen.amount.setText("50")
    screen.trigger(Action.PAY)
    idle(qtbot, screen)

    assert app.window.banner.text() == "Not enough money on the card."
    assert app.window.banner.property("level") == "error"
    assert screen.controller.hold is None


def test_a_blocked_card_is_shown_as_blocked(
    qtbot: QtBot, demo_server: RunningServer, app_for: Callable[..., App]
) -> None:
    app = app_for(demo_server)
    screen = sign_on(qtbot, app)
    assert screen is not None

    scan(qtbot, app, screen, demo_server.sample("giftcard_blocked"))

    assert screen.panel.state.text() == "Blocked" and screen.panel.state.property("state") == "bad"
    assert app.window.banner.text() == "This card is blocked."
    assert not screen.buttons[Action.PAY].isVisible()


def test_a_mistyped_number_is_explained(
    qtbot: QtBot, demo_server: RunningServer, app_for: Callable[..., App]
) -> None:
    app = app_for(demo_server)
    screen = sign_on(qtbot, app)
    assert screen is not None
    number = demo_server.sample("giftcard_active")
    wrong_digit = number[:-1] + str((int(number[-1]) + 1) % 10)

    screen.number.setText(wrong_digit)
    screen.look_up()
    idle(qtbot, screen)

    assert app.window.banner.text() == "The number is mistyped (check digit). Scan or type it again."
    assert screen.controller.card is None


def test_blocking_needs_a_managers_pin(
    qtbot: QtBot, fresh_server: RunningServer, app_for: Callable[..., App]
) -> None:
    app = app_for(fresh_server)
    screen = sign_on(qtbot, app)
    assert screen is not None
    scan(qtbot, app, screen, fresh_server.sample("giftcard_active"))

    screen.trigger(Action.BLOCK)
    qtbot.waitUntil(lambda: screen.block_dialog.isVisible(), timeout=WAIT)
    screen.block_dialog.reason.setCurrentIndex(screen.block_dialog.reason.findData("stolen"))
    screen.block_dialog.ok.click()

    approvals = app.ctx.approvals
    qtbot.waitUntil(lambda: approvals.dialog is not None and approvals.dialog.isVisible(), timeout=WAIT)
    dialog = approvals.dialog
    assert dialog is not None
    dialog.manager.setCurrentIndex(dialog.manager.findData("marek"))
    dialog.pin.setText("9999")  # wrong: asked again, with the reason
    dialog.ok_button.click()
    qtbot.waitUntil(lambda: approvals.dialog is not None and approvals.dialog is not dialog, timeout=WAIT)
    again = approvals.dialog
    assert again is not None and again.error.text() == "Wrong operator or PIN."
    assert screen.controller.card is not None and screen.controller.card.instrument.status is Status.ACTIVE

    again.manager.setCurrentIndex(again.manager.findData("marek"))
    again.pin.setText("2222")
    again.ok_button.click()
    idle(qtbot, screen)
    qtbot.waitUntil(lambda: screen.panel.state.text() == "Blocked", timeout=WAIT)
    assert app.window.banner.text() == "The card is blocked."
    entries = app.core.audit.entries()
    assert any(e.action == "giftcard.block" and e.approved_by == "marek" for e in entries)


def test_cancelling_the_approval_leaves_the_card_alone(
    qtbot: QtBot, fresh_server: RunningServer, app_for: Callable[..., App]
) -> None:
    app = app_for(fresh_server)
    screen = sign_on(qtbot, app)
    assert screen is not None
    scan(qtbot, app, screen, fresh_server.sample("giftcard_active"))
    screen.amount.setText("600")  # a load above the series' approval threshold (500.00)

    screen.trigger(Action.LOAD)
    qtbot.waitUntil(lambda: app.ctx.approvals.dialog is not None, timeout=WAIT)
    assert app.ctx.approvals.dialog is not None
    app.ctx.approvals.dialog.cancel_button.click()
    idle(qtbot, screen)

    assert app.window.banner.text() == "This needs a manager's approval."
    assert app.window.banner.property("level") == "error"
    assert "100.00" in screen.panel.balance.text()


def test_sign_off_is_refused_while_a_payment_is_on_hold(
    qtbot: QtBot, fresh_server: RunningServer, app_for: Callable[..., App]
) -> None:
    app = app_for(fresh_server)
    screen = sign_on(qtbot, app)
    assert screen is not None
    scan(qtbot, app, screen, fresh_server.sample("giftcard_active"))
    screen.amount.setText("3")
    screen.trigger(Action.PAY)
    idle(qtbot, screen)

    app.window.sign_off()
    assert app.window.operator is not None
    assert app.window.banner.text().startswith("Cannot sign off: A payment is on hold")

    screen.trigger(Action.CANCEL_HOLD)
    idle(qtbot, screen)
    app.window.sign_off()
    assert app.window.operator is None
    assert app.window.pages.currentWidget() is app.window.signon_page


def test_a_manager_sees_the_till_and_the_manager_screens(
    qtbot: QtBot, demo_server: RunningServer, app_for: Callable[..., App]
) -> None:
    app = app_for(demo_server)
    sign_on(qtbot, app, "marek")
    names = [type(s).__name__ for s in app.window.screens()]
    assert names[0] == "CashierScreen"
    assert len(names) > 1  # the manager screens found in ui/screens/manager_*.py

    app.window.sign_off()
    sign_on(qtbot, app, "tomasz")
    assert app.window.screen_of(CashierScreen) is None  # a technician runs no sales


def test_print_balance_then_reprint_last_slip(
    qtbot: QtBot, demo_server: RunningServer, app_for: Callable[..., App]
) -> None:
    app = app_for(demo_server)
    screen = sign_on(qtbot, app)
    assert screen is not None
    assert app.window.preview.image.text() == "No slip printed yet."
    scan(qtbot, app, screen, demo_server.sample("storecredit_active"))

    with qtbot.waitSignal(app.ctx.printing.preview_ready, timeout=WAIT) as first:
        screen.trigger(Action.BALANCE)
        idle(qtbot, screen)
    assert app.window.preview.has_slip
    with qtbot.waitSignal(app.ctx.printing.printed, timeout=WAIT) as reprinted:
        app.window.preview.reprint.click()

    assert reprinted.args[0].printed
    # the preview of the reprint comes from the printer's thread; it may land just after "printed"
    qtbot.waitUntil(
        lambda: app.ctx.printing.last_preview is not None and app.ctx.printing.last_preview != first.args[0],
        timeout=WAIT,
    )
    assert app.window.banner.property("level") != "error"


def test_a_hold_left_open_survives_a_restart_of_the_app(
    qtbot: QtBot, fresh_server: RunningServer, app_for: Callable[..., App]
) -> None:
    app = app_for(fresh_server)
    screen = sign_on(qtbot, app)
    assert screen is not None
    number = fresh_server.sample("giftcard_active")
    scan(qtbot, app, screen, number)
    screen.amount.setText("7")
    screen.trigger(Action.PAY)
    idle(qtbot, screen)
    config = app.config
    app.shutdown()  # the till is switched off with the payment on hold

    again = build_app(config, show_crash_dialog=False)
    qtbot.addWidget(again.window)
    try:
        again.start()
        till = sign_on(qtbot, again)
        assert till is not None
        assert till.controller.hold is not None and till.hold_box.isVisible()
        till.trigger(Action.COMMIT)
        idle(qtbot, till)
        assert till.controller.hold is None
        assert available(again, number) == Decimal("93.00")
    finally:
        again.shutdown()
