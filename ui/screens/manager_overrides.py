"""Manager: offline overrides (who allowed what past an offline limit) and queue decisions, from the
local audit log."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from pos_client.security import AuditEntry
from ui.models.audit import AuditModel
from ui.screens import Screen
from ui.screens.manager_controller import ManagerController
from ui.screens.manager_widgets import (
    BusyRunner,
    bind_key,
    message_label,
    section_title,
    table_view,
    touch_button,
    touch_field,
)

if TYPE_CHECKING:
    from ui.context import AppContext


class OverridesScreen(Screen):
    """The audit trail of offline overrides, newest first."""

    title = str(QT_TRANSLATE_NOOP("screens", "Offline overrides"))
    order = 220

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.controller = ManagerController(ctx.service, ctx.gateway, ctx.core.audit)
        self.heading = section_title(self)
        self.explanation = QLabel(self)
        self.explanation.setWordWrap(True)
        self.decisions = touch_field(QCheckBox(self))
        self.decisions.setObjectName("showDecisions")
        self.decisions.setChecked(True)
        self.decisions.toggled.connect(self.refresh)
        self.refresh_button = touch_button("", self, name="refreshButton")
        self.refresh_button.clicked.connect(self.refresh)
        self.message = message_label(self)
        self.model = AuditModel(ctx.locale, ctx.config.terminal.currency, self)
        self.table = table_view(self, stretch_column=5)
        self.table.setObjectName("overridesTable")
        self.table.setModel(self.model)
        self.empty = QLabel(self)
        self.empty.setObjectName("emptyState")

        row = QHBoxLayout()
        row.addWidget(self.decisions, 1)
        row.addWidget(self.refresh_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.explanation)
        layout.addLayout(row)
        layout.addWidget(self.message)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty)
        bind_key(self.refresh_button, "F5")
        self.runner = BusyRunner(ctx.tasks, [self.refresh_button, self.decisions], self.message, self)
        self.retranslate()

    def refresh(self) -> None:
        """Read the audit log again (in the background)."""
        decisions = self.decisions.isChecked()
        self.runner.run(
            lambda: self.controller.overrides(decisions=decisions),
            self._show,
            working=self.tr("Reading the audit log…"),
            description="overrides",
        )

    def _show(self, entries: list[AuditEntry]) -> None:
        self.model.set_rows(entries)
        self.empty.setVisible(not entries)

    def activated(self) -> None:
        self.refresh()

    def retranslate(self) -> None:
        self.heading.setText(self.tr("Offline overrides"))
        self.explanation.setText(
            self.tr(
                "Each time a manager allowed an operation past an offline limit, it is recorded here with "
                "the approving manager. The record cannot be changed."
            )
        )
        self.decisions.setText(self.tr("Also show decisions on queued operations (sent again, parked)"))
        self.refresh_button.setText(self.tr("Refresh"))
        self.empty.setText(self.tr("No overrides recorded on this terminal."))
        self.model.locale = self.ctx.locale  # money and dates follow the language
        self.model.retranslate()


SCREENS = [OverridesScreen]
