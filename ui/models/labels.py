"""Translated words for the core's codes (operation types, queue states, instrument states).

Kinds, instrument states and operations are named once for slips, the CLI and the screens in
:mod:`pos_client.words` (the core's catalogue, in the language :mod:`ui.i18n` sets); the queue's
states and the audit log's actions are the app's own (Qt Linguist). An unknown code (a newer server)
is shown as it is rather than hidden. The literal ``QCoreApplication.translate`` calls are what
``pyside6-lupdate`` extracts (it does not see through an alias).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from pos_client import words
from pos_client.domain import Status


def operation_name(code: str) -> str:
    """``"commit"`` → "Payment" (translated)."""
    if code == "expire":  # the server's own ledger entry, not an operation a terminal runs
        return QCoreApplication.translate("models", "Expired")
    return words.operation_name(code)


def kind_name(code: str) -> str:
    """``"giftcard"`` → "Gift card" (translated)."""
    return words.kind_name(code)


def queue_state_name(code: str) -> str:
    """An outbox state in words."""
    names = {
        "pending": QCoreApplication.translate("models", "Waiting"),
        "sending": QCoreApplication.translate("models", "Sending"),
        "done": QCoreApplication.translate("models", "Delivered"),
        "refused": QCoreApplication.translate("models", "Refused"),
        "parked": QCoreApplication.translate("models", "Parked"),
        "not_sent": QCoreApplication.translate("models", "Not sent"),
    }
    return names.get(code, code)


def instrument_state_name(code: str) -> str:
    """An instrument status in words."""
    try:
        return words.status_name(Status(code))
    except ValueError:
        return code


def audit_action_name(code: str) -> str:
    """An audit-log action in words."""
    names = {
        "offline_override": QCoreApplication.translate("models", "Offline override"),
        "queue_retry": QCoreApplication.translate("models", "Queue: sent again"),
        "queue_park": QCoreApplication.translate("models", "Queue: parked"),
        "queue_acknowledge": QCoreApplication.translate("models", "Queue: dealt with"),
        "sign_on": QCoreApplication.translate("models", "Sign-on"),
    }
    return names.get(code, code)
