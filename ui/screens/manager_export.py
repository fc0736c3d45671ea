"""The day summary as CSV, in plain Python (the screen only asks where to save it).

One table a spreadsheet opens as it is: one row per line of the report (kind, operation type and,
for a void, refund or return, what it ``reverses``: a voided top-up is ``giftcard,void,...,load``),
then the totals as rows whose ``kind`` is ``total``. The totals are net: a top-up voided the same day
adds nothing to ``amount_in`` (the server nets reversals). ``description`` names each line in the
app's language ("Gift card top-ups voided"). Amounts are plain decimal strings with a dot
(``150.00``), never floats and never locale-formatted, so any tool reads them back exactly; points
are integers. The file is UTF-8 with a BOM-free header row and ``\\r\\n`` line ends (RFC 4180).
"""

from __future__ import annotations

import csv
import io
import os
from decimal import Decimal
from pathlib import Path

from pos_client.day_words import day_line_name
from pos_client.domain import DayReport

HEADER = (
    "date",
    "terminal",
    "currency",
    "kind",
    "type",
    "count",
    "amount",
    "points",
    "reverses",
    "description",
)
TOTAL_KIND = "total"


def _amount(value: Decimal | None) -> str:
    return "" if value is None else f"{value:f}"


def _points(value: int | None) -> str:
    return "" if value is None else str(value)


def day_report_rows(report: DayReport) -> list[tuple[str, ...]]:
    """The CSV rows (header first) of ``report``."""
    head = (report.date.isoformat(), report.terminal_id, report.currency)
    rows: list[tuple[str, ...]] = [HEADER]
    for line in report.lines:
        rows.append(
            (
                *head,
                line.kind,
                line.type,
                str(line.count),
                _amount(line.amount),
                _points(line.points),
                line.reverses or "",
                day_line_name(line),
            )
        )
    rows += [
        (*head, TOTAL_KIND, name, count, amount, points, "", "")
        for name, count, amount, points in (
            ("operations", str(report.count), "", ""),
            ("amount_in", "", _amount(report.amount_in), ""),
            ("amount_out", "", _amount(report.amount_out), ""),
            ("points_earned", "", "", _points(report.points_earned)),
            ("points_spent", "", "", _points(report.points_spent)),
            ("points_returned", "", "", _points(report.points_returned)),
        )
    ]
    return rows


def day_report_csv(report: DayReport) -> str:
    """``report`` as CSV text."""
    buffer = io.StringIO(newline="")
    csv.writer(buffer, lineterminator="\r\n").writerows(day_report_rows(report))
    return buffer.getvalue()


def write_day_report_csv(report: DayReport, path: Path) -> Path:
    """Write ``report`` as CSV to ``path`` (atomically: a half-written file never replaces a good one).

    Raises:
        OSError: the file cannot be written (no such folder, no permission, disk full).
    """
    tmp = path.with_name(path.name + ".part")
    with tmp.open("w", encoding="utf-8", newline="") as handle:
        handle.write(day_report_csv(report))
        handle.flush()
        os.fsync(handle.fileno())
    tmp.replace(path)
    return path


def suggested_file_name(report: DayReport) -> str:
    """``day-report-2026-11-30-T-0001.csv``."""
    terminal = "".join(c if c.isalnum() or c in "-_" else "_" for c in report.terminal_id)
    return f"day-report-{report.date.isoformat()}-{terminal}.csv"
