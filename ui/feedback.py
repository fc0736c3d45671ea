"""Feedback a cashier notices without looking: a short sound and a colour flash for each scan.

A busy till is loud and the cashier looks at the customer, not the screen. A scan that found a usable
card plays a short rising chirp; a scan that did not (garbled, unknown, blocked, offline dead end)
plays a low double buzz, clearly different even through a cheap speaker. The X bell is not used: many
tills have it off, and it sounds the same for both.

The two sounds are synthesised once (16-bit mono WAV, ~0.1-0.3 s) into the terminal's cache folder and
played by a small system player started detached (``pw-play``, ``paplay`` or ``aplay``, the first found;
``[ui] sound_command`` names another, ``[ui] sounds = false`` turns them off). Playing never blocks the
GUI thread and never fails an operation: a missing player or sound card is logged once.

The flash is a signal (``flashed("good" | "bad")``) the main window turns into a short highlight of the
message banner.
"""

from __future__ import annotations

import io
import logging
import math
import shlex
import shutil
import struct
import wave
from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import QObject, QProcess, Signal

log = logging.getLogger(__name__)

RATE = 22_050
PLAYERS: tuple[tuple[str, ...], ...] = (("pw-play",), ("paplay",), ("aplay", "-q"))

# (frequency Hz, milliseconds) segments; 0 Hz is silence.
GOOD_TONE: tuple[tuple[float, int], ...] = ((1318.5, 70), (0.0, 20), (1760.0, 90))
BAD_TONE: tuple[tuple[float, int], ...] = ((196.0, 140), (0.0, 60), (196.0, 180))


def synthesise(segments: Sequence[tuple[float, int]], rate: int = RATE, volume: float = 0.6) -> bytes:
    """A WAV file (bytes) of the given tone segments, with short fades so nothing clicks."""
    frames = bytearray()
    fade = max(1, rate // 400)  # 2.5 ms
    for frequency, millis in segments:
        count = rate * millis // 1000
        for i in range(count):
            if frequency <= 0:
                sample = 0.0
            else:
                envelope = min(1.0, i / fade, (count - i) / fade)
                # A square-ish wave (sine plus its third harmonic) carries better than a pure sine.
                phase = 2 * math.pi * frequency * i / rate
                sample = envelope * (math.sin(phase) + math.sin(3 * phase) / 3) * 0.75
            frames += struct.pack("<h", int(max(-1.0, min(1.0, sample * volume)) * 32767))
    out = io.BytesIO()
    with wave.open(out, "wb") as wav:
        wav.setnchannels(1)
        wav.setsampwidth(2)
        wav.setframerate(rate)
        wav.writeframes(bytes(frames))
    return out.getvalue()


def find_player(configured: str = "", which: Callable[[str], str | None] = shutil.which) -> list[str] | None:
    """The command (program and its options) that plays a WAV file given as its last argument."""
    if configured.strip():
        parts = shlex.split(configured)
        return parts if which(parts[0]) else None
    for candidate in PLAYERS:
        if which(candidate[0]):
            return list(candidate)
    return None


class ScanFeedback(QObject):
    """Plays the good/bad sound and asks for a flash.

    Args:
        cache_dir: where the two WAV files are written (once).
        enabled: ``[ui] sounds``.
        command: ``[ui] sound_command`` (empty: the first player found).
        start: starts a program detached (``QProcess.startDetached`` unless a test gives another).

    Signals:
        flashed(str): ``"good"`` or ``"bad"``: the window highlights the message banner.
        played(str): the WAV file handed to the player (for diagnostics and tests).
    """

    flashed = Signal(str)
    played = Signal(str)

    def __init__(
        self,
        cache_dir: Path,
        *,
        enabled: bool = True,
        command: str = "",
        start: Callable[[str, list[str]], bool] | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._cache_dir = cache_dir
        self._enabled = enabled
        self._command = command
        self._start = start or _start_detached
        self._player: list[str] | None = None
        self._looked_up = False
        self._files: dict[str, Path] = {}

    def good(self) -> None:
        """A scan found a usable card."""
        self._give("good")

    def bad(self) -> None:
        """A scan did not find a usable card."""
        self._give("bad")

    def _give(self, kind: str) -> None:
        self.flashed.emit(kind)
        if not self._enabled:
            return
        player = self._player_command()
        if player is None:
            return
        path = self._sound(kind)
        if path is None:
            return
        if not self._start(player[0], [*player[1:], str(path)]):
            log.warning("the sound player %s could not be started", player[0])
            self._enabled = False  # once is enough: the cashier still sees the flash
            return
        self.played.emit(str(path))

    def _player_command(self) -> list[str] | None:
        if not self._looked_up:
            self._looked_up = True
            self._player = find_player(self._command)
            if self._player is None:
                log.info(
                    "no sound player found (%s): scans flash but make no sound",
                    self._command or "pw-play, paplay or aplay",
                )
        return self._player

    def _sound(self, kind: str) -> Path | None:
        path = self._files.get(kind)
        if path is not None:
            return path
        path = self._cache_dir / f"scan-{kind}.wav"
        try:
            self._cache_dir.mkdir(parents=True, exist_ok=True)
            data = synthesise(GOOD_TONE if kind == "good" else BAD_TONE)
            if not path.exists() or path.read_bytes() != data:
                path.write_bytes(data)
        except OSError as exc:
            log.warning("cannot write the scan sound %s: %s", path, exc)
            self._enabled = False
            return None
        self._files[kind] = path
        return path


def _start_detached(program: str, arguments: list[str]) -> bool:
    started, _pid = QProcess.startDetached(program, arguments)
    return bool(started)
