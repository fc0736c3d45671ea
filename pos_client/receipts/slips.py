"""Slip builders: one function per slip the terminal prints, each returning a Document.

Design: pure functions of domain values (``pos_client.domain``) and a :class:`SlipContext`; no I/O,
no printer knowledge. Numbers are masked except on the slip that *is* the instrument (a live-printed
gift card's sale slip, a store-credit note). Every slip carries operation id, operator and time in its
footer, and PROVISIONAL when the operation was queued offline.
"""

from __future__ import annotations

from decimal import Decimal

from drivers.printers import document as d
from pos_client.day_words import day_line_name, day_line_order
from pos_client.domain import DayReport, Instrument, Kind, OperationResult, OpType
from pos_client.i18n import N_
from pos_client.i18n import gettext as _
from pos_client.masking import mask_number
from pos_client.points_value import is_money_account, money_of, points_worth
from pos_client.receipts.common import (
    BOLD_CENTERED,
    account_lines,
    date,
    footer,
    header,
    in_slip_language,
    instrument_lines,
    money,
    provisional,
)
from pos_client.receipts.settings import SlipContext
from pos_client.words import block_reason_name, kind_name, operation_name, status_name

REWARD_BARCODE_MODULE = 3  # 0.375 mm bars at 203 dpi: scans from a crumpled coupon


def _doc(title: str, *parts: tuple[d.Block, ...]) -> d.Document:
    return d.Document(title, tuple(block for part in parts for block in part))


@in_slip_language
def balance_slip(instrument: Instrument, ctx: SlipContext) -> d.Document:
    """The balance of any kind of instrument."""
    title = _("Balance")
    body: list[d.Block] = [
        *instrument_lines(ctx, instrument),
        d.KeyValue(_("Status"), status_name(instrument.status)),
    ]
    if instrument.kind.is_money:
        body += account_lines(ctx, instrument)
    elif instrument.kind is Kind.LOYALTYCARD and instrument.points is not None:
        body += _points_lines(ctx, instrument)
    elif instrument.kind is Kind.COUPON:
        body += _offer_lines(ctx, instrument)
    return _doc(title, header(ctx, title), tuple(body), footer(ctx, None))


@in_slip_language
def sale_slip(result: OperationResult, ctx: SlipContext, live_printed: bool = False) -> d.Document:
    """A gift card sold (activated or issued): amount loaded and balance.

    Args:
        live_printed: the card was issued on this slip (a live-printed series): the slip *is* the
            card, so the whole number is printed with its barcode.
    """
    instrument = _instrument(result)
    title = _("Gift card")
    body: list[d.Block] = [*instrument_lines(ctx, instrument, whole_number=live_printed)]
    if result.amount is not None:
        body.append(d.KeyValue(_("Amount loaded"), money(ctx, result.amount, instrument.currency), bold=True))
    body += account_lines(ctx, instrument)
    if live_printed:
        body += [d.Feed(1), d.Barcode(instrument.number, module_width=REWARD_BARCODE_MODULE)]
        body.append(d.Text(_("Keep this slip: it is your gift card."), BOLD_CENTERED))
    return _doc(title, header(ctx, title), provisional(result), tuple(body), footer(ctx, result))


@in_slip_language
def payment_slip(result: OperationResult, ctx: SlipContext, before: Decimal | None = None) -> d.Document:
    """A payment with a gift card or store credit: before, paid, remaining.

    Args:
        before: the available amount before paying; by default remaining + paid.
    """
    instrument = _instrument(result)
    cur = instrument.currency
    paid = result.amount or Decimal(0)
    remaining = instrument.account.available if instrument.account else None
    title = _("Payment")
    body: list[d.Block] = [*instrument_lines(ctx, instrument)]
    if before is None and remaining is not None:
        before = remaining + paid
    if before is not None:
        body.append(d.KeyValue(_("Before"), money(ctx, before, cur)))
    body.append(d.KeyValue(_("Paid"), money(ctx, paid, cur), bold=True))
    if remaining is not None:
        body.append(d.KeyValue(_("Remaining"), money(ctx, remaining, cur), bold=True))
    if result.type is OpType.PAY and result.auth_code:
        body.append(d.Text(_("Amount held until the sale is completed."), d.CENTERED))
    return _doc(title, header(ctx, title), provisional(result), tuple(body), footer(ctx, result))


