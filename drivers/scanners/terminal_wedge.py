"""A keyboard-wedge scanner checked from a text terminal (``loyalty-pos scanner listen --device wedge``).

The app reads wedge scanners with its key-event filter; on the till's own console the technician can
check one without the app: this reads the terminal's characters as they are typed, with the time each
arrived, through the same :class:`~drivers.scanners.wedge.WedgeDetector` the app uses — so it shows
whether the app would take a burst for a scan or for typing. POSIX terminals only (termios).
"""

from __future__ import annotations

import codecs
import os
import select
import termios
import time
import tty
from collections.abc import Callable, Iterable
from typing import Any

from drivers.scanners.device import DeviceLostError, DeviceScanner
from drivers.scanners.events import (
    DiscardCallback,
    DiscardEvent,
    DiscardReason,
    ScanCallback,
    ScanEvent,
    StatusCallback,
)
from drivers.scanners.wedge import WedgeDecision, WedgeDetector

_POLL_SECONDS = 0.02


class TerminalWedgeScanner(DeviceScanner[int]):
    """Reads a terminal in cbreak mode (Ctrl-C still works) and reports scans and typing.

    Args:
        fd: the terminal's file descriptor (normally standard input).
        detector: the burst detector, with the app's settings.
        on_scan: called from the reader thread with each scan.
        on_status: called from the reader thread on every state change.
        on_discard: typing (too slow or too short for a scan) is reported here, reason ``TYPED``.
        clock: monotonic clock.
    """

    def __init__(
        self,
        fd: int,
        detector: WedgeDetector,
        on_scan: ScanCallback,
        on_status: StatusCallback | None = None,
        on_discard: DiscardCallback | None = None,
        *,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        super().__init__("wedge", on_scan, on_status, on_discard, clock=clock)
        self._fd = fd
        self._detector = detector
        self._decoder = codecs.getincrementaldecoder("utf-8")(errors="replace")
        self._saved_mode: list[Any] | None = None

    def _open(self) -> int:
        if not os.isatty(self._fd):
            raise DeviceLostError("checking a keyboard-wedge scanner needs a terminal to type into")
        self._saved_mode = termios.tcgetattr(self._fd)
        tty.setcbreak(self._fd)  # characters as they come, no echo; Ctrl-C still interrupts
        return self._fd

    def _close(self, handle: int) -> None:
        if self._saved_mode is not None:
            termios.tcsetattr(handle, termios.TCSADRAIN, self._saved_mode)
            self._saved_mode = None

    def _pump(self, handle: int) -> Iterable[ScanEvent | DiscardEvent]:
        out: list[ScanEvent | DiscardEvent] = []
        ready, _, _ = select.select([handle], [], [], _POLL_SECONDS)
        if ready:
            data = os.read(handle, 4096)
            if not data:
                self._stopping.set()  # end of input: nothing more will ever be typed
            now = self._clock()
            for char in self._decoder.decode(data):
                self._collect(self._detector.feed(char, now), now, out)
        self._collect(self._detector.poll(self._clock()), self._clock(), out)
        return out

    def _lost(self) -> Iterable[ScanEvent | DiscardEvent]:
        held = self._detector.interrupt()
        return [self._typed(held, self._clock())] if held else []

    def _collect(self, decision: WedgeDecision, now: float, out: list[ScanEvent | DiscardEvent]) -> None:
        if decision.release:
            out.append(self._typed(decision.release, now))
        if decision.scan is not None:
            out.append(decision.scan)

    def _typed(self, text: str, now: float) -> DiscardEvent:
        return DiscardEvent(reason=DiscardReason.TYPED, raw=text.encode(), source=self.source, timestamp=now)
