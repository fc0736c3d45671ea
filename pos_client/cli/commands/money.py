"""``loyalty-pos giftcard …`` and ``loyalty-pos storecredit …``: the money instruments.

Every operation prints ``state`` (applied | queued | refused) and ``operationId``; a refusal exits 1
with ``error.code``, a server that cannot be reached exits 3 unless the offline policy lets the
operation wait in the queue (then ``state: queued``, exit 0). Sensitive operations (refund, void,
unissue, block, unblock, store-credit issue) need a manager: the CLI operator's own role, or
``--manager NAME`` with the PIN. ``--print`` prints the slip on the configured printer, ``--printer
URL`` on another one.

Money rules (docs/API.md, checked here before anything is sent or queued, and by the server): a refund
names the payment it gives back (``--original OPERATION_ID``; goods paid otherwise are returned as
store credit, ``storecredit issue``); a load or an activation stays within its series' limits, and
one above the series' approval threshold needs ``--manager``. A manager's approval is told to the
server (``approvedBy``). Refunds and voids say what is left to reverse of the sale (``reversible``).

``transfer NUMBER --to CARD [--reason R]`` moves a lost or damaged card's whole balance to another card
of its series and blocks it (docs/API.md, *Merging and transferring cards*): a manager decides, and
the server must be there (it never waits in the queue). ``source`` in JSON is the old card.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable

from pos_client.cli.commands.printer import add_printer_options
from pos_client.cli.context import CliContext
from pos_client.cli.output import CliError, ExitCode, operation_json, operation_text, refused_json
from pos_client.declarations import Manager, declaration
from pos_client.domain import IssueMode, Kind, OperationResult
from pos_client.i18n import gettext as _
from pos_client.personal_data import isolated_result
from pos_client.service import BLOCK_REASONS

Handler = Callable[[argparse.Namespace, CliContext], int]


def add_common(parser: argparse.ArgumentParser, *, approval: bool = False) -> None:
    """``--print``, ``--printer URL`` (and its settings), ``--json``; ``--manager``/``--pin`` when asked."""
    parser.add_argument("--print", action="store_true", help="print the slip on the configured printer")
    add_printer_options(parser)
    if approval:
        add_approval(parser)


def manager_note(op: str) -> str:
    """`` (manager)`` when a cashier may never run the declared operation ``op`` alone."""
    return " (manager)" if declaration(op).manager is Manager.ALWAYS else ""


def add_approval(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--manager", metavar="NAME", help="approving manager (sensitive or over an offline limit)"
    )
    parser.add_argument("--pin", metavar="PIN", help="the manager's PIN (better: $LOYALTY_POS_MANAGER_PIN)")


def finish(
    args: argparse.Namespace, ctx: CliContext, result: OperationResult, *, live_printed: bool = False
) -> int:
    """Print an operation's result (and its slips when asked); exit 0 (applied or queued)."""
    currency = ctx.config().terminal.currency
    shown = isolated_result(result) if ctx.config().ui.isolate_personal_data else result
    return ctx.report(
        args,
        result,
        operation_json(shown),
        operation_text(shown, ctx.locale, currency),
        live_printed=live_printed,
    )


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    for kind in (Kind.GIFTCARD, Kind.STORECREDIT):
        _register_kind(sub, kind)


