"""The owner thread every scanner device shares: connect, read, notice loss, reconnect, report.

A driver (serial, HID POS) subclasses :class:`DeviceScanner` and implements three small methods over
its own I/O primitive; the state machine and the callbacks live here once.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Iterable
from typing import Generic, TypeVar

from drivers.scanners.events import (
    DiscardCallback,
    DiscardEvent,
    ScanCallback,
    ScanEvent,
    ScannerState,
    StatusCallback,
    StatusEvent,
)

log = logging.getLogger(__name__)

Handle = TypeVar("Handle")
_Event = TypeVar("_Event", ScanEvent, StatusEvent, DiscardEvent)

# Reconnection backs off from the configured interval up to this, so an unplugged scanner costs little.
MAX_RECONNECT_INTERVAL = 2.0


class DeviceLostError(Exception):
    """The device stopped answering (unplugged, closed at the other end, read error)."""


class DeviceScanner(Generic[Handle]):
    """Base of scanners with one owner thread.

    Args:
        source: the device URL, copied into every event.
        on_scan: called (from the owner thread) with each scan.
        on_status: called (from the owner thread) on every state change.
        on_discard: called (from the owner thread) with input that did not become a scan.
        reconnect_interval: first wait before reopening the device; doubles up to 2 s.
        clock: monotonic clock (injected by tests).
    """

    def __init__(
        self,
        source: str,
        on_scan: ScanCallback,
        on_status: StatusCallback | None = None,
        on_discard: DiscardCallback | None = None,
        *,
        reconnect_interval: float = 0.25,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._source = source
        self._on_scan = on_scan
        self._on_status = on_status
        self._on_discard = on_discard
        self._reconnect_interval = reconnect_interval
        self._clock = clock
        self._state = ScannerState.STOPPED
        self._stopping = threading.Event()
        self._thread: threading.Thread | None = None
        self._handle_lock = threading.Lock()
        self._handle: Handle | None = None

    # -- public API (the Scanner protocol) ---------------------------------------------------------

    @property
    def source(self) -> str:
        return self._source

    @property
    def state(self) -> ScannerState:
        return self._state

    def start(self) -> None:
        if self._thread is not None:
            raise RuntimeError("scanner already started")
        self._stopping.clear()
        self._thread = threading.Thread(target=self._run, name=f"scanner {self._source}", daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 2.0) -> None:
        self._stopping.set()
        with self._handle_lock:
            if self._handle is not None:
                self._interrupt(self._handle)
        thread, self._thread = self._thread, None
        if thread is not None and thread is not threading.current_thread():
            thread.join(timeout)

    # -- what a driver implements --------------------------------------------------------------------

    def _open(self) -> Handle:
        """Open the device. Raise :class:`DeviceLostError` (or OSError) when it is not there."""
        raise NotImplementedError

    def _close(self, handle: Handle) -> None:
        """Close the device; must not raise."""
        raise NotImplementedError

    def _pump(self, handle: Handle) -> Iterable[ScanEvent | DiscardEvent]:
        """Wait briefly (≤ ~50 ms) for input; return what it completed. Raise :class:`DeviceLostError`."""
        raise NotImplementedError

    def _lost(self) -> Iterable[ScanEvent | DiscardEvent]:
        """The device went away: report what was pending and forget it."""
        raise NotImplementedError

    def _interrupt(self, handle: Handle) -> None:
        """Wake a blocked :meth:`_pump` from another thread (optional; the pump times out anyway)."""

    # -- the owner thread ----------------------------------------------------------------------------

    def _run(self) -> None:
        self._set_state(ScannerState.CONNECTING)
        delay = self._reconnect_interval
        while not self._stopping.is_set():
            try:
                handle = self._open()
            except (DeviceLostError, OSError) as exc:
                self._set_state(ScannerState.RECONNECTING, f"cannot open the device: {exc}")
                self._stopping.wait(delay)
                delay = min(delay * 2, max(MAX_RECONNECT_INTERVAL, self._reconnect_interval))
                continue
            delay = self._reconnect_interval
            with self._handle_lock:
                self._handle = handle
            self._set_state(ScannerState.CONNECTED)
            detail = ""
            crashed = False
            try:
                while not self._stopping.is_set():
                    self._deliver(self._pump(handle))
            except (DeviceLostError, OSError) as exc:
                detail = str(exc)
            except Exception:  # a bug: keep the traceback (log.exception) and keep the scanner alive
                log.exception("scanner %s: unexpected error while reading", self._source)
                detail, crashed = "unexpected error (details in the log)", True
            finally:
                with self._handle_lock:
                    self._handle = None
                self._close(handle)
                self._deliver(self._lost())
            if self._stopping.is_set():
                break
            self._set_state(ScannerState.DISCONNECTED, detail)
            self._set_state(ScannerState.RECONNECTING)
            if crashed:
                self._stopping.wait(delay)  # never a hot loop of reopen-and-fail
        self._set_state(ScannerState.STOPPED)

    def _set_state(self, state: ScannerState, detail: str = "") -> None:
        if state is self._state and state is ScannerState.RECONNECTING:
            return  # one report per outage, not one per retry
        self._state = state
        if self._on_status is not None:
            event = StatusEvent(state=state, source=self._source, detail=detail, timestamp=self._clock())
            self._call(self._on_status, event)

    def _deliver(self, outputs: Iterable[ScanEvent | DiscardEvent]) -> None:
        for output in outputs:
            if isinstance(output, ScanEvent):
                self._call(self._on_scan, output)
            elif self._on_discard is not None:
                self._call(self._on_discard, output)

    def _call(self, callback: Callable[[_Event], None], event: _Event) -> None:
        # A bug in a receiver must not silence the scanner for the rest of the day: log it with its
        # traceback and keep reading.
        try:
            callback(event)
        except Exception:
            # The event itself is not logged: it may hold a whole card number.
            log.exception("scanner callback %r failed on a %s", callback, type(event).__name__)
