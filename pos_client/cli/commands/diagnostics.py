"""``loyalty-pos diagnostics export FILE``: the diagnostics zip a technician hands to support.

The same bundle as the app's technician screen (one implementation: :mod:`pos_client.diagnostics`):
versions, the configuration (secrets masked), the tail of the app's log file (masked), the offline
queue's status and open operations (card numbers masked) and this terminal's identity when the server
answers. ``FILE`` may be a folder: the bundle gets its usual name there. Nothing in it is secret: card
numbers, the token, PINs and URL credentials are masked in every file.
"""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path
from typing import Any

from pos_client import diagnostics
from pos_client.api.errors import ApiError
from pos_client.cli.context import CliContext
from pos_client.cli.output import CliError, ExitCode
from pos_client.i18n import gettext as _


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    group = sub.add_parser("diagnostics", help="the diagnostics bundle for support (masked)")
    actions = group.add_subparsers(dest="diagnostics_action", metavar="ACTION", required=True)
    p = actions.add_parser("export", help="write the diagnostics zip (the app's technician screen's)")
    p.add_argument("file", metavar="FILE", type=Path, help="the zip to write, or a folder to write it in")
    p.add_argument("--json", action="store_true", default=argparse.SUPPRESS, help="JSON output")
    p.set_defaults(handler=run_export)


def _terminal(ctx: CliContext) -> dict[str, Any]:
    """Who this terminal is for the server, or why that is not known (offline is no failure here)."""
    try:
        t = ctx.service().terminal()
    except ApiError as exc:
        return {"error": exc.message}
    return {
        "terminalId": t.terminal_id,
        "merchant": t.merchant_id,
        "store": t.store,
        "pos": t.pos,
        "loyaltyGroup": t.loyalty_group,
    }


def run_export(args: argparse.Namespace, ctx: CliContext) -> int:
    now = dt.datetime.now(dt.UTC)
    path: Path = args.file
    if path.is_dir():
        path = path / diagnostics.bundle_name(now)
    core = ctx.core()  # the configuration must be readable: the bundle is about this terminal
    operator = core.service.operator
    extra = {
        "operator": {"id": operator.operator_id, "role": operator.role.value, "frontEnd": "cli"},
        "terminal": _terminal(ctx),
    }
    contents = diagnostics.collect_bundle(
        config_path=ctx.config().path, gateway=core.gateway, extra=extra, now=now
    )
    try:
        members = diagnostics.write_bundle(path, contents)
    except OSError as exc:
        raise CliError(
            _("cannot write {path}: {reason}").format(path=path, reason=exc.strerror or exc), ExitCode.USAGE
        ) from exc
    data = {"file": str(path), "members": members, "created": now.isoformat(timespec="seconds")}
    human = _("Saved to {path}. Card numbers, tokens and PINs are masked in it.").format(path=path)
    ctx.out.result(data, human)
    return int(ExitCode.OK)
