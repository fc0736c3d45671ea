"""Printer status (``DLE EOT n``) as typed states, and the typed errors printing can raise.

Design: the four real-time status bytes of ESC/POS are decoded by pure functions into one
:class:`PrinterStatus`; :meth:`PrinterStatus.raise_if_unusable` turns a state that stops printing into
the matching :class:`PrinterError` subclass. Expected failures (the environment's fault: offline,
no paper, cover open) are separate types so callers can say exactly what is wrong.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

DLE_EOT = b"\x10\x04"
QUERY_PRINTER = DLE_EOT + b"\x01"  # bit 3: offline
QUERY_OFFLINE_CAUSE = DLE_EOT + b"\x02"  # bit 2: cover open, bit 5: stopped by paper end, bit 6: error
QUERY_ERROR = DLE_EOT + b"\x03"  # bit 3: cutter, bit 5: unrecoverable, bit 6: auto-recoverable
QUERY_PAPER = DLE_EOT + b"\x04"  # bits 2+3: near end, bits 5+6: paper out
STATUS_BASE = 0x12  # bits 1 and 4 are always 1 in a status byte, bits 0 and 7 always 0


class PrinterError(Exception):
    """Printing failed; ``message`` is a sentence for the person at the till."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class PrinterOffline(PrinterError):  # noqa: N818 - the names a technician reads
    """The printer cannot be reached (refused, unplugged, no answer) or says it is offline."""


class PaperOut(PrinterError):  # noqa: N818 - the names a technician reads
    """The paper roll is empty."""


class CoverOpen(PrinterError):  # noqa: N818 - the names a technician reads
    """The printer's cover is open."""


class PrinterConfigError(PrinterError):
    """The printer URL, profile or code pages in the configuration are wrong."""


class Paper(enum.StrEnum):
    """Roll paper sensor state."""

    OK = "ok"
    NEAR_END = "near_end"
    OUT = "out"


class State(enum.StrEnum):
    """The one-word summary a technician screen shows."""

    ONLINE = "online"
    PAPER_NEAR_END = "paper_near_end"
    PAPER_OUT = "paper_out"
    COVER_OPEN = "cover_open"
    ERROR = "error"
    OFFLINE = "offline"
    UNKNOWN = "unknown"  # the connection cannot report status (file://, a silent printer)


@dataclass(frozen=True)
class PrinterStatus:
    """Decoded real-time status."""

    online: bool
    paper: Paper
    cover_open: bool
    error: bool
    known: bool = True

    @property
    def state(self) -> State:
        """The most important condition first: cover, paper out, error, offline, near end."""
        if not self.known:
            return State.UNKNOWN
        if self.cover_open:
            return State.COVER_OPEN
        if self.paper is Paper.OUT:
            return State.PAPER_OUT
        if self.error:
            return State.ERROR
        if not self.online:
            return State.OFFLINE
        if self.paper is Paper.NEAR_END:
            return State.PAPER_NEAR_END
        return State.ONLINE

    def raise_if_unusable(self) -> None:
        """Raise the typed error for a state that stops printing; near end still prints.

        Raises:
            CoverOpen, PaperOut, PrinterOffline, PrinterError.
        """
        state = self.state
        if state is State.COVER_OPEN:
            raise CoverOpen("The printer cover is open: close it and reprint the slip.")
        if state is State.PAPER_OUT:
            raise PaperOut("The printer is out of paper: load a new roll and reprint the slip.")
        if state is State.ERROR:
            raise PrinterError("The printer reports an error (cutter or mechanism): check it and reprint.")
        if state is State.OFFLINE:
            raise PrinterOffline("The printer is offline: check it and reprint the slip.")


UNKNOWN_STATUS = PrinterStatus(online=True, paper=Paper.OK, cover_open=False, error=False, known=False)


def decode(printer: int, offline_cause: int, paper: int) -> PrinterStatus:
    """Decode the answers to ``DLE EOT 1``, ``DLE EOT 2`` and ``DLE EOT 4``."""
    if paper & 0x60:
        paper_state = Paper.OUT
    elif paper & 0x0C:
        paper_state = Paper.NEAR_END
    else:
        paper_state = Paper.OK
    if offline_cause & 0x20:
        paper_state = Paper.OUT
    return PrinterStatus(
        online=not printer & 0x08,
        paper=paper_state,
        cover_open=bool(offline_cause & 0x04),
        error=bool(offline_cause & 0x40),
    )


def encode(status: PrinterStatus) -> dict[int, int]:
    """The status bytes a printer in ``status`` answers to ``DLE EOT n`` (used by the emulator)."""
    printer = STATUS_BASE | (0 if status.online and not status.cover_open else 0x08)
    cause = STATUS_BASE
    cause |= 0x04 if status.cover_open else 0
    cause |= 0x20 if status.paper is Paper.OUT else 0
    cause |= 0x40 if status.error else 0
    paper = STATUS_BASE
    paper |= 0x60 if status.paper is Paper.OUT else 0x0C if status.paper is Paper.NEAR_END else 0
    return {1: printer, 2: cause, 3: STATUS_BASE, 4: paper}


ONLINE = PrinterStatus(online=True, paper=Paper.OK, cover_open=False, error=False)
PAPER_OUT = PrinterStatus(online=False, paper=Paper.OUT, cover_open=False, error=False)
PAPER_NEAR_END = PrinterStatus(online=True, paper=Paper.NEAR_END, cover_open=False, error=False)
COVER_OPEN = PrinterStatus(online=False, paper=Paper.OK, cover_open=True, error=False)
