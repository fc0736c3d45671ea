"""The one message service: every screen tells the operator things through it (qutebrowser's
``message`` module, without the global).

Screens call ``ctx.messages.success(text)`` / ``error(text)``; the message area of the main window
shows the newest message in the colour of its level and beeps for errors.
"""

from __future__ import annotations

import enum
import logging

from PySide6.QtCore import QObject, Signal

log = logging.getLogger(__name__)


class Level(enum.StrEnum):
    """How a message looks (a dynamic property for the .qss themes)."""

    INFO = "info"
    SUCCESS = "success"
    WARNING = "warning"
    ERROR = "error"


class Messages(QObject):
    """Messages for the operator, in plain (already translated) words.

    Signals:
        posted(str, str): level (a :class:`Level` value) and text.
    """

    posted = Signal(str, str)

    def post(self, level: Level, text: str) -> None:
        """Show ``text`` at ``level``."""
        log.info("message %s: %s", level.value, text)
        self.posted.emit(level.value, text)

    def info(self, text: str) -> None:
        """A neutral message."""
        self.post(Level.INFO, text)

    def success(self, text: str) -> None:
        """Something went through (green)."""
        self.post(Level.SUCCESS, text)

    def warning(self, text: str) -> None:
        """Worth a look, nothing failed (amber)."""
        self.post(Level.WARNING, text)

    def error(self, text: str) -> None:
        """Something did not happen (red, with a beep)."""
        self.post(Level.ERROR, text)
