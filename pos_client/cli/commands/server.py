"""``loyalty-pos server``: run the reference Loyalty server.

The client packages never import ``loyalty_server`` (docs/ARCHITECTURE.md#layers), so this starts it by module
path in the same Python (``python -m loyalty_server``), replacing this process.
"""

from __future__ import annotations

import argparse
import os
import sys

from pos_client.cli.context import CliContext


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "server",
        help="run the reference Loyalty server",
        add_help=False,  # the server's own parser answers --help
    )
    # Everything after ``server`` belongs to the server's own parser.
    p.set_defaults(handler=run, passes_extra_args=True, extra_args=[])


def run(args: argparse.Namespace, ctx: CliContext) -> int:
    argv = [sys.executable, "-m", "loyalty_server", *args.extra_args]
    sys.stdout.flush()
    os.execv(sys.executable, argv)
    return 0  # pragma: no cover - execv does not return
