"""The day summary's chart beside the table (issue 14, point 9): bars of the day's money by hour, net
of voids, painted in the theme's colours, readable at 1024x768, in English and Polish."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from pos_client.domain import DayHour, DayReport, DayReportLine
from tests.fixtures.server import RunningServer
from tests.ui.test_manager_support import MANAGER, harnesses, screenshot, show
from ui.screens.manager_chart import DayChart, hour_bars
from ui.screens.manager_day import DaySummaryScreen

pytestmark = pytest.mark.ui
WAIT = 15_000  # ms; only reached when a test fails
UTC = dt.UTC


def _hour(h: int, amount_in: str, amount_out: str, count: int = 1) -> DayHour:
    return DayHour(
        dt.datetime(2026, 12, 3, h, tzinfo=UTC), count, Decimal(amount_in), Decimal(amount_out), 0, 0
    )


REPORT = DayReport(
    date=dt.date(2026, 12, 3),
    terminal_id="T-1",
    currency="PLN",
    lines=(DayReportLine("giftcard", "load", 2, Decimal("80.00"), None),),
    count=4,
    amount_in=Decimal("80.00"),
    amount_out=Decimal("25.00"),
    points_earned=0,
    points_spent=0,
    hours=(_hour(9, "50.00", "0.00", 2), _hour(12, "30.00", "25.00", 2)),
)


def _pixels_like(image: QImage, color: QColor) -> int:
    """How many pixels of ``image`` are (nearly) ``color``."""
    found = 0
    for y in range(0, image.height(), 2):
        for x in range(0, image.width(), 2):
            c = image.pixelColor(x, y)
            if (
                abs(c.red() - color.red()) + abs(c.green() - color.green()) + abs(c.blue() - color.blue())
                < 24
            ):
                found += 1
    return found


def test_hours_are_local_and_quiet_hours_are_empty_slots() -> None:
    bars = hour_bars(REPORT, dt.timezone(dt.timedelta(hours=1)))
    # 09-12 UTC in UTC+1, gaps filled, then later hours up to eight
    assert [b.label for b in bars] == [f"{h}:00" for h in range(10, 18)]
    assert [(b.amount_in, b.amount_out) for b in bars[:5]] == [
        (Decimal("50.00"), 0),
        (0, 0),
        (0, 0),
        (Decimal("30.00"), Decimal("25.00")),
        (0, 0),
    ]
    late = dataclasses.replace(REPORT, hours=(_hour(22, "1.00", "0.00"), _hour(23, "2.00", "0.00")))
    assert [b.start.hour for b in hour_bars(late, UTC)] == list(range(16, 24))  # never past the day


def test_the_chart_paints_a_bar_per_amount_in_the_themes_colours(qtbot: QtBot) -> None:
    chart = DayChart()
    qtbot.addWidget(chart)
    chart.resize(380, 300)
    chart.show()
    qtbot.waitExposed(chart)
    blank = chart.grab().toImage()
    chart.set_report(REPORT, "pl_PL")
    assert chart.has_money() and len(chart.bars()) == 8
    image = chart.grab().toImage()
    legend_in, legend_out = _pixels_like(blank, chart.inColor), _pixels_like(blank, chart.outColor)
    bars_in = _pixels_like(image, chart.inColor) - legend_in  # before the report: only the legend
    bars_out = _pixels_like(image, chart.outColor) - legend_out
    assert bars_in > 100 and bars_out > 30  # two bars of money in, one of money out
    assert bars_in > bars_out  # 80.00 in against 25.00 out
    assert "50,00 zł" in chart.accessibleDescription()

    chart.set_report(DayReport(REPORT.date, "T-1", "PLN", (), 0, Decimal(0), Decimal(0), 0, 0), "en_GB")
    assert not chart.has_money() and chart.accessibleDescription() == "No money moved on cards this day."


def _check_narrow(qtbot: QtBot, screen: DaySummaryScreen, longest: str) -> None:
    """The day tab beside the slip preview of a 1024x768 till (~680 px): the chart goes beside the
    totals, the table below it across the width; no total's label, no line's name is cut."""
    wide = screen.size()
    screen.resize(680, 580)
    qtbot.waitUntil(lambda: screen.wide is False, timeout=WAIT)
    QApplication.processEvents()
    chart, table, totals = screen.chart.geometry(), screen.table.geometry(), screen.totals_box.geometry()
    assert chart.bottom() < table.top() and chart.left() >= totals.right()
    assert chart.width() >= 220 and chart.height() >= 180
    assert totals.width() >= screen.totals_box.sizeHint().width()  # labels and values whole
    assert screen.table.columnWidth(0) >= screen.table.fontMetrics().horizontalAdvance(longest)
    image = screen.chart.grab().toImage()
    assert _pixels_like(image, screen.chart.inColor) > 20
    screen.resize(wide)
    qtbot.waitUntil(lambda: screen.wide is True, timeout=WAIT)


@pytest.fixture
def harness_factory(qtbot: QtBot, tmp_path: Path) -> Iterator[Any]:
    yield from harnesses(qtbot, tmp_path)


def test_a_voided_top_up_leaves_no_bar_and_is_its_own_line(
    qtbot: QtBot, fresh_server: RunningServer, harness_factory: Any
) -> None:
    h = harness_factory(fresh_server, MANAGER)
    service = h.core.service
    before = service.day_report()
    card = fresh_server.sample("giftcard_active", 0)
    voided = service.load(card, Decimal("50.00"))
    service.void(card, voided.operation_id)
    service.load(card, Decimal("30.00"))

    screen = show(qtbot, DaySummaryScreen(h.ctx))
    qtbot.waitUntil(lambda: screen.report is not None, timeout=WAIT)
    screen.resize(1024, 640)  # the manager's tab at 1024x768
    report = screen.report
    assert report.amount_in == before.amount_in + Decimal("30.00")  # 50 loaded and voided add nothing
    now = dt.datetime.now(UTC).astimezone()
    this_hour = [b for b in screen.chart.bars() if b.start.hour == now.hour]
    assert this_hour and this_hour[0].amount_in >= Decimal("30.00")
    assert sum(b.amount_in for b in screen.chart.bars()) == report.amount_in

    names = [screen.model.text(r, 0) for r in range(screen.model.rowCount())]
    assert "Gift card top-ups voided" in names and "Gift card top-ups" in names
    assert names.index("Gift card top-ups") < names.index("Gift card top-ups voided")
    assert not re.search(r"\b(giftcard|void|load|commit)\b", " ".join(names))  # words, not codes

    # beside the table, both readable at 1024 px: the chart is not squeezed, the names are not cut
    chart, table = screen.chart.geometry(), screen.table.geometry()
    assert chart.left() >= table.right() and chart.width() >= 300 and chart.height() >= 250
    assert screen.table.columnWidth(0) >= screen.table.fontMetrics().horizontalAdvance(
        "Gift card top-ups voided"
    )
    image = screen.chart.grab().toImage()
    assert _pixels_like(image, screen.chart.inColor) > 50
    screenshot(screen, "manager-day-summary-chart")
    screenshot(screen, "manager-day-summary-chart-dark", theme="dark")
    _check_narrow(qtbot, screen, "Gift card top-ups voided")

    h.ctx.i18n.set_language("pl")
    try:
        qtbot.waitUntil(lambda: screen.model.text(0, 0) != names[0], timeout=WAIT)
        polish = [screen.model.text(r, 0) for r in range(screen.model.rowCount())]
        assert "Anulowane doładowania kart podarunkowych" in polish
        assert screen.total_labels["returned"].text() == "Punkty zwrócone"
        assert "zł" in screen.chart.accessibleDescription() and "Paid with cards" not in (
            screen.chart.accessibleDescription()
        )
        screenshot(screen, "manager-day-summary-chart-pl")
        _check_narrow(qtbot, screen, "Anulowane doładowania kart podarunkowych")
    finally:
        h.ctx.i18n.set_language("en")
