"""Scripted start for the demo and the README pictures: sign on, scan, save a screenshot, quit.

Driven by timers on the GUI thread (never a sleep): after each step it waits until the app is idle
(no background task, no print job, the till not busy) before the next one.
"""

from __future__ import annotations

import logging
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QApplication

from pos_client.security import Operator

if TYPE_CHECKING:
    from ui.app import App

log = logging.getLogger(__name__)

POLL_MS = 50
STEP_TIMEOUT = 30.0


class AutoRun(QObject):
    """Sign on as ``operator_id``, scan ``scans`` one by one, then save ``screenshot`` and quit."""

    def __init__(
        self, app: App, operator_id: str, pin: str, scans: list[str], screenshot: Path | None
    ) -> None:
        super().__init__(app.window)
        self.app = app
        self.operator_id = operator_id
        self.pin = pin
        self.scans = list(scans)
        self.screenshot = screenshot
        self.size = (1280, 800)
        self.exit_code = 0
        self._timer = QTimer(self)
        self._timer.setInterval(POLL_MS)
        self._timer.timeout.connect(self._poll)
        self._waiting_for: Callable[[], bool] | None = None
        self._then: Callable[[], None] | None = None
        self._deadline = 0.0

    def start(self) -> None:
        self.app.window.resize(*self.size)
        self.app.signon.signed_on.connect(self._signed_on)
        self.app.signon.failed.connect(self._sign_on_failed)
        self._wait(self._idle, lambda: self.app.sign_on(self.operator_id, self.pin))

    def _sign_on_failed(self, text: str) -> None:
        print(f"sign-on failed: {text}", file=sys.stderr)
        self.exit_code = 1
        self._finish()

    def _signed_on(self, _: Operator) -> None:
        self._wait(self._idle, self._next_scan)

    def _next_scan(self) -> None:
        if not self.scans:
            self._wait(self._idle, self._finish)
            return
        number = self.scans.pop(0)
        self.app.ctx.scanning.inject(number)
        self._wait(self._idle, self._next_scan)

    def _idle(self) -> bool:
        screens = self.app.window.screens()
        busy_screen = any(bool(getattr(getattr(s, "controller", None), "busy", False)) for s in screens)
        return self.app.tasks.active_count == 0 and not self.app.ctx.printing.busy and not busy_screen

    def _wait(self, condition: Callable[[], bool], then: Callable[[], None]) -> None:
        self._waiting_for, self._then = condition, then
        self._deadline = time.monotonic() + STEP_TIMEOUT
        self._timer.start()

    def _poll(self) -> None:
        if self._waiting_for is None or self._then is None:
            return
        if not self._waiting_for() and time.monotonic() < self._deadline:
            return
        if not self._waiting_for():
            log.warning("autorun: step timed out; going on")
            self.exit_code = 1
        then = self._then
        self._waiting_for = self._then = None
        self._timer.stop()
        then()

    def _finish(self) -> None:
        if self.screenshot is None:
            return  # stay open: an interactive demo signed on at once
        QApplication.processEvents()
        pixmap = self.app.window.grab()
        self.screenshot.parent.mkdir(parents=True, exist_ok=True)
        if not pixmap.save(str(self.screenshot), "PNG"):
            print(f"cannot write {self.screenshot}", file=sys.stderr)
            self.exit_code = 1
        else:
            print(f"screenshot saved: {self.screenshot}", file=sys.stderr)
        QApplication.exit(self.exit_code)
