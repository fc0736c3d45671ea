"""A touch keypad that types into a line edit (amounts, points, PINs).

The keys never take the focus, so the line edit keeps it and a physical keyboard works alongside.
Validation is not the keypad's job: whoever reads the field parses it (``pos_client.money``) and
shows the error in words.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import QGridLayout, QLineEdit, QPushButton, QSizePolicy, QWidget

BACKSPACE = "⌫"
DECIMAL = "decimal"  # the locale's decimal separator key


def _decimal_separator(locale: str) -> str:
    from pos_client.money import conventions  # decimal & co: not for the PIN pad of the first window

    return conventions(locale)[0]


class Keypad(QWidget):
    """Digits, the locale's decimal separator (for amounts), backspace, clear and Enter.

    Args:
        target: the field the keys type into (change it with :meth:`set_target`).
        decimal: show the decimal separator key (amounts); False for PINs and points.
        locale: decides the decimal separator (``pl_PL``: comma).

    Signals:
        entered(): the Enter key was pressed.
    """

    entered = Signal()

    def __init__(
        self,
        target: QLineEdit | None = None,
        *,
        decimal: bool = True,
        locale: str = "en_GB",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("keypad")
        self._target = target
        self._separator = _decimal_separator(locale) if decimal else ""
        grid = QGridLayout(self)
        grid.setSpacing(6)
        grid.setContentsMargins(0, 0, 0, 0)
        rows = ("789", "456", "123")
        self.buttons: dict[str, QPushButton] = {}
        for r, row in enumerate(rows):
            for c, key in enumerate(row):
                grid.addWidget(self._key(key), r, c)
        self._decimal = self._key(DECIMAL if decimal else "00")
        grid.addWidget(self._decimal, 3, 0)
        grid.addWidget(self._key("0"), 3, 1)
        grid.addWidget(self._key(BACKSPACE), 3, 2)
        self._clear = self._key("C")
        grid.addWidget(self._clear, 0, 3)
        self._enter = self._key("↵")
        self._enter.setObjectName("keypadEnter")
        grid.addWidget(self._enter, 1, 3, 3, 1)
        self.retranslate()

    def _key(self, key: str) -> QPushButton:
        # WORKAROUND: QPushButton(text, parent) makes PySide6 weigh the (icon, text, parent) overload,
        # which builds the QIcon type and its enums (~4 ms, measured) for a keypad on the first window.
        button = QPushButton(self)
        button.setText(self._separator if key == DECIMAL else key)
        # WORKAROUND: PySide6 builds all ~100 enums of the `Qt` namespace (~44 ms, measured) the first
        # time `Qt` is touched; the sign-on form (with this keypad) is shown before anything needs
        # it (ui.launch), so the property is set by value: 0 is Qt::NoFocus.
        button.setProperty("focusPolicy", 0)
        button.setAutoRepeat(key == BACKSPACE)
        button.setMinimumSize(44, 48)
        button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        button.setProperty("role", "key")
        button.clicked.connect(lambda: self.press(key))
        self.buttons[key] = button
        return button

    def retranslate(self) -> None:
        self._clear.setToolTip(QCoreApplication.translate("keypad", "Clear"))
        self._enter.setToolTip(QCoreApplication.translate("keypad", "Enter"))
        self.buttons[BACKSPACE].setToolTip(QCoreApplication.translate("keypad", "Delete the last character"))

    def set_locale(self, locale: str) -> None:
        """Use ``locale``'s decimal separator (``pl_PL``: comma) from now on."""
        if self._separator:
            self._separator = _decimal_separator(locale)
            self._decimal.setText(self._separator)

    def set_target(self, target: QLineEdit | None) -> None:
        """Type into ``target`` from now on."""
        self._target = target

    def press(self, key: str) -> None:
        """Act as if ``key`` was touched."""
        if key == "↵":
            self.entered.emit()
            return
        target = self._target
        if target is None or not target.isEnabled():
            return
        if key == DECIMAL:
            target.insert(self._separator)
        elif key == BACKSPACE:
            target.backspace()
        elif key == "C":
            target.clear()
        else:
            target.insert(key)
        target.setFocus()
