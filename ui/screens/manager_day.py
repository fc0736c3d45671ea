"""Manager: the day summary of this terminal: net totals, the lines in words, and a chart of the money
by hour beside them; exported to CSV and printed on request."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP, QDate, QStandardPaths
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QDateEdit,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from pos_client.domain import DayReport
from ui.models.day_report import DayReportModel
from ui.models.table import money_text, points_text
from ui.screens import Screen
from ui.screens.manager_chart import DayChart
from ui.screens.manager_controller import ManagerController
from ui.screens.manager_export import suggested_file_name, write_day_report_csv
from ui.screens.manager_widgets import (
    BusyRunner,
    bind_key,
    message_label,
    section_title,
    set_level,
    stop_waiting_button,
    table_view,
    touch_button,
    touch_field,
)

if TYPE_CHECKING:
    from ui.context import AppContext

WIDE = 860  # px: from this width on, the chart stands beside the table (full height)
NARROW_CHART_HEIGHT = 200  # px: the chart beside the totals when the tab is narrow
QWIDGETSIZE_MAX = (1 << 24) - 1


class DaySummaryScreen(Screen):
    """Day totals for this terminal, with export to CSV."""

    title = str(QT_TRANSLATE_NOOP("screens", "Day summary"))
    order = 230

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.controller = ManagerController(ctx.service, ctx.gateway, ctx.core.audit)
        self.report: DayReport | None = None

        self.heading = section_title(self)
        self.date = touch_field(QDateEdit(self))
        self.date.setObjectName("reportDate")
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("yyyy-MM-dd")
        self.date.setDate(QDate.currentDate())
        self.show_button = touch_button("", self, primary=True, name="showReportButton")
        self.export_button = touch_button("", self, name="exportCsvButton")
        self.print_button = touch_button("", self, name="printReportButton")
        self.show_button.clicked.connect(self.load)
        self.export_button.clicked.connect(self.export_csv)
        self.print_button.clicked.connect(self.print_report)
        self.message = message_label(self)

        self.totals_box = QWidget(self)  # a widget, so the arrangement can move it
        self.totals_form = QFormLayout(self.totals_box)
        self.totals_form.setContentsMargins(0, 0, 0, 0)
        self.totals_title = section_title(self.totals_box)  # says once that every total is net
        self.totals_form.addRow(self.totals_title)
        self.total_labels: dict[str, QLabel] = {}
        self.total_values: dict[str, QLabel] = {}
        for key in ("count", "in", "out", "earned", "spent", "returned"):
            label, value = QLabel(self.totals_box), QLabel(self.totals_box)
            value.setObjectName(f"total_{key}")
            self.total_labels[key], self.total_values[key] = label, value
            self.totals_form.addRow(label, value)

        self.model = DayReportModel(ctx.locale, self)
        self.table = table_view(self, stretch_column=0)
        self.table.setObjectName("dayReportTable")
        self.table.setModel(self.model)
        self.empty = QLabel(self)
        self.empty.setObjectName("emptyState")
        self.chart = DayChart(self)

        row = QHBoxLayout()
        self.date_label = QLabel(self)
        row.addWidget(self.date_label)
        row.addWidget(self.date)
        row.addWidget(self.show_button)
        self.stop_waiting = stop_waiting_button(self)
        row.addWidget(self.stop_waiting)
        row.addStretch(1)
        row.addWidget(self.print_button)
        row.addWidget(self.export_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addLayout(row)
        layout.addWidget(self.message)
        self.body = QGridLayout()
        self.wide: bool | None = None
        self._arrange(wide=True)
        layout.addLayout(self.body, 1)

        bind_key(self.show_button, "F5")
        bind_key(self.export_button, "Ctrl+E")
        bind_key(self.print_button, "Ctrl+P")
        self.runner = BusyRunner(
            ctx.tasks,
            [self.show_button, self.export_button, self.print_button, self.date],
            self.message,
            self,
            stop=self.stop_waiting,
        )
        self.retranslate()
        self._update_buttons()

    # -- intent -----------------------------------------------------------------------------------

    def selected_date(self) -> dt.date:
        qdate = self.date.date()
        return dt.date(qdate.year(), qdate.month(), qdate.day())

    def load(self) -> None:
        """Ask the server for the chosen day's totals (in the background)."""
        day = self.selected_date()
        self.runner.run(
            lambda: self.controller.day_report(day),
            self._show,
            working=self.tr("Reading the day summary…"),
            description="day report",
        )

    def export_csv(self) -> None:
        """Ask where to save, then write the shown report as CSV (in the background)."""
        report = self.report
        if report is None:
            return
        path = self.choose_export_path(report)
        if path is None:
            return
        self.runner.run(
            lambda: write_day_report_csv(report, path),
            self._exported,
            working=self.tr("Saving…"),
            description="day report csv",
        )

    def choose_export_path(self, report: DayReport) -> Path | None:
        """The file the manager picks (None: cancelled). Tests replace this."""
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        start = str(Path(folder or Path.home()) / suggested_file_name(report))
        chosen, _filter = QFileDialog.getSaveFileName(
            self, self.tr("Export the day summary"), start, self.tr("CSV files (*.csv)")
        )
        if not chosen:
            return None
        path = Path(chosen)
        return path if path.suffix.lower() == ".csv" else path.with_suffix(".csv")

    def print_report(self) -> None:
        """Print the shown report on the terminal's printer (and the preview)."""
        if self.report is not None:
            self.ctx.printing.print_for(self.report)

    # -- display ----------------------------------------------------------------------------------

    def _show(self, report: DayReport) -> None:
        self.report = report
        locale, currency = self.ctx.locale, report.currency
        values = self.total_values
        values["count"].setText(str(report.count))
        values["in"].setText(money_text(report.amount_in, currency, locale))
        values["out"].setText(money_text(report.amount_out, currency, locale))
        values["earned"].setText(points_text(report.points_earned))
        values["spent"].setText(points_text(report.points_spent))
        values["returned"].setText(points_text(report.points_returned))
        self.model.set_report(report)
        self.chart.set_report(report, locale)
        self.table.resizeColumnsToContents()
        self.empty.setVisible(not report.lines)
        self._update_buttons()

    def _exported(self, path: Path) -> None:
        set_level(self.message, "success", self.tr("Saved to {path}").format(path=str(path)))
        self.ctx.messages.success(self.tr("Day summary exported."))
        self._update_buttons()

    def _update_buttons(self) -> None:
        has_report = self.report is not None and not self.runner.busy
        self.export_button.setEnabled(has_report)
        self.print_button.setEnabled(has_report)

    # -- arrangement ------------------------------------------------------------------------------

    def _arrange(self, *, wide: bool) -> None:
        """Wide: the totals and the table on the left, the chart beside them, full height. Narrow (the
        tab of a 1024 px till, beside the slip preview): the chart beside the totals, the table below
        across the whole width, so the lines' names are not cut."""
        if wide == self.wide:
            return
        self.wide = wide
        for widget in (self.totals_box, self.chart, self.table, self.empty):
            self.body.removeWidget(widget)
        if wide:
            self.body.addWidget(self.totals_box, 0, 0)
            self.body.addWidget(self.table, 1, 0)
            self.body.addWidget(self.empty, 2, 0)
            self.body.addWidget(self.chart, 0, 1, 3, 1)
            self.body.setColumnStretch(0, 3)
            self.body.setColumnStretch(1, 2)
            self.chart.setMaximumHeight(QWIDGETSIZE_MAX)
        else:
            self.body.addWidget(self.totals_box, 0, 0)
            self.body.addWidget(self.chart, 0, 1)
            self.body.addWidget(self.table, 1, 0, 1, 2)
            self.body.addWidget(self.empty, 2, 0, 1, 2)
            self.body.setColumnStretch(0, 0)
            self.body.setColumnStretch(1, 1)
            # as high as the totals beside it (at least readable), the rest is the table's
            self.chart.setMaximumHeight(max(self.totals_box.sizeHint().height(), NARROW_CHART_HEIGHT))
        self.body.setRowStretch(1, 1)

    def resizeEvent(self, event: QResizeEvent) -> None:
        self._arrange(wide=event.size().width() >= WIDE)
        super().resizeEvent(event)

    # -- Screen -----------------------------------------------------------------------------------

    def activated(self) -> None:
        if self.report is None:
            self.load()

    def retranslate(self) -> None:
        self.heading.setText(self.tr("Day summary"))
        self.date_label.setText(self.tr("Day"))
        self.show_button.setText(self.tr("Show"))
        self.stop_waiting.setText(self.tr("Stop waiting"))
        self.export_button.setText(self.tr("Export CSV…"))
        self.print_button.setText(self.tr("Print"))
        self.empty.setText(self.tr("No operations on this terminal that day."))
        self.totals_title.setText(self.tr("Totals, net of voids and returns"))
        for key, text in (
            ("count", self.tr("Operations")),
            ("in", self.tr("Put on cards")),
            ("out", self.tr("Paid with cards")),
            ("earned", self.tr("Points earned")),
            ("spent", self.tr("Points spent")),
            ("returned", self.tr("Points returned")),
        ):
            self.total_labels[key].setText(text)
        self.model.locale = self.ctx.locale  # money and dates follow the language
        self.model.retranslate()
        self.chart.retranslate()
        if self.report is not None:
            self._show(self.report)


SCREENS = [DaySummaryScreen]
