"""What a manager is asked to approve at the till, in words: the operation, the card (masked) and the
amount, points or reason (issue 14: "This needs a manager's approval" alone said nothing of what).
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Protocol

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from pos_client.masking import mask_number


class Held(Protocol):
    """What an open hold holds (:class:`ui.screens.cashier_state.Hold`, which builds on this module)."""

    @property
    def amount(self) -> Decimal | None: ...

    @property
    def points(self) -> int | None: ...

    @property
    def currency(self) -> str: ...


# The till's operations by their task description (``CashierController``), named as on their buttons.
OPERATIONS = {
    "activate": str(QT_TRANSLATE_NOOP("cashier", "Sell / activate")),
    "activate loyalty card": str(QT_TRANSLATE_NOOP("cashier", "Sell / activate")),
    "issue gift card": str(QT_TRANSLATE_NOOP("cashier", "New gift card")),
    "issue store credit": str(QT_TRANSLATE_NOOP("cashier", "Issue store credit")),
    "load": str(QT_TRANSLATE_NOOP("cashier", "Load")),
    "pay": str(QT_TRANSLATE_NOOP("cashier", "Pay")),
    "commit": str(QT_TRANSLATE_NOOP("cashier", "Commit")),
    "cancel hold": str(QT_TRANSLATE_NOOP("cashier", "Cancel payment")),
    "refund": str(QT_TRANSLATE_NOOP("cashier", "Refund")),
    "void": str(QT_TRANSLATE_NOOP("cashier", "Void last")),
    "block": str(QT_TRANSLATE_NOOP("cashier", "Block card")),
    "unblock": str(QT_TRANSLATE_NOOP("cashier", "Unblock card")),
    "redeem coupon": str(QT_TRANSLATE_NOOP("cashier", "Redeem coupon")),
    "earn points": str(QT_TRANSLATE_NOOP("cashier", "Earn points")),
    "spend points": str(QT_TRANSLATE_NOOP("cashier", "Spend points")),
    "return points": str(QT_TRANSLATE_NOOP("cashier", "Return points")),
    "merge cards": str(QT_TRANSLATE_NOOP("cashier", "Merge into another card…")),
    "transfer balance": str(QT_TRANSLATE_NOOP("cashier", "Transfer balance…")),
}
# Operations that make a new card or note: the card on the counter is not theirs.
NEW_CARD = frozenset({"issue gift card", "issue store credit"})


def approval_subject(description: str, number: str | None, what: str = "") -> str:
    """``Refund · card ************1234 · 10.00 zł``: one line for the approval dialog.

    Args:
        description: the till operation (a key of :data:`OPERATIONS`; another text is shown as is).
        number: the whole number of the card on the counter (shown masked), or None.
        what: the amount, points or reason in words ("" when there is none).
    """
    name = OPERATIONS.get(description)
    parts = [str(QCoreApplication.translate("cashier", name)) if name else description]
    if number and description not in NEW_CARD:
        parts.append(
            QCoreApplication.translate("approval", "card {number}").format(number=mask_number(number))
        )
    if what:
        parts.append(what)
    return " · ".join(parts)


def points_words(points: int | None) -> str:
    """``120 points`` ("" for None)."""
    if points is None:
        return ""
    return QCoreApplication.translate("cashier", "{points} points").format(points=points)


def held_words(hold: Held, money: Callable[[Decimal | None, str | None], str]) -> str:
    """What an open hold holds: its amount, or its points."""
    return money(hold.amount, hold.currency) if hold.amount is not None else points_words(hold.points)
