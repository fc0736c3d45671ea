"""The always-visible status line: online/offline, offline queue, scanner, printer, who is signed on.

Each part is a label with a ``state`` property (``ok``, ``warn``, ``bad``) that the .qss themes
colour. The bar only displays: the :class:`~ui.monitor.StatusMonitor`, :class:`~ui.scanning.Scanning`
and :class:`~ui.printing.Printing` announce the changes.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtWidgets import QLabel, QStatusBar, QWidget

from pos_client.offline import QueueStatus
from pos_client.security import Operator


def tr(text: str) -> str:
    return QCoreApplication.translate("status_bar", text)


def format_age(seconds: float) -> str:
    """A waiting time in the largest whole unit: ``45 s``, ``12 min``, ``3 h``, ``2 d``."""
    seconds = max(0, int(seconds))
    if seconds < 60:
        return tr("{n} s").format(n=seconds)
    if seconds < 3600:
        return tr("{n} min").format(n=seconds // 60)
    if seconds < 86400:
        return tr("{n} h").format(n=seconds // 3600)
    return tr("{n} d").format(n=seconds // 86400)


def _set(label: QLabel, text: str, state: str) -> None:
    label.setText(text)
    if label.property("state") != state:
        label.setProperty("state", state)
        label.style().unpolish(label)
        label.style().polish(label)


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
        self.retranslate()

    def _part(self, name: str) -> QLabel:
        label = QLabel(self)
        label.setObjectName(name)
        label.setProperty("state", "")
        self.addPermanentWidget(label)
        return label

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.show_queue(self._queue)
        self.show_scanner(self._scanner)
        self.show_printer(self._printer)
        self.show_operator(self._who, self._role)

    def show_queue(self, status: QueueStatus | None) -> None:
        """Online/offline and the waiting operations."""
        self._queue = status
        if status is None or status.online is None:
            _set(self.connection, tr("● Checking connection…"), "warn")
        elif status.online:
            _set(self.connection, tr("● Online"), "ok")
        else:
            _set(self.connection, tr("● Offline"), "bad")
        if status is None:
            _set(self.queue, "", "")
            return
        if status.pending == 0 and status.needs_attention == 0:
            _set(self.queue, tr("Nothing waiting"), "ok")
            return
        parts = []
        if status.pending:
            age = format_age(status.oldest_age_seconds or 0)
            parts.append(tr("{n} waiting, oldest {age}").format(n=status.pending, age=age))
        if status.needs_attention:
            parts.append(tr("{n} need attention").format(n=status.needs_attention))
        _set(self.queue, " · ".join(parts), "bad" if status.needs_attention else "warn")

    def show_scanner(self, state: str) -> None:
        """The scanner's state (``connected``, ``wedge``, ``disconnected``...)."""
        self._scanner = state
        words = {
            "connected": (tr("Scanner ready"), "ok"),
            "wedge": (tr("Scanner: keyboard"), "ok"),
            "connecting": (tr("Scanner connecting…"), "warn"),
            "reconnecting": (tr("Scanner reconnecting…"), "warn"),
            "disconnected": (tr("Scanner disconnected"), "bad"),
            "error": (tr("Scanner settings wrong"), "bad"),
        }
        text, level = words.get(state, (tr("Scanner off"), "warn"))
        _set(self.scanner, text, level)

    def show_printer(self, state: str) -> None:
        """The printer's state (``online``, ``paper_out``, ``printing``, ``none``...)."""
        self._printer = state
        words = {
            "online": (tr("Printer ready"), "ok"),
            "unknown": (tr("Printer ready"), "ok"),
            "printing": (tr("Printing…"), "ok"),
            "paper_near_end": (tr("Paper nearly out"), "warn"),
            "paper_out": (tr("Printer: no paper"), "bad"),
            "cover_open": (tr("Printer: cover open"), "bad"),
            "offline": (tr("Printer offline"), "bad"),
            "error": (tr("Printer error"), "bad"),
            "none": (tr("No printer (preview only)"), "warn"),
        }
        text, level = words.get(state, (tr("Printer error"), "bad"))
        _set(self.printer, text, level)

    def show_operator(self, operator: Operator | None, role: str = "") -> None:
        """Who is signed on (nothing while signed off)."""
        self._who, self._role = operator, role
        if operator is None:
            _set(self.operator, tr("Signed off"), "")
        else:
            _set(self.operator, f"{operator.name} · {role}", "")
