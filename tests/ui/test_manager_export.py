"""The day summary's CSV export (plain Python): rows, totals, exact decimals, atomic write."""

from __future__ import annotations

import csv
import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest

from pos_client.domain import DayReport, DayReportLine
from ui.screens.manager_export import (
    HEADER,
    day_report_csv,
    suggested_file_name,
    write_day_report_csv,
)

REPORT = DayReport(
    date=dt.date(2026, 11, 30),
    terminal_id="T-0001",
    currency="PLN",
    lines=(
        DayReportLine("giftcard", "load", 2, Decimal("150.00"), None),
        DayReportLine("giftcard", "pay", 1, Decimal("19.99"), None),
        DayReportLine("loyaltycard", "earn", 3, None, 420),
    ),
    count=6,
    amount_in=Decimal("150.00"),
    amount_out=Decimal("19.99"),
    points_earned=420,
    points_spent=0,
)


def read(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_lines_and_totals_are_written_exactly(tmp_path: Path) -> None:
    path = write_day_report_csv(REPORT, tmp_path / "day.csv")
    rows = read(path)
    assert list(rows[0]) == list(HEADER)
    lines = [r for r in rows if r["kind"] != "total"]
    assert [(r["kind"], r["type"], r["count"], r["amount"], r["points"]) for r in lines] == [
        ("giftcard", "load", "2", "150.00", ""),
        ("giftcard", "pay", "1", "19.99", ""),
        ("loyaltycard", "earn", "3", "", "420"),
    ]
    totals = {r["type"]: r for r in rows if r["kind"] == "total"}
    assert totals["operations"]["count"] == "6"
    assert Decimal(totals["amount_in"]["amount"]) == Decimal("150.00")
    assert Decimal(totals["amount_out"]["amount"]) == Decimal("19.99")
    assert totals["points_earned"]["points"] == "420"
    assert totals["points_spent"]["points"] == "0"
    assert {r["date"] for r in rows} == {"2026-11-30"} and {r["terminal"] for r in rows} == {"T-0001"}
    assert not (tmp_path / "day.csv.part").exists()


def test_amounts_never_use_exponent_notation() -> None:
    report = DayReport(
        REPORT.date, "T", "PLN", (DayReportLine("giftcard", "load", 1, Decimal("1E+2"), None),),
        1, Decimal("1E+2"), Decimal("0"), 0, 0,
    )  # fmt: skip
    text = day_report_csv(report)
    assert ",100," in text and "E+" not in text
    assert text.endswith("\r\n")


def test_an_unwritable_place_raises_oserror(tmp_path: Path) -> None:
    with pytest.raises(OSError):
        write_day_report_csv(REPORT, tmp_path / "no-such-folder" / "day.csv")


def test_suggested_name_is_a_safe_file_name() -> None:
    odd = DayReport(REPORT.date, "T/01 x", "PLN", (), 0, Decimal(0), Decimal(0), 0, 0)
    assert suggested_file_name(odd) == "day-report-2026-11-30-T_01_x.csv"


def test_a_void_is_its_own_row_saying_what_it_reverses_and_totals_are_net(tmp_path: Path) -> None:
    report = DayReport(
        REPORT.date,
        "T-0001",
        "PLN",
        (
            DayReportLine("giftcard", "load", 1, Decimal("50.00"), None),
            DayReportLine("giftcard", "void", 1, Decimal("50.00"), None, "load"),
            DayReportLine("loyaltycard", "return", 1, None, 80, "earn"),
        ),
        3,
        Decimal("0.00"),  # the server nets the void: 50 loaded and voided put nothing on cards
        Decimal("0.00"),
        0,
        0,
        points_returned=80,
    )
    rows = read(write_day_report_csv(report, tmp_path / "day.csv"))
    void = next(r for r in rows if r["type"] == "void")
    assert (void["reverses"], void["amount"], void["description"]) == (
        "load",
        "50.00",
        "Gift card top-ups voided",
    )
    assert next(r for r in rows if r["type"] == "load")["reverses"] == ""
    totals = {r["type"]: r for r in rows if r["kind"] == "total"}
    assert totals["amount_in"]["amount"] == "0.00" and totals["points_returned"]["points"] == "80"
