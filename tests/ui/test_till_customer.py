"""Enrolling a new member at the till, with the keyboard and the mouse on the shown window, against
the real reference server: the consents ticked are the consents shown and kept, and the pre-issued
loyalty card handed over is active at once (or with F2)."""

from __future__ import annotations

import uuid
from collections.abc import Callable

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QCheckBox
from pytestqt.qtbot import QtBot

from pos_client.domain import Status
from tests.fixtures.server import RunningServer
from tests.ui.app_harness import WAIT, idle
from tests.ui.test_till_keys import press, scan_by_keys, shown_till
from ui.app import App
from ui.screens.cashier_customer import CustomerDialog

pytestmark = pytest.mark.ui


def _phone() -> str:
    return "+48" + str(600_000_000 + uuid.uuid4().int % 100_000_000)


def _type_into(qtbot: QtBot, field: object, text: str) -> None:
    qtbot.mouseClick(field, Qt.MouseButton.LeftButton)  # type: ignore[arg-type]
    qtbot.keyClicks(field, text)  # type: ignore[arg-type]
    qtbot.waitUntil(lambda: field.text() == text, timeout=WAIT)  # type: ignore[attr-defined]


def _tick(qtbot: QtBot, box: QCheckBox) -> None:
    """Click the box itself (its middle may be empty space beside the label when the dialog is wide)."""
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(box.height() // 2, box.height() // 2))


def _granted(app: App, customer_id: str) -> dict[str, bool]:
    return {c.type: c.granted for c in app.core.service.customer_get(customer_id).consents}


def test_a_member_enrolled_with_sms_consent_keeps_it_and_their_preissued_card_is_active(
    qtbot: QtBot, demo_server: RunningServer, app_for: Callable[..., App]
) -> None:
    app = app_for(demo_server)
    screen, window = shown_till(qtbot, app)
    card = demo_server.sample("loyaltycard_preissued", 4)
    scan_by_keys(qtbot, screen, window, card)
    assert screen.controller.card is not None
    assert screen.controller.card.instrument.status is Status.PREISSUED

    press(window, Qt.Key.Key_F7)
    qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), CustomerDialog), timeout=WAIT)
    dialog = QApplication.activeModalWidget()
    assert isinstance(dialog, CustomerDialog)
    _type_into(qtbot, dialog.phone, _phone())
    _type_into(qtbot, dialog.first_name, "Ewa")
    _tick(qtbot, dialog.consent_sms)
    assert dialog.consent_sms.isChecked() and not dialog.consent_email.isChecked()
    qtbot.mouseClick(dialog.enrol_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.message.text() == "Customer enrolled.", timeout=WAIT)

    customer = dialog._customer
    assert customer is not None
    assert dialog.consent_sms.isChecked() and not dialog.consent_email.isChecked()  # as ticked
    assert _granted(app, customer.customer_id) == {"marketing_sms": True, "marketing_email": False}

    qtbot.mouseClick(dialog.consents_button, Qt.MouseButton.LeftButton)  # nothing touched
    qtbot.waitUntil(lambda: not dialog._busy, timeout=WAIT)
    assert _granted(app, customer.customer_id) == {"marketing_sms": True, "marketing_email": False}

    _tick(qtbot, dialog.consent_email)  # one change: one answer
    qtbot.mouseClick(dialog.consents_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.message.text() == "Consents saved.", timeout=WAIT)
    assert _granted(app, customer.customer_id) == {"marketing_sms": True, "marketing_email": True}
    assert dialog.consent_sms.isChecked() and dialog.consent_email.isChecked()
    dialog.accept()

    # The card handed over was linked at enrolment: it is active, and the till shows it so.
    qtbot.waitUntil(
        lambda: (
            screen.controller.card is not None and screen.controller.card.instrument.status is Status.ACTIVE
        ),
        timeout=WAIT,
    )
    assert screen.panel.state.text() == "Active"
    assert app.core.service.balance(card).status is Status.ACTIVE


def test_f2_activates_a_preissued_loyalty_card(
    qtbot: QtBot, demo_server: RunningServer, app_for: Callable[..., App]
) -> None:
    app = app_for(demo_server)
    screen, window = shown_till(qtbot, app)
    card = demo_server.sample("loyaltycard_preissued", 3)
    scan_by_keys(qtbot, screen, window, card)
    assert screen.panel.state.text() == "Not activated yet"

    press(window, Qt.Key.Key_F2)
    idle(qtbot, screen)

    assert app.window.banner.property("level") == "success", app.window.banner.text()
    assert screen.controller.card is not None
    assert screen.controller.card.instrument.status is Status.ACTIVE
    assert screen.panel.state.text() == "Active"
    assert app.core.service.balance(card).status is Status.ACTIVE
