"""Bugs: log the traceback, save a report for a technician, tell the operator in plain words.

Installed by the composition root as ``sys.excepthook`` (exceptions escaping Qt slots and the GUI
thread) and ``threading.excepthook`` (any other thread); :class:`~ui.tasks.TaskRunner` hands its bugs
here too. The operator sees "something went wrong, the details were saved" and may carry on or quit;
never a traceback. Expected errors never come here: they are typed and shown by the screens
(:mod:`ui.errors`).
"""

from __future__ import annotations

import datetime as dt
import logging
import sys
import threading
import traceback
from collections.abc import Callable
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QApplication, QWidget

if TYPE_CHECKING:
    from ui.crash_dialog import CrashDialog

log = logging.getLogger(__name__)

_ExceptHook = Callable[[type[BaseException], BaseException, TracebackType | None], object]
_ThreadExceptHook = Callable[[threading.ExceptHookArgs], object]


class CrashHandler(QObject):
    """Receives every bug of the app (see the module doc).

    Args:
        report_dir: where crash reports are written.
        parent_window: the window the dialog belongs to.
        show_dialog: False in headless runs (screenshots): log and save only.

    Signals:
        crashed(str): the path of the saved report ("" when it could not be saved).
    """

    crashed = Signal(str)
    _from_thread = Signal(object)

    def __init__(
        self,
        report_dir: Path,
        parent_window: Callable[[], QWidget | None] | None = None,
        *,
        show_dialog: bool = True,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._dir = report_dir
        self._parent_window = parent_window or QApplication.activeWindow
        self._show_dialog = show_dialog
        self._showing = False
        self._previous: tuple[_ExceptHook, _ThreadExceptHook] | None = None
        self.dialog: CrashDialog | None = None
        # Python's id of the GUI thread, not QThread.currentThread(): the QThread type costs ~1.5 ms
        # of the first window (ui.launch) and both name the thread that made this object.
        self._gui_thread = threading.get_ident()
        self._from_thread.connect(self.handle)

    def install(self) -> None:
        """Become ``sys.excepthook`` and ``threading.excepthook``."""
        self._previous = (sys.excepthook, threading.excepthook)
        sys.excepthook = self.excepthook
        threading.excepthook = self.thread_excepthook

    def uninstall(self) -> None:
        """Give the hooks back."""
        if self._previous is not None:
            sys.excepthook, threading.excepthook = self._previous
            self._previous = None

    def excepthook(self, exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        """``sys.excepthook``: a bug on the GUI thread (or one handed over by the task runner)."""
        if exc.__traceback__ is None and tb is not None:
            exc = exc.with_traceback(tb)
        if threading.get_ident() != self._gui_thread:
            self._from_thread.emit(exc)
            return
        self.handle(exc)

    def thread_excepthook(self, args: threading.ExceptHookArgs) -> None:
        """``threading.excepthook``: a bug on another thread; shown on the GUI thread."""
        if args.exc_value is None or isinstance(args.exc_value, SystemExit):
            return
        self._from_thread.emit(args.exc_value)

    def handle(self, exc: BaseException) -> None:
        """Log, save a report, tell the operator (GUI thread)."""
        if isinstance(exc, KeyboardInterrupt):
            app = QApplication.instance()
            if app is not None:
                app.exit(130)
            return
        text = "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))
        log.critical("unexpected error (a bug):\n%s", text)
        report = self._save(text)
        self.crashed.emit(str(report) if report else "")
        if not self._show_dialog or self._showing:
            return
        self._showing = True
        try:
            from ui.crash_dialog import CrashDialog  # only when there is a bug to tell (see its doc)

            dialog = CrashDialog(report, self._parent_window())
            dialog.finished.connect(self._dialog_closed)
            self.dialog = dialog
            dialog.open()
        except Exception:  # the dialog itself failed: the log has it, do not loop
            self._showing = False
            log.exception("crash dialog failed")

    def _dialog_closed(self) -> None:
        self._showing = False
        self.dialog = None

    def _save(self, text: str) -> Path | None:
        stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%S%f")
        path = self._dir / f"crash-{stamp}.txt"
        try:
            self._dir.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
        except OSError as exc:
            log.error("cannot save the crash report in %s: %s", self._dir, exc.strerror)
            return None
        return path
