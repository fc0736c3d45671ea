"""``loyalty-pos config pair --server URL --code CODE``: register this till with a one-time pairing code.

An admin makes the code for a store's POS in the back office (``loyalty-pos admin pos pair-code``); the
technician types it here. The server answers the POS token (and the loyalty group); the token is stored
like ``config init`` stores one (the OS keyring or a 0600 file, never shown), then the series are synced
so the till identifies cards at once. The pairing itself is :mod:`pos_client.pairing` (shared with the
technician's Server screen).

Pairing gives the terminal a new registration (a new token), so it obeys the rule of ``config init``:
refused while operations wait or a payment hold is open (checked *before* the code is used, so a refused
pairing does not burn the code).
"""

from __future__ import annotations

import argparse
from pathlib import Path

from offline_queue import OutboxError
from pos_client import config as cfg
from pos_client.api.errors import ApiError
from pos_client.cli.context import CliContext
from pos_client.cli.output import CliError, ExitCode, refused_json
from pos_client.i18n import gettext as _
from pos_client.pairing import PairingError, pair_terminal
from pos_client.terminal_identity import ReRegistrationRefused


def register_pair(actions: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    pair = actions.add_parser("pair", help="register this till with a pairing code from the back office")
    pair.add_argument("--server", required=True, metavar="URL", help="the Loyalty server's base URL")
    pair.add_argument(
        "--code", required=True, metavar="CODE", help="the one-time pairing code, e.g. ABCD-EFGH"
    )
    pair.add_argument("--data-dir", type=Path, metavar="DIR", help="where the terminal keeps its databases")
    pair.add_argument("--ca-bundle", type=Path, metavar="PEM", help="CAs to trust for the server's TLS")
    pair.add_argument("--locale", help="locale for money and dates, e.g. pl_PL")
    pair.add_argument("--json", action="store_true", default=argparse.SUPPRESS, help="JSON output")
    pair.set_defaults(handler=run_pair)


def run_pair(args: argparse.Namespace, ctx: CliContext) -> int:
    path = cfg.resolve_path(ctx.config_path)
    try:
        paired = pair_terminal(
            path,
            args.server,
            args.code,
            ca_bundle=args.ca_bundle,
            locale=args.locale,
            data_dir=args.data_dir,
        )
    except ReRegistrationRefused as exc:
        raise CliError(str(exc), ExitCode.REFUSED, refused_json("TERMINAL_BUSY", str(exc))) from exc
    except OutboxError as exc:
        raise CliError(str(exc), ExitCode.USAGE) from exc
    except PairingError as exc:
        if exc.unreachable:
            raise CliError(exc.message, ExitCode.UNAVAILABLE) from exc
        if exc.local:
            raise CliError(exc.message, ExitCode.USAGE) from exc
        raise CliError(
            _("pairing refused: {message}").format(message=exc.message),
            ExitCode.REFUSED,
            refused_json(exc.code, exc.message),
        ) from exc
    where = paired.token_where
    synced: int | None = None
    try:
        service = ctx.service()
        service.terminal()
        synced = service.sync_series().count
    except ApiError as exc:  # paired all the same: `loyalty-pos series sync` later
        ctx.out.error(
            _("warning: paired, but the series could not be synced yet: {reason}").format(reason=exc)
        )
    data = {
        "config": str(path),
        "loyaltyGroup": paired.loyalty_group,
        "terminalId": paired.terminal_id,
        "store": paired.store,
        "pos": paired.pos,
        "token": "keyring" if where == "keyring" else "file",
        "tokenFile": None if where == "keyring" else where,
        "seriesSynced": synced,
    }
    human = _("paired as store {store} POS {pos} ({group}); POS token stored in {where}").format(
        store=paired.store,
        pos=paired.pos,
        group=paired.loyalty_group,
        where=_("the OS keyring") if where == "keyring" else where,
    )
    if synced is not None:
        human += "\n" + _("{n} series synced").format(n=synced)
    ctx.out.result(data, human)
    return int(ExitCode.OK)
