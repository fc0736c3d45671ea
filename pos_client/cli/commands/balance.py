"""``loyalty-pos balance NUMBER`` and ``loyalty-pos history NUMBER``: look a card up on the server.

``balance --json`` gives ``kind``, ``seriesNumber``, ``status``, and ``available`` + ``currency`` for
money instruments or ``points`` for loyalty cards (docs/ARCHITECTURE.md#cli). A card of a series not accepted
here is still shown (a manager may look), marked ``acceptableHere: false``. A loyalty card also lists
the products it can buy with points (``pointsProducts``: ``productCode``, ``description``, ``points``
and ``affordable`` with the points it holds now), bought with ``points redeem CARD --product CODE``.
"""

from __future__ import annotations

import argparse
from typing import Any

from pos_client.cli.commands.money import add_common
from pos_client.cli.context import CliContext
from pos_client.cli.output import (
    KIND_LABELS,
    ExitCode,
    instrument_json,
    instrument_text,
    join_lines,
    transaction_json,
    transaction_text,
)
from pos_client.domain import Instrument, Kind
from pos_client.i18n import gettext as _
from pos_client.masking import mask_number
from pos_client.personal_data import isolated_instrument


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("balance", help="state and balance of any card, coupon or loyalty card")
    p.add_argument("number", metavar="NUMBER")
    add_common(p)
    p.set_defaults(handler=run_balance)
    h = sub.add_parser("history", help="the card's transactions, newest first")
    h.add_argument("number", metavar="NUMBER")
    h.add_argument("--limit", type=int, default=50, help="at most this many (default 50)")
    h.add_argument("--json", action="store_true", default=argparse.SUPPRESS, help="JSON output")
    h.set_defaults(handler=run_history)


def run_balance(args: argparse.Namespace, ctx: CliContext) -> int:
    ctx.catalogue_ready()
    item = ctx.service().balance(args.number)
    shown = isolated_instrument(item) if ctx.config().ui.isolate_personal_data else item
    data = instrument_json(shown)
    text = instrument_text(shown, ctx.locale)
    if shown.kind is Kind.LOYALTYCARD and not (shown.points is not None and shown.points.money):
        # a money account (seed 002) is spent on anything: it has no products priced in points
        data["pointsProducts"] = points_products_json(shown)
        text += "\n" + points_products_text(shown)
    return ctx.report(args, item, data, text)


def points_products_json(item: Instrument) -> list[dict[str, Any]]:
    """The products a loyalty card can buy with points, with whether its points cover one now."""
    held = item.points.balance if item.points is not None else 0
    return [
        {
            "productCode": p.product_code,
            "description": p.description,
            "points": p.points,
            "affordable": 0 < p.points <= held,
        }
        for p in item.points_products
    ]


def points_products_text(item: Instrument) -> str:
    """The products for points, one a line (``points redeem CARD --product CODE`` buys one)."""
    if not item.points_products:
        return _("No products can be bought with points on this card.")
    lines = [_("Products for points (points redeem CARD --product CODE):")]
    lines += [
        "  "
        + _("{code}  {name}: {points} points").format(
            code=p.product_code, name=p.description, points=p.points
        )
        for p in item.points_products
    ]
    return "\n".join(lines)


def run_history(args: argparse.Namespace, ctx: CliContext) -> int:
    ctx.catalogue_ready()
    service = ctx.service()
    rows = service.history(args.number)[: max(args.limit, 0)]
    found = service.identify(args.number)  # local: the header and the currency
    series = found.series
    currency = series.currency if series else ctx.config().terminal.currency
    data = {
        "kind": series.kind.value if series else None,
        "seriesNumber": series.series_number if series else None,
        "number": mask_number(found.number),
        "currency": currency,
        "transactions": [transaction_json(t) for t in rows],
    }
    label = _(KIND_LABELS[series.kind]) if series else ""
    head = f"{label} {mask_number(found.number)} ({data['seriesNumber']})".strip()
    body = join_lines((transaction_text(t, currency, ctx.locale) for t in rows), _("no transactions"))
    ctx.out.result(data, f"{head}\n{body}")
    return int(ExitCode.OK)
