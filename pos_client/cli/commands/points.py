"""``loyalty-pos points activate | quote | earn | redeem | return | commit | cancel CARD …``: loyalty points.

``activate`` makes a pre-issued loyalty card active (linking it to a customer does it too).

A basket is ``--amount`` (the subtotal) or one ``--line CODE:QTY:PRICE[:GROUP]`` per product (e.g.
``--line SKU1:2:4.50:coffee``), with an optional ``--discount``. ``quote`` has no effect. ``earn``
may issue reward coupons (listed in ``rewards``). ``redeem --points N`` spends points at once, or
with ``--hold`` places a hold to ``commit``/``cancel``; ``redeem --amount 12.50`` pays that amount with
the points worth it (the server rounds to whole points as the series says). Every spend answers
``amount``: the money to take off the sale. ``return --original OP`` takes back the points
an earlier earn gave (all of them, or for the returned ``--amount`` / ``--line``\\ s). ``block
--reason R`` / ``unblock`` stop and restart the card (manager). ``merge --from CARD --into CARD``
moves one card's points onto the customer's other card and closes it (manager, online only).
"""

from __future__ import annotations

import argparse
from decimal import Decimal

from pos_client import money
from pos_client.cli.commands.money import add_common, finish, manager_note, run_block, run_unblock
from pos_client.cli.context import CliContext
from pos_client.cli.output import CliError, ExitCode, quote_json
from pos_client.domain import BasketLine, Kind
from pos_client.i18n import gettext as _
from pos_client.service import BLOCK_REASONS


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    group = sub.add_parser(
        "points", help="loyalty points: activate, quote, earn, redeem, return, block, merge"
    )
    actions = group.add_subparsers(dest="points_action", metavar="ACTION", required=True)

    activate = actions.add_parser("activate", help="activate a pre-issued loyalty card")
    activate.add_argument("card", metavar="CARD")
    add_common(activate)
    activate.set_defaults(handler=run_activate)

    quote = actions.add_parser("quote", help="what a basket would earn (no effect)")
    _basket_options(quote)
    quote.add_argument("--json", action="store_true", default=argparse.SUPPRESS, help="JSON output")
    quote.set_defaults(handler=run_quote)

    earn = actions.add_parser("earn", help="earn points for a basket")
    _basket_options(earn)
    earn.add_argument("--reference", help="the sale's reference")
    add_common(earn, approval=True)
    earn.set_defaults(handler=run_earn)

    redeem = actions.add_parser("redeem", help="spend points (or hold them with --hold), or buy a product")
    redeem.add_argument("card", metavar="CARD")
    spend = redeem.add_mutually_exclusive_group(required=True)
    spend.add_argument("--points", metavar="N")
    spend.add_argument("--product", metavar="CODE", help="buy a product priced in points (see `balance`)")
    spend.add_argument("--amount", help="pay this amount of the sale with the points worth it")
    redeem.add_argument("--quantity", type=int, default=1, metavar="N", help="with --product (default 1)")
    redeem.add_argument("--hold", action="store_true", help="hold the points; commit or cancel later")
    redeem.add_argument("--reference", help="the sale's reference")
    add_common(redeem, approval=True)
    redeem.set_defaults(handler=run_redeem)

    ret = actions.add_parser("return", help="take back the points an earlier earn gave")
    ret.add_argument("card", metavar="CARD")
    ret.add_argument("--original", metavar="OPERATION_ID", required=True, help="the earn being returned")
    ret.add_argument("--amount", help="the returned part of the basket (default: all of it)")
    ret.add_argument("--line", action="append", default=[], metavar="CODE:QTY:PRICE[:GROUP]")
    add_common(ret, approval=True)
    ret.set_defaults(handler=run_return)

    commit = actions.add_parser("commit", help="spend held points")
    commit.add_argument("card", metavar="CARD")
    commit.add_argument("auth", metavar="AUTH_CODE")
    add_common(commit, approval=True)
    commit.set_defaults(handler=run_commit)

    cancel = actions.add_parser("cancel", help="release held points")
    cancel.add_argument("card", metavar="CARD")
    cancel.add_argument("auth", metavar="AUTH_CODE")
    add_common(cancel, approval=True)
    cancel.set_defaults(handler=run_cancel)

    # The same handlers as the money cards' block/unblock, for a loyalty card.
    block = actions.add_parser("block", help="block the loyalty card (manager)")
    block.add_argument("number", metavar="CARD")
    block.add_argument("--reason", choices=BLOCK_REASONS, default="other", help="default: other")
    add_common(block, approval=True)
    block.set_defaults(handler=run_block, kind=Kind.LOYALTYCARD)
    unblock = actions.add_parser("unblock", help="unblock the loyalty card (manager)")
    unblock.add_argument("number", metavar="CARD")
    add_common(unblock, approval=True)
    unblock.set_defaults(handler=run_unblock, kind=Kind.LOYALTYCARD)

    merge = actions.add_parser(
        "merge",
        help="merge two loyalty cards of one customer: points, pending points and their dates move, "
        "the --from card is closed" + manager_note("points.merge"),
    )
    merge.add_argument("--from", dest="source", metavar="CARD", required=True, help="the card to close")
    merge.add_argument("--into", dest="target", metavar="CARD", required=True, help="the card to keep")
    add_common(merge, approval=True)
    merge.set_defaults(handler=run_merge)


