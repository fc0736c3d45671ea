"""The terminal keyboard-wedge reader behind ``scanner listen --device wedge``, on a real pty."""

from __future__ import annotations

import os
import termios
from collections.abc import Iterator

import pytest

from drivers.scanners.events import DiscardReason, ScannerState
from drivers.scanners.terminal_wedge import TerminalWedgeScanner
from drivers.scanners.wedge import WedgeDetector
from tests.drivers.scanners.helpers import Recorder


@pytest.fixture
def terminal() -> Iterator[tuple[int, int]]:
    master, slave = os.openpty()
    yield master, slave
    os.close(master)
    os.close(slave)


def test_scans_and_typing_are_told_apart_and_the_terminal_is_restored(terminal: tuple[int, int]) -> None:
    master, slave = terminal
    before = termios.tcgetattr(slave)
    recorder = Recorder()
    scanner = TerminalWedgeScanner(
        slave, WedgeDetector(), recorder.on_scan, recorder.on_status, recorder.on_discard
    )
    scanner.start()
    try:
        recorder.wait_state(ScannerState.CONNECTED)
        assert termios.tcgetattr(slave) != before  # cbreak: characters as they come
        os.write(master, b"x")
        typed = recorder.discard()
        os.write(master, b"2900000000017\r")
        scan = recorder.scan()
    finally:
        scanner.stop()
    assert (typed.reason, typed.raw) == (DiscardReason.TYPED, b"x")
    assert (scan.text, scan.source) == ("2900000000017", "wedge")
    assert termios.tcgetattr(slave) == before  # the technician's terminal is left as it was


def test_not_a_terminal_is_refused() -> None:
    read_end, write_end = os.pipe()
    recorder = Recorder()
    scanner = TerminalWedgeScanner(read_end, WedgeDetector(), recorder.on_scan, recorder.on_status)
    scanner.start()
    try:
        refused = recorder.wait_state(ScannerState.RECONNECTING)
    finally:
        scanner.stop()
        os.close(read_end)
        os.close(write_end)
    assert "needs a terminal" in refused.detail