@in_slip_language
def movement_slip(result: OperationResult, ctx: SlipContext) -> d.Document:
    """Load (top-up), refund and void slips: what moved and the balance after."""
    instrument = _instrument(result)
    title = operation_name(result.type)
    body: list[d.Block] = [*instrument_lines(ctx, instrument)]
    if result.amount is not None:
        sign = "-" if result.type in (OpType.VOID, OpType.CANCEL) else "+"
        amount = money(ctx, result.amount, instrument.currency)
        body.append(d.KeyValue(title, f"{sign}{amount}", bold=True))
    body += account_lines(ctx, instrument)
    return _doc(title, header(ctx, title), provisional(result), tuple(body), footer(ctx, result))


@in_slip_language
def store_credit_note(result: OperationResult, ctx: SlipContext) -> d.Document:
    """A store-credit note: the slip *is* the note, so its whole number prints, with a barcode."""
    instrument = _instrument(result)
    title = _("Store credit")
    amount = result.amount if result.amount is not None else _available(instrument)
    body: list[d.Block] = [
        d.Text(
            money(ctx, amount, instrument.currency),
            d.Style(bold=True, double_width=True, double_height=True, align=d.Align.CENTER),
        ),
        d.Feed(1),
        d.Barcode(instrument.number, module_width=REWARD_BARCODE_MODULE),
        *instrument_lines(ctx, instrument, whole_number=True),
    ]
    body.append(d.Text(_("Present this note to pay in this store."), d.CENTERED))
    return _doc(title, header(ctx, title), provisional(result), tuple(body), footer(ctx, result))


@in_slip_language
def reward_coupon(coupon: Instrument, ctx: SlipContext, result: OperationResult | None = None) -> d.Document:
    """A reward coupon: offer, validity, and a barcode wide enough to scan (the slip is the coupon)."""
    title = _("Reward coupon")
    body: list[d.Block] = [*_offer_lines(ctx, coupon, big=True), d.Feed(1)]
    body.append(d.Barcode(coupon.number, module_width=REWARD_BARCODE_MODULE, height=100))
    if coupon.start_date is not None:
        body.append(d.KeyValue(_("Valid from"), date(ctx, coupon.start_date)))
    if coupon.expiry_date is not None:
        body.append(d.KeyValue(_("Valid until"), date(ctx, coupon.expiry_date), bold=True))
    if coupon.single_use:
        body.append(d.Text(_("Single use."), d.CENTERED))
    return _doc(title, header(ctx, title), provisional(result), tuple(body), footer(ctx, result))


@in_slip_language
def points_statement(result: OperationResult, ctx: SlipContext) -> d.Document:
    """Points earned, spent or returned; the balance; how far the next reward is."""
    card = _instrument(result)
    if is_money_account(card):
        return _loyalty_money_statement(result, card, ctx)
    title = _("Loyalty points")
    body: list[d.Block] = [*instrument_lines(ctx, card)]
    if result.points is not None:
        verb, sign = _POINTS_MOVES.get(result.type, (N_("Points"), ""))
        body.append(d.KeyValue(_(verb), f"{sign}{abs(result.points)}", bold=True))
        worth = _points_money(result, card) if sign == "-" else None
        if worth is not None and worth > 0:
            # Points paid for goods: the cashier takes their value off the sale (the slip says how much).
            body.append(d.KeyValue(_("Discount for points"), money(ctx, worth, card.currency), bold=True))
    body += _points_lines(ctx, card)
    for reward in result.rewards:
        body += [d.Feed(1), d.Text(_("Reward unlocked!"), BOLD_CENTERED), *_offer_lines(ctx, reward)]
    return _doc(title, header(ctx, title), provisional(result), tuple(body), footer(ctx, result))


