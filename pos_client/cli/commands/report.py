"""``loyalty-pos report day [--date YYYY-MM-DD] [--csv FILE] [--print]``: this terminal's day totals."""

from __future__ import annotations

import argparse
import csv
import datetime as dt
from pathlib import Path

from pos_client.cli.commands.money import add_common
from pos_client.cli.context import CliContext
from pos_client.cli.output import CliError, ExitCode, report_json, report_text
from pos_client.domain import DayReport
from pos_client.i18n import gettext as _


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    group = sub.add_parser("report", help="reports of this terminal")
    actions = group.add_subparsers(dest="report_action", metavar="REPORT", required=True)
    day = actions.add_parser("day", help="the day's operations and totals (default today, UTC)")
    day.add_argument("--date", help="the day, YYYY-MM-DD")
    day.add_argument("--csv", type=Path, metavar="FILE", help="also write the lines as CSV")
    add_common(day)
    day.set_defaults(handler=run_day)


def _date(text: str | None) -> dt.date | None:
    if text is None:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise CliError(f"--date {text!r}: expected YYYY-MM-DD", ExitCode.USAGE) from None


def write_csv(report: DayReport, path: Path) -> None:
    """One row per line of the report; amounts as plain decimals; ``reverses`` names what a void,
    refund or return line takes back (``load``, ``payment``...)."""
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(
            ["date", "terminal", "currency", "kind", "type", "count", "amount", "points", "reverses"]
        )
        for line in report.lines:
            writer.writerow(
                [
                    report.date.isoformat(),
                    report.terminal_id,
                    report.currency,
                    line.kind,
                    line.type,
                    line.count,
                    "" if line.amount is None else str(line.amount),
                    "" if line.points is None else line.points,
                    line.reverses or "",
                ]
            )


def run_day(args: argparse.Namespace, ctx: CliContext) -> int:
    day = _date(args.date)
    report = ctx.service().day_report(day)
    data = report_json(report)
    human = report_text(report, ctx.locale)
    if args.csv:
        try:
            write_csv(report, args.csv)
        except OSError as exc:
            raise CliError(f"{args.csv}: cannot write: {exc.strerror}", ExitCode.USAGE) from exc
        data["csv"] = str(args.csv)
        human += "\n" + _("written to {path}").format(path=args.csv)
    return ctx.report(args, report, data, human)
