"""More of the till against the real reference server: scans from a serial scanner and a keyboard
wedge, selling a pre-issued card, load and void, points earned and spent, a coupon redeemed, store
credit issued by a manager, a customer enrolled with consents, and Polish switched on while working."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from pos_client.domain import Status
from tests.drivers.scanners.helpers import PtyScanner
from tests.fixtures.server import RunningServer
from tests.ui.app_harness import WAIT, available, idle, scan, sign_on
from ui.app import App
from ui.screens.cashier import CashierScreen
from ui.screens.cashier_actions import Action

pytestmark = pytest.mark.ui


def test_a_serial_scanner_scan_shows_the_card(
    qtbot: QtBot, demo_server: RunningServer, app_for: Callable[..., App], tmp_path: Path
) -> None:
    device = PtyScanner(tmp_path)
    try:
        app = app_for(demo_server, options={"scanner.url": f"serial://{device.path}"})
        qtbot.waitUntil(lambda: app.window.status.scanner.text() == "Scanner ready", timeout=WAIT)
        screen = sign_on(qtbot, app)
        assert screen is not None
        number = demo_server.sample("giftcard_active", 2)

        device.write(f"]E0{number}\r".encode())  # with an AIM symbology identifier, as scanners send

        qtbot.waitUntil(lambda: screen.controller.card is not None, timeout=WAIT)
        idle(qtbot, screen)
        assert screen.controller.number == number
        assert "100.00" in screen.panel.balance.text()
    finally:
        app.ctx.scanning.stop()
        device.close()


def test_a_keyboard_wedge_scan_is_taken_out_of_the_focused_field(
    qtbot: QtBot, demo_server: RunningServer, app_for: Callable[..., App]
) -> None:
    app = app_for(demo_server)
    screen = sign_on(qtbot, app)
    assert screen is not None
    app.window.activateWindow()
    screen.amount.setFocus()
    number = demo_server.sample("loyaltycard_active")
    wedge = app.ctx.scanning._filter
    assert wedge is not None
    clock = [100.0]
    wedge._clock = lambda: clock[0]
    for char in [*number, "\r"]:
        clock[0] += 0.004  # scanner speed
        key = Qt.Key.Key_Return if char == "\r" else Qt.Key(ord(char))
        event = QKeyEvent(QEvent.Type.KeyPress, key, Qt.KeyboardModifier.NoModifier, char)
        QApplication.sendEvent(screen.amount, event)

    qtbot.waitUntil(lambda: screen.controller.card is not None, timeout=WAIT)
    idle(qtbot, screen)
    assert screen.amount.text() == ""  # nothing typed into the amount
    assert screen.panel.kind.text() == "Loyalty card"


def test_selling_a_preissued_card_then_load_and_void(
    qtbot: QtBot, fresh_server: RunningServer, app_for: Callable[..., App]
) -> None:
    app = app_for(fresh_server)
    screen = sign_on(qtbot, app, "marek")  # a manager: void needs no second person
    assert isinstance(screen, CashierScreen)
    number = fresh_server.sample("giftcard_preissued")
    scan(qtbot, app, screen, number)
    assert screen.buttons[Action.ACTIVATE].isVisible() and not screen.buttons[Action.PAY].isVisible()

    screen.amount.setText("50")
    screen.trigger(Action.ACTIVATE)
    idle(qtbot, screen)
    assert screen.controller.card is not None and screen.controller.card.instrument.status is Status.ACTIVE
    assert app.window.banner.property("level") == "success"

    screen.amount.setText("20")
    screen.trigger(Action.LOAD)
    idle(qtbot, screen)
    assert available(app, number) == Decimal("70.00")

    screen.trigger(Action.VOID)
    idle(qtbot, screen)
    assert app.window.banner.text() == "The last operation was voided."
    assert available(app, number) == Decimal("50.00")


def test_points_are_earned_then_all_spent(
    qtbot: QtBot, fresh_server: RunningServer, app_for: Callable[..., App]
) -> None:
    app = app_for(fresh_server)
    screen = sign_on(qtbot, app)
    assert screen is not None
    number = fresh_server.sample("loyaltycard_active")
    scan(qtbot, app, screen, number)
    before = app.core.service.balance(number).points
    assert before is not None

    screen.amount.setText("30")
    screen.trigger(Action.EARN)
    idle(qtbot, screen)
    assert app.window.banner.text().endswith("points earned.") or "points earned." in app.window.banner.text()
    assert screen.buttons[Action.RETURN].isVisible()

    screen.amount.setText("10")  # goods for 10.00 of the 30.00 sale come back
    screen.trigger(Action.RETURN)
    qtbot.waitUntil(lambda: getattr(screen, "return_dialog", None) is not None, timeout=WAIT)
    assert screen.return_dialog.sales.count() >= 1
    screen.return_dialog.ok.click()
    idle(qtbot, screen)
    assert app.window.banner.text().endswith("points taken back.")
    returned = app.core.service.balance(number).points
    assert returned is not None

    screen.trigger(Action.SPEND_ALL)
    idle(qtbot, screen)
    after = app.core.service.balance(number).points
    assert after is not None and after.balance == 0
    assert app.window.banner.property("level") == "success"


def test_a_coupon_is_redeemed_once(
    qtbot: QtBot, fresh_server: RunningServer, app_for: Callable[..., App]
) -> None:
    app = app_for(fresh_server)
    screen = sign_on(qtbot, app)
    assert screen is not None
    scan(qtbot, app, screen, fresh_server.sample("coupon_active"))

    screen.trigger(Action.REDEEM)
    idle(qtbot, screen)
    assert app.window.banner.text() == "Coupon redeemed: give the discount."
    assert not screen.buttons[Action.REDEEM].isVisible()

    scan(qtbot, app, screen, fresh_server.sample("coupon_used"))
    assert screen.panel.state.property("state") == "bad"


def test_a_manager_issues_store_credit_and_it_prints(
    qtbot: QtBot, fresh_server: RunningServer, app_for: Callable[..., App]
) -> None:
    app = app_for(fresh_server)
    screen = sign_on(qtbot, app, "marek")
    assert screen is not None
    qtbot.waitUntil(lambda: bool(app.ctx.service.catalogue.all()), timeout=WAIT)

    screen.issue_store_credit()
    dialog = screen.issue_dialog
    dialog.amount.setText("15")
    with qtbot.waitSignal(app.ctx.printing.preview_ready, timeout=WAIT):
        dialog.ok.click()
        idle(qtbot, screen)
    card = screen.controller.card
    assert card is not None and card.instrument.account is not None
    assert card.instrument.account.available == Decimal("15.00")
    assert app.window.banner.property("level") == "success"


def test_a_customer_is_enrolled_with_consents_and_the_card(
    qtbot: QtBot, fresh_server: RunningServer, app_for: Callable[..., App]
) -> None:
    app = app_for(fresh_server)
    screen = sign_on(qtbot, app)
    assert screen is not None
    card = fresh_server.sample("loyaltycard_preissued")
    scan(qtbot, app, screen, card)

    screen.open_customer()
    dialog = screen.customer_dialog
    dialog.phone.setText("+48 511 222 333")
    dialog.find_by_phone()
    qtbot.waitUntil(lambda: dialog.enrol_button.isVisible() and not dialog._busy, timeout=WAIT)
    dialog.first_name.setText("Ewa")
    dialog.last_name.setText("Test")
    dialog.country.setText("pl")
    dialog.consent_sms.setChecked(True)
    dialog.enrol()
    qtbot.waitUntil(lambda: dialog.message.text() == "Customer enrolled.", timeout=WAIT)

    found = app.core.service.customer_find(phone="+48511222333")
    assert len(found) == 1
    assert found[0].first_name == "Ewa" and found[0].country == "PL" and card in found[0].cards
    consents = {c.type: c.granted for c in found[0].consents}
    assert consents.get("marketing_sms") is True and consents.get("marketing_email") is False


def test_polish_while_signed_on(
    qtbot: QtBot, demo_server: RunningServer, app_for: Callable[..., App]
) -> None:
    app = app_for(demo_server)
    screen = sign_on(qtbot, app)
    assert screen is not None
    scan(qtbot, app, screen, demo_server.sample("giftcard_active", 3))

    app.window.toggle_language()
    # Translations.language_changed: the frame and every screen set their texts again.
    qtbot.waitUntil(lambda: screen.buttons[Action.PAY].text().startswith("Zapłać"), timeout=WAIT)

    assert app.window.tabs.tabText(0) == "Kasa"
    assert app.window.sign_off_button.text() == "Wyloguj"
    assert screen.buttons[Action.PAY].text().startswith("Zapłać")
    assert screen.panel.balance.text() == "Dostępne 100,00 zł"  # money in the Polish way
    assert app.window.status.connection.text() in ("● Połączono", "● Brak połączenia")
    screen.amount.clear()
    screen.keypad.press("1")
    screen.keypad.press("decimal")  # the decimal key follows the locale
    screen.keypad.press("5")
    assert screen.amount.text() == "1,5"
    app.window.toggle_language()
    qtbot.waitUntil(lambda: screen.buttons[Action.PAY].text().startswith("Pay"), timeout=WAIT)
    assert screen.panel.balance.text() == "Available zł 100.00"


def test_a_new_printed_gift_card_is_sold_and_its_slip_is_the_card(
    qtbot: QtBot, fresh_server: RunningServer, app_for: Callable[..., App]
) -> None:
    app = app_for(fresh_server)
    screen = sign_on(qtbot, app)
    assert screen is not None
    qtbot.waitUntil(lambda: bool(app.ctx.service.catalogue.all()), timeout=WAIT)

    screen.sell_new()
    dialog = screen.issue_dialog
    assert dialog.series.currentData() == "GC-LIVE"  # only live-printed series are offered
    dialog.amount.setText("5")  # below the series' minimum: refused by the server, in words
    dialog.ok.click()
    idle(qtbot, screen)
    assert app.window.banner.property("level") == "error"
    assert app.window.banner.text() == "The amount is outside the limits of this card series."

    screen.sell_new()
    screen.issue_dialog.amount.setText("25")
    with qtbot.waitSignal(app.ctx.printing.preview_ready, timeout=WAIT):
        screen.issue_dialog.ok.click()
        idle(qtbot, screen)
    card = screen.controller.card
    assert card is not None and card.instrument.status is Status.ACTIVE
    assert card.instrument.account is not None and card.instrument.account.available == Decimal("25.00")
    assert app.window.banner.text() == "New gift card issued with zł 25.00."


def test_the_till_fits_a_1024_by_768_touch_screen_in_both_languages(
    qtbot: QtBot, demo_server: RunningServer, app_for: Callable[..., App]
) -> None:
    app = app_for(demo_server)
    screen = sign_on(qtbot, app)
    assert screen is not None
    for language in ("en", "pl"):
        app.ctx.i18n.set_language(language)
        for sample in ("loyaltycard_active", "giftcard_active"):
            scan(qtbot, app, screen, demo_server.sample(sample))
            qtbot.waitUntil(lambda: screen.panel.kind.text() != "", timeout=WAIT)
            hint = app.window.minimumSizeHint()
            assert hint.width() <= 1024 and hint.height() <= 768, (language, sample, hint)
    app.ctx.i18n.set_language("en")


def test_points_are_previewed_while_typing_then_earned_and_a_reward_is_near(
    qtbot: QtBot, fresh_server: RunningServer, app_for: Callable[..., App]
) -> None:
    app = app_for(fresh_server)
    screen = sign_on(qtbot, app)
    assert screen is not None
    number = fresh_server.sample("loyaltycard_active")  # 180 points; 250 make a 25.00 reward
    scan(qtbot, app, screen, number)
    assert "Card found." in app.window.banner.text()

    screen.amount.setText("45")
    qtbot.waitUntil(lambda: screen.earn_preview.isVisible(), timeout=WAIT)
    assert screen.earn_preview.text() == "Earns 45 points; balance after: 225."
    assert app.core.service.balance(number).points.balance == 180  # type: ignore[union-attr]
    screen.amount.setText("80")
    qtbot.waitUntil(lambda: "A reward coupon will print." in screen.earn_preview.text(), timeout=WAIT)

    screen.amount.setText("30")
    qtbot.waitUntil(lambda: screen.earn_preview.text().startswith("Earns 30 points"), timeout=WAIT)
    screen.trigger(Action.EARN)
    idle(qtbot, screen)
    assert "30 points earned." in app.window.banner.text()

    scan(qtbot, app, screen, number)  # 210 points: 40 to go, close to the reward
    assert "Only 40 points to a" in app.window.banner.text() and "reward" in app.window.banner.text()
    screen.amount.clear()
    qtbot.waitUntil(lambda: not screen.earn_preview.isVisible(), timeout=WAIT)


def test_points_are_earned_on_basket_lines_with_a_live_preview(
    qtbot: QtBot, fresh_server: RunningServer, app_for: Callable[..., App]
) -> None:
    app = app_for(fresh_server)
    screen = sign_on(qtbot, app)
    assert screen is not None
    number = fresh_server.sample("loyaltycard_active", 3)  # no points yet
    scan(qtbot, app, screen, number)
    screen.amount.clear()
    screen.trigger(Action.EARN)  # with no amount typed: the basket
    qtbot.waitUntil(lambda: getattr(screen, "basket_dialog", None) is not None, timeout=WAIT)
    dialog = screen.basket_dialog
    assert not dialog.add_line("", "", 1, "1.00")  # a line needs its product
    assert not dialog.add_line("BREAD", "", 1, "abc")  # and a price
    assert not dialog.ok.isEnabled()
    assert dialog.add_line("coffee-beans-1kg", "coffee", 1, "45.00")  # 20 + 45 (section) + 45
    assert dialog.add_line("BREAD", "bakery", 2, "5,50")  # 11
    qtbot.waitUntil(lambda: dialog.preview.text().startswith("Earns 121 points"), timeout=WAIT)
    dialog.list.setCurrentRow(1)
    dialog.remove.click()
    qtbot.waitUntil(lambda: dialog.preview.text().startswith("Earns 110 points"), timeout=WAIT)
    dialog.ok.click()
    idle(qtbot, screen)
    assert "110 points earned." in app.window.banner.text()
    points = app.core.service.balance(number).points
    assert points is not None and points.balance == 110


def test_some_points_are_spent_and_the_panel_shows_what_is_left_and_its_value(
    qtbot: QtBot, fresh_server: RunningServer, app_for: Callable[..., App]
) -> None:
    app = app_for(fresh_server)
    screen = sign_on(qtbot, app)
    assert screen is not None
    number = fresh_server.sample("loyaltycard_active")  # 180 points at 0.10
    scan(qtbot, app, screen, number)
    assert "18.00" in screen.panel.detail.text() or "18.00" in screen.panel.balance.text()
    screen.amount.setText("35")
    screen.trigger(Action.SPEND)
    idle(qtbot, screen)
    assert "35 points spent: deduct zł 3.50 from the bill." in app.window.banner.text()  # 35 x 0.10
    qtbot.waitUntil(lambda: "145" in screen.panel.balance.text(), timeout=WAIT)
    assert "14.50" in screen.panel.detail.text() or "14.50" in screen.panel.balance.text()
    screen.amount.setText("146")  # more than the card holds: refused in words, nothing spent
    screen.trigger(Action.SPEND)
    idle(qtbot, screen)
    assert app.window.banner.property("level") == "error"
    points = app.core.service.balance(number).points
    assert points is not None and points.balance == 145


def test_a_customer_found_by_e_mail_has_details_edited_and_a_consent_withdrawn(
    qtbot: QtBot, fresh_server: RunningServer, app_for: Callable[..., App]
) -> None:
    app = app_for(fresh_server)
    screen = sign_on(qtbot, app)
    assert screen is not None
    scan(qtbot, app, screen, fresh_server.sample("loyaltycard_active"))
    screen.open_customer()
    dialog = screen.customer_dialog
    dialog.phone.setText("Zofia@Example.PL")
    dialog.find_by_phone()
    qtbot.waitUntil(lambda: dialog.details_button.isVisible() and not dialog._busy, timeout=WAIT)
    assert dialog.first_name.text() == "Zofia" and dialog.consent_sms.isChecked()

    assert dialog.country.text() == "PL"
    dialog.last_name.setText("Wójcik-Nowak")
    dialog.country.setText("de")
    dialog.save_details()
    qtbot.waitUntil(lambda: dialog.message.text() == "Details saved.", timeout=WAIT)
    dialog.consent_sms.setChecked(False)  # the customer withdraws the SMS consent
    dialog.save_consents()
    qtbot.waitUntil(lambda: dialog.message.text() == "Consents saved.", timeout=WAIT)

    [zofia] = app.core.service.customer_find(email="zofia@example.pl")
    assert zofia.last_name == "Wójcik-Nowak" and zofia.country == "DE"
    assert {c.type: c.granted for c in zofia.consents}["marketing_sms"] is False


def test_isolating_personal_data_shows_only_initials(
    qtbot: QtBot, demo_server: RunningServer, app_for: Callable[..., App]
) -> None:
    app = app_for(demo_server, options={"ui.isolate_personal_data": "true"})
    screen = sign_on(qtbot, app)
    assert screen is not None
    scan(qtbot, app, screen, demo_server.sample("loyaltycard_active"))  # Zofia Wójcik's card
    assert screen.panel.customer.text().endswith("Z. W.")
    assert "Zofia" not in screen.panel.customer.text()

    # The customer dialog's list of who was found, too.
    screen.open_customer()
    dialog = screen.customer_dialog
    dialog.find_by_card()
    qtbot.waitUntil(lambda: dialog.results.count() > 0 and not dialog._busy, timeout=WAIT)
    line = dialog.results.item(0).text()
    assert line.startswith("Z. W. · ") and "Zofia" not in line and "Wójcik" not in line


def test_the_window_keyboard_shortcuts_switch_tabs_and_language(
    qtbot: QtBot, demo_server: RunningServer, app_for: Callable[..., App]
) -> None:
    app = app_for(demo_server)
    sign_on(qtbot, app, "marek")  # a manager: several tabs
    window = app.window
    assert window.tabs.count() > 1 and window.tabs.currentIndex() == 0
    window.activateWindow()
    qtbot.waitActive(window)
    qtbot.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.AltModifier)
    assert window.tabs.currentIndex() == 1
    mods = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    try:
        qtbot.keyClick(window, Qt.Key.Key_L, mods)
        assert app.ctx.i18n.language == "pl" and window.sign_off_button.text() == "Wyloguj"
    finally:
        app.ctx.i18n.set_language("en")