def _register_kind(sub: argparse._SubParsersAction[argparse.ArgumentParser], kind: Kind) -> None:
    label = "gift card" if kind is Kind.GIFTCARD else "store credit"
    group = sub.add_parser(kind.value, help=f"{label} operations")
    actions = group.add_subparsers(dest=f"{kind.value}_action", metavar="ACTION", required=True)

    def action(name: str, help_: str, handler: Handler, *, op: str = "") -> argparse.ArgumentParser:
        """A write command for the declared operation ``op`` (default ``name``): every write takes a
        manager's approval (``--manager``); those a cashier may never run alone say so in the help."""
        p = actions.add_parser(name, help=help_ + manager_note(op or name))
        p.set_defaults(handler=handler, kind=kind)
        add_common(p, approval=True)
        return p

    if kind is Kind.GIFTCARD:
        p = action("activate", "activate (sell) a pre-issued card", run_activate)
        p.add_argument("number", metavar="NUMBER")
        p.add_argument("--amount", help="amount to load (not needed for a fixed-amount series)")
    p = action("issue", f"issue a new {label} from a series", run_issue, op=f"{kind.value}.issue")
    p.add_argument("series", metavar="SERIES", help="the series number, e.g. GC-LIVE")
    p.add_argument("--amount", help="amount to load")
    if kind is Kind.STORECREDIT:
        p.add_argument("--customer", metavar="ID", help="customer the credit belongs to")
    p = action("load", "top up", run_load)
    p.add_argument("number", metavar="NUMBER")
    p.add_argument("--amount", required=True)
    p = action("pay", "hold an amount for a payment (commit or cancel it later)", run_pay)
    p.add_argument("number", metavar="NUMBER")
    p.add_argument("--amount", required=True)
    p.add_argument("--reference", help="the sale's reference (receipt number)")
    p = action("commit", "capture a held payment", run_commit)
    p.add_argument("number", metavar="NUMBER")
    p.add_argument("auth", metavar="AUTH_CODE", help="the authorisation code the payment gave")
    p.add_argument("--amount", help="capture less than held (the rest is released)")
    p = action("cancel", "release a held payment", run_cancel)
    p.add_argument("number", metavar="NUMBER")
    p.add_argument("auth", metavar="AUTH_CODE")
    p = action("refund", "put money back on the card for a payment made with it", run_refund)
    p.add_argument("number", metavar="NUMBER")
    p.add_argument("--amount", required=True)
    p.add_argument(
        "--original",
        metavar="OPERATION_ID",
        help="the payment being refunded (its pay or commit operation id, see `history`); required",
    )
    p = action("void", "reverse what is left of one earlier load, payment or refund", run_void)
    p.add_argument("number", metavar="NUMBER")
    p.add_argument("--original", metavar="OPERATION_ID", required=True)
    if kind is Kind.GIFTCARD:
        p = action("unissue", "undo an issue while no money moved", run_unissue)
        p.add_argument("number", metavar="NUMBER")
    p = action("block", "block the card", run_block)
    p.add_argument("number", metavar="NUMBER")
    p.add_argument("--reason", choices=BLOCK_REASONS, default="other", help="default: other")
    p = action("unblock", "unblock the card", run_unblock)
    p.add_argument("number", metavar="NUMBER")
    p = action(
        "transfer", "move the whole balance to another card of the series; block this one", run_transfer
    )
    p.add_argument("number", metavar="NUMBER", help="the lost or damaged card")
    p.add_argument("--to", dest="target", metavar="CARD", required=True, help="the card to keep")
    p.add_argument(
        "--reason", choices=BLOCK_REASONS, default="lost", help="why this card is blocked (default: lost)"
    )


# -- handlers -------------------------------------------------------------------------------------


def run_activate(args: argparse.Namespace, ctx: CliContext) -> int:
    amount = ctx.prepared_amount(args.amount, number=args.number)
    with ctx.approved(args) as approval:
        result = ctx.service().activate(args.number, amount, kind=args.kind, approval=approval)
    return finish(args, ctx, result)


def run_issue(args: argparse.Namespace, ctx: CliContext) -> int:
    amount = ctx.prepared_amount(args.amount, series_number=args.series)
    with ctx.approved(args) as approval:
        result = ctx.service().issue(
            args.series, amount, customer_id=getattr(args, "customer", None), approval=approval
        )
    series = ctx.core().catalogue.get(args.series)
    live = series is not None and series.issue_mode is IssueMode.LIVE
    # The one place a whole number leaves the CLI: a new card's number, which the host POS prints as
    # the card itself (docs/ARCHITECTURE.md#security). Human output stays masked; the slip (--print) carries
    # it.
    whole = {"number": result.instrument.number} if result.instrument else {}
    currency = ctx.config().terminal.currency
    return ctx.report(
        args,
        result,
        {**operation_json(result), **whole},
        operation_text(result, ctx.locale, currency),
        live_printed=live,
    )


