"""The always-visible status line: online/offline, offline queue, scanner, printer, who is signed on.

Each part is a label with a ``state`` property (``ok``, ``warn``, ``bad``) that the .qss themes
colour. The bar only displays: the :class:`~ui.monitor.StatusMonitor`, :class:`~ui.scanning.Scanning`
and :class:`~ui.printing.Printing` announce the changes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QLabel, QStatusBar, QWidget

from pos_client.security import Operator
from ui.restyle import set_style_property

if TYPE_CHECKING:  # the bar is shown before the core is loaded (ui.launch)
    from pos_client.offline import QueueStatus


def format_age(seconds: float) -> str:
    """A waiting time in the largest whole unit: ``45 s``, ``12 min``, ``3 h``, ``2 d``."""
    seconds = max(0, int(seconds))
    if seconds < 60:
        return QCoreApplication.translate("status_bar", "{n} s").format(n=seconds)
    if seconds < 3600:
        return QCoreApplication.translate("status_bar", "{n} min").format(n=seconds // 60)
    if seconds < 86400:
        return QCoreApplication.translate("status_bar", "{n} h").format(n=seconds // 3600)
    return QCoreApplication.translate("status_bar", "{n} d").format(n=seconds // 86400)


class StatusBar(QStatusBar):
    """The app's status bar (see the module doc)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("statusBar")
        self.setSizeGripEnabled(False)
        self.connection = self._part("connectionStatus")
        self.queue = self._part("queueStatus")
        self.scanner = self._part("scannerStatus")
        self.printer = self._part("printerStatus")
        self.operator = self._part("operatorStatus")
        self._queue: QueueStatus | None = None
        self._scanner = "stopped"
        self._printer = "unknown"
        self._who: Operator | None = None
        self._role = ""
        # The first texts and states are set before the labels are laid out, so that their first
        # styling already uses them (nothing to re-style: see ui.restyle).
        self._styled = False
        self.retranslate()
        for label in (self.connection, self.queue, self.scanner, self.printer, self.operator):
            self.addPermanentWidget(label)
        self._styled = True

    def _part(self, name: str) -> QLabel:
        label = QLabel(self)
        label.setObjectName(name)
        label.setProperty("state", "")
        return label

    def _set(self, label: QLabel, text: str, state: str) -> None:
        label.setText(text)
        set_style_property(label, "state", state, restyle=self._styled)

    def retranslate(self) -> None:
        self.show_queue(self._queue)
        self.show_scanner(self._scanner)
        self.show_printer(self._printer)
        self.show_operator(self._who, self._role)

    def show_queue(self, status: QueueStatus | None) -> None:
        """Online/offline and the waiting operations."""
        self._queue = status
        if status is None or status.online is None:
            checking = QCoreApplication.translate("status_bar", "● Checking connection…")
            self._set(self.connection, checking, "warn")
        elif status.online:
            self._set(self.connection, QCoreApplication.translate("status_bar", "● Online"), "ok")
        else:
            self._set(self.connection, QCoreApplication.translate("status_bar", "● Offline"), "bad")
        if status is None:
            self._set(self.queue, "", "")
            return
        if status.pending == 0 and status.needs_attention == 0:
            self._set(self.queue, QCoreApplication.translate("status_bar", "Nothing waiting"), "ok")
            return
        parts = []
        if status.pending:
            age = format_age(status.oldest_age_seconds or 0)
            parts.append(
                QCoreApplication.translate("status_bar", "{n} waiting, oldest {age}").format(
                    n=status.pending, age=age
                )
            )
        if status.needs_attention:
            parts.append(
                QCoreApplication.translate("status_bar", "{n} need attention").format(
                    n=status.needs_attention
                )
            )
        self._set(self.queue, " · ".join(parts), "bad" if status.needs_attention else "warn")

    def show_scanner(self, state: str) -> None:
        """The scanner's state (``connected``, ``wedge``, ``disconnected``...)."""
        self._scanner = state
        words = {
            "connected": (QCoreApplication.translate("status_bar", "Scanner ready"), "ok"),
            "wedge": (QCoreApplication.translate("status_bar", "Scanner: keyboard"), "ok"),
            "connecting": (QCoreApplication.translate("status_bar", "Scanner connecting…"), "warn"),
            "reconnecting": (QCoreApplication.translate("status_bar", "Scanner reconnecting…"), "warn"),
            "disconnected": (QCoreApplication.translate("status_bar", "Scanner disconnected"), "bad"),
            "error": (QCoreApplication.translate("status_bar", "Scanner settings wrong"), "bad"),
        }
        text, level = words.get(state, (QCoreApplication.translate("status_bar", "Scanner off"), "warn"))
        self._set(self.scanner, text, level)

    def show_printer(self, state: str) -> None:
        """The printer's state (``online``, ``paper_out``, ``printing``, ``none``...)."""
        self._printer = state
        words = {
            "online": (QCoreApplication.translate("status_bar", "Printer ready"), "ok"),
            "unknown": (QCoreApplication.translate("status_bar", "Printer ready"), "ok"),
            "printing": (QCoreApplication.translate("status_bar", "Printing…"), "ok"),
            "paper_near_end": (QCoreApplication.translate("status_bar", "Paper nearly out"), "warn"),
            "paper_out": (QCoreApplication.translate("status_bar", "Printer: no paper"), "bad"),
            "cover_open": (QCoreApplication.translate("status_bar", "Printer: cover open"), "bad"),
            "offline": (QCoreApplication.translate("status_bar", "Printer offline"), "bad"),
            "error": (QCoreApplication.translate("status_bar", "Printer error"), "bad"),
            "none": (QCoreApplication.translate("status_bar", "No printer (preview only)"), "warn"),
        }
        text, level = words.get(state, (QCoreApplication.translate("status_bar", "Printer error"), "bad"))
        self._set(self.printer, text, level)

    def show_operator(self, operator: Operator | None, role: str = "") -> None:
        """Who is signed on (nothing while signed off)."""
        self._who, self._role = operator, role
        if operator is None:
            self._set(self.operator, QCoreApplication.translate("status_bar", "Signed off"), "")
        else:
            self._set(self.operator, f"{operator.name} · {role}", "")
