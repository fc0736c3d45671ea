"""Which points sales can still be returned, from a card's history (newest first)."""

from __future__ import annotations

import datetime as dt

from pos_client.domain import Transaction
from pos_client.points_returns import sales_to_return

T0 = dt.datetime(2026, 11, 25, 12, 0, tzinfo=dt.UTC)


def row(op: str, kind: str, points: int, minutes: int, original: str | None = None) -> Transaction:
    return Transaction(
        f"TX-{op}", op, kind, None, points, None, None, None, T0 + dt.timedelta(minutes=minutes),
        "M1", 1, 1, None, original_operation_id=original,
    )  # fmt: skip


def test_returned_sales_go_last_and_partly_returned_ones_keep_what_is_left() -> None:
    history = [  # newest first, as the server sends it
        row("r2", "return", 30, 5, original="e3"),
        row("e3", "earn", 30, 4),
        row("r1", "return", 5, 3, original="e2"),
        row("s1", "spend", 10, 2),
        row("e2", "earn", 20, 1),
        row("e1", "earn", 10, 0),
    ]
    sales = sales_to_return(history)
    assert [(s.sale.operation_id, s.points_left, s.returnable) for s in sales] == [
        ("e2", 15, True),
        ("e1", 10, True),
        ("e3", 0, False),
    ]


def test_no_sales_no_choices() -> None:
    assert sales_to_return([row("s1", "spend", 10, 0)]) == []
