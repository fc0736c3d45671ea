"""One place that writes to the terminal: JSON (one object on stdout) or human text, and exit codes.

Besides :class:`Output`, this module turns the core's domain values into the two faces of every
command: the JSON shapes of docs/ARCHITECTURE.md#cli (``*_json``; tools and tests rely on them) and short
human text (``*_text``) with masked numbers and money in the terminal's locale.
"""

from __future__ import annotations

import datetime as dt
import enum
import json
import sys
from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any, TextIO

from pos_client.day_words import day_line_name, day_line_order
from pos_client.domain import (
    Customer,
    DayReport,
    Instrument,
    Kind,
    OperationResult,
    OperationState,
    OpType,
    PointsQuote,
    Series,
    Transaction,
)
from pos_client.i18n import N_
from pos_client.i18n import gettext as _
from pos_client.masking import mask_number, shown_reference
from pos_client.money import format_money
from pos_client.points_value import money_of
from pos_client.words import KIND_NAMES, block_reason_name, kind_name, operation_name, status_name


class ExitCode(enum.IntEnum):
    """Exit codes of docs/ARCHITECTURE.md#cli."""

    OK = 0  # applied, or safely queued
    REFUSED = 1  # a business reason; message on stderr
    USAGE = 2  # usage or configuration error
    UNAVAILABLE = 3  # offline and not allowed offline


class CliError(Exception):
    """An expected failure with a message for the user and an exit code (never a traceback).

    Args:
        message: plain words for the person at the terminal.
        exit_code: one of :class:`ExitCode`.
        data: with ``--json``, the object to print on stdout (e.g. ``{"state": "refused", ...}``).
    """

    def __init__(
        self, message: str, exit_code: ExitCode = ExitCode.USAGE, data: Mapping[str, Any] | None = None
    ) -> None:
        super().__init__(message)
        self.message = message
        self.exit_code = exit_code
        self.data = data


def _default(value: object) -> object:
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, bytes):
        return value.hex()
    if hasattr(value, "isoformat"):
        return value.isoformat()
    raise TypeError(f"not JSON serialisable: {type(value).__name__}")


class Output:
    """Writes results either as one JSON object per call (``--json``) or as human text."""

    def __init__(self, as_json: bool, stdout: TextIO | None = None, stderr: TextIO | None = None) -> None:
        self.as_json = as_json
        self._stdout = stdout or sys.stdout
        self._stderr = stderr or sys.stderr

    def result(self, data: Mapping[str, Any], human: str) -> None:
        """Print a result: ``data`` as JSON with ``--json``, else ``human``."""
        if self.as_json:
            self._stdout.write(json.dumps(dict(data), default=_default, ensure_ascii=False) + "\n")
        else:
            self._stdout.write(human.rstrip("\n") + "\n")
        self._stdout.flush()

    def line(self, data: Mapping[str, Any], human: str) -> None:
        """Print one line of a stream (``scanner listen``): JSON lines or text."""
        self.result(data, human)

    def error(self, message: str) -> None:
        """A message for the person at the terminal, on stderr (never a traceback)."""
        self._stderr.write(f"loyalty-pos: {message}\n")
        self._stderr.flush()


KIND_LABELS = KIND_NAMES  # the commands' name for it (translate with _())


# -- JSON shapes -----------------------------------------------------------------------------------


