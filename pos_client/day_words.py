"""The day summary's lines in words a manager reads at a glance: "Gift card top-ups", "Gift card
top-ups voided", "Points earned" (translated, :mod:`pos_client.i18n`). One table for the slip, the CLI
and the app's day screen, so all three name a line alike.

A line of the day report is a card kind, an operation type and, for a reversal, what it reverses
(``DayReportLine.reverses``); a combination this table does not know (a newer server) falls back to
"Kind: operation" from :mod:`pos_client.words`, never to the raw codes.
"""

from __future__ import annotations

from pos_client.domain import DayReportLine
from pos_client.i18n import N_
from pos_client.i18n import gettext as _
from pos_client.words import kind_name, operation_name

_LINE_NAMES: dict[tuple[str, str, str | None], str] = {
    ("giftcard", "issue", None): N_("Gift cards sold"),
    ("giftcard", "unissue", "issue"): N_("Gift card sales undone"),
    ("giftcard", "load", None): N_("Gift card top-ups"),
    ("giftcard", "pay", None): N_("Gift card payments held"),
    ("giftcard", "commit", None): N_("Gift card payments"),
    ("giftcard", "cancel", None): N_("Gift card holds cancelled"),
    ("giftcard", "refund", "payment"): N_("Gift card refunds"),
    ("giftcard", "void", "load"): N_("Gift card top-ups voided"),
    ("giftcard", "void", "payment"): N_("Gift card payments voided"),
    ("giftcard", "void", "refund"): N_("Gift card refunds voided"),
    ("giftcard", "block", None): N_("Gift cards blocked"),
    ("giftcard", "unblock", None): N_("Gift cards unblocked"),
    ("storecredit", "issue", None): N_("Store credit issued"),
    ("storecredit", "unissue", "issue"): N_("Store credit issues undone"),
    ("storecredit", "load", None): N_("Store credit top-ups"),
    ("storecredit", "pay", None): N_("Store credit payments held"),
    ("storecredit", "commit", None): N_("Store credit payments"),
    ("storecredit", "cancel", None): N_("Store credit holds cancelled"),
    ("storecredit", "refund", "payment"): N_("Store credit refunds"),
    ("storecredit", "void", "load"): N_("Store credit top-ups voided"),
    ("storecredit", "void", "payment"): N_("Store credit payments voided"),
    ("storecredit", "void", "refund"): N_("Store credit refunds voided"),
    ("storecredit", "block", None): N_("Store credit blocked"),
    ("storecredit", "unblock", None): N_("Store credit unblocked"),
    ("loyaltycard", "issue", None): N_("Loyalty cards activated"),
    ("loyaltycard", "earn", None): N_("Points earned"),
    ("loyaltycard", "spend", None): N_("Points spent"),
    ("loyaltycard", "pay", None): N_("Points payments held"),
    ("loyaltycard", "commit", None): N_("Points payments"),
    ("loyaltycard", "cancel", None): N_("Points holds cancelled"),
    ("loyaltycard", "return", "earn"): N_("Points taken back by returns"),
    ("loyaltycard", "return", "spend"): N_("Points given back by returns"),
    ("loyaltycard", "void", "spend"): N_("Reward points given back"),
    ("loyaltycard", "block", None): N_("Loyalty cards blocked"),
    ("loyaltycard", "unblock", None): N_("Loyalty cards unblocked"),
    ("coupon", "redeem", None): N_("Coupons redeemed"),
    ("coupon", "unredeem", "redeem"): N_("Coupon redemptions undone"),
    ("coupon", "void", None): N_("Reward coupons withdrawn"),
    ("coupon", "block", None): N_("Coupons blocked"),
    ("coupon", "unblock", None): N_("Coupons unblocked"),
}

#: The order lines are listed in: money first, then points, then coupons; a reversal after what it reverses.
_KIND_ORDER = ("giftcard", "storecredit", "loyaltycard", "coupon")
_TYPE_ORDER = ("issue", "unissue", "load", "pay", "commit", "cancel", "refund", "earn", "spend", "return")


def day_line_name(line: DayReportLine) -> str:
    """What a line of the day summary is called, in the current language."""
    name = _LINE_NAMES.get((line.kind, line.type, line.reverses))
    if name is not None:
        return _(name)
    return f"{kind_name(line.kind)}: {operation_name(line.type)}"


def day_line_order(line: DayReportLine) -> tuple[int, int, str, str]:
    """A sort key listing the lines as a manager reads them (money, points, coupons; voids last)."""
    kind = _KIND_ORDER.index(line.kind) if line.kind in _KIND_ORDER else len(_KIND_ORDER)
    op = _TYPE_ORDER.index(line.type) if line.type in _TYPE_ORDER else len(_TYPE_ORDER)
    return kind, op, line.type, line.reverses or ""
