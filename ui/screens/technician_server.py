"""Technician: server connection test — who this terminal is for the server, round-trip time, clock
skew and a series sync (``loyalty-pos terminal`` and ``series sync`` on screen) — and pairing the till
with a one-time code from the back office (``loyalty-pos config pair`` on screen).

After pairing, the app asks to be started again: its client, outbox and series catalogue were built
once, for the registration it started with, and swapping the token under them while the app runs
(a replay in flight, the status monitor polling) could send work as the wrong terminal. The new
token and server are stored at once; the next start uses them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtWidgets import QFormLayout, QHBoxLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from pos_client.config import resolve_path
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
from ui.screens.technician_controller import ConnectionReport, PairOutcome, check_connection, pair_till

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
        layout.addLayout(self._pairing_section())
        layout.addStretch(1)
        bind_key(self.test_button, "F5")
        self.runner = BusyRunner(ctx.tasks, [self.test_button], self.message, self, stop=self.stop_waiting)
        self.pair_runner = BusyRunner(
            ctx.tasks, [self.pair_button, self.pair_server, self.pair_code], self.pair_message, self
        )
        self.retranslate()

    def _pairing_section(self) -> QVBoxLayout:
        self.pair_heading = section_title(self)
        self.pair_server = QLineEdit(self)
        self.pair_server.setObjectName("pairServer")
        self.pair_code = QLineEdit(self)
        self.pair_code.setObjectName("pairCode")
        self.pair_code.setMaxLength(32)
        self.pair_code.returnPressed.connect(self.pair)
        self.pair_button = touch_button("", self, name="pairButton")
        self.pair_button.clicked.connect(self.pair)
        self.pair_message = message_label(self)
        self.pair_message.setObjectName("pairMessage")
        self.pair_form = QFormLayout()
        self.pair_server_label, self.pair_code_label = QLabel(self), QLabel(self)
        self.pair_form.addRow(self.pair_server_label, self.pair_server)
        code_row = QHBoxLayout()  # the code and its button on one row: the screen fits 1024x768
        code_row.addWidget(self.pair_code, 1)
        code_row.addWidget(self.pair_button)
        self.pair_form.addRow(self.pair_code_label, code_row)
        section = QVBoxLayout()
        section.addWidget(self.pair_heading)
        section.addLayout(self.pair_form)
        section.addWidget(self.pair_message)
        return section

    def pair(self) -> None:
        """Pair this till with the typed server and code (in the background)."""
        server, code = self.pair_server.text().strip(), self.pair_code.text().strip()
        if not server or not code:
            set_level(self.pair_message, "warning", self.tr("Type the server address and the pairing code."))
            return
        path = resolve_path(self.ctx.config.path)
        self.pair_runner.run(
            lambda: pair_till(path, server, code),
            self._paired,
            working=self.tr("Pairing…"),
            description="pairing",
        )

    def _paired(self, outcome: PairOutcome) -> None:
        paired = outcome.paired
        if paired is not None:
            self.pair_code.clear()
            set_level(
                self.pair_message,
                "warning",
                self.tr(
                    "Paired as store {store}, POS {pos} ({group}); the new POS token is stored. "
                    "Close the app and start it again to work as this till."
                ).format(store=paired.store, pos=paired.pos, group=paired.loyalty_group),
            )
            return
        set_level(self.pair_message, "error", self._pairing_refusal(outcome))

    def _pairing_refusal(self, outcome: PairOutcome) -> str:
        error, detail = outcome.error, outcome.detail
        if error == "PAIRING_CODE_INVALID":
            return self.tr("This pairing code is wrong. Check it and type it again.")
        if error in ("PAIRING_CODE_EXPIRED", "PAIRING_CODE_USED"):
            return self.tr(
                "This pairing code has expired or was already used. Ask the back office for a new one."
            )
        if error == "TOO_MANY_ATTEMPTS":
            return self.tr("Too many wrong codes from this till. Wait a few minutes, then try again.")
        if error == "UNREACHABLE":
            return self.tr("The server cannot be reached at this address. Check the address and the network.")
        if error == "TERMINAL_BUSY":
            return self.tr(
                "Not paired: work waits under this till's current registration ({waiting}). Send it first "
                "(Offline queue: Send now), let a manager resolve refused operations, finish an open "
                "payment; then pair again. The code is still valid."
            ).format(waiting=detail)
        if error in ("CONFIG", "OUTBOX"):
            return self.tr("Not paired: this till's settings could not be read or saved ({reason}).").format(
                reason=detail
            )
        return self.tr("The server refused the pairing: {reason}").format(reason=detail)

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
        if not self.pair_server.text():
            self.pair_server.setText(server.url)

    def retranslate(self) -> None:
        self.heading.setText(self.tr("Server connection"))
        self.test_button.setText(self.tr("Test connection"))
        self.stop_waiting.setText(self.tr("Stop waiting"))
        self.pair_heading.setText(self.tr("Pair this till"))
        self.pair_server_label.setText(self.tr("Server address"))
        self.pair_code_label.setText(self.tr("Pairing code"))
        self.pair_code.setPlaceholderText(self.tr("from the back office, e.g. ABCD-EFGH"))
        self.pair_button.setText(self.tr("Pair"))
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