def instrument_json(item: Instrument) -> dict[str, Any]:
    """``balance --json``: kind, seriesNumber, status, and available + currency or points (§9)."""
    data: dict[str, Any] = {
        "kind": item.kind.value,
        "seriesNumber": item.series_number,
        "number": mask_number(item.number),
        "instrumentId": item.instrument_id,
        "status": item.status.value,
        "currency": item.currency,
        "startDate": item.start_date,
        "expiryDate": item.expiry_date,
        "acceptableHere": item.acceptable_here,
        "blockReason": item.block_reason,
        "customer": (
            {
                "customerId": item.customer.customer_id,
                "firstName": item.customer.first_name,
                "lastName": item.customer.last_name,
            }
            if item.customer
            else None
        ),
    }
    if item.as_of is not None:  # the server could not be reached: the terminal's last known state
        data["lastKnownAsOf"] = item.as_of
    if item.account is not None:
        a = item.account
        data["available"] = a.available
        data["account"] = {
            "amountOriginal": a.original,
            "amountNet": a.net,
            "amountAuthorized": a.authorized,
            "amountFloor": a.floor,
            "amountAvailable": a.available,
        }
    if item.points is not None and item.points.money:  # a loyalty money account: money, like a card's
        p = item.points
        data["loyaltyAccount"] = "money"
        data["available"] = p.value
        data["pending"] = money_of(p.pending, item)
        data["expiringSoon"] = money_of(p.expiring_soon, item)
        data["expiringDate"] = p.expiring_date
    elif item.points is not None:
        p = item.points
        data["loyaltyAccount"] = "points"
        data["points"] = p.balance
        data["pointsPending"] = p.pending
        data["pointsExpiringSoon"] = p.expiring_soon
        data["pointsExpiringDate"] = p.expiring_date
        data["pointValue"] = p.point_value
        data["pointsValue"] = p.value
    if item.next_reward is not None:
        r = item.next_reward
        data["nextReward"] = {
            "threshold": r.threshold,
            "pointsToGo": r.points_to_go,
            "rewardValue": r.reward_value,
            "close": r.close,
        }
    if item.kind is Kind.COUPON:
        data["singleUse"] = item.single_use
        data["usesLeft"] = item.uses_left
        data["offer"] = (
            {
                "description": item.offer.description,
                "discountType": item.offer.discount_type,
                "value": item.offer.value,
            }
            if item.offer
            else None
        )
    return data


def customer_json(c: Customer) -> dict[str, Any]:
    """A customer, with card numbers masked."""
    return {
        "customerId": c.customer_id,
        "firstName": c.first_name,
        "lastName": c.last_name,
        "phone": c.phone,
        "email": c.email,
        "country": c.country,
        "groups": list(c.groups),
        "blocked": c.blocked,
        "consents": [
            {"type": k.type, "granted": k.granted, "version": k.version, "time": k.time} for k in c.consents
        ],
        "cards": [mask_number(card) for card in c.cards],
        "created": c.created,
    }


def operation_json(result: OperationResult) -> dict[str, Any]:
    """An operation's outcome: ``state``, ``operationId`` and what it did (§9)."""
    return {
        "state": result.state.value,
        "operationId": result.operation_id,
        "type": result.type.value,
        "provisional": result.provisional,
        "transactionId": result.transaction_id,
        "amount": result.amount,
        "points": result.points,
        "authCode": result.auth_code,
        "authExpires": result.auth_expires,
        "created": result.created,
        "instrument": instrument_json(result.instrument) if result.instrument else None,
        "rewards": [instrument_json(r) for r in result.rewards],
        "customer": customer_json(result.customer) if result.customer else None,
        "reversible": result.reversible,
        # a merge or a balance transfer: the card it started from, after the move
        "source": instrument_json(result.source) if result.source else None,
    }


def refused_json(code: str, message: str, operation_id: str | None = None, **extra: Any) -> dict[str, Any]:
    """The JSON of an operation that did not happen: ``state: refused`` with ``error.code``."""
    return {
        "state": OperationState.REFUSED.value,
        "operationId": operation_id,
        "error": {"code": code, "message": message},
        **extra,
    }


