"""Technician: server connection test — who this terminal is for the server, round-trip time, clock
skew and a series sync (``loyalty-pos terminal`` and ``series sync`` on screen)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtWidgets import QFormLayout, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from pos_client.masking import mask_url
from ui.models.table import time_text
from ui.screens import Screen
from ui.screens.manager_widgets import (
    BusyRunner,
    bind_key,
    message_label,
    section_title,
    set_level,
    stop_waiting_button,
    touch_button,
)
from ui.screens.technician_controller import ConnectionReport, check_connection

if TYPE_CHECKING:
    from ui.context import AppContext

SKEW_WARNING_SECONDS = 30.0  # beyond this, hold expiry and offline ages are visibly off
SLOW_MS = 500.0

_FIELDS = (
    "server",
    "group",
    "terminal",
    "merchant",
    "store",
    "currency",
    "groups",
    "latency",
    "skew",
    "series",
    "checked",
)


class ServerCheckScreen(Screen):
    """Connection test to the Loyalty server."""

    title = str(QT_TRANSLATE_NOOP("screens", "Server"))
    order = 320

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.report: ConnectionReport | None = None
        self.heading = section_title(self)
        self.test_button = touch_button("", self, primary=True, name="testConnectionButton")
        self.test_button.clicked.connect(self.test_connection)
        self.message = message_label(self)
        self.form = QFormLayout()
        self.labels: dict[str, QLabel] = {}
        self.values: dict[str, QLabel] = {}
        for key in _FIELDS:
            label, value = QLabel(self), QLabel(self)
            value.setObjectName(f"server_{key}")
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            value.setWordWrap(True)
            self.labels[key], self.values[key] = label, value
            self.form.addRow(label, value)
        row = QHBoxLayout()
        row.addWidget(self.test_button)
        self.stop_waiting = stop_waiting_button(self)
        row.addWidget(self.stop_waiting)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addLayout(row)
        layout.addWidget(self.message)
        layout.addLayout(self.form)
        layout.addStretch(1)
        bind_key(self.test_button, "F5")
        self.runner = BusyRunner(ctx.tasks, [self.test_button], self.message, self, stop=self.stop_waiting)
        self.retranslate()

    def test_connection(self) -> None:
        """Run the connection test (in the background)."""
        service = self.ctx.service
        self.runner.run(
            lambda: check_connection(service),
            self._show,
            working=self.tr("Testing the connection…"),
            description="connection test",
        )

    def _show(self, report: ConnectionReport) -> None:
        self.report = report
        t = report.terminal
        v = self.values
        v["server"].setText(mask_url(report.server))
        v["group"].setText(t.loyalty_group)
        v["terminal"].setText(t.terminal_id)
        v["merchant"].setText(f"{t.merchant_name} ({t.merchant_id})")
        v["store"].setText(
            self.tr("{name}, store {store}, POS {pos}").format(name=t.store_name, store=t.store, pos=t.pos)
        )
        v["currency"].setText(t.currency)
        v["groups"].setText(", ".join(t.merchant_groups) or self.tr("none"))
        v["latency"].setText(
            self.tr("{ms:.0f} ms (first request {first:.0f} ms, with connecting)").format(
                ms=report.latency_ms, first=report.first_ms
            )
        )
        skew = report.clock_skew_seconds
        if abs(skew) < 1:
            skew_text = self.tr("in step (under 1 s)")
        elif skew > 0:
            skew_text = self.tr("the server is {s:.1f} s ahead of this till").format(s=skew)
        else:
            skew_text = self.tr("the server is {s:.1f} s behind this till").format(s=-skew)
        v["skew"].setText(skew_text)
        if report.series is not None:
            series = self.tr("{n} series; {changed}").format(
                n=report.series.count,
                changed=self.tr("updated") if report.series.changed else self.tr("already up to date"),
            )
        else:
            series = self.tr("sync failed: {reason}").format(reason=report.series_error or "")
        v["series"].setText(series)
        v["checked"].setText(time_text(report.checked, self.ctx.locale))
        problems = []
        if abs(skew) > SKEW_WARNING_SECONDS:
            problems.append(self.tr("Set this till's clock: it is far from the server's."))
        if report.latency_ms > SLOW_MS:
            problems.append(self.tr("The connection is slow."))
        if report.series is None:
            problems.append(self.tr("The card series could not be updated."))
        if problems:
            set_level(self.message, "warning", " ".join(problems))
        else:
            set_level(self.message, "success", self.tr("The server answers and knows this terminal."))

    def activated(self) -> None:
        if self.report is None:
            self._show_configured()

    def _show_configured(self) -> None:
        server = self.ctx.config.server
        self.values["server"].setText(mask_url(server.url) or self.tr("not configured"))
        self.values["group"].setText(server.loyalty_group or self.tr("not configured"))

    def retranslate(self) -> None:
        self.heading.setText(self.tr("Server connection"))
        self.test_button.setText(self.tr("Test connection"))
        self.stop_waiting.setText(self.tr("Stop waiting"))
        for key, text in (
            ("server", self.tr("Server")),
            ("group", self.tr("Loyalty group")),
            ("terminal", self.tr("Terminal")),
            ("merchant", self.tr("Merchant")),
            ("store", self.tr("Store")),
            ("currency", self.tr("Currency")),
            ("groups", self.tr("Merchant groups")),
            ("latency", self.tr("Round trip")),
            ("skew", self.tr("Clock")),
            ("series", self.tr("Card series")),
            ("checked", self.tr("Checked")),
        ):
            self.labels[key].setText(text)
        if self.report is not None:
            self._show(self.report)
        else:
            self._show_configured()


SCREENS = [ServerCheckScreen]
