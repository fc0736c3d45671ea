"""Cutting a byte stream from a scanner into scans: terminators, timeouts, normalisation.

:class:`ScanAssembler` is pure (time is passed in), so the property tests drive it directly with
arbitrary byte streams cut at arbitrary places, and every device driver shares it.
"""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass

from drivers.scanners.events import DiscardEvent, DiscardReason, ScanEvent
from drivers.scanners.normalise import Normaliser


class Terminator(enum.Enum):
    """What the scanner sends after each code (its "suffix" / "terminator" setting).

    ``AUTO`` (the default) needs no setting: CR, LF, CR LF or TAB each end a scan, and so does any
    other control character except GS and RS, so a control character never glues two codes together.
    The other members end a scan only at their own bytes, exactly as configured.
    """

    AUTO = b"auto"  # never compared with the data: see _AUTO_END
    CR = b"\r"
    LF = b"\n"
    CRLF = b"\r\n"
    TAB = b"\t"
    NONE = b""  # no terminator: a pause longer than the inter-character timeout ends a scan

    @classmethod
    def parse(cls, name: str) -> Terminator:
        """``"auto"``, ``"CR"``, ``"lf"``, ``"CRLF"``, ``"TAB"`` or ``"none"`` → the terminator.

        Raises:
            ValueError: for anything else, with the accepted names in the message.
        """
        try:
            return cls[name.strip().upper()]
        except KeyError:
            names = ", ".join(member.name for member in cls)
            raise ValueError(f"unknown terminator {name!r}; use one of {names}") from None


# What ends a scan with Terminator.AUTO: every C0 control character and DEL, except GS and RS, which
# separate the fields *inside* one GS1 or ISO/IEC 15434 code (they are removed by normalisation, as
# before). Scanners end codes with CR, LF, CR LF or TAB and frame them with STX/ETX/EOT; whichever
# one a scanner sends, a code never runs into the next one. Control bytes never occur inside a UTF-8
# multi-byte sequence, so cutting on them cannot split a character.
_AUTO_END = re.compile(rb"[\x00-\x1c\x1f\x7f]")


@dataclass(frozen=True, slots=True)
class FramingSettings:
    """How a scanner's byte stream is cut into scans.

    Attributes:
        terminator: what ends a scan (``AUTO``: any line ending, tab or other control character).
        partial_timeout: seconds of silence after which an unterminated scan is thrown away.
        inter_char_timeout: with ``Terminator.NONE``, seconds of silence that end a scan.
        max_length: longer input without a terminator is noise (or a wrong terminator setting).
    """

    terminator: Terminator = Terminator.AUTO
    partial_timeout: float = 0.5
    inter_char_timeout: float = 0.1
    max_length: int = 1024


ScannerOutput = ScanEvent | DiscardEvent


class ScanAssembler:
    """Accumulates bytes and emits a :class:`ScanEvent` per complete scan.

    Args:
        source: the device, copied into every event.
        settings: terminator and timeouts.
        normaliser: prefix/suffix/AIM handling.
    """

    def __init__(self, source: str, settings: FramingSettings, normaliser: Normaliser) -> None:
        self.source = source
        self.settings = settings
        self.normaliser = normaliser
        self._buffer = bytearray()
        self._last_byte_at = 0.0

    @property
    def pending(self) -> bytes:
        """Bytes of a scan that has started but not ended yet."""
        return bytes(self._buffer)

    def deadline(self) -> float | None:
        """When :meth:`poll` next has something to do (a timeout), or ``None`` when idle."""
        if not self._buffer:
            return None
        return self._last_byte_at + self._timeout()

    def feed(self, data: bytes, now: float) -> list[ScannerOutput]:
        """Add bytes that arrived at monotonic time ``now``; returns the scans they completed."""
        out = self.poll(now)
        if not data:
            return out
        self._buffer.extend(data)
        self._last_byte_at = now
        terminator = self.settings.terminator.value
        if self.settings.terminator is Terminator.AUTO:
            self._split_auto(now, out)
        elif terminator:
            while True:
                end = self._buffer.find(terminator)
                if end < 0:
                    break
                frame = bytes(self._buffer[:end])
                del self._buffer[: end + len(terminator)]
                self._emit(frame, now, out)
        if len(self._buffer) > self.settings.max_length:
            out.append(self._discard(DiscardReason.OVERFLOW, now))
        return out

    def _split_auto(self, now: float, out: list[ScannerOutput]) -> None:
        start = 0
        for match in _AUTO_END.finditer(self._buffer):
            # A bare control character (the LF of a CR LF, an STX before a code) is an empty frame.
            self._emit(bytes(self._buffer[start : match.start()]), now, out)
            start = match.end()
        del self._buffer[:start]

    def poll(self, now: float) -> list[ScannerOutput]:
        """Apply timeouts at monotonic time ``now``: end a scan (no terminator) or drop a partial one."""
        out: list[ScannerOutput] = []
        deadline = self.deadline()
        if deadline is None or now < deadline:
            return out
        if self.settings.terminator is Terminator.NONE:
            frame = bytes(self._buffer)
            self._buffer.clear()
            self._emit(frame, now, out)
        else:
            out.append(self._discard(DiscardReason.PARTIAL, now))
        return out

    def reset(self, now: float) -> list[ScannerOutput]:
        """The device went away: whatever was pending can never complete."""
        if not self._buffer:
            return []
        return [self._discard(DiscardReason.DISCONNECTED, now)]

    def _timeout(self) -> float:
        if self.settings.terminator is Terminator.NONE:
            return self.settings.inter_char_timeout
        return self.settings.partial_timeout

    def _discard(self, reason: DiscardReason, now: float) -> DiscardEvent:
        raw = bytes(self._buffer)
        self._buffer.clear()
        return DiscardEvent(reason=reason, raw=raw, source=self.source, timestamp=now)

    def _emit(self, frame: bytes, now: float, out: list[ScannerOutput]) -> None:
        result = self.normaliser.normalise_bytes(frame)
        if result.text:
            out.append(
                ScanEvent(
                    text=result.text,
                    raw=frame,
                    symbology=result.symbology,
                    invalid=result.invalid,
                    timestamp=now,
                    source=self.source,
                )
            )
        elif frame.strip():
            # Something arrived but nothing usable is left: garbage, or only an AIM identifier.
            out.append(
                DiscardEvent(reason=DiscardReason.INVALID, raw=frame, source=self.source, timestamp=now)
            )
        # A bare terminator (e.g. the LF of a CRLF scanner configured as CR) is not worth a report.
