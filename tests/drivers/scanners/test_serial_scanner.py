"""The serial scanner on real pseudo-terminals: every terminator, AIM identifiers, prefix/suffix,
partial scans, garbage bytes, and unplug/replug with reconnection."""

from __future__ import annotations

import queue
import socket
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings

from drivers.scanners import ScannerSettings, ScannerState, Terminator, parse_device_url, scanner_from_url
from drivers.scanners.events import DiscardReason
from drivers.scanners.serial_scanner import SerialScanner
from tests.drivers.scanners.helpers import WAIT, PtyScanner, Recorder, wait_until
from tests.drivers.scanners.test_framing import PREFIX, SUFFIX, Stream, streams


@pytest.fixture
def pty_scanner(tmp_path: Path) -> Iterator[PtyScanner]:
    device = PtyScanner(tmp_path)
    yield device
    device.close()


@pytest.fixture
def recorder() -> Recorder:
    return Recorder()


def start(url: str, recorder: Recorder, settings: ScannerSettings | None = None) -> SerialScanner:
    scanner = scanner_from_url(
        url,
        settings,
        on_scan=recorder.on_scan,
        on_status=recorder.on_status,
        on_discard=recorder.on_discard,
    )
    assert isinstance(scanner, SerialScanner)
    scanner.start()
    # Opening a port flushes its input (docs/ARCHITECTURE.md#pitfalls): write only once it is connected.
    recorder.wait_state(ScannerState.CONNECTED)
    return scanner


@pytest.fixture
def running(pty_scanner: PtyScanner, recorder: Recorder) -> Iterator[list[SerialScanner]]:
    """Scanners started by a test; stopped afterwards even when the test fails."""
    started: list[SerialScanner] = []
    yield started
    for scanner in started:
        scanner.stop()


@pytest.mark.parametrize(
    ("terminator", "wire"),
    [
        ("CR", b"\r"),
        ("LF", b"\n"),
        ("CRLF", b"\r\n"),
        ("TAB", b"\t"),
    ],
)
def test_every_terminator_ends_a_scan(
    terminator: str, wire: bytes, pty_scanner: PtyScanner, recorder: Recorder, running: list[SerialScanner]
) -> None:
    running.append(start(f"serial://{pty_scanner.path}?terminator={terminator}", recorder))

    pty_scanner.write(b"2900000000017" + wire + b"ABC-12" + wire)

    first, second = recorder.scan(), recorder.scan()
    assert (first.text, first.raw) == ("2900000000017", b"2900000000017")
    assert second.text == "ABC-12"
    assert first.source == f"serial://{pty_scanner.path}?terminator={terminator}"


def test_no_terminator_a_pause_ends_the_scan(
    pty_scanner: PtyScanner, recorder: Recorder, running: list[SerialScanner]
) -> None:
    running.append(start(f"serial://{pty_scanner.path}?terminator=none&inter_char_timeout=0.1", recorder))

    pty_scanner.write(b"123")
    pty_scanner.write(b"456")  # the same burst: well within the inter-character timeout

    assert recorder.scan().text == "123456"
    pty_scanner.write(b"789")
    assert recorder.scan().text == "789"


def test_a_plain_device_path_is_a_serial_scanner(
    pty_scanner: PtyScanner, recorder: Recorder, running: list[SerialScanner]
) -> None:
    running.append(start(str(pty_scanner.path), recorder))

    pty_scanner.write(b"  4242 4242\r")

    assert recorder.scan().text == "42424242"


@pytest.mark.parametrize(
    ("wire", "text", "symbology"),
    [
        (b"]E05901234123457\r", "5901234123457", "E0"),
        (b"]C0GIFT-0001\r", "GIFT-0001", "C0"),
        (b"]Q1https\r", "https", "Q1"),
        (b"5901234123457\r", "5901234123457", None),
    ],
)
def test_aim_identifiers_are_removed_and_reported(
    wire: bytes,
    text: str,
    symbology: str | None,
    pty_scanner: PtyScanner,
    recorder: Recorder,
    running: list[SerialScanner],
) -> None:
    running.append(start(str(pty_scanner.path), recorder))

    pty_scanner.write(wire)

    scan = recorder.scan()
    assert (scan.text, scan.symbology, scan.raw) == (text, symbology, wire[:-1])


def test_configured_prefix_and_suffix_are_removed(
    pty_scanner: PtyScanner, recorder: Recorder, running: list[SerialScanner]
) -> None:
    running.append(start(f"serial://{pty_scanner.path}?prefix=%23%23&suffix=END&terminator=CRLF", recorder))

    pty_scanner.write(b"##]E0123456END\r\n")  # prefix before the AIM identifier
    pty_scanner.write(b"]E0##654321END\r\n")  # and after it: scanners differ
    pty_scanner.write(b"\x02##777\x03\r\n")  # STX/ETX framing around it

    first, second, third = recorder.scan(), recorder.scan(), recorder.scan()
    assert (first.text, first.symbology) == ("123456", "E0")
    assert (second.text, second.symbology) == ("654321", "E0")
    assert third.text == "777"


