"""The customer display: the right words for the customer, never a whole card number."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from pos_client.domain import (
    Account,
    Instrument,
    Kind,
    NextReward,
    OperationResult,
    OperationState,
    OpType,
    PointsAccount,
    Status,
)
from ui.customer_display import CustomerDisplay, customer_view
from ui.i18n import Translations


def money(amount: Decimal, currency: str) -> str:
    return f"{amount:.2f} {currency}"


def gift_card(number: str = "6033010578308626", available: str = "95.00") -> Instrument:
    value = Decimal(available)
    return Instrument(
        instrument_id="I-1",
        kind=Kind.GIFTCARD,
        number=number,
        series_number="GC",
        status=Status.ACTIVE,
        currency="PLN",
        account=Account(value, value, Decimal(0), Decimal(0), value),
    )


def loyalty_card(balance: int = 1230, to_go: int = 20) -> Instrument:
    return Instrument(
        instrument_id="I-2",
        kind=Kind.LOYALTYCARD,
        number="2917888487447",
        series_number="LC",
        status=Status.ACTIVE,
        currency="PLN",
        points=PointsAccount(balance, 0, 0, None, Decimal("0.01"), Decimal(balance) / 100),
        next_reward=NextReward(1250, to_go, Decimal("25.00"), True),
    )


def test_after_a_payment_the_customer_sees_what_was_paid_and_what_remains() -> None:
    paid = OperationResult("op", OpType.COMMIT, OperationState.APPLIED, gift_card(), amount=Decimal("5.00"))
    view = customer_view(paid.instrument, paid, money)
    assert view.title == "Gift card ••••8626"
    assert view.headline == "Balance 95.00 PLN"
    assert view.lines == ("Paid 5.00 PLN", "Remaining 95.00 PLN")
    assert not view.provisional


def test_a_hold_shows_what_is_being_paid() -> None:
    view = customer_view(gift_card(), None, money, held=Decimal("12.50"))
    assert view.lines == ("Being paid 12.50 PLN",)


def test_points_earned_and_the_way_to_the_next_reward() -> None:
    earned = OperationResult("op", OpType.EARN, OperationState.QUEUED, loyalty_card(), points=12)
    view = customer_view(earned.instrument, earned, money)
    assert view.headline == "1 230 points"
    assert view.lines == ("You earned 12 points", "20 points to a 25.00 PLN reward")
    assert view.provisional  # queued offline: the customer is told it is not final


def test_a_blocked_card_shows_no_balance() -> None:
    blocked = gift_card()
    view = customer_view(Instrument(**{**blocked.__dict__, "status": Status.BLOCKED}), None, money)
    assert view.headline == "This card cannot be used" and view.lines == ()


@given(number=st.text(alphabet="0123456789ABCDEFGHJKLMNPQRSTUVWXYZ", min_size=8, max_size=24))
def test_the_whole_number_is_never_shown(number: str) -> None:
    card = gift_card(number=number)
    for last in (None, OperationResult("op", OpType.COMMIT, OperationState.APPLIED, card, amount=Decimal(1))):
        view = customer_view(card, last, money)
        shown = " ".join((view.title, view.headline, *view.lines))
        assert number not in shown
        assert number[-4:] in view.title


def test_the_window_shows_the_view(qtbot: QtBot) -> None:
    window = CustomerDisplay()
    qtbot.addWidget(window)
    assert "Welcome" in window.texts()
    window.show_view(customer_view(gift_card(), None, money, held=Decimal("3.00")))
    assert window.texts()[:3] == ["Gift card ••••8626", "Balance 95.00 PLN", "Being paid 3.00 PLN"]
    assert window.place("off") is False
    assert window.place("auto") is False  # one screen (offscreen): nothing opens by itself


def test_welcome_follows_a_language_switch(qtbot: QtBot) -> None:
    """With nobody signed on (no till redraws it), "Welcome" is said again in the new language."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    window = CustomerDisplay()
    qtbot.addWidget(window)
    i18n = Translations(app)
    i18n.language_changed.connect(lambda _language: window.retranslate())
    try:
        i18n.set_language("pl")
        assert "Witamy" in window.texts()
    finally:
        i18n.set_language("en")
    assert "Welcome" in window.texts()


def test_its_own_window_shows_every_word_in_the_theme(qtbot: QtBot) -> None:
    """``customer_display = on`` with one screen: the window of its own shows the busiest view whole in
    the app's theme (64 px headline). Found under Xvfb: at 640x400 "Balance zł 90.00" and "This card
    cannot be used" were cut and the lines under them overlapped."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    before = app.styleSheet()
    Translations(app).set_theme("light")
    try:
        window = CustomerDisplay()
        qtbot.addWidget(window)
        paid = OperationResult(
            "op",
            OpType.COMMIT,
            OperationState.QUEUED,
            gift_card(available="950.00"),
            amount=Decimal("5.00"),
        )
        blocked = Instrument(**{**gift_card().__dict__, "status": Status.BLOCKED})
        earned = OperationResult("op", OpType.EARN, OperationState.QUEUED, loyalty_card(), points=12)
        for view in (
            customer_view(paid.instrument, paid, money, held=Decimal("12.50")),
            customer_view(blocked, None, money),
            customer_view(earned.instrument, earned, money),
        ):
            window.show_view(view)
            assert window.place("on") is True
            qtbot.waitExposed(window)
            QApplication.processEvents()
            for label in (window.title, window.headline, window.details, window.note):
                if not label.text():
                    continue
                needed = (
                    label.heightForWidth(label.width()) if label.wordWrap() else label.sizeHint().height()
                )
                assert label.height() >= needed, (label.objectName(), label.text(), label.height(), needed)
                assert label.geometry().bottom() <= window.height(), (label.objectName(), label.text())
                if not label.wordWrap():
                    assert label.fontMetrics().horizontalAdvance(label.text()) <= label.width(), label.text()
        # a window made smaller by hand grows again to its words at the next view
        window.resize(640, 300)
        QApplication.processEvents()
        window.show_view(customer_view(blocked, None, money))
        layout = window.layout()
        assert layout is not None and window.height() >= layout.totalHeightForWidth(window.width()) > 300
    finally:
        app.setStyleSheet(before)
