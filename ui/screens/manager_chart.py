"""The day summary's chart: money put on cards and paid with cards, hour by hour (net of voids).

A small bar chart painted with QPainter (QtCharts is not part of PySide6-Essentials). The bars come
from the report's ``hours`` (the server nets a same-day void in the hour of what it voids, so a
voided top-up leaves no bar); hours are shown in this machine's time zone, from the first hour with
operations to the last, quiet hours in between as empty slots. Colours are Qt properties the theme
sets (``qproperty-inColor`` … in ``resources/qss/*.qss``), so the chart follows light and dark.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from PySide6.QtCore import Property, QEvent, QPoint, QRect, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QHelpEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from pos_client.domain import DayReport
from ui.models.table import money_text

HOUR = dt.timedelta(hours=1)
MAX_HOURS = 24 * 2  # a UTC day seen from any zone spans at most 25 local hours; never loop far
MIN_HOURS = 8  # a quiet day still reads as a day: one busy hour is a bar, not the whole chart
MAX_BAR_WIDTH = 36  # px


@dataclass(frozen=True)
class HourBar:
    """One hour of the chart (local time), net of voids."""

    start: dt.datetime  # aware, local time
    amount_in: Decimal
    amount_out: Decimal
    count: int

    @property
    def label(self) -> str:
        """The hour as the axis shows it: ``9:00``, ``14:00``."""
        return f"{self.start.hour}:00"


def hour_bars(report: DayReport, tz: dt.tzinfo | None = None) -> tuple[HourBar, ...]:
    """The report's hours in local time (``tz``; default: this machine's), gaps filled with zeros;
    at least :data:`MIN_HOURS` of the report's day (later hours first, then earlier ones)."""
    if not report.hours:
        return ()
    by_start = {h.start.astimezone(dt.UTC): h for h in report.hours}
    first, last = min(by_start), max(by_start)
    day_start = dt.datetime.combine(report.date, dt.time(), dt.UTC)
    day_last = day_start + 23 * HOUR
    while (last - first) / HOUR + 1 < MIN_HOURS and (first > day_start or last < day_last):
        if last < day_last:
            last += HOUR
        else:
            first -= HOUR
    bars: list[HourBar] = []
    at = first
    while at <= last and len(bars) < MAX_HOURS:
        h = by_start.get(at)
        local = at.astimezone(tz)
        if h is None:
            bars.append(HourBar(local, Decimal(0), Decimal(0), 0))
        else:
            bars.append(HourBar(local, h.amount_in, h.amount_out, h.count))
        at += HOUR
    return tuple(bars)


def _scaled(value: Decimal, top: Decimal, bottom: Decimal, pixels: int) -> int:
    """Pixels from the top of the plot to ``value`` on a scale from ``top`` to ``bottom``."""
    return int(((top - value) * pixels / (top - bottom)).quantize(Decimal(1), rounding=ROUND_HALF_UP))


