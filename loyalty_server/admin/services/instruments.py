"""Instruments in the back office: batch pre-issue (CSV for the card printer), look-up with history,
block and unblock.

The look-up and the block reuse the POS services (one set of rules for a card's state) under a
*back-office terminal*: the loyalty group's own view, a member of every merchant group, recorded in the
ledger as terminal ``back-office`` of store 0 with the admin's name in the reference.
"""

from __future__ import annotations

import csv
import io
import random
import secrets
import uuid
from datetime import timedelta
from typing import Any

from loyalty_server.admin import audit
from loyalty_server.admin.auth import Action, AdminCtx, authorize
from loyalty_server.admin.services.common import conflict, invalid
from loyalty_server.admin.services.series import MONEY_KINDS, series_json, series_row
from loyalty_server.context import Ctx, Settings, Terminal
from loyalty_server.db import Row
from loyalty_server.errors import ApiError
from loyalty_server.money import format_minor, format_optional, parse_amount
from loyalty_server.numbers import ALPHANUMERIC, new_number
from loyalty_server.services import instruments as pos_instruments
from loyalty_server.services import reports as pos_reports
from loyalty_server.services.money_ops import insert_instrument

BACK_OFFICE_TERMINAL = "back-office"
MAX_BATCH = 10000
#: A batch may fill a series' number space up to this share: random numbers stay quick to find.
MAX_FILL = 0.5
CSV_COLUMNS = ("number", "seriesNumber", "kind", "amount", "currency", "expiryDate")


def back_office_ctx(ctx: AdminCtx) -> Ctx:
    """A POS-service context for the loyalty group as a whole (every merchant group's view)."""
    groups = tuple(
        str(r[0])
        for r in ctx.conn.execute(
            "SELECT code FROM merchant_groups WHERE loyalty_group = :loyalty_group ORDER BY code",
            {"loyalty_group": ctx.loyalty_group},
        )
    )
    terminal = Terminal(
        terminal_id=BACK_OFFICE_TERMINAL,
        loyalty_group=ctx.loyalty_group,
        merchant_id=BACK_OFFICE_TERMINAL,
        merchant_name="Back office",
        store=0,
        pos=0,
        store_name="Back office",
        store_address="",
        currency="",
        merchant_groups=groups,
    )
    return Ctx(ctx.conn, terminal, ctx.now, Settings(), operation_id=f"admin-{uuid.uuid4()}")


def _capacity(series: Row) -> int:
    free = int(series["length"]) - len(str(series["prefix"])) - (1 if series["check_digit"] == "luhn" else 0)
    base = len(ALPHANUMERIC) - 4 if series["alphanumeric"] else 10  # new_number leaves out 0, O, 1, I
    return int(base**free)


def _face_amount(series: Row, raw: str | None) -> int | None:
    """The amount printed on the batch's cards (checked against the series), if any."""
    cur = str(series["currency"])
    if series["kind"] not in MONEY_KINDS:
        if raw is not None:
            raise invalid(
                "INVALID_AMOUNT", "Only gift cards and store credit carry an amount.", field="amount"
            )
        return None
    if series["amount_mode"] == "fixed":
        fixed = int(series["fixed_amount_minor"])
        if raw is not None and parse_amount(raw, cur) != fixed:
            raise conflict(
                "AMOUNT_OUT_OF_RANGE",
                f"This series has a fixed amount of {format_minor(fixed, cur)}.",
                fixedAmount=format_minor(fixed, cur),
            )
        return fixed
    if raw is None:
        return None
    amount = parse_amount(raw, cur)
    lo, hi = series["min_amount_minor"], series["max_amount_minor"]
    if (lo is not None and amount < lo) or (hi is not None and amount > hi):
        raise conflict(
            "AMOUNT_OUT_OF_RANGE",
            "The amount is outside what this series allows.",
            minAmount=format_optional(lo, cur),
            maxAmount=format_optional(hi, cur),
        )
    return amount


