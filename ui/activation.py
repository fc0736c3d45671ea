"""Keep the till's window active on a kiosk display with no window manager.

Qt fires a window's shortcuts (F2-F11, Esc, Ctrl+N…) only while that window is the active one. A
desktop's window manager activates a new window and gives focus back when a dialog closes; a till run
kiosk-style (X with the app alone, as many POS boxes are) has no window manager, so the window showed,
took typed digits, and ignored every F-key until someone tapped it — and again after each dialog.
Found walking the till under Xvfb with xdotool (tests/e2e/test_xvfb_walk.py).

So the window asks for activation when it is shown, and again whenever the application is left with
no focused window while it is visible (a dialog closed; no window manager handed focus back). A dialog
closed with WA_DeleteOnClose (New gift card, Esc) is destroyed while focused, and Qt then clears its
focus window without emitting ``focusWindowChanged``: only the focus widget's ``focusChanged(old,
None)`` tells, so the keeper listens to both (the till's F-keys were dead after Ctrl+N, Esc under
Xvfb). With a window manager these requests are harmless: the window is already active.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QWidget

if TYPE_CHECKING:
    from PySide6.QtGui import QWindow


class _Keeper(QObject):
    """Re-activates its parent window; a child of it, so the connection ends with the window."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self._window = window

    def focus_moved(self, focused: QWindow | None) -> None:
        window = self._window
        if focused is None and window.isVisible() and not window.isMinimized():
            # Next turn of the event loop: the closing dialog is gone by then.
            QTimer.singleShot(0, self, window.activateWindow)

    def focus_widget_moved(self, _old: QWidget | None, now: QWidget | None) -> None:
        if now is None:
            # Next turn of the event loop: a focus that only moves on arrives by then.
            QTimer.singleShot(0, self, self._activate_if_nothing_focused)

    def _activate_if_nothing_focused(self) -> None:
        window = self._window
        if QGuiApplication.focusWindow() is None and window.isVisible() and not window.isMinimized():
            window.activateWindow()


def keep_active(window: QWidget) -> None:
    """Activate ``window`` now and whenever focus would otherwise be left nowhere."""
    window.activateWindow()
    keeper = _Keeper(window)
    app = QApplication.instance()
    assert isinstance(app, QApplication), "keep_active needs the widgets application"
    app.focusWindowChanged.connect(keeper.focus_moved)
    app.focusChanged.connect(keeper.focus_widget_moved)
