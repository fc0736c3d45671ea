"""What follows the till without being part of it: the scan sound and flash, the customer display.

Both listen to the till's own signals (``card_changed``, ``hold_changed``) and to the message service;
neither changes what the till does. :func:`watch_till` is called by the composition root each time an
operator signs on (the till screen is built anew for each sign-on).

- A new card on the counter that can be used (active, accepted here) chirps and flashes green; every
  error message (a failed scan, a refused operation) buzzes and flashes red.
- The customer display shows :func:`ui.customer_display.customer_view` of the card on the counter, its
  open hold and the till's last operation on it; it goes back to "Welcome" when the card goes.
"""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import QObject, SignalInstance

from pos_client.domain import Instrument, Status
from ui.customer_display import CustomerDisplay, customer_view
from ui.feedback import ScanFeedback
from ui.messages import Level, Messages
from ui.screens.cashier_state import Card, Hold, TillState


def sound_errors(messages: Messages, feedback: ScanFeedback) -> None:
    """Every error the operator is shown buzzes (the X bell is not used)."""

    def posted(level: str, _text: str) -> None:
        if level == Level.ERROR.value:
            feedback.bad()

    messages.posted.connect(posted)


class TillWatcher(QObject):
    """Follows one till: a child of its controller, so it ends with that till."""

    def __init__(
        self,
        till: TillState,
        feedback: ScanFeedback | None,
        display: CustomerDisplay | None,
        language_changed: SignalInstance | None = None,
    ) -> None:
        super().__init__(till)
        self._till, self._feedback, self._display = till, feedback, display
        self._number: str | None = None
        till.card_changed.connect(self._card_changed)
        till.hold_changed.connect(self._hold_changed)
        if language_changed is not None:  # the customer's words follow a switch at once, not at the next card
            language_changed.connect(self._language_changed)
        self._render()

    def _language_changed(self, _language: str) -> None:
        self._render()

    def _card_changed(self, card: Card | None) -> None:
        instrument = card.instrument if card is not None else None
        number = instrument.number if instrument is not None else None
        new = number is not None and number != self._number
        if new and self._feedback is not None and instrument is not None and _usable(instrument):
            self._feedback.good()
        self._number = number
        self._render()

    def _hold_changed(self, _hold: Hold | None) -> None:
        self._render()

    def _render(self) -> None:
        if self._display is None:
            return
        till = self._till
        card = till.card
        instrument = card.instrument if card is not None else None
        hold = till.hold
        held: Decimal | None = None
        if hold is not None and instrument is not None and hold.number == instrument.number:
            held = hold.amount
        last = till.recent[-1] if till.recent and instrument is not None else None
        self._display.show_view(
            customer_view(instrument, last, lambda amount, currency: till.money(amount, currency), held)
        )


def _usable(instrument: Instrument) -> bool:
    return instrument.status is Status.ACTIVE and instrument.acceptable_here


def watch_till(
    till: TillState,
    feedback: ScanFeedback | None,
    display: CustomerDisplay | None,
    language_changed: SignalInstance | None = None,
) -> TillWatcher:
    """Start following ``till`` (see the module doc); ``language_changed`` redraws the display."""
    return TillWatcher(till, feedback, display, language_changed)
