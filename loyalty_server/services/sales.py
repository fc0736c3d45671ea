"""Sales: what refunds and voids may still reverse on a gift card or store credit.

A **sale** is one act that moved money on a money instrument: an activation (``issue``), a ``load``,
or a payment (a ``pay`` hold and its ``commit``: one authorisation). Each sale has ONE remaining
reversible amount (``sales.reversible_minor``). Every refund or void that names any operation of the
sale (the hold or the commit) draws on that one amount, so a 20.00 payment gives back at most 20.00
however its operations are named, and in whatever order refunds and voids come. A void reverses
what is left (after a partial refund only the rest); a refund after a void finds nothing; voiding a
refund gives its amount back to the sale. The sale id is ``{terminal id}/{operation id}`` of the
operation that opened it (the issue, the load or the pay; operation ids are unique per terminal
only); every ledger row of the sale carries it in ``transactions.sale_id``.

Every function runs inside the caller's write transaction (``BEGIN IMMEDIATE``): the check and the
draw cannot interleave with another terminal's.
"""

from __future__ import annotations

from dataclasses import dataclass

from loyalty_server.context import Ctx
from loyalty_server.db import Row

_INSERT = (
    "INSERT INTO sales (instrument_id, sale_id, type, amount_minor, reversible_minor) "
    "VALUES (:instrument_id, :sale_id, :type, :amount_minor, :reversible_minor)"
)

#: Ledger types that open a sale, and the sale type each opens.
OPENERS = {"issue": "issue", "load": "load", "pay": "payment"}


@dataclass(frozen=True)
class Sale:
    """One sale of an instrument and what is left of it to reverse (minor units)."""

    instrument_id: str
    sale_id: str
    type: str
    amount_minor: int
    reversible_minor: int
    voided_by: str | None


def _read(ctx: Ctx, instrument_id: str, sale_id: str) -> Sale | None:
    s = ctx.conn.execute(
        "SELECT * FROM sales WHERE instrument_id = :instrument_id AND sale_id = :sale_id",
        {"instrument_id": instrument_id, "sale_id": sale_id},
    ).fetchone()
    if s is None:
        return None
    return Sale(
        instrument_id,
        sale_id,
        str(s["type"]),
        int(s["amount_minor"]),
        int(s["reversible_minor"]),
        s["voided_by"],
    )


def sale_key(terminal_id: str, operation_id: str) -> str:
    """The id of the sale opened by ``operation_id`` of ``terminal_id``."""
    return f"{terminal_id}/{operation_id}"


def open_sale(ctx: Ctx, instrument_id: str, tx_type: str, amount_minor: int) -> str:
    """Open the sale of the current operation (an issue, a load or a pay); returns its id.

    A payment opens with nothing to reverse: only its commit makes money reversible.
    """
    sale_type = OPENERS[tx_type]
    reversible = 0 if sale_type == "payment" else amount_minor
    sale_id = sale_key(ctx.terminal.terminal_id, ctx.operation_id)
    ctx.conn.execute(
        _INSERT,
        {
            "instrument_id": instrument_id,
            "sale_id": sale_id,
            "type": sale_type,
            "amount_minor": reversible,
            "reversible_minor": reversible,
        },
    )
    return sale_id


def hold_of(ctx: Ctx, sale: Sale) -> Row | None:
    """The authorisation of a payment sale."""
    terminal_id, _, operation_id = sale.sale_id.partition("/")
    hold: Row | None = ctx.conn.execute(
        "SELECT * FROM authorizations WHERE instrument_id = :instrument_id AND terminal_id = :terminal_id "
        "AND operation_id = :operation_id",
        {"instrument_id": sale.instrument_id, "terminal_id": terminal_id, "operation_id": operation_id},
    ).fetchone()
    return hold


def payment_sale_id(ctx: Ctx, auth_code: str) -> str | None:
    """The sale id (the pay's operation id) of the money hold ``auth_code``."""
    hold = ctx.conn.execute(
        "SELECT terminal_id, operation_id FROM authorizations WHERE auth_code = :auth_code",
        {"auth_code": auth_code},
    ).fetchone()
    return None if hold is None else sale_key(str(hold["terminal_id"]), str(hold["operation_id"]))


def capture(ctx: Ctx, instrument_id: str, sale_id: str, amount_minor: int) -> None:
    """A commit took ``amount_minor`` for the payment ``sale_id``: that much becomes reversible."""
    _ensure(ctx, instrument_id, sale_id, "payment")
    ctx.conn.execute(
        "UPDATE sales SET amount_minor = amount_minor + :amount_minor, reversible_minor = reversible_minor "
        "+ :amount_minor "
        "WHERE instrument_id = :instrument_id AND sale_id = :sale_id",
        {"amount_minor": amount_minor, "instrument_id": instrument_id, "sale_id": sale_id},
    )


