"""``loyalty-pos customer find | show | create | edit | consent | link | block …``.

``customer show ID --history`` adds every consent answer ever recorded (when, by which terminal and
merchant, granted or withdrawn, which version of the text); the customer's own ``consents`` are the
current answers, the latest of each type.

Customers are found by exactly one of ``--phone``, ``--email`` or ``--card`` (exact match after the
server's normalisation). Enrolling and editing may wait in the offline queue; blocking never does
and needs a manager. Card numbers are masked in every output; with ``[ui] isolate_personal_data``
names are initials and phone numbers and e-mail addresses masked, as on the app's screens.
"""

from __future__ import annotations

import argparse
from typing import Any

from pos_client.cli.commands.money import add_approval, finish
from pos_client.cli.context import CliContext
from pos_client.cli.output import CliError, ExitCode, customer_json, customer_text, join_lines
from pos_client.domain import Consent
from pos_client.i18n import gettext as _
from pos_client.personal_data import isolated_customer

CONSENT_TYPES = ("marketing_sms", "marketing_email", "profiling", "terms")


def _json_flag(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", default=argparse.SUPPRESS, help="JSON output")


def _fields(parser: argparse.ArgumentParser, *, phone_required: bool = False) -> None:
    parser.add_argument("--phone", required=phone_required, help="phone number with country code")
    parser.add_argument("--email")
    parser.add_argument("--first-name")
    parser.add_argument("--last-name")
    parser.add_argument("--country", help="ISO country code, e.g. PL")


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    group = sub.add_parser("customer", help="find, enrol and edit customers; consents; block")
    actions = group.add_subparsers(dest="customer_action", metavar="ACTION", required=True)

    find = actions.add_parser("find", help="customers by phone, e-mail or card number")
    by = find.add_mutually_exclusive_group(required=True)
    by.add_argument("--phone")
    by.add_argument("--email")
    by.add_argument("--card", metavar="NUMBER")
    _json_flag(find)
    find.set_defaults(handler=run_find)

    show = actions.add_parser("show", help="one customer by id")
    show.add_argument("customer_id", metavar="ID")
    show.add_argument(
        "--history", action="store_true", help="also every consent answer: when, which terminal, what answer"
    )
    _json_flag(show)
    show.set_defaults(handler=run_show)

    create = actions.add_parser("create", help="enrol a customer")
    _fields(create, phone_required=True)
    create.add_argument("--card", metavar="NUMBER", help="loyalty card to link")
    _json_flag(create)
    add_approval(create)
    create.set_defaults(handler=run_create)

    edit = actions.add_parser("edit", help="change a customer's details")
    edit.add_argument("customer_id", metavar="ID")
    _fields(edit)
    _json_flag(edit)
    add_approval(edit)
    edit.set_defaults(handler=run_edit)

    consent = actions.add_parser("consent", help="record a consent given or withdrawn")
    consent.add_argument("customer_id", metavar="ID")
    consent.add_argument("--type", required=True, choices=CONSENT_TYPES)
    yes_no = consent.add_mutually_exclusive_group(required=True)
    yes_no.add_argument("--granted", dest="granted", action="store_true")
    yes_no.add_argument("--withdrawn", dest="granted", action="store_false")
    consent.add_argument("--version", required=True, help="version of the consent text, e.g. 2024-01")
    _json_flag(consent)
    add_approval(consent)
    consent.set_defaults(handler=run_consent)

    link = actions.add_parser("link", help="link a loyalty card to a customer")
    link.add_argument("customer_id", metavar="ID")
    link.add_argument("--card", metavar="NUMBER", required=True)
    _json_flag(link)
    add_approval(link)
    link.set_defaults(handler=run_link)

    block = actions.add_parser("block", help="block a customer (manager)")
    block.add_argument("customer_id", metavar="ID")
    block.add_argument("--reason", default="other", help="why (default: other)")
    _json_flag(block)
    add_approval(block)
    block.set_defaults(handler=run_block)


def _answer_json(k: Consent) -> dict[str, Any]:
    return {
        "type": k.type,
        "granted": k.granted,
        "version": k.version,
        "time": k.time,
        "terminalId": k.terminal_id,
        "merchantId": k.merchant_id,
    }


def _answer_text(k: Consent) -> str:
    when = k.time.strftime("%Y-%m-%d %H:%M UTC") if k.time else "?"
    answer = _("granted") if k.granted else _("withdrawn")
    who = (
        f"{k.terminal_id} ({k.merchant_id})" if k.terminal_id else _("recorded before the terminal was kept")
    )
    return f"  {when}  {k.type}  {answer}  {_('version')} {k.version}  {who}"


def run_find(args: argparse.Namespace, ctx: CliContext) -> int:
    if args.card:
        ctx.catalogue_ready()
    found = ctx.service().customer_find(phone=args.phone, email=args.email, card=args.card)
    if ctx.config().ui.isolate_personal_data:  # as the app's screens and the slips show them
        found = tuple(isolated_customer(c) for c in found)
    data = {"customers": [customer_json(c) for c in found]}
    ctx.out.result(data, join_lines((customer_text(c) for c in found), _("no customer found")))
    return int(ExitCode.OK)


def run_show(args: argparse.Namespace, ctx: CliContext) -> int:
    found = ctx.service().customer_get(args.customer_id)
    if ctx.config().ui.isolate_personal_data:
        found = isolated_customer(found)
    if not args.history:
        ctx.out.result(customer_json(found), customer_text(found))
        return int(ExitCode.OK)
    history = ctx.service().customer_consent_history(args.customer_id)
    data = {**customer_json(found), "consentHistory": [_answer_json(k) for k in history]}
    lines = [customer_text(found), _("Consent history (oldest first):")]
    lines += [_answer_text(k) for k in history] or [_("no consent recorded")]
    ctx.out.result(data, "\n".join(lines))
    return int(ExitCode.OK)


def run_create(args: argparse.Namespace, ctx: CliContext) -> int:
    if args.card:
        ctx.catalogue_ready()
    with ctx.approved(args) as approval:
        result = ctx.service().customer_create(
            args.phone,
            first_name=args.first_name,
            last_name=args.last_name,
            email=args.email,
            country=args.country,
            card_number=args.card,
            approval=approval,
        )
    return finish(args, ctx, result)


def run_edit(args: argparse.Namespace, ctx: CliContext) -> int:
    fields = {
        "first_name": args.first_name,
        "last_name": args.last_name,
        "email": args.email,
        "country": args.country,
        "phone": args.phone,
    }
    if not any(fields.values()):
        raise CliError(
            _("nothing to change: give --phone, --email, --first-name, --last-name or --country"),
            ExitCode.USAGE,
        )
    with ctx.approved(args) as approval:
        result = ctx.service().customer_edit(args.customer_id, **fields, approval=approval)
    return finish(args, ctx, result)


def run_consent(args: argparse.Namespace, ctx: CliContext) -> int:
    with ctx.approved(args) as approval:
        result = ctx.service().customer_consent(
            args.customer_id, args.type, args.granted, args.version, approval=approval
        )
    return finish(args, ctx, result)


def run_link(args: argparse.Namespace, ctx: CliContext) -> int:
    ctx.catalogue_ready()
    with ctx.approved(args) as approval:
        result = ctx.service().customer_link_card(args.customer_id, args.card, approval=approval)
    return finish(args, ctx, result)


def run_block(args: argparse.Namespace, ctx: CliContext) -> int:
    with ctx.approved(args) as approval:
        result = ctx.service().customer_block(args.customer_id, args.reason, approval=approval)
    return finish(args, ctx, result)