def test_settings_come_from_the_configuration_and_the_url_overrides_them(
    pty_scanner: PtyScanner, recorder: Recorder, running: list[SerialScanner]
) -> None:
    configured = ScannerSettings(terminator=Terminator.LF, prefix="P")
    running.append(start(f"{pty_scanner.path}", recorder, configured))

    pty_scanner.write(b"P123\r\n")

    assert recorder.scan().text == "123"


def test_a_partial_scan_is_discarded_after_the_timeout(
    pty_scanner: PtyScanner, recorder: Recorder, running: list[SerialScanner]
) -> None:
    running.append(start(f"serial://{pty_scanner.path}?partial_timeout=0.2", recorder))

    pty_scanner.write(b"12345")  # the cable was pulled mid-scan, or the scanner is misconfigured
    discarded = recorder.discard()
    pty_scanner.write(b"999\r")

    assert (discarded.reason, discarded.raw) == (DiscardReason.PARTIAL, b"12345")
    assert recorder.scan().text == "999"  # not "12345999"
    assert recorder.scans.empty()


def test_garbage_bytes_are_reported_and_skipped(
    pty_scanner: PtyScanner, recorder: Recorder, running: list[SerialScanner]
) -> None:
    running.append(start(str(pty_scanner.path), recorder))

    pty_scanner.write(b"\xff\xfe\x00\r")  # line noise only
    pty_scanner.write(b"12\xc334\xff56\r")  # noise inside a scan

    noise = recorder.discard()
    scan = recorder.scan()
    # With the default (auto) terminator the NUL, a control character, already ends that frame.
    assert (noise.reason, noise.raw) == (DiscardReason.INVALID, b"\xff\xfe")
    assert (scan.text, scan.invalid) == ("123456", b"\xc3\xff")


def test_a_replugged_scanner_reconnects_at_its_configured_path(
    pty_scanner: PtyScanner, recorder: Recorder, running: list[SerialScanner]
) -> None:
    running.append(start(f"serial://{pty_scanner.path}", recorder))
    pty_scanner.write(b"111111\r")
    assert recorder.scan().text == "111111"

    scanner = running[0]
    pty_scanner.write(b"2222")  # unplugged in the middle of a scan
    # Unplugging drops what the tty has not delivered yet; let the reader take it first.
    wait_until(lambda: scanner._assembler.pending == b"2222")
    pty_scanner.unplug()
    disconnected = recorder.wait_state(ScannerState.DISCONNECTED)
    recorder.wait_state(ScannerState.RECONNECTING)
    lost = recorder.discard()
    pty_scanner.replug()  # a NEW pty appears at the same path
    recorder.wait_state(ScannerState.CONNECTED)
    pty_scanner.write(b"333333\r")

    assert recorder.scan().text == "333333"
    assert (lost.reason, lost.raw) == (DiscardReason.DISCONNECTED, b"2222")
    assert disconnected.detail  # says why, for the technician
    assert recorder.status_history == [
        ScannerState.CONNECTING,
        ScannerState.CONNECTED,
        ScannerState.DISCONNECTED,
        ScannerState.RECONNECTING,
        ScannerState.CONNECTED,
    ]


def test_a_scanner_missing_at_start_is_waited_for(tmp_path: Path, recorder: Recorder) -> None:
    scanner = scanner_from_url(
        f"serial://{tmp_path / 'scanner'}?reconnect_interval=0.02",
        on_scan=recorder.on_scan,
        on_status=recorder.on_status,
    )
    scanner.start()
    device: PtyScanner | None = None
    try:
        recorder.wait_state(ScannerState.RECONNECTING)
        device = PtyScanner(tmp_path)  # plugged in later
        recorder.wait_state(ScannerState.CONNECTED)
        device.write(b"424242\r")
        assert recorder.scan().text == "424242"
    finally:
        scanner.stop()
        if device is not None:
            device.close()
    # One "reconnecting" per outage, however many times it retried.
    assert recorder.status_history == [
        ScannerState.CONNECTING,
        ScannerState.RECONNECTING,
        ScannerState.CONNECTED,
        ScannerState.STOPPED,
    ]


def test_stop_reports_stopped_and_ends_the_reader_thread(pty_scanner: PtyScanner, recorder: Recorder) -> None:
    scanner = start(str(pty_scanner.path), recorder)

    scanner.stop()

    assert recorder.wait_state(ScannerState.STOPPED).state is ScannerState.STOPPED
    assert scanner.state is ScannerState.STOPPED