def _loyalty_money_statement(result: OperationResult, card: Instrument, ctx: SlipContext) -> d.Document:
    """A loyalty money account's operation: the money credited, paid or returned, and the balance."""
    title = _("Loyalty account")
    body: list[d.Block] = [*instrument_lines(ctx, card)]
    if result.amount is not None and not result.provisional:  # queued: what moves is the server's word
        verb, sign = _MONEY_MOVES.get(result.type, (N_("Amount"), ""))
        body.append(d.KeyValue(_(verb), f"{sign}{money(ctx, result.amount, card.currency)}", bold=True))
    body += _points_lines(ctx, card)
    return _doc(title, header(ctx, title), provisional(result), tuple(body), footer(ctx, result))


_MONEY_MOVES = {
    OpType.EARN: (N_("Credited"), "+"),
    OpType.SPEND: (N_("Paid from the account"), "-"),
    OpType.COMMIT: (N_("Paid from the account"), "-"),
    OpType.RETURN: (N_("Returned"), ""),
}


# How a points operation is printed: its words and the sign of the points it moved (a return prints
# the points it moved unsigned: taken back for an earn, given back for a spend).
_POINTS_MOVES = {
    OpType.EARN: (N_("Points earned"), "+"),
    OpType.SPEND: (N_("Points spent"), "-"),
    OpType.PAY: (N_("Points on hold"), "-"),
    OpType.COMMIT: (N_("Points spent"), "-"),
    OpType.RETURN: (N_("Points returned"), ""),
}


@in_slip_language
def card_move_slip(result: OperationResult, ctx: SlipContext) -> d.Document:
    """A merge of loyalty cards or a balance transfer: from which card (masked) to which, what moved,
    and what the card it went to holds now."""
    target = _instrument(result)
    merge = result.type is OpType.MERGE_IN
    title = _("Cards merged") if merge else _("Balance transferred")
    body: list[d.Block] = [d.KeyValue(_("Card"), kind_name(target.kind))]
    source = result.source
    if source is not None:
        body.append(d.KeyValue(_("From card"), mask_number(source.number)))
        state = status_name(source.status)
        if source.block_reason:
            state += f" ({block_reason_name(source.block_reason)})"
        body.append(d.KeyValue(_("Now"), state))
    body.append(d.KeyValue(_("To card"), mask_number(target.number), bold=True))
    if merge:
        body.append(d.KeyValue(_("Points moved"), str(result.points or 0), bold=True))
        body += _points_lines(ctx, target)
    else:
        moved = money(ctx, result.amount or Decimal(0), target.currency)
        body.append(d.KeyValue(_("Amount moved"), moved, bold=True))
        body += account_lines(ctx, target)
    return _doc(title, header(ctx, title), provisional(result), tuple(body), footer(ctx, result))


@in_slip_language
def coupon_slip(result: OperationResult, ctx: SlipContext) -> d.Document:
    """A coupon redeemed (or its redemption undone): the offer given and the uses left."""
    coupon = _instrument(result)
    title = _("Coupon redeemed") if result.type is OpType.REDEEM else operation_name(result.type)
    body: list[d.Block] = [*instrument_lines(ctx, coupon), *_offer_lines(ctx, coupon, big=True)]
    return _doc(title, header(ctx, title), provisional(result), tuple(body), footer(ctx, result))


