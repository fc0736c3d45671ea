"""``loyalty-pos scanner list | listen`` end to end: a real process reading a real pseudo-terminal."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

import pytest

from pos_client.cli.main import main
from pos_client.masking import mask_number
from tests.drivers.scanners.helpers import PtyScanner

ROOT = Path(__file__).resolve().parents[3]
WAIT = 20.0  # a cold Python start with Qt-free imports, on a busy 2-core machine


def loyalty_pos(*args: str, stdin: int | None = None) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", "import sys; from pos_client.cli import main; sys.exit(main())", *args],
        cwd=ROOT,
        stdin=stdin,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )


class Lines:
    """Reads a process's stdout on a thread, so the test can wait for a line with a timeout."""

    def __init__(self, stream: IO[str], as_json: bool = True) -> None:
        self._parse: Any = json.loads if as_json else str
        self._lines: list[str] = []
        self._changed = threading.Condition()
        threading.Thread(target=self._read, args=(stream,), daemon=True).start()

    def _read(self, stream: IO[str]) -> None:
        for line in stream:
            with self._changed:
                self._lines.append(line)
                self._changed.notify_all()

    def wait_for(self, predicate: Any, timeout: float = WAIT) -> Any:
        with self._changed:
            found = self._changed.wait_for(
                lambda: any(predicate(self._parse(line)) for line in self._lines), timeout=timeout
            )
        assert found, f"no such line within {timeout} s; got {self._lines}"
        return next(self._parse(line) for line in self._lines if predicate(self._parse(line)))

    @property
    def all(self) -> list[dict[str, Any]]:
        with self._changed:
            return [json.loads(line) for line in self._lines]


def connected(line: dict[str, Any]) -> bool:
    return line.get("status", {}).get("state") == "connected"


@pytest.fixture
def pty_scanner(tmp_path: Path) -> Iterator[PtyScanner]:
    device = PtyScanner(tmp_path)
    yield device
    device.close()


def test_listen_prints_two_masked_scans_as_json_lines_and_ends(pty_scanner: PtyScanner) -> None:
    process = loyalty_pos("scanner", "listen", "--device", str(pty_scanner.path), "--count", "2", "--json")
    try:
        lines = Lines(process.stdout)  # type: ignore[arg-type]
        lines.wait_for(connected)
        pty_scanner.write(b"]E02900000000017\r")
        pty_scanner.write(b"\xff\xfe\r")  # garbage: described on stderr, not a scan
        pty_scanner.write(b"GIFT-ABCD-9876\r")
        assert process.wait(timeout=WAIT) == 0
    finally:
        process.kill()
    output = lines.all
    scans = [line["scan"] for line in output if "scan" in line]
    assert scans == [
        {"text": "*********0017", "length": 13, "symbology": "E0", "device": str(pty_scanner.path)},
        {"text": "**********9876", "length": 14, "symbology": None, "device": str(pty_scanner.path)},
    ]
    states = [line["status"]["state"] for line in output if "status" in line]
    assert states == ["connecting", "connected", "stopped"]
    assert all(set(line) in ({"scan"}, {"status"}) for line in output)
    assert "discarded" in process.stderr.read()  # type: ignore[union-attr]


def test_listen_raw_shows_whole_scans_and_bytes(pty_scanner: PtyScanner) -> None:
    url = f"serial://{pty_scanner.path}?terminator=CRLF"
    process = loyalty_pos(
        "--json", "scanner", "listen", "--device", url, "--count", "1", "--raw", "--prefix", "#"
    )
    try:
        lines = Lines(process.stdout)  # type: ignore[arg-type]
        lines.wait_for(connected)
        pty_scanner.write(b"#2900000000017\r\n")
        assert process.wait(timeout=WAIT) == 0
    finally:
        process.kill()
    [scan] = [line["scan"] for line in lines.all if "scan" in line]
    assert scan["text"] == "2900000000017"
    assert scan["raw"] == b"#2900000000017".hex()


def test_ctrl_c_ends_listening_cleanly(pty_scanner: PtyScanner) -> None:
    process = loyalty_pos("scanner", "listen", "--device", str(pty_scanner.path), "--json")
    try:
        lines = Lines(process.stdout)  # type: ignore[arg-type]
        lines.wait_for(connected)
        process.send_signal(signal.SIGINT)
        assert process.wait(timeout=WAIT) == 0
        lines.wait_for(lambda line: line.get("status", {}).get("state") == "stopped")
    finally:
        process.kill()
    assert "Traceback" not in process.stderr.read()  # type: ignore[union-attr]


def test_listen_reports_a_device_change_and_the_human_output_masks(
    pty_scanner: PtyScanner, capsys: pytest.CaptureFixture[str]
) -> None:
    # In-process, human output, --timeout: no scan ever comes, so it gives up with exit code 3.
    code = main(["scanner", "listen", "--device", str(pty_scanner.path), "--count", "1", "--timeout", "0.3"])
    out, err = capsys.readouterr()
    assert code == 3
    assert "status  connected" in out
    assert "only 0 of 1 scans" in err


def test_listen_without_a_device_says_how_to_give_one(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["scanner", "listen"]) == 2
    assert "--device" in capsys.readouterr().err


def test_listen_to_a_wedge_scanner_typing_into_the_terminal() -> None:
    master, slave = os.openpty()
    process = loyalty_pos("--json", "scanner", "listen", "--device", "wedge", "--count", "1", stdin=slave)
    try:
        os.close(slave)
        lines = Lines(process.stdout)  # type: ignore[arg-type]
        errors = Lines(process.stderr, as_json=False)  # type: ignore[arg-type]
        lines.wait_for(connected)
        os.write(master, b"ab")  # a person: given back as typing once 50 ms pass without a key
        errors.wait_for(lambda line: "typed like a person" in line)
        os.write(master, "]C0KOD-ŻÓŁW-42\r".encode())  # a scanner: the whole burst at once
        assert process.wait(timeout=WAIT) == 0
    finally:
        process.kill()
        os.close(master)
    [scan] = [line["scan"] for line in lines.all if "scan" in line]
    assert (scan["text"], scan["symbology"], scan["device"]) == ("*******W-42", "C0", "wedge")


@pytest.mark.parametrize("url", ["wedge", "serial:///dev/ttyUSB0?baud=9600", "ftp://x"])
def test_listen_with_an_unusable_url_is_a_usage_error(url: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["scanner", "listen", "--device", url]) == 2
    assert capsys.readouterr().err.startswith("loyalty-pos: ")


def test_list_gives_a_json_object_with_the_ports(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["scanner", "list", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert isinstance(data["ports"], list) and isinstance(data["hidScanners"], list)
    for port in data["ports"]:
        assert {"device", "url", "description", "hwid", "vendorId", "productId"} <= set(port)


def test_list_human_output_explains_what_is_not_listed(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["scanner", "list"]) == 0
    assert "Pseudo-terminals" in capsys.readouterr().out


def test_mask_number_shows_at_most_four_characters() -> None:
    assert mask_number("2900000000017") == "*********0017"
    assert mask_number("AB12CD") == "***2CD"  # never more than half of a short code
    assert mask_number("") == ""