def _basket_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("card", metavar="CARD")
    parser.add_argument("--amount", help="the basket's subtotal")
    parser.add_argument(
        "--line",
        action="append",
        default=[],
        metavar="CODE:QTY:PRICE[:GROUP]",
        help="one product line (repeat)",
    )
    parser.add_argument("--discount", help="basket discount, subtracted before earning")
    parser.add_argument("--sales-mode", help="the sale's mode, e.g. takeaway")


def parse_line(text: str, currency: str, locale: str) -> BasketLine:
    """``CODE:QTY:PRICE[:GROUP]`` as a :class:`BasketLine`.

    Raises:
        CliError: malformed (exit 2).
    """
    parts = text.split(":")
    if len(parts) not in (3, 4) or not parts[0].strip():
        raise CliError(
            f"--line {text!r}: expected CODE:QTY:PRICE[:GROUP], e.g. SKU1:2:4.50:coffee", ExitCode.USAGE
        )
    code, qty, price = (p.strip() for p in parts[:3])
    if not qty.isdigit() or int(qty) <= 0:
        raise CliError(f"--line {text!r}: the quantity must be a whole number above zero", ExitCode.USAGE)
    try:
        unit_price = money.parse_amount(price, currency, locale, allow_zero=True)
    except money.MoneyError as exc:
        raise CliError(f"--line {text!r}: {exc}", ExitCode.USAGE) from exc
    group = parts[3].strip() if len(parts) == 4 and parts[3].strip() else None
    return BasketLine(product_code=code, group=group, quantity=int(qty), unit_price=unit_price)


def _basket(
    args: argparse.Namespace, ctx: CliContext
) -> tuple[Decimal | None, tuple[BasketLine, ...], Decimal | None]:
    amount = ctx.prepared_amount(args.amount, number=args.card)
    discount = ctx.amount(getattr(args, "discount", None), number=args.card, option="--discount")
    currency = ctx.currency_of(args.card)
    lines = tuple(parse_line(text, currency, ctx.locale) for text in args.line)
    return amount, lines, discount


def _need_basket(amount: Decimal | None, lines: tuple[BasketLine, ...]) -> None:
    if amount is None and not lines:
        raise CliError(
            _("give the basket: --amount SUBTOTAL or --line CODE:QTY:PRICE[:GROUP]"), ExitCode.USAGE
        )


