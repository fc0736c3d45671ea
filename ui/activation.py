"""Keep the till's window active on a kiosk display with no window manager.

Qt fires a window's shortcuts (F2-F11, Esc, Ctrl+N…) only while that window is the active one. A
desktop's window manager activates a new window and gives focus back when a dialog closes; a till run
kiosk-style (X with the app alone, as many POS boxes are) has no window manager, so the window showed,
took typed digits, and ignored every F-key until someone tapped it — and again after each dialog.
Found walking the till under Xvfb with xdotool (tests/e2e/test_xvfb_walk.py).

So the window asks for activation when it is shown, and again whenever the application is left with
no focused window while it is visible (a dialog closed; no window manager handed focus back). With a
window manager both requests are harmless: the window is already active.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

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


def keep_active(window: QWidget) -> None:
    """Activate ``window`` now and whenever focus would otherwise be left nowhere."""
    window.activateWindow()
    keeper = _Keeper(window)
    app = QGuiApplication.instance()
    assert isinstance(app, QGuiApplication), "keep_active needs the GUI application"
    app.focusWindowChanged.connect(keeper.focus_moved)
