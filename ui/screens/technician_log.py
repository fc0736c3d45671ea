"""Technician: the app's recent log (card numbers and tokens masked) and the diagnostics bundle export."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QStandardPaths, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QFileDialog, QHBoxLayout, QLineEdit, QPlainTextEdit, QVBoxLayout, QWidget

from pos_client.diagnostics import RecentLog, bundle_name, log_file, read_log_tail
from ui.screens import Screen
from ui.screens.manager_widgets import (
    BusyRunner,
    bind_key,
    message_label,
    section_title,
    set_level,
    touch_button,
    touch_field,
)
from ui.screens.technician_controller import collect_bundle, export_bundle

if TYPE_CHECKING:
    from ui.context import AppContext

MAX_LINES = 2000


def recent_log_of(ctx: AppContext) -> RecentLog | None:
    """The app-wide recent log the composition root installed, if it did."""
    recent = getattr(ctx, "recent_log", None)
    return recent if isinstance(recent, RecentLog) else None


def _detach(recent: RecentLog, listener: Callable[[str], None], own: bool) -> None:
    recent.remove_listener(listener)
    if own:
        logging.getLogger().removeHandler(recent)


class LogScreen(Screen):
    """The recent log, filterable, and the diagnostics bundle.

    Signals:
        line_logged(str): a new (masked) log line, from any thread to the GUI thread.
    """

    title = str(QT_TRANSLATE_NOOP("screens", "Log and diagnostics"))
    order = 330
    line_logged = Signal(str)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        recent = recent_log_of(ctx)
        self._own_log = recent is None
        if recent is None:
            # No app-wide buffer: keep one from now on, for as long as this screen lives.
            recent = RecentLog(MAX_LINES)
            logging.getLogger().addHandler(recent)
        self.recent = recent
        # Without the app-wide buffer, the app's log file gives what happened before this screen.
        self._file_lines: list[str] = []
        self._file_read = not self._own_log
        self.heading = section_title(self)
        self.filter = touch_field(QLineEdit(self))
        self.filter.setObjectName("logFilter")
        self.filter.setClearButtonEnabled(True)
        self.filter.textChanged.connect(self._render)
        self.view = QPlainTextEdit(self)
        self.view.setObjectName("logView")
        self.view.setReadOnly(True)
        self.view.setMaximumBlockCount(MAX_LINES)
        self.view.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.export_button = touch_button("", self, primary=True, name="exportBundleButton")
        self.export_button.clicked.connect(self.export_bundle)
        self.message = message_label(self)
        row = QHBoxLayout()
        row.addWidget(self.filter, 1)
        row.addWidget(self.export_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addLayout(row)
        layout.addWidget(self.message)
        layout.addWidget(self.view, 1)
        bind_key(self.export_button, "Ctrl+E")
        QShortcut(QKeySequence("Ctrl+F"), self, self.filter.setFocus)
        self.runner = BusyRunner(ctx.tasks, [self.export_button], self.message, self)

        self.line_logged.connect(self._append)
        listener = self.line_logged.emit
        recent.add_listener(listener)
        own = self._own_log
        # Not a method of self: it runs while the screen is being deleted.
        self.destroyed.connect(lambda *_: _detach(recent, listener, own))
        self.retranslate()
        self._render()

    # -- the view ---------------------------------------------------------------------------------

    def _matches(self, line: str) -> bool:
        wanted = self.filter.text().strip().lower()
        return not wanted or wanted in line.lower()

    def _render(self) -> None:
        lines = [*self._file_lines, *self.recent.lines()]
        self.view.setPlainText("\n".join(line for line in lines if self._matches(line)))
        self.view.verticalScrollBar().setValue(self.view.verticalScrollBar().maximum())

    def _append(self, line: str) -> None:
        if self._matches(line):
            self.view.appendPlainText(line)

    def shown_text(self) -> str:
        """The text of the log view (what the technician sees)."""
        return self.view.toPlainText()

    # -- the bundle -------------------------------------------------------------------------------

    def export_bundle(self) -> None:
        """Ask where to save, then write the diagnostics zip (in the background)."""
        now = dt.datetime.now(dt.UTC)
        path = self.choose_bundle_path(bundle_name(now))
        if path is None:
            return
        ctx = self.ctx
        lines = [*self._file_lines, *self.recent.lines()]
        terminal = ctx.service.last_terminal
        extra: dict[str, Any] = {"operator": {"role": ctx.role.value}}
        if terminal is not None:
            extra["terminal"] = {
                "terminalId": terminal.terminal_id,
                "merchant": terminal.merchant_id,
                "store": terminal.store,
                "pos": terminal.pos,
                "loyaltyGroup": terminal.loyalty_group,
            }

        def work() -> Path:
            contents = collect_bundle(
                config_path=ctx.config.path, log_lines=lines, gateway=ctx.gateway, extra=extra, now=now
            )
            export_bundle(path, contents)
            return path

        self.runner.run(work, self._exported, working=self.tr("Writing the bundle…"), description="bundle")

    def choose_bundle_path(self, name: str) -> Path | None:
        """The file the technician picks (None: cancelled). Tests replace this."""
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        chosen, _filter = QFileDialog.getSaveFileName(
            self,
            self.tr("Save the diagnostics bundle"),
            str(Path(folder or Path.home()) / name),
            self.tr("Zip files (*.zip)"),
        )
        return Path(chosen) if chosen else None

    def _exported(self, path: Path) -> None:
        set_level(
            self.message,
            "success",
            self.tr("Saved to {path}. Card numbers, tokens and PINs are masked in it.").format(
                path=str(path)
            ),
        )

    # -- Screen -----------------------------------------------------------------------------------

    def activated(self) -> None:
        path = log_file()
        if not self._file_read and path is not None:
            self._file_read = True
            self.ctx.tasks.run(lambda: read_log_tail(path), self._file_loaded, description="read log file")
        self._render()

    def _file_loaded(self, lines: list[str]) -> None:
        self._file_lines = lines
        self._render()

    def retranslate(self) -> None:
        self.heading.setText(self.tr("Log"))
        self.filter.setPlaceholderText(self.tr("Show only lines containing…"))
        self.export_button.setText(self.tr("Export diagnostics…"))


SCREENS = [LogScreen]
