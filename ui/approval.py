"""A manager's approval, asked for exactly when the service says an operation needs it.

:class:`Approvals` runs an operation in the background once without approval. When the service
answers :class:`~pos_client.security.ApprovalRequired` (a cashier blocking a card, refunding...), it
opens :class:`ApprovalDialog` for a manager's PIN and runs the operation again with the
:class:`~pos_client.security.Approval`; the service checks the PIN and writes the audit log. A wrong
PIN asks again; Cancel ends with the original refusal. When the server cannot be reached and the
offline policy lets a manager allow it (:class:`~pos_client.offline.OfflineRefused`, overridable),
the same dialog asks for the manager, and the operation runs again with the approval: the service
checks the PIN and hands the override to the gateway (audited).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from pos_client.offline import OfflineRefused
from pos_client.security import Approval, ApprovalRequired, BadPin, Operator, Role
from ui.errors import describe_error
from ui.keypad import Keypad

if TYPE_CHECKING:
    from pos_client.assembly import Core
    from ui.tasks import Task, TaskRunner

log = logging.getLogger(__name__)
T = TypeVar("T")


class ApprovalDialog(QDialog):
    """Asks a manager to choose their name and type their PIN.

    Args:
        managers: the managers who may approve.
        reason: what needs approval, in words.
        error: a message from the previous attempt (wrong PIN...), or "".
        subject: what is approved: the operation, the card (masked) and the amount ("": not said).

    Signals:
        approved(str, str): manager id and PIN.
    """

    approved = Signal(str, str)

    def __init__(
        self,
        managers: list[Operator],
        reason: str,
        error: str = "",
        parent: QWidget | None = None,
        subject: str = "",
    ) -> None:
        super().__init__(parent)
        self.setObjectName("approvalDialog")
        self.setWindowTitle(QCoreApplication.translate("approval", "Manager approval"))
        self.setWindowModality(Qt.WindowModality.WindowModal)
        layout = QVBoxLayout(self)
        self.reason = QLabel(reason, self)
        self.reason.setObjectName("dialogTitle")
        self.reason.setWordWrap(True)
        layout.addWidget(self.reason)
        # The manager sees what they approve: "Refund · card ************1234 · 10.00 zł".
        self.subject = QLabel(subject, self)
        self.subject.setObjectName("approvalSubject")
        self.subject.setWordWrap(True)
        self.subject.setVisible(bool(subject))
        layout.addWidget(self.subject)
        self.manager = QComboBox(self)
        for manager in managers:
            self.manager.addItem(manager.name, manager.operator_id)
        layout.addWidget(self.manager)
        self.pin = QLineEdit(self)
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin.setPlaceholderText(QCoreApplication.translate("approval", "Manager's PIN"))
        self.pin.setMaxLength(12)
        layout.addWidget(self.pin)
        self.error = QLabel(error, self)
        self.error.setProperty("level", "error")
        self.error.setWordWrap(True)
        self.error.setVisible(bool(error))
        layout.addWidget(self.error)
        keypad = Keypad(self.pin, decimal=False, parent=self)
        keypad.entered.connect(self._approve)
        layout.addWidget(keypad)
        buttons = QHBoxLayout()
        self.cancel_button = QPushButton(QCoreApplication.translate("approval", "Cancel"), self)
        self.cancel_button.clicked.connect(self.reject)
        self.ok_button = QPushButton(QCoreApplication.translate("approval", "Approve"), self)
        self.ok_button.setProperty("role", "primary")
        self.ok_button.setDefault(True)
        self.ok_button.clicked.connect(self._approve)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.ok_button)
        layout.addLayout(buttons)
        self.pin.setFocus()

    def _approve(self) -> None:
        if not self.pin.text() or self.manager.currentIndex() < 0:
            self.error.setText(QCoreApplication.translate("approval", "Choose the manager and type the PIN."))
            self.error.setVisible(True)
            return
        manager_id = str(self.manager.currentData())
        pin = self.pin.text()
        self.accept()
        self.approved.emit(manager_id, pin)


class Approvals:
    """Runs operations that may need a manager (see the module doc).

    Args:
        tasks: the background task runner.
        core: the terminal core (operator store for the managers and the override check; gateway).
        parent: returns the window dialogs belong to (default: the active window).
    """

    def __init__(
        self, tasks: TaskRunner, core: Core, parent: Callable[[], QWidget | None] | None = None
    ) -> None:
        self._tasks = tasks
        self._core = core
        self._parent = parent or QApplication.activeWindow
        self.dialog: ApprovalDialog | None = None  # the open dialog, if any (tests fill it in)
        self.question: QMessageBox | None = None  # the open yes/no question, if any

    def managers(self) -> list[Operator]:
        """Every manager of this terminal."""
        return [op for op in self._core.operators.all() if op.role is Role.MANAGER]

    def run(
        self,
        fn: Callable[[Approval | None], T],
        on_success: Callable[[T], None],
        on_failure: Callable[[BaseException], None] | None = None,
        *,
        description: str = "",
        subject: str = "",
    ) -> Task[T]:
        """Run ``fn(None)``; when it needs a manager, ask and run ``fn(approval)``.

        Args:
            fn: the operation; it receives the manager's approval (None on the first try).
            on_success: called with the result on the GUI thread.
            on_failure: called with the final error on the GUI thread (Cancel: the original
                ``ApprovalRequired`` / ``OfflineRefused``).
            subject: what the manager approves, in words (the dialog shows it).

        Returns:
            The first attempt's task (cancel it to stop waiting for the server).
        """
        return _Attempt(self, fn, on_success, on_failure, description, subject).start()

    def confirm(self, question: str, yes: Callable[[], None], no: Callable[[], None]) -> None:
        """Ask the cashier ``question`` (No is the default: Enter from a second tap does not say yes);
        then ``yes()`` or ``no()`` on the GUI thread."""
        if self.question is not None:
            self.question.close()
        box = QMessageBox(
            QMessageBox.Icon.Question,
            QCoreApplication.translate("approval", "Repeat?"),
            question,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            self._parent(),
        )
        box.setObjectName("repeatQuestion")
        box.setWindowModality(Qt.WindowModality.WindowModal)
        box.setDefaultButton(QMessageBox.StandardButton.No)
        box.button(QMessageBox.StandardButton.Yes).setText(
            QCoreApplication.translate("approval", "Yes, again")
        )
        box.button(QMessageBox.StandardButton.No).setText(QCoreApplication.translate("approval", "No"))
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

        again = box.button(QMessageBox.StandardButton.Yes)

        def answered(_result: int) -> None:
            if self.question is box:
                self.question = None
            owner = box.parentWidget()
            if owner is not None:  # the till's keys need its window active again (no window manager)
                owner.window().activateWindow()
            (yes if box.clickedButton() is again else no)()

        box.finished.connect(answered)
        self.question = box
        box.open()

    def _open(
        self,
        reason: str,
        error: str,
        approved: Callable[[str, str], None],
        cancelled: Callable[[], None],
        subject: str = "",
    ) -> None:
        if self.dialog is not None:
            self.dialog.close()
        dialog = ApprovalDialog(self.managers(), reason, error, self._parent(), subject)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.approved.connect(approved)
        dialog.rejected.connect(cancelled)
        dialog.finished.connect(lambda _: self._closed(dialog))
        self.dialog = dialog
        dialog.open()

    def _closed(self, dialog: ApprovalDialog) -> None:
        if self.dialog is dialog:
            self.dialog = None
        owner = dialog.parentWidget()
        if owner is not None:  # the till's keys need its window active again (no window manager)
            owner.window().activateWindow()

    def _override(self, fn: Callable[[Approval | None], T], manager_id: str, pin: str) -> T:
        """Worker thread: run ``fn`` with the manager's approval; the service checks the PIN and the
        role, and lets the operation past the soft offline limit (audited as an override)."""
        return fn(Approval(manager_id, pin))


class _Attempt:
    """One operation through its approval rounds."""

    def __init__(
        self,
        approvals: Approvals,
        fn: Callable[[Approval | None], Any],
        on_success: Callable[[Any], None],
        on_failure: Callable[[BaseException], None] | None,
        description: str,
        subject: str = "",
    ) -> None:
        self._approvals = approvals
        self._subject = subject
        self._fn = fn
        self._on_success = on_success
        self._on_failure = on_failure
        self._description = description
        self._first_error: BaseException | None = None

    def start(self) -> Task[Any]:
        return self._approvals._tasks.run(
            lambda: self._fn(None), self._on_success, self._failed, description=self._description
        )

    def _failed(self, exc: BaseException) -> None:
        if isinstance(exc, ApprovalRequired):
            self._first_error = exc
            self._ask(QCoreApplication.translate("approval", "This needs a manager's approval."), "")
        elif isinstance(exc, OfflineRefused) and exc.overridable:
            self._first_error = exc
            self._ask_override(describe_error(exc), "")
        else:
            self._fail(exc)

    def _ask(self, reason: str, error: str) -> None:
        self._approvals._open(reason, error, self._approved, self._cancelled, self._subject)

    def _approved(self, manager_id: str, pin: str) -> None:
        approval = Approval(manager_id, pin)
        self._approvals._tasks.run(
            lambda: self._fn(approval), self._on_success, self._failed_again, description=self._description
        )

    def _failed_again(self, exc: BaseException) -> None:
        if isinstance(exc, BadPin | ApprovalRequired):
            words = (
                describe_error(exc)
                if isinstance(exc, BadPin)
                else QCoreApplication.translate("approval", "Only a manager can approve this.")
            )
            self._ask(QCoreApplication.translate("approval", "This needs a manager's approval."), words)
        elif isinstance(exc, OfflineRefused) and exc.overridable:
            self._first_error = exc
            self._ask_override(describe_error(exc), "")
        else:
            self._fail(exc)

    def _ask_override(self, reason: str, error: str) -> None:
        self._approvals._open(reason, error, self._override_approved, self._cancelled, self._subject)

    def _override_approved(self, manager_id: str, pin: str) -> None:
        self._approvals._tasks.run(
            lambda: self._approvals._override(self._fn, manager_id, pin),
            self._on_success,
            self._override_failed,
            description=f"{self._description} (offline override)",
        )

    def _override_failed(self, exc: BaseException) -> None:
        if isinstance(exc, BadPin | ApprovalRequired):
            words = (
                describe_error(exc)
                if isinstance(exc, BadPin)
                else QCoreApplication.translate("approval", "Only a manager can approve this.")
            )
            self._ask_override(describe_error(self._first_error or exc), words)
        else:
            self._fail(exc)

    def _cancelled(self) -> None:
        self._fail(self._first_error or ApprovalRequired("cancelled", ""))

    def _fail(self, exc: BaseException) -> None:
        if self._on_failure is not None:
            self._on_failure(exc)
        else:
            log.info("approval flow ended with %s", type(exc).__name__)