def run_quote(args: argparse.Namespace, ctx: CliContext) -> int:
    amount, lines, discount = _basket(args, ctx)
    _need_basket(amount, lines)
    q = ctx.service().points_quote(
        args.card, amount=amount, lines=lines, discount=discount, sales_mode=args.sales_mode
    )
    human = [_("{n} points; balance after {after}").format(n=q.points, after=q.balance_after)]
    human += [f"  {points:>5}  {description}" for _rule, description, points in q.breakdown]
    if q.next_reward is not None:
        human.append(_("{n} points to the next reward").format(n=q.next_reward.points_to_go))
    ctx.out.result(quote_json(q), "\n".join(human))
    return int(ExitCode.OK)


def run_earn(args: argparse.Namespace, ctx: CliContext) -> int:
    amount, lines, discount = _basket(args, ctx)
    _need_basket(amount, lines)
    with ctx.approved(args) as approval:
        result = ctx.service().points_earn(
            args.card,
            amount=amount,
            lines=lines,
            discount=discount,
            sales_mode=args.sales_mode,
            reference=args.reference,
            approval=approval,
        )
    return finish(args, ctx, result)


def _points(text: str) -> int:
    try:
        return money.parse_points(text)
    except money.MoneyError as exc:
        raise CliError(f"--points: {exc}", ExitCode.USAGE) from exc


def run_redeem(args: argparse.Namespace, ctx: CliContext) -> int:
    if args.product is not None:
        if args.hold:
            raise CliError("--hold goes with --points, not with --product", ExitCode.USAGE)
        if args.quantity < 1:
            raise CliError("--quantity: must be 1 or more", ExitCode.USAGE)
        ctx.catalogue_ready()
        with ctx.approved(args) as approval:
            result = ctx.service().points_buy(
                args.card, args.product, args.quantity, reference=args.reference, approval=approval
            )
        return finish(args, ctx, result)
    if args.amount is not None:
        if args.hold:
            raise CliError("--hold goes with --points, not with --amount", ExitCode.USAGE)
        amount = ctx.prepared_amount(args.amount, number=args.card)
        if amount is None:  # pragma: no cover - argparse gave a value
            raise CliError("--amount: give the amount to pay with points", ExitCode.USAGE)
        with ctx.approved(args) as approval:
            result = ctx.service().points_pay_amount(
                args.card, amount, reference=args.reference, approval=approval
            )
        return finish(args, ctx, result)
    points = _points(args.points)
    ctx.catalogue_ready()
    with ctx.approved(args) as approval:
        result = ctx.service().points_redeem(
            args.card, points, reference=args.reference, hold=args.hold, approval=approval
        )
    return finish(args, ctx, result)


def run_return(args: argparse.Namespace, ctx: CliContext) -> int:
    amount = ctx.prepared_amount(args.amount, number=args.card)
    lines = tuple(parse_line(text, ctx.currency_of(args.card), ctx.locale) for text in args.line)
    with ctx.approved(args) as approval:
        result = ctx.service().points_return(
            args.card, args.original, amount=amount, lines=lines, approval=approval
        )
    return finish(args, ctx, result)


def run_activate(args: argparse.Namespace, ctx: CliContext) -> int:
    ctx.catalogue_ready()
    return finish(args, ctx, ctx.service().points_activate(args.card))


def run_commit(args: argparse.Namespace, ctx: CliContext) -> int:
    ctx.catalogue_ready()
    with ctx.approved(args) as approval:
        result = ctx.service().commit(args.card, args.auth, kind=Kind.LOYALTYCARD, approval=approval)
    return finish(args, ctx, result)


def run_cancel(args: argparse.Namespace, ctx: CliContext) -> int:
    ctx.catalogue_ready()
    with ctx.approved(args) as approval:
        result = ctx.service().cancel(args.card, args.auth, kind=Kind.LOYALTYCARD, approval=approval)
    return finish(args, ctx, result)


def run_merge(args: argparse.Namespace, ctx: CliContext) -> int:
    """Online only (never queued: exit 3 when the server cannot be reached); ``source`` is the closed card."""
    ctx.catalogue_ready()
    with ctx.approved(args) as approval:
        result = ctx.service().points_merge(args.source, args.target, approval=approval)
    return finish(args, ctx, result)
