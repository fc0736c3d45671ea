"""Manager: the offline queue — what waits, since when, what needs attention, and retry / park."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP, QItemSelection
from PySide6.QtWidgets import QHBoxLayout, QLabel, QMessageBox, QVBoxLayout, QWidget

from pos_client.offline import QueueStatus
from pos_client.queue_view import QueueRow
from ui.errors import refusal_words
from ui.models.queue import QueueModel
from ui.models.table import age_text, money_text
from ui.screens import Screen
from ui.screens.manager_controller import ManagerController, QueueSnapshot
from ui.screens.manager_widgets import (
    BusyRunner,
    bind_key,
    message_label,
    section_title,
    set_level,
    stop_waiting_button,
    table_view,
    touch_button,
)

if TYPE_CHECKING:
    from ui.context import AppContext


class OfflineQueueScreen(Screen):
    """The offline queue with the manager's decisions on refused or stuck operations."""

    title = str(QT_TRANSLATE_NOOP("screens", "Offline queue"))
    order = 210

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.controller = ManagerController(ctx.service, ctx.gateway, ctx.core.audit)
        self.snapshot: QueueSnapshot | None = None

        self.heading = section_title(self)
        self.status = QLabel(self)
        self.status.setObjectName("queueStatus")
        self.status.setWordWrap(True)
        self.message = message_label(self)
        self.model = QueueModel(ctx.config.terminal.currency, ctx.locale, self)
        self.table = table_view(self, stretch_column=6)
        self.table.setObjectName("queueTable")
        self.table.setModel(self.model)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.detail = QLabel(self)
        self.detail.setObjectName("queueDetail")
        self.detail.setWordWrap(True)
        self.empty = QLabel(self)
        self.empty.setObjectName("emptyState")

        self.refresh_button = touch_button("", self, name="refreshButton")
        self.send_button = touch_button("", self, name="sendNowButton")
        self.retry_button = touch_button("", self, primary=True, name="retryButton")
        self.park_button = touch_button("", self, name="parkButton")
        self.ack_button = touch_button("", self, name="acknowledgeButton")
        self.refresh_button.clicked.connect(self.refresh)
        self.send_button.clicked.connect(self.send_now)
        self.retry_button.clicked.connect(self.retry_selected)
        self.park_button.clicked.connect(self.park_selected)
        self.ack_button.clicked.connect(self.acknowledge_selected)

        buttons = QHBoxLayout()
        for button in (
            self.retry_button,
            self.park_button,
            self.ack_button,
            self.send_button,
            self.refresh_button,
        ):
            buttons.addWidget(button)
        self.stop_waiting = stop_waiting_button(self)
        buttons.addWidget(self.stop_waiting)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.status)
        layout.addWidget(self.message)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty)
        layout.addWidget(self.detail)
        layout.addLayout(buttons)

        bind_key(self.refresh_button, "F5")
        bind_key(self.send_button, "F6")
        bind_key(self.retry_button, "Ctrl+R")
        bind_key(self.park_button, "Ctrl+K")
        bind_key(self.ack_button, "Ctrl+D")
        self.runner = BusyRunner(
            ctx.tasks,
            [self.refresh_button, self.send_button, self.retry_button, self.park_button, self.ack_button],
            self.message,
            self,
            stop=self.stop_waiting,
        )
        ctx.monitor.status_changed.connect(self._status_changed)
        self.retranslate()
        self._update_buttons()

    # -- intent -----------------------------------------------------------------------------------

    def refresh(self) -> None:
        """Read the queue again (in the background)."""
        self.runner.run(
            self.controller.queue_snapshot,
            self._show,
            working=self.tr("Reading the queue…"),
            description="queue",
        )

    def send_now(self) -> None:
        """Try to deliver what waits, now."""
        self.runner.run(
            self.controller.send_now,
            lambda snapshot: self._done(snapshot, self.tr("Sent what could be sent.")),
            working=self.tr("Sending to the server…"),
            description="queue flush",
        )

    def selected(self) -> QueueRow | None:
        """The selected row, if any."""
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()) if rows else None

    def retry_selected(self) -> None:
        """Send the selected refused or parked operation again (after a confirmation)."""
        row = self.selected()
        if row is None or not row.can_retry:
            return
        question = self.tr(
            "Send this operation to the server again? If it was refused, it goes out as a new request."
        )
        if not self.confirm(self.tr("Send again"), question):
            return
        self.runner.run(
            lambda: self.controller.retry(row.operation_id),
            lambda snapshot: self._done(snapshot, self.tr("The operation was put back in the queue.")),
            working=self.tr("Sending again…"),
            description="queue retry",
        )

    def park_selected(self) -> None:
        """Take the selected operation out of delivery (kept; after a confirmation)."""
        row = self.selected()
        if row is None or not row.can_park:
            return
        question = self.tr(
            "Park this operation? It will not be sent, it stays on record, and later operations of the "
            "same card can go ahead."
        )
        if not self.confirm(self.tr("Park"), question):
            return
        self.runner.run(
            lambda: self.controller.park(row.operation_id),
            lambda snapshot: self._done(snapshot, self.tr("The operation was parked.")),
            working=self.tr("Parking…"),
            description="queue park",
        )

    def acknowledge_selected(self) -> None:
        """Mark the selected operation (applied after all) as dealt with."""
        row = self.selected()
        if row is None or not row.applied_after_all:
            return
        question = self.tr(
            "Have you dealt with this operation (checked with the customer, or reversed it)? It leaves "
            "the list; the record stays."
        )
        if not self.confirm(self.tr("Dealt with"), question):
            return
        self.runner.run(
            lambda: self.controller.acknowledge(row.operation_id),
            lambda snapshot: self._done(snapshot, self.tr("Marked as dealt with.")),
            working=self.tr("Saving…"),
            description="queue acknowledge",
        )

    def confirm(self, title: str, question: str) -> bool:
        """Ask the manager to confirm a decision (tests replace this)."""
        answer = QMessageBox.question(self, title, question)
        return answer == QMessageBox.StandardButton.Yes

    # -- display ----------------------------------------------------------------------------------

    def _done(self, snapshot: QueueSnapshot, text: str) -> None:
        self._show(snapshot)
        set_level(self.message, "success", text)

    def _show(self, snapshot: QueueSnapshot) -> None:
        selected = self.selected()
        self.snapshot = snapshot
        self.model.set_rows(snapshot.rows)
        self._show_status(snapshot.status)
        self.empty.setVisible(not snapshot.rows)
        if selected is not None:
            for i, row in enumerate(snapshot.rows):
                if row.operation_id == selected.operation_id:
                    self.table.selectRow(i)
        self._update_buttons()

    def _show_status(self, status: QueueStatus) -> None:
        online = {True: self.tr("Online"), False: self.tr("Offline"), None: self.tr("Online: not known yet")}
        parts = [
            online[status.online],
            self.tr("{n} waiting").format(n=status.pending),
        ]
        if status.pending:
            parts.append(self.tr("oldest {age}").format(age=age_text(status.oldest_age_seconds)))
        if status.held:
            parts.append(self.tr("{n} held behind a refusal").format(n=status.held))
        parts += [
            self.tr("{n} need attention").format(n=status.needs_attention),
            self.tr("{n} parked").format(n=status.parked),
        ]
        if status.outstanding_value:
            currency = self.ctx.config.terminal.currency
            parts.append(
                self.tr("offline value {value}").format(
                    value=money_text(status.outstanding_value, currency, self.ctx.locale)
                )
            )
        level = "warning" if status.needs_attention or status.online is False else "info"
        set_level(self.status, level, " · ".join(parts))

    def _status_changed(self, status: QueueStatus) -> None:
        self._show_status(status)
        known = self.snapshot.status if self.snapshot else None
        changed = known is None or (known.pending, known.needs_attention, known.parked) != (
            status.pending,
            status.needs_attention,
            status.parked,
        )
        if changed and self.isVisible() and not self.runner.busy:
            self.refresh()

    def _selection_changed(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        self._update_buttons()

    def _update_buttons(self) -> None:
        row = self.selected()
        busy = self.runner.busy
        self.retry_button.setEnabled(not busy and row is not None and row.can_retry)
        self.park_button.setEnabled(not busy and row is not None and row.can_park)
        self.ack_button.setEnabled(not busy and row is not None and row.applied_after_all)
        if row is None:
            self.detail.setText(self.tr("Select an operation to see why it waits and what you can do."))
            return
        lines = [self.tr("Operation {id}").format(id=row.operation_id)]
        if row.applied_after_all:
            lines.append(
                self.tr(
                    "The cashier was told this did not go through, but the server applied it. Check with "
                    "the customer or reverse it, then mark it as dealt with."
                )
            )
        if row.reason:
            reason = refusal_words(row.code) or row.reason  # the server's text is English: by code
            lines.append(self.tr("Server's reason: {reason}").format(reason=reason))
        if row.note:
            lines.append(self.tr("Note: {note}").format(note=row.note))
        self.detail.setText("\n".join(lines))

    # -- Screen -----------------------------------------------------------------------------------

    def activated(self) -> None:
        self.refresh()

    def retranslate(self) -> None:
        self.heading.setText(self.tr("Offline queue"))
        self.refresh_button.setText(self.tr("Refresh"))
        self.send_button.setText(self.tr("Send now"))
        self.retry_button.setText(self.tr("Send again"))
        self.park_button.setText(self.tr("Park"))
        self.stop_waiting.setText(self.tr("Stop waiting"))
        self.ack_button.setText(self.tr("Dealt with"))
        self.empty.setText(self.tr("Nothing waits: every operation reached the server."))
        self.model.locale = self.ctx.locale  # money and dates follow the language
        self.model.retranslate()
        if self.snapshot is not None:
            self._show(self.snapshot)
        else:
            self.status.setText(self.tr("Not read yet."))
            self._update_buttons()


SCREENS = [OfflineQueueScreen]