def series_json(s: Series) -> dict[str, Any]:
    return {
        "seriesNumber": s.series_number,
        "kind": s.kind.value,
        "description": s.description,
        "prefix": s.prefix,
        "length": s.length,
        "checkDigit": s.check_digit.value,
        "currency": s.currency,
        "issueMode": s.issue_mode.value,
        "amountMode": s.amount_mode.value,
        "fixedAmount": s.fixed_amount,
        "minAmount": s.min_amount,
        "maxAmount": s.max_amount,
        "issuableHere": s.issuable_here,
        "acceptableHere": s.acceptable_here,
        "offlinePolicy": {
            "operations": sorted(s.offline_policy.operations),
            "maxAmountPerOperation": s.offline_policy.max_amount_per_operation,
            "maxPointsPerOperation": s.offline_policy.max_points_per_operation,
        },
        "limits": (
            {
                "maxLoad": s.limits.max_load,
                "maxBalance": s.limits.max_balance,
                "approvalThreshold": s.limits.approval_threshold,
            }
            if s.limits is not None
            else None
        ),
    }


def transaction_json(t: Transaction) -> dict[str, Any]:
    return {
        "transactionId": t.transaction_id,
        "operationId": t.operation_id,
        "type": t.type,
        "amount": t.amount,
        "points": t.points,
        "balanceAfter": t.balance_after,
        "pointsAfter": t.points_after,
        "authCode": t.auth_code,
        "created": t.created,
        "merchantId": t.merchant_id,
        "store": t.store,
        "pos": t.pos,
        "reference": shown_reference(t.type, t.reference),
        "reversible": t.reversible,
        "approvedBy": t.approved_by,
    }


def quote_json(q: PointsQuote) -> dict[str, Any]:
    return {
        "points": q.points,
        "breakdown": [{"rule": r, "description": d, "points": p} for r, d, p in q.breakdown],
        "balanceAfter": q.balance_after,
        "nextReward": (
            {
                "threshold": q.next_reward.threshold,
                "pointsToGo": q.next_reward.points_to_go,
                "rewardValue": q.next_reward.reward_value,
                "close": q.next_reward.close,
            }
            if q.next_reward
            else None
        ),
    }


def report_json(r: DayReport) -> dict[str, Any]:
    return {
        "date": r.date,
        "terminalId": r.terminal_id,
        "currency": r.currency,
        "lines": [
            {
                "kind": line.kind,
                "type": line.type,
                "reverses": line.reverses,
                "count": line.count,
                "amount": line.amount,
                "points": line.points,
            }
            for line in r.lines
        ],
        "totals": {
            "count": r.count,
            "amountIn": r.amount_in,
            "amountOut": r.amount_out,
            "pointsEarned": r.points_earned,
            "pointsSpent": r.points_spent,
            "pointsReturned": r.points_returned,
        },
    }


# -- human text ------------------------------------------------------------------------------------


