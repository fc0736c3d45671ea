"""Names of the domain's values as people read them: kinds, states and operations of instruments,
in the current language (:mod:`pos_client.i18n`). One table for slips, the CLI and the app's screens.
"""

from __future__ import annotations

from pos_client.domain import Kind, OpType, Status
from pos_client.i18n import N_
from pos_client.i18n import gettext as _

KIND_NAMES = {
    Kind.GIFTCARD: N_("Gift card"),
    Kind.STORECREDIT: N_("Store credit"),
    Kind.COUPON: N_("Coupon"),
    Kind.LOYALTYCARD: N_("Loyalty card"),
}
STATUS_NAMES = {
    Status.PREISSUED: N_("Not activated yet"),
    Status.ACTIVE: N_("Active"),
    Status.BLOCKED: N_("Blocked"),
    Status.EXPIRED: N_("Expired"),
    Status.CLOSED: N_("Closed"),
    Status.USED: N_("Used"),
}
# What an operation is called on a slip (the day summary's lines, titles of movements).
OPERATION_NAMES = {
    OpType.ISSUE: N_("Sale"),
    OpType.UNISSUE: N_("Sale undone"),
    OpType.LOAD: N_("Top-up"),
    OpType.PAY: N_("Payment held"),
    OpType.COMMIT: N_("Payment"),
    OpType.CANCEL: N_("Payment cancelled"),
    OpType.REFUND: N_("Refund"),
    OpType.VOID: N_("Void"),
    OpType.BLOCK: N_("Block"),
    OpType.UNBLOCK: N_("Unblock"),
    OpType.REDEEM: N_("Redemption"),
    OpType.UNREDEEM: N_("Redemption undone"),
    OpType.EARN: N_("Points earned"),
    OpType.SPEND: N_("Points spent"),
    OpType.RETURN: N_("Points returned"),
    OpType.ENROL: N_("Enrolment"),
    OpType.EDIT: N_("Customer edited"),
    OpType.CONSENT: N_("Consents"),
    OpType.LINK_CARD: N_("Card linked"),
    OpType.MERGE_IN: N_("Cards merged"),
    OpType.TRANSFER_IN: N_("Balance transferred"),
}
# Rows of a card's history no operation of the terminal has: the other side of a merge or a transfer.
LEDGER_ROW_NAMES = {
    "merge_out": N_("Merged into another card"),
    "transfer_out": N_("Balance transferred out"),
}
# Why a card was blocked (``BLOCK_REASONS`` of the service; a reason the terminal does not know: as it came).
BLOCK_REASON_NAMES = {
    "lost": N_("Lost"),
    "stolen": N_("Stolen"),
    "damaged": N_("Damaged"),
    "fraud_suspected": N_("Fraud suspected"),
    "customer_request": N_("Customer's request"),
    "other": N_("Other"),
}


def kind_name(kind: Kind | str) -> str:
    """The instrument kind as printed (a kind code the terminal does not know: as it came)."""
    try:
        return _(KIND_NAMES[Kind(kind)])
    except ValueError:
        return str(kind)


def status_name(status: Status) -> str:
    """An instrument's state as printed."""
    return _(STATUS_NAMES.get(status, status.value))


def operation_name(op_type: OpType | str) -> str:
    """An operation as printed (an operation code the terminal does not know: as it came)."""
    if op_type in LEDGER_ROW_NAMES:
        return _(LEDGER_ROW_NAMES[op_type])
    try:
        return _(OPERATION_NAMES[OpType(op_type)])
    except ValueError:
        return str(op_type)


def block_reason_name(reason: str) -> str:
    """Why a card was blocked, as printed."""
    return _(BLOCK_REASON_NAMES[reason]) if reason in BLOCK_REASON_NAMES else reason