def issue_batch(ctx: AdminCtx, series_number: str, count: int, amount: str | None) -> dict[str, Any]:
    """``count`` new instruments of a pre-issued series, unique numbers with their check digits.

    Gift cards, store credit and loyalty cards are made ``preissued`` (activated at the till); coupons
    are made ``active`` (valid from today for the series' validity). ``amount`` is the face value to
    print (checked against the series' amounts; fixed-amount series print theirs).
    """
    authorize(ctx, Action.CHANGE)
    series = series_row(ctx, series_number)
    if not 1 <= count <= MAX_BATCH:
        raise invalid("INVALID_COUNT", f"count: 1 to {MAX_BATCH} per batch.", field="count")
    if series["issue_mode"] != "preissued":
        raise conflict(
            "NOT_PREISSUED",
            f"Series {series_number} is printed at the till (issue mode live): it has no pre-issued cards.",
            seriesNumber=series_number,
        )
    face = _face_amount(series, amount)
    existing = ctx.conn.execute(
        "SELECT COUNT(*) FROM instruments WHERE loyalty_group = :loyalty_group AND number LIKE :number || "
        "'%'",
        {"loyalty_group": ctx.loyalty_group, "number": series["prefix"]},
    ).fetchone()[0]
    if existing + count > _capacity(series) * MAX_FILL:
        raise conflict(
            "SERIES_FULL",
            f"Series {series_number} has room for about {int(_capacity(series) * MAX_FILL) - existing} more "
            "numbers: make a series with a longer number.",
            seriesNumber=series_number,
        )
    rng = random.Random(secrets.randbits(64))
    coupon = series["kind"] == "coupon"
    expiry = None
    if coupon and series["validity_days"] is not None:
        expiry = (ctx.now.date() + timedelta(days=int(series["validity_days"]))).isoformat()
    cur = str(series["currency"])
    cards = []
    for _ in range(count):
        number = new_number(
            ctx.conn,
            ctx.loyalty_group,
            str(series["prefix"]),
            int(series["length"]),
            str(series["check_digit"]),
            bool(series["alphanumeric"]),
            rng,
        )
        instrument_id = insert_instrument(
            ctx.conn, series, number, "active" if coupon else "preissued", ctx.now_iso
        )
        if coupon:
            ctx.conn.execute(
                "UPDATE instruments SET start_date = :start_date, expiry_date = :expiry_date, uses_left = "
                ":uses_left "
                "WHERE instrument_id = :instrument_id",
                {
                    "start_date": ctx.now.date().isoformat(),
                    "expiry_date": expiry,
                    "uses_left": 1 if series["single_use"] else None,
                    "instrument_id": instrument_id,
                },
            )
        cards.append(
            {
                "instrumentId": instrument_id,
                "number": number,
                "seriesNumber": series_number,
                "kind": series["kind"],
                "amount": format_optional(face, cur),
                "currency": cur,
                "expiryDate": expiry,
            }
        )
    batch = {"batchId": f"B-{uuid.uuid4().hex[:12]}", "seriesNumber": series_number, "count": count}
    # The audit keeps the batch's ids, not its numbers: the CSV is the one place they are whole.
    audit.record(
        ctx,
        "instruments.issue",
        f"series:{series_number}",
        None,
        {
            **batch,
            "amount": format_optional(face, cur),
            "first": cards[0]["instrumentId"],
            "last": cards[-1]["instrumentId"],
        },
    )
    return {**batch, "instruments": cards}


def batch_csv(batch: dict[str, Any]) -> str:
    """The card printer's CSV of a batch: a header row, then one row per card."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    for card in batch["instruments"]:
        writer.writerow({k: "" if card.get(k) is None else card[k] for k in CSV_COLUMNS})
    return out.getvalue()


def _find(ctx: Ctx, number: str) -> Row:
    num = pos_instruments.normalise_number(number)
    row: Row | None = None
    if 0 < len(num) <= pos_instruments.MAX_NUMBER_LENGTH:
        row = ctx.conn.execute(
            pos_instruments._INSTRUMENT_SQL
            + " WHERE i.loyalty_group = :loyalty_group AND i.number = :number",
            {"loyalty_group": ctx.terminal.loyalty_group, "number": num},
        ).fetchone()
    if row is None:
        raise ApiError(404, "UNKNOWN_INSTRUMENT", "No such card or coupon in this loyalty group.", {})
    return row


def show(ctx: AdminCtx, number: str) -> dict[str, Any]:
    """An instrument by its number: its state and balances as a till sees it, its series, its history."""
    authorize(ctx, Action.READ)
    pos = back_office_ctx(ctx)
    row = _find(pos, number)
    data = pos_instruments.instrument_json(pos, row)
    data.pop("acceptableHere", None)
    return {
        "instrument": data,
        "series": series_json(series_row(ctx, str(row["series_number"]))),
        "history": pos_reports.history(pos, str(row["instrument_id"]))["transactions"],
    }


def block(ctx: AdminCtx, number: str, reason: str) -> dict[str, Any]:
    authorize(ctx, Action.BLOCK)
    pos = back_office_ctx(ctx)
    row = _find(pos, number)
    before = {"status": pos_instruments.effective_status(row, pos.today)}
    pos_instruments.block(pos, row, f"{reason} (back office: {ctx.admin.name})")
    audit.record(
        ctx,
        "instrument.block",
        f"instrument:{row['instrument_id']}",
        before,
        {"status": "blocked", "reason": reason},
    )
    return show(ctx, number)


def unblock(ctx: AdminCtx, number: str) -> dict[str, Any]:
    authorize(ctx, Action.BLOCK)
    pos = back_office_ctx(ctx)
    row = _find(pos, number)
    before = {"status": str(row["status"]), "reason": row["block_reason"]}
    pos_instruments.unblock(pos, row)
    after = pos_instruments.effective_status(pos_instruments.reload(pos, row), pos.today)
    audit.record(ctx, "instrument.unblock", f"instrument:{row['instrument_id']}", before, {"status": after})
    return show(ctx, number)
