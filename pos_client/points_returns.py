"""Which sales of a loyalty card goods can still be brought back from (points returns).

A return takes back what a sale earned; a sale whose points were all taken back has nothing left to
return (the server refuses with NOTHING_TO_RETURN). From the card's history (newest first) this
lists the sales that earned points with what is left of them, the returnable ones first, so the
cashier's picker never offers a sale already returned as its first choice.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from pos_client.domain import OpType, Transaction


@dataclass(frozen=True)
class SaleToReturn:
    """A sale that earned points, and how many of them a return may still take back."""

    sale: Transaction
    points_left: int

    @property
    def returnable(self) -> bool:
        """Something of the sale is left to return."""
        return self.points_left > 0


def sales_to_return(history: Iterable[Transaction]) -> list[SaleToReturn]:
    """The card's points sales from its ``history`` (newest first): returnable ones newest first,
    then the ones already returned in full (newest first)."""
    rows = list(history)
    returned: dict[str, int] = {}
    for row in rows:
        if row.type == OpType.RETURN.value and row.original_operation_id:
            original = row.original_operation_id
            returned[original] = returned.get(original, 0) + abs(row.points or 0)
    sales = [
        SaleToReturn(row, max(0, (row.points or 0) - returned.get(row.operation_id, 0)))
        for row in rows
        if row.type == OpType.EARN.value and row.operation_id
    ]
    return [s for s in sales if s.returnable] + [s for s in sales if not s.returnable]
