"""What a scanner tells the rest of the program: scans, device status changes and discarded input.

Every scanner (serial, HID POS, keyboard wedge) speaks this vocabulary, so the terminal core, the CLI
and the app handle them all alike. Events are immutable and safe to hand from a device's reader thread
to another thread.
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol


class ScannerState(enum.StrEnum):
    """Where a scanner device stands; every change is reported as a :class:`StatusEvent`."""

    STOPPED = "stopped"  # not started, or stopped on purpose
    CONNECTING = "connecting"  # first attempt to open the device
    CONNECTED = "connected"  # open and reading
    DISCONNECTED = "disconnected"  # the device went away (unplugged, closed, read error)
    RECONNECTING = "reconnecting"  # waiting for the device to come back, retrying periodically


@dataclass(frozen=True, slots=True)
class ScanEvent:
    """One complete scan.

    Attributes:
        text: the normalised scan (whitespace, control characters, AIM identifier, configured prefix
            and suffix removed) — what identification works on.
        raw: the bytes exactly as the device sent them, without the terminator.
        symbology: the AIM symbology identifier without its leading ``]`` (``"C0"``, ``"E0"``…) when
            the scanner sent one, else ``None``.
        invalid: bytes that could not be decoded and were skipped (empty when the scan was clean).
        timestamp: ``time.monotonic()`` when the scan was complete.
        source: the device it came from (a URL, ``"wedge"``…).
    """

    text: str
    raw: bytes
    symbology: str | None
    invalid: bytes
    timestamp: float
    source: str


@dataclass(frozen=True, slots=True)
class StatusEvent:
    """A change of a scanner's :class:`ScannerState`.

    Attributes:
        state: the new state.
        source: the device (URL) it concerns.
        detail: plain words on why (the error that disconnected it…), empty when there is nothing to add.
        timestamp: ``time.monotonic()`` of the change.
    """

    state: ScannerState
    source: str
    detail: str
    timestamp: float


class DiscardReason(enum.StrEnum):
    """Why input was thrown away instead of becoming a scan."""

    PARTIAL = "partial"  # the rest of the scan never came (no terminator before the timeout)
    DISCONNECTED = "disconnected"  # the device went away in the middle of a scan
    INVALID = "invalid"  # nothing usable was left after normalisation (only garbage bytes)
    OVERFLOW = "overflow"  # far longer than any barcode: line noise or a wrong terminator setting
    TYPED = "typed"  # keyboard wedge: typed at a person's speed (or too short) — not a scan


@dataclass(frozen=True, slots=True)
class DiscardEvent:
    """Input that did not become a scan, for diagnostics (``scanner listen`` shows these)."""

    reason: DiscardReason
    raw: bytes
    source: str
    timestamp: float


ScanCallback = Callable[[ScanEvent], None]
StatusCallback = Callable[[StatusEvent], None]
DiscardCallback = Callable[[DiscardEvent], None]


class Scanner(Protocol):
    """A scanner device with one owner thread.

    Callbacks given at construction are called from the scanner's own thread; a GUI must marshal them
    to its GUI thread (``ui.scanner_bridge`` does). Callbacks must not block for long: the device is
    not read while they run.
    """

    @property
    def source(self) -> str:
        """The device this scanner reads (its URL)."""
        ...

    @property
    def state(self) -> ScannerState:
        """The current state (the last one reported to the status callback)."""
        ...

    def start(self) -> None:
        """Start the owner thread; it connects (and keeps reconnecting) on its own. Returns at once."""
        ...

    def stop(self, timeout: float = 2.0) -> None:
        """Stop reading, close the device and join the owner thread (at most ``timeout`` seconds)."""
        ...