class DayChart(QWidget):
    """Bars of money put on cards and paid with cards per hour, with a legend and a money axis."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("dayChart")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self._bars: tuple[HourBar, ...] = ()
        self._currency = ""
        self._locale = "en_GB"
        self._colors = {
            "in": QColor("#1f6feb"),
            "out": QColor("#2e7d32"),
            "axis": QColor("#8a94a6"),
            "text": QColor("#1d2430"),
        }
        self._names = {"in": "", "out": "", "title": "", "empty": "", "ops": ""}
        self.retranslate()

    # -- theme colours (qproperty-inColor: #1f6feb; in the .qss) ------------------------------------

    def _get_in(self) -> QColor:
        return self._colors["in"]

    def _set_in(self, color: QColor) -> None:
        self._colors["in"] = QColor(color)
        self.update()

    def _get_out(self) -> QColor:
        return self._colors["out"]

    def _set_out(self, color: QColor) -> None:
        self._colors["out"] = QColor(color)
        self.update()

    def _get_axis(self) -> QColor:
        return self._colors["axis"]

    def _set_axis(self, color: QColor) -> None:
        self._colors["axis"] = QColor(color)
        self.update()

    def _get_text(self) -> QColor:
        return self._colors["text"]

    def _set_text(self, color: QColor) -> None:
        self._colors["text"] = QColor(color)
        self.update()

    inColor = Property(QColor, _get_in, _set_in)
    outColor = Property(QColor, _get_out, _set_out)
    axisColor = Property(QColor, _get_axis, _set_axis)
    textColor = Property(QColor, _get_text, _set_text)

    # -- data -------------------------------------------------------------------------------------

    def set_report(self, report: DayReport | None, locale: str) -> None:
        """Show ``report``'s hours (None: nothing), money in ``locale``."""
        self._bars = hour_bars(report) if report is not None else ()
        self._currency = report.currency if report is not None else ""
        self._locale = locale
        self._describe()
        self.update()

    def bars(self) -> tuple[HourBar, ...]:
        """What the chart shows, hour by hour."""
        return self._bars

    def has_money(self) -> bool:
        """True when some hour moved money (there is a bar to draw)."""
        return any(b.amount_in or b.amount_out for b in self._bars)

    def retranslate(self) -> None:
        self._names = {
            "title": self.tr("Money by hour"),
            "in": self.tr("Put on cards"),
            "out": self.tr("Paid with cards"),
            "empty": self.tr("No money moved on cards this day."),
            "ops": self.tr("Operations: {count}"),
        }
        self.setAccessibleName(self._names["title"])
        self._describe()
        self.update()

    def _money(self, amount: Decimal) -> str:
        return money_text(amount, self._currency, self._locale)

    def _describe(self) -> None:
        """A spoken summary for screen readers, one hour a sentence."""
        parts = [
            f"{b.start:%H}:00 {self._names['in']} {self._money(b.amount_in)}, "
            f"{self._names['out']} {self._money(b.amount_out)}"
            for b in self._bars
            if b.amount_in or b.amount_out
        ]
        self.setAccessibleDescription("; ".join(parts) or self._names["empty"])

    # -- painting ---------------------------------------------------------------------------------

    def sizeHint(self) -> QSize:
        return QSize(380, 280)

    def minimumSizeHint(self) -> QSize:
        return QSize(240, 190)

    def _legend_rows(self, width: int) -> int:
        """Lines the legend takes at ``width``: its two entries side by side, or one under the other."""
        fm = self.fontMetrics()
        both = sum(16 + fm.horizontalAdvance(self._names[key]) + 18 for key in ("in", "out"))
        return 1 if both <= width else 2

    def _layout(self) -> tuple[QRect, QRect, int]:
        """The legend's band, the plot area, and the width of the money axis' labels."""
        fm = self.fontMetrics()
        area = self.contentsRect().adjusted(8, 6, -8, -6)
        rows = 1 + self._legend_rows(area.width())
        legend = QRect(area.left(), area.top(), area.width(), fm.height() * rows + 6)
        top, bottom = self._scale()
        axis_w = max(fm.horizontalAdvance(self._money(top)), fm.horizontalAdvance(self._money(bottom))) + 8
        plot = QRect(area.left() + axis_w, legend.bottom() + fm.height() // 2 + 4, area.width() - axis_w, 0)
        plot.setBottom(area.bottom() - fm.height() - 6)
        return legend, plot, axis_w

    def _scale(self) -> tuple[Decimal, Decimal]:
        values = [v for b in self._bars for v in (b.amount_in, b.amount_out)]
        return max([Decimal(0), *values]), min([Decimal(0), *values])

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        try:
            self._paint(painter)
        finally:
            painter.end()

    def _paint(self, painter: QPainter) -> None:
        fm = self.fontMetrics()
        legend, plot, axis_w = self._layout()
        text = self._colors["text"]
        bold = QFont(self.font())
        bold.setBold(True)
        painter.setFont(bold)
        painter.setPen(text)
        title = QFontMetrics(bold).elidedText(
            self._names["title"], Qt.TextElideMode.ElideRight, legend.width()
        )
        painter.drawText(legend.left(), legend.top() + fm.ascent(), title)
        painter.setFont(self.font())
        stacked = self._legend_rows(legend.width()) == 2
        x = legend.left()
        y = legend.top() + fm.height() + 4
        for key in ("in", "out"):
            painter.fillRect(QRect(x, y + 2, 12, fm.height() - 4), self._colors[key])
            painter.setPen(text)
            painter.drawText(x + 16, y + fm.ascent(), self._names[key])
            if stacked:
                y += fm.height()
            else:
                x += 16 + fm.horizontalAdvance(self._names[key]) + 18
        if not self.has_money() or plot.height() < 20 or plot.width() < 20:
            painter.setPen(self._colors["axis"])
            painter.drawText(
                plot, Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap, self._names["empty"]
            )
            return
        top, bottom = self._scale()
        pixels = plot.height()
        zero_y = plot.top() + _scaled(Decimal(0), top, bottom, pixels)
        # money axis: the top value and zero (and the lowest when a day's reversals went below zero)
        painter.setPen(QPen(self._colors["axis"], 1))
        painter.drawLine(plot.left(), zero_y, plot.right(), zero_y)
        dotted = QPen(self._colors["axis"], 1, Qt.PenStyle.DotLine)
        for value in {top, bottom} - {Decimal(0)}:
            y = plot.top() + _scaled(value, top, bottom, pixels)
            painter.setPen(dotted)
            painter.drawLine(plot.left(), y, plot.right(), y)
        painter.setPen(text)
        for value in {top, bottom, Decimal(0)}:
            y = plot.top() + _scaled(value, top, bottom, pixels)
            label_rect = QRect(plot.left() - axis_w, y - fm.height() // 2, axis_w - 6, fm.height())
            painter.drawText(
                label_rect, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, self._money(value)
            )
        # bars: a pair per hour
        slot = plot.width() / len(self._bars)
        bar_w = min(MAX_BAR_WIDTH, max(2, int(slot * 0.38)))
        label_every = max(1, int((fm.horizontalAdvance("00:00") + 8) // slot) + 1)
        for i, bar in enumerate(self._bars):
            left = plot.left() + int(i * slot + (slot - 2 * bar_w) / 2)
            for j, (key, value) in enumerate((("in", bar.amount_in), ("out", bar.amount_out))):
                if not value:
                    continue
                y = plot.top() + _scaled(value, top, bottom, pixels)
                rect = QRect(left + j * bar_w, min(y, zero_y), bar_w - 1, max(1, abs(zero_y - y)))
                painter.fillRect(rect, self._colors[key])
            if i % label_every == 0:  # centred under its hour, kept inside the widget
                painter.setPen(text)
                width = fm.horizontalAdvance(bar.label)
                centre = plot.left() + int((i + 0.5) * slot)
                x = min(max(centre - width // 2, 0), self.width() - width - 1)
                painter.drawText(x, plot.bottom() + 4 + fm.ascent(), bar.label)

    # -- tooltips ---------------------------------------------------------------------------------

    def bar_at(self, pos: QPoint) -> HourBar | None:
        """The hour under ``pos`` (None outside the plot)."""
        _legend, plot, _axis = self._layout()
        if not self._bars or not plot.adjusted(0, 0, 0, self.fontMetrics().height() + 6).contains(pos):
            return None
        index = int((pos.x() - plot.left()) * len(self._bars) / max(plot.width(), 1))
        return self._bars[min(max(index, 0), len(self._bars) - 1)]

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            bar = self.bar_at(event.pos())
            if bar is None:
                QToolTip.hideText()
            else:
                end = bar.start + HOUR
                QToolTip.showText(
                    event.globalPos(),
                    f"{bar.start:%H:%M}–{end:%H:%M}\n"
                    f"{self._names['in']}: {self._money(bar.amount_in)}\n"
                    f"{self._names['out']}: {self._money(bar.amount_out)}\n"
                    + self._names["ops"].format(count=bar.count),
                    self,
                )
            return True
        return super().event(event)