@pytest.mark.allow_log(r"^scanner callback .* failed on a ScanEvent$", logger="drivers.scanners.device")
def test_a_failing_callback_does_not_stop_the_scanner(
    pty_scanner: PtyScanner, running: list[SerialScanner], caplog: pytest.LogCaptureFixture
) -> None:
    scans: queue.Queue[str] = queue.Queue()

    def on_scan(event: object) -> None:
        text = getattr(event, "text", "")
        if text == "BOOM":
            raise RuntimeError("receiver bug")
        scans.put(text)

    recorder = Recorder()
    scanner = scanner_from_url(str(pty_scanner.path), on_scan=on_scan, on_status=recorder.on_status)
    assert isinstance(scanner, SerialScanner)
    running.append(scanner)
    scanner.start()
    recorder.wait_state(ScannerState.CONNECTED)

    pty_scanner.write(b"BOOM\rAFTER\r")

    assert scans.get(timeout=5) == "AFTER"
    assert "receiver bug" in caplog.text
    assert "BOOM" not in caplog.messages[0]  # scans (card numbers) never reach the log


def test_loop_url_reads_what_is_written_to_it(recorder: Recorder) -> None:
    device = parse_device_url("loop://?terminator=LF")
    scanner = SerialScanner(device, recorder.on_scan, recorder.on_status, source="loop://")
    scanner.start()
    try:
        recorder.wait_state(ScannerState.CONNECTED)
        handle = scanner._handle  # the loop port: what is written comes back as input
        assert handle is not None
        handle.write(b"]C0LOOP1\n")
        scan = recorder.scan()
    finally:
        scanner.stop()
    assert (scan.text, scan.symbology, scan.source) == ("LOOP1", "C0", "loop://")


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(stream=streams())
def test_property_arbitrary_streams_on_a_real_pty(stream: Stream, tmp_path: Path) -> None:
    """The property of test_framing, end to end through the reader thread and a real tty."""
    recorder = Recorder()
    with tempfile.TemporaryDirectory(dir=tmp_path) as folder:
        device = PtyScanner(Path(folder))
        url = f"serial://{device.path}?terminator={stream.terminator.name}&prefix={PREFIX}&suffix={SUFFIX}"
        scanner = start(url, recorder)
        try:
            data = b"".join(stream.parts)
            start_at = 0
            for cut in [*stream.cuts, len(data)]:
                if cut > start_at:
                    device.write(data[start_at:cut])
                start_at = cut
            device.write(b"ZZEND" + stream.terminator.value)  # so the test knows the stream is through
            texts: list[str] = []
            while not texts or texts[-1] != "ZZEND":
                texts.append(recorder.scan().text)
        finally:
            scanner.stop()
            device.close()
    assert [text for text in texts if text in stream.expected] == stream.expected


def test_a_network_scanner_on_socket_url_reconnects(recorder: Recorder) -> None:
    with socket.create_server(("127.0.0.1", 0)) as server:
        port = server.getsockname()[1]
        scanner = scanner_from_url(
            f"socket://127.0.0.1:{port}?terminator=LF&reconnect_interval=0.02",
            on_scan=recorder.on_scan,
            on_status=recorder.on_status,
        )
        scanner.start()
        try:
            server.settimeout(WAIT)
            connection, _ = server.accept()
            recorder.wait_state(ScannerState.CONNECTED)
            connection.sendall(b"NET-1234\n")
            assert recorder.scan().text == "NET-1234"
            connection.close()  # the serial server restarts
            recorder.wait_state(ScannerState.DISCONNECTED)
            connection, _ = server.accept()
            recorder.wait_state(ScannerState.CONNECTED)
            connection.sendall(b"NET-5678\n")
            assert recorder.scan().text == "NET-5678"
            connection.close()
        finally:
            scanner.stop()


def test_a_second_reader_of_the_same_port_is_told_it_is_busy(
    pty_scanner: PtyScanner, recorder: Recorder, running: list[SerialScanner]
) -> None:
    running.append(start(str(pty_scanner.path), recorder))
    second = Recorder()
    other = scanner_from_url(str(pty_scanner.path), on_scan=second.on_scan, on_status=second.on_status)
    other.start()
    try:
        busy = second.wait_state(ScannerState.RECONNECTING)
    finally:
        other.stop()
    assert "exclusively lock" in busy.detail
    pty_scanner.write(b"ONLYONCE\r")
    assert recorder.scan().text == "ONLYONCE"
    assert second.scans.empty()


@pytest.mark.allow_log(r"unexpected error while reading$", logger="drivers.scanners.device")
def test_an_unexpected_error_is_logged_and_the_scanner_reopens(
    pty_scanner: PtyScanner,
    recorder: Recorder,
    running: list[SerialScanner],
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    scanner = start(str(pty_scanner.path), recorder)
    running.append(scanner)
    real_feed = scanner._assembler.feed
    calls = {"n": 0}

    def feed_with_a_bug(data: bytes, now: float) -> list[Any]:
        if data and calls["n"] == 0:
            calls["n"] += 1
            raise KeyError("bug")
        return real_feed(data, now)

    monkeypatch.setattr(scanner._assembler, "feed", feed_with_a_bug)
    pty_scanner.write(b"X\r")

    disconnected = recorder.wait_state(ScannerState.DISCONNECTED)
    recorder.wait_state(ScannerState.CONNECTED)
    pty_scanner.write(b"AFTER1\r")
    assert recorder.scan().text == "AFTER1"
    assert "unexpected error" in disconnected.detail
    assert "KeyError" in caplog.text
