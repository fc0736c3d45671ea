"""Scan feedback: two sounds a cashier tells apart without looking, played by a real detached process."""

from __future__ import annotations

import io
import itertools
import sys
import wave
from pathlib import Path

from pytestqt.qtbot import QtBot

from ui.feedback import BAD_TONE, GOOD_TONE, ScanFeedback, find_player, synthesise


def _pitch_and_length(data: bytes) -> tuple[float, float]:
    """Zero crossings per second of sound (a pitch proxy) and the length in seconds."""
    with wave.open(io.BytesIO(data)) as wav:
        rate, frames = wav.getframerate(), wav.readframes(wav.getnframes())
        assert (wav.getnchannels(), wav.getsampwidth()) == (1, 2)
    samples = [int.from_bytes(frames[i : i + 2], "little", signed=True) for i in range(0, len(frames), 2)]
    sounding = [s for s in samples if s != 0]
    crossings = sum(1 for a, b in itertools.pairwise(sounding) if (a < 0) != (b < 0))
    return crossings / (len(sounding) / rate), len(samples) / rate


def test_the_good_and_the_bad_sound_differ_in_pitch_and_are_short() -> None:
    good_pitch, good_len = _pitch_and_length(synthesise(GOOD_TONE))
    bad_pitch, bad_len = _pitch_and_length(synthesise(BAD_TONE))
    assert good_pitch > 4 * bad_pitch  # a chirp against a buzz, not two similar beeps
    assert 0.1 <= good_len <= 0.4 and 0.2 <= bad_len <= 0.6  # short enough for a busy till


def test_a_player_is_found_or_the_configured_one_is_used() -> None:
    assert find_player("", which=lambda name: "/usr/bin/aplay" if name == "aplay" else None) == [
        "aplay",
        "-q",
    ]
    assert find_player("", which=lambda name: None) is None
    assert find_player("mpv --really-quiet", which=lambda name: "/usr/bin/mpv") == ["mpv", "--really-quiet"]
    assert find_player("no-such-player", which=lambda name: None) is None


def test_each_scan_outcome_plays_its_own_sound_through_a_real_process(qtbot: QtBot, tmp_path: Path) -> None:
    played_log = tmp_path / "played.txt"
    recorder = tmp_path / "player.py"
    recorder.write_text(
        f"import sys\nwith open({str(played_log)!r}, 'a') as f:\n    f.write(sys.argv[-1] + '\\n')\n",
        encoding="utf-8",
    )
    feedback = ScanFeedback(tmp_path / "cache", command=f"{sys.executable} {recorder}")
    flashes: list[str] = []
    feedback.flashed.connect(flashes.append)

    feedback.good()
    qtbot.waitUntil(lambda: played_log.exists() and len(played_log.read_text().splitlines()) == 1)
    feedback.bad()
    qtbot.waitUntil(lambda: len(played_log.read_text().splitlines()) == 2)

    good_file, bad_file = (Path(line) for line in played_log.read_text().splitlines())
    assert flashes == ["good", "bad"]
    assert good_file != bad_file
    assert good_file.read_bytes() == synthesise(GOOD_TONE)
    assert bad_file.read_bytes() == synthesise(BAD_TONE)


def test_without_a_player_or_with_sounds_off_the_flash_still_comes(qtbot: QtBot, tmp_path: Path) -> None:
    started: list[str] = []
    for feedback in (
        ScanFeedback(tmp_path, command="no-such-player-anywhere"),
        ScanFeedback(tmp_path, enabled=False, start=lambda program, args: bool(started.append(program))),
    ):
        with qtbot.waitSignal(feedback.flashed) as flash:
            feedback.bad()
        assert flash.args == ["bad"]
    assert started == []
