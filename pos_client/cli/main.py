"""Argument parsing and dispatch for ``loyalty-pos``."""

from __future__ import annotations

import argparse
import importlib
import logging
import os
import sys
import traceback
from collections.abc import Sequence
from pathlib import Path

from pos_client.cli.context import CliContext
from pos_client.cli.errors import expected_error
from pos_client.cli.output import ExitCode, Output
from pos_client.files import PRIVATE_UMASK
from pos_client.masking import MaskingFormatter

# Command groups, each a module in ``pos_client.cli.commands`` with ``register(subparsers)``.
COMMAND_MODULES = (
    "server",
    "demo",
    "config",
    "terminal",
    "series",
    "identify",
    "balance",
    "money",
    "coupon",
    "points",
    "customer",
    "queue",
    "scanner",
    "printer",
    "report",
    "audit",
    "diagnostics",
    "admin",
)

log = logging.getLogger(__name__)


class _Parser(argparse.ArgumentParser):
    """argparse that exits with our usage code (2) and a one-line message, as argparse does."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        self.exit(int(ExitCode.USAGE), f"{self.prog}: error: {message}\n")


def build_parser() -> argparse.ArgumentParser:
    """The full parser: global options and every command group that is installed."""
    parser = _Parser(prog="loyalty-pos", description="Loyalty POS terminal: app, CLI and tools.")
    parser.add_argument(
        "--config",
        type=Path,
        default=None,
        help="terminal configuration file (default: $LOYALTY_POS_CONFIG or the platform config dir)",
    )
    parser.add_argument("--json", action="store_true", help="print one JSON object on stdout")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for name in COMMAND_MODULES:
        try:
            module = importlib.import_module(f"pos_client.cli.commands.{name}")
        except ModuleNotFoundError as exc:
            if exc.name == f"pos_client.cli.commands.{name}":
                continue  # a command group not built yet
            raise
        module.register(sub)
    return parser


def masked_warnings() -> None:
    """Send the core's warnings to stderr through the masking formatter (card numbers, URL
    credentials, the token's and PINs' values hidden). Without a handler of ours, Python prints them
    raw (``logging.lastResort``). Nothing is added when the root logger already has handlers (an
    embedding program's, or pytest's)."""
    root = logging.getLogger()
    if root.handlers:
        return
    handler = logging.StreamHandler()  # stderr
    handler.setLevel(logging.WARNING)
    handler.setFormatter(MaskingFormatter("%(message)s"))
    root.addHandler(handler)


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``loyalty-pos`` console script; returns the exit code (also for usage
    errors and ``--help``, so in-process callers and tests never see ``SystemExit``)."""
    masked_warnings()
    parser = build_parser()
    try:
        args, extra = parser.parse_known_args(argv)
        if extra:
            if not getattr(args, "passes_extra_args", False):
                parser.error(f"unrecognized arguments: {' '.join(extra)}")
            args.extra_args = extra
    except SystemExit as exc:  # usage error or --help: argparse has printed it; return, don't exit
        return exc.code if isinstance(exc.code, int) else int(ExitCode.USAGE)
    out = Output(as_json=args.json)
    handler = getattr(args, "handler", None)
    if handler is None:
        parser.print_help(sys.stderr)
        return int(ExitCode.USAGE)
    ctx = CliContext(config_path=args.config, out=out)
    # Every file a command makes is private (databases, slips, manifests: docs/ARCHITECTURE.md#security);
    # restored after, for in-process callers.
    umask = os.umask(PRIVATE_UMASK)
    try:
        ctx.preflight(args)
        return int(handler(args, ctx))
    except KeyboardInterrupt:
        out.error("interrupted")
        return 130
    except Exception as exc:  # expected errors get words; a bug keeps its traceback for us
        error = expected_error(exc, ctx)
        if error is None:
            log.debug("unexpected error", exc_info=True)
            path = ctx.save_crash_report(traceback.format_exc())
            out.error(f"something went wrong; details saved in {path}")
            return 70
        if error.data is not None and out.as_json:
            out.result(error.data, error.message)
        out.error(error.message)
        return int(error.exit_code)
    finally:
        ctx.close()
        os.umask(umask)


if __name__ == "__main__":
    sys.exit(main())
