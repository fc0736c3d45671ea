"""Translated words for the core's codes (operation types, queue states, instrument states).

One place, so the history, the queue and the day summary call an operation by the same name. An
unknown code (a newer server) is shown as it is rather than hidden.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication


def operation_name(code: str) -> str:
    """``"pay"`` → "Payment" (translated)."""
    t = QCoreApplication.translate
    names = {
        "issue": t("models", "Issue"),
        "unissue": t("models", "Issue undone"),
        "load": t("models", "Top-up"),
        "pay": t("models", "Payment hold"),
        "commit": t("models", "Payment"),
        "cancel": t("models", "Hold cancelled"),
        "refund": t("models", "Refund"),
        "void": t("models", "Void"),
        "block": t("models", "Blocked"),
        "unblock": t("models", "Unblocked"),
        "redeem": t("models", "Redeemed"),
        "unredeem": t("models", "Redemption undone"),
        "earn": t("models", "Points earned"),
        "spend": t("models", "Points spent"),
        "return": t("models", "Points returned"),
        "expire": t("models", "Expired"),
        "enrol": t("models", "Customer enrolled"),
        "edit": t("models", "Customer edited"),
        "consent": t("models", "Consent"),
        "link_card": t("models", "Card linked"),
    }
    return names.get(code, code)


def kind_name(code: str) -> str:
    """``"giftcard"`` → "Gift card" (translated)."""
    t = QCoreApplication.translate
    names = {
        "giftcard": t("models", "Gift card"),
        "storecredit": t("models", "Store credit"),
        "coupon": t("models", "Coupon"),
        "loyaltycard": t("models", "Loyalty card"),
    }
    return names.get(code, code)


def queue_state_name(code: str) -> str:
    """An outbox state in words."""
    t = QCoreApplication.translate
    names = {
        "pending": t("models", "Waiting"),
        "sending": t("models", "Sending"),
        "done": t("models", "Delivered"),
        "refused": t("models", "Refused"),
        "parked": t("models", "Parked"),
        "not_sent": t("models", "Not sent"),
    }
    return names.get(code, code)


def instrument_state_name(code: str) -> str:
    """An instrument status in words."""
    t = QCoreApplication.translate
    names = {
        "preissued": t("models", "Not activated"),
        "active": t("models", "Active"),
        "blocked": t("models", "Blocked"),
        "expired": t("models", "Expired"),
        "closed": t("models", "Closed"),
        "used": t("models", "Used"),
    }
    return names.get(code, code)


def audit_action_name(code: str) -> str:
    """An audit-log action in words."""
    t = QCoreApplication.translate
    names = {
        "offline_override": t("models", "Offline override"),
        "queue_retry": t("models", "Queue: sent again"),
        "queue_park": t("models", "Queue: parked"),
        "queue_acknowledge": t("models", "Queue: dealt with"),
        "sign_on": t("models", "Sign-on"),
    }
    return names.get(code, code)
