"""The dialog that tells the operator about a bug (:mod:`ui.crash`).

In a module of its own so that the crash handler, installed before the first window is shown, does
not import the dialog's widgets (~5 ms of start-up, measured) until there is a bug to tell.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication, QDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget


class CrashDialog(QDialog):
    """ "Something went wrong": where the details are, Continue or Quit."""

    def __init__(self, report: Path | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("crashDialog")
        self.setWindowTitle(QCoreApplication.translate("crash", "Something went wrong"))
        layout = QVBoxLayout(self)
        title = QLabel(QCoreApplication.translate("crash", "Something went wrong in the app."), self)
        title.setObjectName("dialogTitle")
        layout.addWidget(title)
        where = str(report) if report else QCoreApplication.translate("crash", "the app's log")
        text = QLabel(
            QCoreApplication.translate(
                "crash",
                "The details were saved for a technician in {where}. "
                "You can carry on; if it happens again, call a technician.",
            ).format(where=where),
            self,
        )
        text.setWordWrap(True)
        layout.addWidget(text)
        buttons = QHBoxLayout()
        self.quit_button = QPushButton(QCoreApplication.translate("crash", "Quit the app"), self)
        self.quit_button.clicked.connect(self._quit)
        self.continue_button = QPushButton(QCoreApplication.translate("crash", "Carry on"), self)
        self.continue_button.setProperty("role", "primary")
        self.continue_button.setDefault(True)
        self.continue_button.clicked.connect(self.accept)
        buttons.addWidget(self.quit_button)
        buttons.addWidget(self.continue_button)
        layout.addLayout(buttons)

    def _quit(self) -> None:
        self.reject()
        app = QApplication.instance()
        if app is not None:
            app.exit(70)
