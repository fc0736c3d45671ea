"""Sign-on: who is at the till, checked with their PIN (in the background: scrypt is slow on purpose).

:class:`SignOnPage` is the thin widget (operator, PIN, keypad); :class:`SignOnController` asks the
service (``LoyaltyService.sign_on``: PIN hash check, lockout after repeated failures, audit) and
announces the result. Wrong PINs and lockouts are shown in words; the PIN field is cleared after each
try.

The controller can exist before the core (:mod:`ui.launch` shows the form first and loads the core
behind it): until :meth:`SignOnController.attach`, the operator list comes from the function it was
given, and a sign-on typed that early waits (busy) and then goes ahead.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from pos_client.security import LockedOut, Operator
from ui.keypad import Keypad

if TYPE_CHECKING:
    from pos_client.assembly import Core
    from ui.i18n import Translations
    from ui.tasks import TaskRunner


ALIGN_CENTER = 0x84  # Qt::AlignCenter (Qt::AlignHCenter | Qt::AlignVCenter)


def role_name(operator: Operator) -> str:
    """The translated role of ``operator``."""
    return {
        "cashier": QCoreApplication.translate("signon", "Cashier"),
        "manager": QCoreApplication.translate("signon", "Manager"),
        "technician": QCoreApplication.translate("signon", "Technician"),
    }[operator.role.value]


class SignOnController(QObject):
    """Checks operator + PIN in the background.

    Args:
        operators: who may sign on, read without the core (until :meth:`attach`).
        parent: Qt parent.

    Signals:
        signed_on(object): the :class:`Operator` now signed on.
        failed(str): why not, in words.
        busy_changed(bool): a check is running.
    """

    signed_on = Signal(object)
    failed = Signal(str)
    busy_changed = Signal(bool)
    take_over_failed = Signal(str)

    def __init__(self, operators: Callable[[], list[Operator]], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._core: Core | None = None
        self._tasks: TaskRunner | None = None
        self._early_operators = operators
        self._waiting: tuple[str, str] | None = None  # a sign-on typed before the core was there
        self._busy = False

    def attach(self, core: Core, tasks: TaskRunner) -> None:
        """The core is there: check a sign-on that was waiting for it."""
        self._core, self._tasks = core, tasks
        waiting, self._waiting = self._waiting, None
        if waiting is not None:
            self._check(*waiting)

    def operators(self) -> list[Operator]:
        """Everyone who may sign on at this terminal."""
        if self._core is not None:
            return self._core.operators.all()
        return self._early_operators()

    def sign_on(self, operator_id: str, pin: str) -> None:
        """Check the PIN; the answer comes as :attr:`signed_on` or :attr:`failed`."""
        if self._busy:
            return
        if not operator_id or not pin:
            self.failed.emit(QCoreApplication.translate("signon", "Choose your name and type your PIN."))
            return
        self._set_busy(True)
        if self._core is None or self._tasks is None:
            self._waiting = (operator_id, pin)  # checked by attach(), a moment from now
            return
        self._check(operator_id, pin)

    def _check(self, operator_id: str, pin: str) -> None:
        core, tasks = self._core, self._tasks
        assert core is not None and tasks is not None
        tasks.run(
            lambda: core.service.sign_on(operator_id, pin),
            self._succeeded,
            self._failed,
            description="sign on",
        )

    def take_over(self, manager_id: str, pin: str) -> None:
        """A manager signs on over the signed-on operator, who cannot sign off while operations
        wait (``LoyaltyService.take_over``: PIN, role, audit). The answer comes as :attr:`signed_on`
        (the operator's session ends) or :attr:`take_over_failed`."""
        core, tasks = self._core, self._tasks
        if self._busy or core is None or tasks is None:
            return
        self._set_busy(True)
        tasks.run(
            lambda: core.service.take_over(manager_id, pin),
            self._succeeded,
            self._take_over_refused,
            description="take over",
        )

    def _take_over_refused(self, exc: BaseException) -> None:
        self._set_busy(False)
        from ui.errors import describe_error  # knows every error type: loaded with the core

        self.take_over_failed.emit(describe_error(exc))

    def _succeeded(self, operator: Operator) -> None:
        self._set_busy(False)
        self.signed_on.emit(operator)

    def _failed(self, exc: BaseException) -> None:
        self._set_busy(False)
        if isinstance(exc, LockedOut):
            minutes = max(1, int((exc.until - time.time() + 59) // 60))
            self.failed.emit(
                QCoreApplication.translate(
                    "signon", "Too many wrong PINs. Try again in {minutes} min or ask a manager."
                ).format(minutes=minutes)
            )
            return
        from ui.errors import describe_error  # knows every error type: loaded with the core

        self.failed.emit(describe_error(exc))

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        self.busy_changed.emit(busy)


class SignOnPage(QWidget):
    """The sign-on form: operator, PIN and a keypad, centred on the screen."""

    def __init__(
        self,
        controller: SignOnController,
        parent: QWidget | None = None,
        language: Callable[[], str] = lambda: "en",
    ) -> None:
        super().__init__(parent)
        self.setObjectName("signOnPage")
        self._controller = controller
        self._listed: dict[str, Operator] = {}  # the operators in the list, by id
        self._language = language  # the app's language now
        self.message_written_in = language()  # the language of the shown refusal
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        card = QFrame(self)
        card.setObjectName("signOnCard")
        card.setMaximumWidth(420)
        layout = QVBoxLayout(card)
        self.title = QLabel(card)
        self.title.setObjectName("pageTitle")
        # WORKAROUND: by value, not `Qt.AlignmentFlag.AlignCenter`: touching `Qt` makes PySide6 build
        # its ~100 enums (~44 ms, measured), and this form is shown before anything else needs them.
        self.title.setProperty("alignment", ALIGN_CENTER)
        layout.addWidget(self.title)
        self.operator = QComboBox(card)
        self.operator.setObjectName("operatorChoice")
        layout.addWidget(self.operator)
        self.pin = QLineEdit(card)
        self.pin.setObjectName("pinField")
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin.setMaxLength(12)
        self.pin.returnPressed.connect(self.submit)
        layout.addWidget(self.pin)
        self.message = QLabel(card)
        self.message.setObjectName("signOnMessage")
        self.message.setProperty("level", "error")
        self.message.setWordWrap(True)
        self.message.hide()
        layout.addWidget(self.message)
        self.keypad = Keypad(self.pin, decimal=False, parent=card)
        self.keypad.entered.connect(self.submit)
        layout.addWidget(self.keypad)
        self.button = QPushButton(card)
        self.button.setObjectName("signOnButton")
        self.button.setProperty("role", "primary")
        self.button.clicked.connect(self.submit)
        layout.addWidget(self.button)
        row = QHBoxLayout()  # centred by stretches (no `Qt` alignment flag: see above)
        row.addStretch(1)
        row.addWidget(card, 4)
        row.addStretch(1)
        outer.addLayout(row)
        outer.addStretch(2)
        controller.failed.connect(self._show_failure)
        controller.busy_changed.connect(self._set_busy)
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(QCoreApplication.translate("signon", "Sign on"))
        self.pin.setPlaceholderText(QCoreApplication.translate("signon", "PIN"))
        self.button.setText(QCoreApplication.translate("signon", "Sign on"))
        self.keypad.retranslate()
        self._name_operators()

    def _name_operators(self) -> None:
        """The list's "name · role" in the current language; the choice and the typed PIN stay.
        From the operators the list was filled with (no store read: a switch may come at any time)."""
        for index in range(self.operator.count()):
            operator = self._listed.get(self.operator.itemData(index))
            if operator is not None:
                self.operator.setItemText(index, f"{operator.name} · {role_name(operator)}")

    def reload(self) -> None:
        """Fill the operator list again and clear the form (at start and after sign-off)."""
        current = self.operator.currentData()
        self.operator.clear()
        self._listed = {op.operator_id: op for op in self._controller.operators()}
        for operator in self._listed.values():
            self.operator.addItem(f"{operator.name} · {role_name(operator)}", operator.operator_id)
        index = self.operator.findData(current)
        if index >= 0:
            self.operator.setCurrentIndex(index)
        self.pin.clear()
        self.message.hide()
        self.pin.setFocus()

    def select(self, operator_id: str) -> None:
        """Choose ``operator_id`` in the list (demo, tests)."""
        index = self.operator.findData(operator_id)
        if index >= 0:
            self.operator.setCurrentIndex(index)

    def submit(self) -> None:
        """Sign on with what is typed."""
        operator_id = self.operator.currentData()
        pin = self.pin.text()
        self.pin.clear()
        self._controller.sign_on(str(operator_id or ""), pin)

    def _show_failure(self, text: str) -> None:
        self.message.setText(text)
        self.message_written_in = self._language()
        self.message.show()
        self.pin.setFocus()

    def follow_language(self, i18n: Translations) -> None:
        """Say a shown refusal ("Wrong operator or PIN.") again in the new language (it kept the old
        one: seen under Xvfb after Ctrl+Shift+L on the sign-on form)."""
        text = self.message.text()
        if text and self.message_written_in != i18n.language:
            self.message.setText(i18n.reword(text, self.message_written_in))
        self.message_written_in = i18n.language

    def _set_busy(self, busy: bool) -> None:
        self.button.setEnabled(not busy)
        self.pin.setEnabled(not busy)
        if busy:
            self.message.hide()