def sale_of(ctx: Ctx, original: Row) -> Sale | None:
    """The sale a ledger row belongs to (``None`` for rows of no sale: block, cancel, points...)."""
    instrument_id = str(original["instrument_id"])
    sale_id = original["sale_id"]
    tx_type = str(original["type"])
    if sale_id is None:  # a ledger row written before sales were recorded
        if tx_type in OPENERS:
            sale_id = sale_key(str(original["terminal_id"]), str(original["operation_id"]))
        elif tx_type == "commit" and original["auth_code"] is not None:
            sale_id = payment_sale_id(ctx, str(original["auth_code"]))
    if sale_id is None or (tx_type not in OPENERS and tx_type not in ("commit", "refund", "void")):
        return None
    sale_type = OPENERS.get(tx_type, "payment")
    return _ensure(ctx, instrument_id, str(sale_id), sale_type)


def _ensure(ctx: Ctx, instrument_id: str, sale_id: str, sale_type: str) -> Sale:
    """The sale, rebuilt from the ledger when an older database has none recorded for it."""
    sale = _read(ctx, instrument_id, sale_id)
    if sale is not None:
        return sale
    terminal_id, _, operation_id = sale_id.partition("/")
    ops = ctx.conn.execute(
        "SELECT operation_id, type, amount_minor FROM transactions WHERE instrument_id = :instrument_id AND ("
        "(operation_id = :operation_id AND terminal_id = :terminal_id) OR (type = 'commit' AND auth_code IN "
        "(SELECT auth_code FROM authorizations WHERE operation_id = :operation_id AND terminal_id = "
        ":terminal_id)))",
        {"instrument_id": instrument_id, "operation_id": operation_id, "terminal_id": terminal_id},
    ).fetchall()
    ids = [str(o["operation_id"]) for o in ops]
    moved = sum(int(o["amount_minor"] or 0) for o in ops if o["type"] in ("issue", "load", "commit"))
    back = ctx.conn.execute(
        "SELECT COALESCE(SUM(amount_minor), 0) FROM transactions WHERE instrument_id = :instrument_id "
        "AND type IN ('refund', 'void') AND original_operation_id IN :ids",
        {"instrument_id": instrument_id, "ids": ids},
    ).fetchone()[0]
    reversible = max(0, moved - int(back))
    ctx.conn.execute(
        _INSERT,
        {
            "instrument_id": instrument_id,
            "sale_id": sale_id,
            "type": sale_type,
            "amount_minor": moved,
            "reversible_minor": reversible,
        },
    )
    sale = _read(ctx, instrument_id, sale_id)
    assert sale is not None
    return sale


def draw(ctx: Ctx, sale: Sale, amount_minor: int) -> None:
    """A refund or a void reversed ``amount_minor`` of ``sale`` (never more than is left)."""
    assert 0 <= amount_minor <= sale.reversible_minor
    ctx.conn.execute(
        "UPDATE sales SET reversible_minor = reversible_minor - :amount_minor WHERE instrument_id = "
        ":instrument_id AND sale_id = :sale_id",
        {"amount_minor": amount_minor, "instrument_id": sale.instrument_id, "sale_id": sale.sale_id},
    )


def give_back(ctx: Ctx, sale: Sale, amount_minor: int) -> None:
    """A voided refund: its amount may be reversed again."""
    ctx.conn.execute(
        "UPDATE sales SET reversible_minor = reversible_minor + :amount_minor WHERE instrument_id = "
        ":instrument_id AND sale_id = :sale_id",
        {"amount_minor": amount_minor, "instrument_id": sale.instrument_id, "sale_id": sale.sale_id},
    )


def mark_voided(ctx: Ctx, sale: Sale) -> None:
    """The sale was voided by the current operation: a second void is ``ALREADY_REVERSED``."""
    ctx.conn.execute(
        "UPDATE sales SET voided_by = :voided_by WHERE instrument_id = :instrument_id AND sale_id = :sale_id",
        {"voided_by": ctx.operation_id, "instrument_id": sale.instrument_id, "sale_id": sale.sale_id},
    )
    ctx.conn.execute(
        "UPDATE transactions SET reversed_by = :reversed_by WHERE instrument_id = :instrument_id AND "
        "sale_id = :sale_id "
        "AND type IN ('issue', 'load', 'pay', 'commit')",
        {"reversed_by": ctx.operation_id, "instrument_id": sale.instrument_id, "sale_id": sale.sale_id},
    )


def close_all(ctx: Ctx, instrument_id: str) -> None:
    """An unissue: nothing of the card's sales is left to reverse."""
    ctx.conn.execute(
        "UPDATE sales SET reversible_minor = 0 WHERE instrument_id = :instrument_id",
        {"instrument_id": instrument_id},
    )


def reversible(ctx: Ctx, instrument_id: str, sale_id: str | None) -> int | None:
    """What is left to reverse of ``sale_id`` (``None`` when the row is of no sale)."""
    if sale_id is None:
        return None
    sale = _read(ctx, instrument_id, sale_id)
    return None if sale is None else sale.reversible_minor