def run_load(args: argparse.Namespace, ctx: CliContext) -> int:
    amount = ctx.prepared_amount(args.amount, number=args.number)
    assert amount is not None  # --amount is required
    with ctx.approved(args) as approval:
        result = ctx.service().load(args.number, amount, kind=args.kind, approval=approval)
    return finish(args, ctx, result)


def run_pay(args: argparse.Namespace, ctx: CliContext) -> int:
    amount = ctx.prepared_amount(args.amount, number=args.number)
    assert amount is not None
    with ctx.approved(args) as approval:
        result = ctx.service().pay(
            args.number, amount, reference=args.reference, kind=args.kind, approval=approval
        )
    return finish(args, ctx, result)


def run_commit(args: argparse.Namespace, ctx: CliContext) -> int:
    amount = ctx.prepared_amount(args.amount, number=args.number)
    with ctx.approved(args) as approval:
        result = ctx.service().commit(args.number, args.auth, amount, kind=args.kind, approval=approval)
    return finish(args, ctx, result)


def run_cancel(args: argparse.Namespace, ctx: CliContext) -> int:
    ctx.catalogue_ready()
    with ctx.approved(args) as approval:
        result = ctx.service().cancel(args.number, args.auth, kind=args.kind, approval=approval)
    return finish(args, ctx, result)


def refund_needs_original(args: argparse.Namespace) -> None:
    """A refund names the payment it gives back, checked before anything else (no network).

    Raises:
        CliError: no ``--original`` (exit 2), with the way out for goods paid otherwise.
    """
    if getattr(args, "original", None) and str(args.original).strip():
        return
    message = _(
        "a refund must name the payment it gives back: --original OPERATION_ID (the pay or commit"
        " operation id, see `loyalty-pos history NUMBER`). Goods paid for otherwise are returned"
        " as store credit: `loyalty-pos storecredit issue SERIES --amount AMOUNT`"
    )
    raise CliError(message, ExitCode.USAGE, refused_json("ORIGINAL_OPERATION_REQUIRED", message))


def run_refund(args: argparse.Namespace, ctx: CliContext) -> int:
    refund_needs_original(args)
    amount = ctx.prepared_amount(args.amount, number=args.number)
    assert amount is not None
    with ctx.approved(args) as approval:
        result = ctx.service().refund(
            args.number, amount, original=args.original, approval=approval, kind=args.kind
        )
    return finish(args, ctx, result)


def run_void(args: argparse.Namespace, ctx: CliContext) -> int:
    ctx.catalogue_ready()
    with ctx.approved(args) as approval:
        result = ctx.service().void(args.number, args.original, approval=approval, kind=args.kind)
    return finish(args, ctx, result)


def run_unissue(args: argparse.Namespace, ctx: CliContext) -> int:
    ctx.catalogue_ready()
    with ctx.approved(args) as approval:
        result = ctx.service().unissue(args.number, approval=approval, kind=args.kind)
    return finish(args, ctx, result)


def run_block(args: argparse.Namespace, ctx: CliContext) -> int:
    ctx.catalogue_ready()
    with ctx.approved(args) as approval:
        result = ctx.service().block(args.number, args.reason, approval=approval, kind=args.kind)
    return finish(args, ctx, result)


def run_unblock(args: argparse.Namespace, ctx: CliContext) -> int:
    ctx.catalogue_ready()
    with ctx.approved(args) as approval:
        result = ctx.service().unblock(args.number, approval=approval, kind=args.kind)
    return finish(args, ctx, result)


def run_transfer(args: argparse.Namespace, ctx: CliContext) -> int:
    """Online only (never queued: exit 3 when the server cannot be reached); ``source`` is the old card."""
    ctx.catalogue_ready()
    ctx.service().ensure_currency(number=args.number)
    with ctx.approved(args) as approval:
        result = ctx.service().transfer(
            args.number, args.target, args.reason, kind=args.kind, approval=approval
        )
    return finish(args, ctx, result)
