"""Write requests rendered from their declarations: the path and the camelCase body on the wire.

The service names an operation (``pos_client.declarations``) and gives its values by the names the
declaration uses (``original``, ``approved_by``, ``amount`` as a ``Decimal``); this module turns them
into the request docs/API.md describes. No other code builds a write's path or body.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from pos_client import money
from pos_client.api.client import KIND_PATHS, segment
from pos_client.declarations import Declaration, Shape
from pos_client.domain import BasketLine, Kind

# The collection that issues new instruments from a series, per kind.
SERIES_PATHS: dict[Kind, str] = {Kind.GIFTCARD: "giftCardSeries", Kind.STORECREDIT: "storeCreditSeries"}


@dataclass(frozen=True)
class Request:
    """One write request: the path under the loyalty group and the JSON body."""

    path: str
    body: dict[str, Any]


def render(
    decl: Declaration,
    *,
    kind: Kind | None = None,
    currency: str | None = None,
    number: str = "",
    series: str = "",
    auth_code: str = "",
    instrument_id: str = "",
    customer_id: str = "",
    values: Mapping[str, Any] | None = None,
) -> Request:
    """The request of ``decl`` for these values (None values are left out of the body).

    Args:
        decl: the operation's declaration.
        kind: the instrument kind (operations on instruments).
        currency: the series' currency, for money fields and basket prices.
        number, series, auth_code, instrument_id, customer_id: the path's placeholders.
        values: the body's values by the declaration's field names.

    Raises:
        KeyError: a value the declaration has no field for.
    """
    path = decl.path.format(
        kind=KIND_PATHS[kind] if kind is not None else "",
        series_collection=SERIES_PATHS.get(kind, "") if kind is not None else "",
        number=segment(number),
        series=segment(series),
        auth_code=segment(auth_code),
        instrument_id=segment(instrument_id),
        customer_id=segment(customer_id),
    )
    body: dict[str, Any] = {}
    for name, value in (values or {}).items():
        field = decl.field(name)
        if value is None:
            continue
        body[field.wire] = _wire(field.shape, value, currency)
    return Request(path, body)


def _wire(shape: Shape, value: Any, currency: str | None) -> Any:
    if shape is Shape.MONEY:
        return str(money.quantize(value, _currency(currency)))
    if shape is Shape.LINES:
        return _lines(value, _currency(currency))
    if shape is Shape.CONSENTS:
        return [{"type": t, "granted": g, "version": v} for t, g, v in value]
    return value


def _currency(currency: str | None) -> str:
    if not currency:
        raise ValueError("a money field needs the series' currency")
    return currency


def _lines(lines: Sequence[BasketLine], currency: str) -> list[dict[str, Any]]:
    return [
        {
            k: v
            for k, v in (
                ("productCode", line.product_code),
                ("group", line.group),
                ("quantity", line.quantity),
                ("unitPrice", str(money.quantize(line.unit_price, currency))),
            )
            if v is not None
        }
        for line in lines
    ]
