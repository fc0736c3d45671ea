"""``loyalty-pos series sync | list``: the local series catalogue that identifies numbers offline.

``sync`` also refreshes the terminal's offline limits (``GET /terminal``), so that a terminal synced
once can queue operations within its limits when the server is away.
"""

from __future__ import annotations

import argparse

from pos_client.cli.context import CliContext
from pos_client.cli.output import ExitCode, join_lines, series_json, series_text
from pos_client.i18n import gettext as _


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    group = sub.add_parser("series", help="the card series this terminal knows (synced from the server)")
    actions = group.add_subparsers(dest="series_action", metavar="ACTION", required=True)
    sync = actions.add_parser(
        "sync", help="fetch the series list from the server (unchanged: nothing downloaded)"
    )
    sync.add_argument("--json", action="store_true", default=argparse.SUPPRESS, help="JSON output")
    sync.set_defaults(handler=run_sync)
    listing = actions.add_parser("list", help="the series in the local catalogue (no network)")
    listing.add_argument("--json", action="store_true", default=argparse.SUPPRESS, help="JSON output")
    listing.set_defaults(handler=run_list)


def run_sync(args: argparse.Namespace, ctx: CliContext) -> int:
    service = ctx.service()
    service.terminal()
    result = service.sync_series()
    synced = ctx.core().catalogue.synced_at
    data = {"changed": result.changed, "count": result.count, "syncedAt": synced}
    if result.changed:
        human = _("{n} series synced").format(n=result.count)
    else:
        human = _("series list unchanged ({n} series)").format(n=result.count)
    ctx.out.result(data, human)
    return int(ExitCode.OK)


def run_list(args: argparse.Namespace, ctx: CliContext) -> int:
    catalogue = ctx.core().catalogue
    items = catalogue.all()
    data = {"series": [series_json(s) for s in items], "syncedAt": catalogue.synced_at}
    empty = _("no series on this terminal yet: run `loyalty-pos series sync`")
    ctx.out.result(data, join_lines((series_text(s) for s in items), empty))
    return int(ExitCode.OK)
