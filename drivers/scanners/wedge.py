"""Telling a keyboard-wedge scanner from a person typing, by timing alone.

A wedge scanner "types" the code into whatever has the keyboard focus. It types much faster than
anyone can — a few milliseconds per character — and ends with Enter. The detector is fed with
*characters* (not key codes, so it works with any keyboard layout) and the monotonic time each one
arrived; it decides per character whether to hold it back (it may be the start of a burst), to give
back held characters as ordinary typing, or to report a scan. It never looks at a clock itself, so the
tests drive it with exact timings and the UI adapter (``ui.scanner_filter``) with ``time.monotonic``.

A scanner set to a US layout on a till with another keyboard layout types other characters than it
means (``Y`` for ``Z`` on German QWERTZ, ``&`` for ``1`` on French AZERTY): with ``layout`` set, a
scan's characters are mapped back (:mod:`drivers.scanners.wedge_layouts`); typing is never changed.
"""

from __future__ import annotations

from dataclasses import dataclass

from drivers.scanners.events import ScanEvent
from drivers.scanners.normalise import Normaliser
from drivers.scanners.wedge_layouts import LAYOUTS, decode


@dataclass(frozen=True, slots=True)
class WedgeSettings:
    """How bursts are recognised.

    Attributes:
        max_gap: the longest pause (seconds) between two characters of one burst. Scanners type a
            character every 1–20 ms; people need 80 ms and more even when typing fast.
        min_length: the fewest characters (terminator excluded) a scan can have; shorter fast bursts
            (two keys rolled together, then Enter) are typing.
        terminators: the characters that end a scan ("\\r" is what Enter types). Empty: the scanner
            sends no terminator and a pause longer than ``max_gap`` ends the burst.
        prefix: the scanner's configured prefix, removed from scans.
        suffix: the scanner's configured suffix, removed from scans.
        max_length: a longer burst is not a barcode (a key held down, a paste); it is given back.
        layout: the till's keyboard layout (``us``, ``de``, ``fr``, ...; see
            :data:`~drivers.scanners.wedge_layouts.LAYOUTS`), for a scanner set to a US layout.
    """

    max_gap: float = 0.05
    min_length: int = 6
    terminators: str = "\r\n"
    prefix: str = ""
    suffix: str = ""
    max_length: int = 256
    layout: str = "us"

    def __post_init__(self) -> None:
        if self.layout not in LAYOUTS:
            raise ValueError(f"unknown keyboard layout {self.layout!r}: one of {', '.join(LAYOUTS)}")


@dataclass(frozen=True, slots=True)
class WedgeDecision:
    """What to do with the character just fed (and with the ones held before it).

    Attributes:
        release: characters held back earlier that turned out to be typing; hand them to the focused
            field, in order, *before* the current character.
        swallow: the current character must not reach the focused field (it is held back, or it is
            the terminator of a scan).
        scan: a complete scan, if one just ended.
    """

    release: str = ""
    swallow: bool = False
    scan: ScanEvent | None = None


class WedgeDetector:
    """Burst detector for one keyboard (not thread-safe: feed it from one thread).

    Args:
        settings: timing and framing.
        source: the name put in scan events.
    """

    def __init__(self, settings: WedgeSettings | None = None, source: str = "wedge") -> None:
        self.settings = settings or WedgeSettings()
        self.source = source
        self._normaliser = Normaliser(prefix=self.settings.prefix, suffix=self.settings.suffix)
        self._held: list[str] = []
        self._last_at = 0.0

    @property
    def holding(self) -> str:
        """The characters currently held back (a burst that may still become a scan)."""
        return "".join(self._held)

    def deadline(self) -> float | None:
        """When :meth:`poll` must run to give held characters back, or ``None`` if nothing is held."""
        return self._last_at + self.settings.max_gap if self._held else None

    def feed(self, text: str, now: float) -> WedgeDecision:
        """A key press typed ``text`` at monotonic time ``now``."""
        if len(text) != 1:
            # Input methods and compressed key events deliver several characters at once: a person.
            return WedgeDecision(release=self._take_held(), swallow=False)
        scan: ScanEvent | None = None
        release = ""
        if self._held and now - self._last_at > self.settings.max_gap:
            # The pause ended the previous burst: a scan (no-terminator scanners) or typing.
            scan, release = self._end_burst(now)
        if text in self.settings.terminators:
            if scan is None and len(self._held) >= self.settings.min_length:
                scan = self._make_scan(now)
                if scan is not None:
                    return WedgeDecision(release=release, swallow=True, scan=scan)
            # Enter pressed by a person: give everything back and let the key through.
            return WedgeDecision(release=release + self._take_held(), swallow=False, scan=scan)
        if len(self._held) >= self.settings.max_length:
            return WedgeDecision(release=release + self._take_held(), swallow=False, scan=scan)
        self._held.append(text)
        self._last_at = now
        return WedgeDecision(release=release, swallow=True, scan=scan)

    def poll(self, now: float) -> WedgeDecision:
        """Time passed without a key: a burst that has not ended in time is typing (or a scan)."""
        if not self._held or now - self._last_at <= self.settings.max_gap:
            return WedgeDecision()
        scan, release = self._end_burst(now)
        return WedgeDecision(release=release, scan=scan)

    def interrupt(self) -> str:
        """A key without text (arrows, Backspace) or a focus change: give back everything held."""
        return self._take_held()

    def _end_burst(self, now: float) -> tuple[ScanEvent | None, str]:
        if not self.settings.terminators and len(self._held) >= self.settings.min_length:
            scan = self._make_scan(now)
            if scan is not None:
                return scan, ""
        return None, self._take_held()

    def _make_scan(self, now: float) -> ScanEvent | None:
        typed = "".join(self._held)
        result = self._normaliser.normalise_text(decode(typed, self.settings.layout))
        if not result.text:
            return None
        self._held.clear()
        return ScanEvent(
            text=result.text,
            raw=typed.encode("utf-8", errors="surrogateescape"),
            symbology=result.symbology,
            invalid=b"",
            timestamp=now,
            source=self.source,
        )

    def _take_held(self) -> str:
        held = "".join(self._held)
        self._held.clear()
        return held