@in_slip_language
def day_summary(report: DayReport, ctx: SlipContext) -> d.Document:
    """The terminal's day: each line in words ("3 x Gift card top-ups"), then the totals, net of
    voids, refunds and returns (a top-up voided the same day adds nothing)."""
    title = _("Day summary")
    cur = report.currency
    body: list[d.Block] = [
        d.KeyValue(_("Date"), date(ctx, report.date)),
        d.KeyValue(_("Terminal"), report.terminal_id),
        d.Rule(),
    ]
    for line in sorted(report.lines, key=day_line_order):
        if line.amount is not None:
            value = money(ctx, line.amount, cur)
        elif line.points is not None:
            value = _("{points} pt").format(points=line.points)
        else:
            value = ""
        body.append(d.KeyValue(f"{line.count} x {day_line_name(line)}", value))
    body += [
        d.Rule(),
        d.Text(_("Totals, net of voids and returns"), BOLD_CENTERED),
        d.KeyValue(_("Operations"), str(report.count)),
        d.KeyValue(_("Put on cards"), money(ctx, report.amount_in, cur), bold=True),
        d.KeyValue(_("Paid with cards"), money(ctx, report.amount_out, cur), bold=True),
        d.KeyValue(_("Points earned"), _("{points} pt").format(points=report.points_earned)),
        d.KeyValue(_("Points spent"), _("{points} pt").format(points=report.points_spent)),
        d.KeyValue(_("Points returned"), _("{points} pt").format(points=report.points_returned)),
    ]
    return _doc(title, header(ctx, title), tuple(body), footer(ctx, None))


def _points_money(result: OperationResult, card: Instrument) -> Decimal | None:
    """The money a points spend takes off the sale: the server's word (``amount``: the points' value,
    or the amount paid with them), else (queued offline) the points at the card's point value."""
    if result.amount is not None:
        return result.amount
    return None if result.points is None else points_worth(result.points, card)


def _instrument(result: OperationResult) -> Instrument:
    if result.instrument is None:
        raise ValueError(f"operation {result.operation_id} ({result.type}) carries no instrument to print")
    return result.instrument


def _available(instrument: Instrument) -> Decimal:
    return instrument.account.available if instrument.account else Decimal(0)


def _points_lines(ctx: SlipContext, card: Instrument) -> list[d.Block]:
    points = card.points
    if points is None:
        return []
    if points.money:  # a loyalty money account: its balance in money
        lines: list[d.Block] = [
            d.KeyValue(_("Loyalty balance"), money(ctx, points.value, card.currency), bold=True)
        ]
        if points.pending:
            lines.append(d.KeyValue(_("Pending"), money(ctx, money_of(points.pending, card), card.currency)))
        if points.expiring_soon and points.expiring_date:
            lines.append(
                d.KeyValue(
                    _("Expiring {date}").format(date=date(ctx, points.expiring_date)),
                    money(ctx, money_of(points.expiring_soon, card), card.currency),
                )
            )
        return lines
    lines = [
        d.KeyValue(_("Points balance"), str(points.balance), bold=True),
        d.KeyValue(_("Worth"), money(ctx, points.value, card.currency)),
    ]
    if points.pending:
        lines.append(d.KeyValue(_("Pending points"), str(points.pending)))
    if points.expiring_soon and points.expiring_date:
        lines.append(
            d.KeyValue(
                _("Expiring {date}").format(date=date(ctx, points.expiring_date)), str(points.expiring_soon)
            )
        )
    reward = card.next_reward
    if reward is not None:
        value = money(ctx, reward.reward_value, card.currency)
        at = _("{value} at {points} points").format(value=value, points=reward.threshold)
        lines.append(d.KeyValue(_("Next reward"), at))
        lines.append(d.KeyValue(_("Points to go"), str(reward.points_to_go), bold=reward.close))
    return lines


def _offer_lines(ctx: SlipContext, coupon: Instrument, big: bool = False) -> list[d.Block]:
    offer = coupon.offer
    lines: list[d.Block] = []
    if offer is not None:
        if offer.discount_type == "percent":
            headline = f"-{offer.value.normalize():f}%"
        else:
            headline = money(ctx, offer.value, coupon.currency)
        style = d.Style(bold=True, double_width=big, double_height=True, align=d.Align.CENTER)
        lines += [d.Text(headline, style), d.Text(offer.description, d.CENTERED)]
    if coupon.uses_left is not None:
        lines.append(d.KeyValue(_("Uses left"), str(coupon.uses_left)))
    return lines
