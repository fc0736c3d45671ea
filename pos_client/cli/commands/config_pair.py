"""``loyalty-pos config pair --server URL --code CODE``: register this till with a one-time pairing code.

An admin makes the code for a store's POS in the back office (``loyalty-pos admin pos pair-code``); the
technician types it here. The server answers the POS token (and the loyalty group); the token is stored
like ``config init`` stores one (the OS keyring or a 0600 file, never shown), then the series are synced
so the till identifies cards at once.

Pairing gives the terminal a new registration (a new token), so it obeys the rule of ``config init``:
refused while operations wait or a payment hold is open (checked *before* the code is used, so a refused
pairing does not burn the code).
"""

from __future__ import annotations

import argparse
import ssl
from pathlib import Path
from typing import Any

import httpx

from pos_client import config as cfg
from pos_client.api.errors import ApiError
from pos_client.cli.context import CliContext, CliError
from pos_client.cli.output import ExitCode, refused_json
from pos_client.i18n import gettext as _
from pos_client.secrets import SecretError, store_token

TIMEOUT = httpx.Timeout(30.0, connect=5.0)


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


def _exchange(server: str, code: str, ca_bundle: Path | None) -> dict[str, Any]:
    """``POST /api/v1/pair``: the token, loyalty group, store and POS; refusals in the server's words."""
    verify: ssl.SSLContext | bool = ssl.create_default_context(cafile=str(ca_bundle)) if ca_bundle else True
    try:
        r = httpx.post(f"{server}/api/v1/pair", json={"code": code.strip()}, timeout=TIMEOUT, verify=verify)
    except (httpx.HTTPError, OSError) as exc:
        raise CliError(
            _("cannot reach the server {server}: {reason}").format(server=server, reason=exc),
            ExitCode.UNAVAILABLE,
        ) from exc
    try:
        body: dict[str, Any] = r.json()
    except ValueError:
        body = {}
    if r.status_code != 201 or not isinstance(body.get("token"), str):
        found = body.get("error")
        error: dict[str, Any] = found if isinstance(found, dict) else {}
        message = str(error.get("message") or _("the server answered {status}").format(status=r.status_code))
        code_name = str(error.get("code") or "PAIRING_REFUSED")
        raise CliError(
            _("pairing refused: {message}").format(message=message),
            ExitCode.REFUSED,
            refused_json(code_name, message),
        )
    return body


def run_pair(args: argparse.Namespace, ctx: CliContext) -> int:
    # config imports this module to register the action: its helpers are imported when pairing runs.
    from pos_client.cli.commands.config import _current, _refuse_while_waiting

    path = cfg.resolve_path(ctx.config_path)
    server = args.server.strip().rstrip("/")
    current = _current(path)
    if current is not None:
        _refuse_while_waiting(current, _("pair this terminal again (a new POS token)"))
    try:
        raw = cfg.read_raw(path)
    except cfg.ConfigError as exc:
        raise CliError(str(exc), ExitCode.USAGE) from exc
    paired = _exchange(server, args.code, args.ca_bundle)
    section = raw.setdefault("server", {})
    section["url"] = server
    section["loyalty_group"] = str(paired["loyaltyGroup"])
    if args.ca_bundle:
        section["ca_bundle"] = str(args.ca_bundle)
    if args.locale:
        raw.setdefault("terminal", {})["locale"] = args.locale
    if args.data_dir:
        raw["data_dir"] = str(args.data_dir)
    try:
        cfg.write_raw(path, raw)
        where = store_token(path, str(paired["token"]))
    except (SecretError, cfg.ConfigError) as exc:
        raise CliError(str(exc), ExitCode.USAGE) from exc
    except OSError as exc:
        raise CliError(f"{path}: cannot write: {exc.strerror}", ExitCode.USAGE) from exc
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
        "loyaltyGroup": paired["loyaltyGroup"],
        "terminalId": paired.get("terminalId"),
        "store": paired.get("store"),
        "pos": paired.get("pos"),
        "token": "keyring" if where == "keyring" else "file",
        "tokenFile": None if where == "keyring" else where,
        "seriesSynced": synced,
    }
    human = _("paired as store {store} POS {pos} ({group}); POS token stored in {where}").format(
        store=paired.get("store"),
        pos=paired.get("pos"),
        group=paired["loyaltyGroup"],
        where=_("the OS keyring") if where == "keyring" else where,
    )
    if synced is not None:
        human += "\n" + _("{n} series synced").format(n=synced)
    ctx.out.result(data, human)
    return int(ExitCode.OK)
