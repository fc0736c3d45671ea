"""Test doubles for scanners: a real pseudo-terminal that can be unplugged and replugged, and a
recorder that collects scanner callbacks into queues so tests wait on events, never on sleeps."""

from __future__ import annotations

import os
import queue
import threading
import time
import tty
from collections.abc import Callable
from pathlib import Path

from drivers.scanners.events import DiscardEvent, ScanEvent, ScannerState, StatusEvent

WAIT = 5.0  # generous: a loaded CI machine with 2 cores; tests only wait this long when failing


class PtyScanner:
    """The device end of a scanner: a pseudo-terminal whose slave is reachable at a fixed path.

    ``path`` is a symlink (like ``/dev/serial/by-id/…``) to the current pty's slave. ``unplug()``
    closes the pty (the reader sees the device vanish); ``replug()`` opens a NEW pty and re-points
    the symlink, as when a USB scanner is plugged back in and gets a new tty.
    """

    def __init__(self, folder: Path) -> None:
        self.path = folder / "scanner"
        self.master: int | None = None
        self.slave: int | None = None
        self.replug()

    def replug(self) -> None:
        master, slave = os.openpty()
        # Raw mode at once, so nothing the test writes is cooked before the reader opens the port.
        tty.setraw(slave)
        self.master, self.slave = master, slave
        link = self.path.with_suffix(".new")
        link.unlink(missing_ok=True)
        link.symlink_to(os.ttyname(slave))
        link.replace(self.path)  # atomic re-point

    def unplug(self) -> None:
        for fd in (self.master, self.slave):
            if fd is not None:
                os.close(fd)
        self.master = self.slave = None

    def write(self, data: bytes) -> None:
        assert self.master is not None, "unplugged"
        view = memoryview(data)
        while view:
            written = os.write(self.master, view)
            view = view[written:]

    def close(self) -> None:
        self.unplug()
        self.path.unlink(missing_ok=True)


class Recorder:
    """Collects scanner callbacks (called from the reader thread) into thread-safe queues."""

    def __init__(self) -> None:
        self.scans: queue.Queue[ScanEvent] = queue.Queue()
        self.statuses: queue.Queue[StatusEvent] = queue.Queue()
        self.discards: queue.Queue[DiscardEvent] = queue.Queue()
        self.status_history: list[ScannerState] = []

    def on_scan(self, event: ScanEvent) -> None:
        self.scans.put(event)

    def on_status(self, event: StatusEvent) -> None:
        self.status_history.append(event.state)
        self.statuses.put(event)

    def on_discard(self, event: DiscardEvent) -> None:
        self.discards.put(event)

    def scan(self, timeout: float = WAIT) -> ScanEvent:
        return self.scans.get(timeout=timeout)

    def discard(self, timeout: float = WAIT) -> DiscardEvent:
        return self.discards.get(timeout=timeout)

    def wait_state(self, state: ScannerState, timeout: float = WAIT) -> StatusEvent:
        """Wait for the next status event with ``state``; earlier other states are skipped."""
        while True:
            event = self.statuses.get(timeout=timeout)
            if event.state is state:
                return event


def wait_until(condition: Callable[[], bool], timeout: float = WAIT) -> None:
    """Poll ``condition`` until it holds (for state with no event to wait on); fail after ``timeout``."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"condition not met within {timeout} s")
        threading.Event().wait(0.005)