def _utc(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")


def _money(amount: Decimal | None, currency: str, locale: str) -> str:
    return "-" if amount is None else format_money(amount, currency, locale)


def instrument_text(item: Instrument, locale: str) -> str:
    """A few lines a cashier reads at a glance."""
    label = kind_name(item.kind)
    lines = [f"{label} {mask_number(item.number)} ({item.series_number}): {status_name(item.status)}"]
    if item.as_of is not None:
        lines.append(
            _("Last known state, as of {time} (the server cannot be reached)").format(
                time=item.as_of.astimezone().strftime("%Y-%m-%d %H:%M")
            )
        )
    if item.block_reason:
        lines.append(_("Blocked: {reason}").format(reason=item.block_reason))
    if item.account is not None:
        a = item.account
        lines.append(
            _("Available {available} (balance {net}, held {held})").format(
                available=_money(a.available, item.currency, locale),
                net=_money(a.net, item.currency, locale),
                held=_money(a.authorized, item.currency, locale),
            )
        )
    if item.points is not None and item.points.money:
        p = item.points
        lines.append(
            _("Loyalty balance {amount} ({pending} pending)").format(
                amount=_money(p.value, item.currency, locale),
                pending=_money(money_of(p.pending, item), item.currency, locale),
            )
        )
        if p.expiring_soon:
            lines.append(
                _("{amount} expires on {date}").format(
                    amount=_money(money_of(p.expiring_soon, item), item.currency, locale),
                    date=p.expiring_date,
                )
            )
    elif item.points is not None:
        p = item.points
        lines.append(
            _("{points} points worth {value} ({pending} pending)").format(
                points=p.balance, value=_money(p.value, item.currency, locale), pending=p.pending
            )
        )
        if p.balance < 0:  # a returned sale whose reward was already used (docs/API.md)
            lines.append(
                _("The card owes {points} points: no spending until later purchases pay them back.").format(
                    points=-p.balance
                )
            )
        if p.expiring_soon:
            lines.append(
                _("{points} points expire on {date}").format(points=p.expiring_soon, date=p.expiring_date)
            )
    if item.next_reward is not None:
        r = item.next_reward
        lines.append(
            _("{to_go} points to a {value} reward").format(
                to_go=r.points_to_go, value=_money(r.reward_value, item.currency, locale)
            )
        )
    if item.offer is not None:
        lines.append(_("Offer: {offer}").format(offer=item.offer.description))
        if item.uses_left is not None:
            lines.append(_("Uses left: {n}").format(n=item.uses_left))
    if item.expiry_date:
        lines.append(_("Valid until {date}").format(date=item.expiry_date))
    if item.customer:
        name = " ".join(n for n in (item.customer.first_name, item.customer.last_name) if n)
        lines.append(_("Customer: {name} ({id})").format(name=name, id=item.customer.customer_id))
    if not item.acceptable_here:
        lines.append(_("Not accepted at this store."))
    return "\n".join(lines)


_STATE_WORDS = {
    OperationState.APPLIED: N_("Applied"),
    OperationState.QUEUED: N_("QUEUED offline (provisional): it will be sent when the server is back"),
    OperationState.REFUSED: N_("Refused"),
}


def operation_text(result: OperationResult, locale: str, currency: str) -> str:
    """What happened, the money or points moved, and the operation id to quote later."""
    item = result.instrument
    cur = item.currency if item else currency
    head = f"{_(_STATE_WORDS[result.state])}: {operation_name(result.type)}"
    if result.amount is not None:
        head += f" {_money(result.amount, cur, locale)}"
    if result.points is not None:
        head += " " + _("{n} points").format(n=result.points)
    if item is not None:
        head += f" · {kind_name(item.kind)} {mask_number(item.number)}"
    lines = [head]
    if result.auth_code:
        until = ""
        if result.auth_expires:
            until = " " + _("(until {time})").format(time=_utc(result.auth_expires))
        lines.append(_("Authorisation {code}").format(code=result.auth_code) + until)
    if item is not None and result.state is OperationState.APPLIED:
        if item.account is not None:
            lines.append(
                _("Available now {amount}").format(amount=_money(item.account.available, cur, locale))
            )
        if item.points is not None and item.points.money:
            lines.append(_("Loyalty balance {amount}").format(amount=_money(item.points.value, cur, locale)))
        elif item.points is not None:
            lines.append(_("Points balance {n}").format(n=item.points.balance))
        if item.kind is Kind.COUPON and item.uses_left is not None:
            lines.append(_("Uses left: {n}").format(n=item.uses_left))
    if (
        item is not None
        and item.kind is Kind.LOYALTYCARD
        and result.amount is not None
        and result.type in (OpType.SPEND, OpType.COMMIT)
    ):  # points paid for goods: the cashier takes their money value off the bill
        lines.append(_("Deduct {amount} from the bill").format(amount=_money(result.amount, cur, locale)))
    if result.source is not None:
        source = result.source
        state = status_name(source.status)
        if source.block_reason:
            state += f" ({block_reason_name(source.block_reason)})"
        lines.append(
            _("From {kind} {number}, now {state}").format(
                kind=kind_name(source.kind), number=mask_number(source.number), state=state
            )
        )
    if result.reversible is not None and result.type in (OpType.REFUND, OpType.VOID):
        lines.append(
            _("Left to reverse of that sale: {amount}").format(amount=_money(result.reversible, cur, locale))
        )
    for reward in result.rewards:
        offer = reward.offer.description if reward.offer else ""
        lines.append(_("Reward coupon {code} {offer}").format(code=mask_number(reward.number), offer=offer))
    if result.customer is not None:
        lines.append(customer_text(result.customer))
    lines.append(_("Operation {id}").format(id=result.operation_id))
    return "\n".join(lines)


def customer_text(c: Customer) -> str:
    name = " ".join(n for n in (c.first_name, c.last_name) if n) or _("(no name)")
    parts = [f"{c.customer_id}  {name}"]
    parts += [v for v in (c.phone, c.email, c.country) if v]
    if c.cards:
        parts.append(_("cards {cards}").format(cards=", ".join(mask_number(card) for card in c.cards)))
    if c.blocked:
        parts.append(_("BLOCKED"))
    yes, no = _("yes"), _("no")
    consents = [f"{k.type}={yes if k.granted else no}" for k in c.consents]
    if consents:
        parts.append(" ".join(consents))
    return "  ·  ".join(parts)


def transaction_text(t: Transaction, currency: str, locale: str) -> str:
    when = t.created.strftime("%Y-%m-%d %H:%M")
    what = _money(t.amount, currency, locale) if t.amount is not None else ""
    if t.points is not None:
        what = _("{n} pts").format(n=t.points)
    after = ""
    if t.balance_after is not None:
        after = _money(t.balance_after, currency, locale)
    elif t.points_after is not None:
        after = _("{n} pts").format(n=t.points_after)
    where = f"{t.merchant_id or ''} {t.store or ''}/{t.pos or ''}".strip()
    line = f"{when}  {operation_name(t.type):<9} {what:>14}  → {after:>14}  {where}  {t.operation_id or ''}"
    if t.reversible is not None and t.type in (OpType.COMMIT.value, OpType.LOAD.value, OpType.ISSUE.value):
        line += "  " + _("(left to reverse: {amount})").format(amount=_money(t.reversible, currency, locale))
    return line


def series_text(s: Series) -> str:
    flags = []
    if not s.acceptable_here:
        flags.append(_("not accepted here"))
    if s.issuable_here:
        flags.append(_("issuable here"))
    return (
        f"{s.series_number:<12} {s.kind.value:<12} {s.prefix:<10} {s.length:>3}  {s.currency}  "
        f"{s.description}" + (f"  ({', '.join(flags)})" if flags else "")
    )


def report_text(r: DayReport, locale: str) -> str:
    lines = [_("Day report {date} · terminal {terminal}").format(date=r.date, terminal=r.terminal_id)]
    named = [(line, day_line_name(line)) for line in sorted(r.lines, key=day_line_order)]
    width = max((len(name) for _line, name in named), default=0)  # a column as wide as the longest name
    for line, name in named:
        if line.amount is not None:
            value = _money(line.amount, r.currency, locale)
        else:
            value = "" if line.points is None else _("{n} pts").format(n=line.points)
        lines.append(f"  {name:<{width}} {line.count:>5}  {value:>14}")
    lines.append(
        _("Total {count} operations · put on cards {amount_in} · paid with cards {amount_out} (net)").format(
            count=r.count,
            amount_in=_money(r.amount_in, r.currency, locale),
            amount_out=_money(r.amount_out, r.currency, locale),
        )
    )
    lines.append(
        _("Points (net): earned {earned} · spent {spent} · returned {returned}").format(
            earned=r.points_earned, spent=r.points_spent, returned=r.points_returned
        )
    )
    return "\n".join(lines)


def join_lines(lines: Iterable[str], empty: str) -> str:
    """Lines of a listing, or ``empty`` when there are none."""
    text = "\n".join(lines)
    return text or empty
