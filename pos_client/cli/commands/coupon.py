"""``loyalty-pos coupon check | redeem | unredeem CODE``.

``check`` has no effect (offer, uses left; exit 1 when the coupon cannot be used now, with the reason
as ``error.code``: COUPON_USED, EXPIRED, BLOCKED, NOT_ACCEPTED_HERE). ``redeem`` uses it once;
single-use coupons are never redeemed offline by default (exit 3). ``unredeem --original OP`` gives
back the use made by that operation (manager). There is no ``coupon block``: the till's API has none
(the back office's ``admin instrument block CODE`` blocks a coupon).
"""

from __future__ import annotations

import argparse

from pos_client.cli.commands.money import add_common, finish
from pos_client.cli.context import CliContext
from pos_client.cli.output import CliError, ExitCode, instrument_json, instrument_text, refused_json
from pos_client.domain import Instrument, Status
from pos_client.i18n import gettext as _

# The till's API has no block for coupons (docs/API.md): only the back office blocks one.
COUPON_BLOCK_NOTE = (
    "A coupon cannot be blocked or unblocked from a till: the server's terminal API has no block for"
    " coupons. A back-office user blocks one with `loyalty-pos admin instrument block CODE --reason R`"
    " (and `admin instrument unblock CODE`)."
)

# Why a coupon that exists cannot be used now, as the server's codes say it.
_UNUSABLE = {
    Status.USED: ("COUPON_USED", "this coupon has been used"),
    Status.CLOSED: ("COUPON_USED", "this coupon has been used"),
    Status.EXPIRED: ("EXPIRED", "this coupon has expired"),
    Status.BLOCKED: ("BLOCKED", "this coupon is blocked"),
    Status.PREISSUED: ("NOT_ACTIVE", "this coupon is not active yet"),
}


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    group = sub.add_parser(
        "coupon",
        help="check, redeem or unredeem a coupon",
        description=COUPON_BLOCK_NOTE,
    )
    actions = group.add_subparsers(dest="coupon_action", metavar="ACTION", required=True)
    check = actions.add_parser("check", help="the offer and uses left (no effect)")
    check.add_argument("code", metavar="CODE")
    add_common(check)
    check.set_defaults(handler=run_check)
    redeem = actions.add_parser("redeem", help="use the coupon once")
    redeem.add_argument("code", metavar="CODE")
    redeem.add_argument("--reference", help="the sale's reference")
    add_common(redeem, approval=True)
    redeem.set_defaults(handler=run_redeem)
    unredeem = actions.add_parser("unredeem", help="give back the use of an earlier redeem (manager)")
    unredeem.add_argument("code", metavar="CODE")
    unredeem.add_argument("--original", metavar="OPERATION_ID", required=True, help="the redeem to undo")
    add_common(unredeem, approval=True)
    unredeem.set_defaults(handler=run_unredeem)


def _problem(item: Instrument) -> tuple[str, str] | None:
    if item.status in _UNUSABLE:
        return _UNUSABLE[item.status]
    if item.uses_left == 0:
        return _UNUSABLE[Status.USED]
    if not item.acceptable_here:
        return "NOT_ACCEPTED_HERE", "this coupon is not accepted at this store"
    return None


def run_check(args: argparse.Namespace, ctx: CliContext) -> int:
    ctx.catalogue_ready()
    item = ctx.service().coupon_check(args.code)
    problem = _problem(item)
    if problem is not None:
        code, message = problem
        data = {**instrument_json(item), **refused_json(code, _(message))}
        raise CliError(f"{_(message)} ({code})", ExitCode.REFUSED, data)
    return ctx.report(args, item, instrument_json(item), instrument_text(item, ctx.locale))


def run_redeem(args: argparse.Namespace, ctx: CliContext) -> int:
    ctx.catalogue_ready()
    with ctx.approved(args) as approval:
        result = ctx.service().coupon_redeem(args.code, reference=args.reference, approval=approval)
    return finish(args, ctx, result)


def run_unredeem(args: argparse.Namespace, ctx: CliContext) -> int:
    ctx.catalogue_ready()
    with ctx.approved(args) as approval:
        result = ctx.service().coupon_unredeem(args.code, args.original, approval=approval)
    return finish(args, ctx, result)
