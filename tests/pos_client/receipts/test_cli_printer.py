"""``loyalty-pos printer …`` end to end: emulate on a loopback port, test page, status, reprint."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from pos_client.cli.main import main
from tests.drivers.printers.helpers import read_symbols


@pytest.fixture(autouse=True)
def _own_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The last-slip store goes to a temp dir (also when run without the suite's conftest)."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))


@pytest.fixture
def emulator(tmp_path: Path) -> Iterator[tuple[str, Path, subprocess.Popen[str]]]:
    """``printer emulate`` as a real process on a free loopback port, stopping after one receipt."""
    out = tmp_path / "receipts"
    proc = subprocess.Popen(
        [sys.executable, "-m", "pos_client.cli.main", "--json", "printer", "emulate",
         "--listen", "127.0.0.1:0", "--out", str(out), "--count", "1"],
        stdout=subprocess.PIPE,
        text=True,
    )  # fmt: skip
    assert proc.stdout is not None
    listening = json.loads(proc.stdout.readline())["status"]["listening"]
    yield f"tcp://{listening}", out, proc
    if proc.poll() is None:
        proc.kill()
    proc.wait(10)


def test_test_page_on_the_emulator(emulator: tuple[str, Path, subprocess.Popen[str]]) -> None:
    url, out, proc = emulator
    assert main(["printer", "test", "--printer", url]) == 0
    assert proc.stdout is not None
    line = json.loads(proc.stdout.readline())["receipt"]
    assert proc.wait(30) == 0
    assert {s["kind"] for s in line["symbols"]} == {"CODE128", "EAN13", "QR"}
    png = (out / "receipt-0001.png").read_bytes()
    assert read_symbols(png) == {
        ("CODE128", "6031234567890123"),
        ("EAN13", "5901234123457"),
        ("QRCODE", "https://example.com/loyalty-pos/printer-test"),
    }
    assert (out / "receipt-0001.bin").read_bytes().startswith(b"\x1b@")


def test_status_of_the_emulator(
    emulator: tuple[str, Path, subprocess.Popen[str]], capsys: pytest.CaptureFixture[str]
) -> None:
    url, _, _ = emulator
    assert main(["--json", "printer", "status", "--printer", url]) == 0
    assert json.loads(capsys.readouterr().out)["state"] == "online"


def test_unreachable_printer_is_exit_code_3(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--json", "printer", "test", "--printer", "tcp://127.0.0.1:9"]) == 3
    captured = capsys.readouterr()
    assert json.loads(captured.out)["error"] == "PrinterOffline"
    assert "cannot be reached" in captured.err


def test_no_printer_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["printer", "test"]) == 2
    assert "--printer URL" in capsys.readouterr().err


def test_reprint_with_nothing_printed_yet(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["printer", "reprint", "--printer", f"file://{tmp_path / 'x.bin'}"]) == 1
    assert "no slip to reprint" in capsys.readouterr().err


def test_list_as_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--json", "printer", "list", "--profiles"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert "TM-T88V" in data["profiles"]
    assert all(p["url"].startswith(("usb://", "serial://")) for p in data["printers"])


def test_printer_and_data_dir_come_from_the_configuration(tmp_path: Path) -> None:
    out = tmp_path / "slip.bin"
    config = tmp_path / "terminal.toml"
    config.write_text(
        f'data_dir = "{tmp_path / "data"}"\n[printer]\nurl = "file://{out}"\nprofile = "TM-T88V"\n'
        'paper_width_mm = 58\ncode_pages = ["cp858"]\n',
        encoding="utf-8",
    )
    assert main(["--config", str(config), "printer", "test"]) == 0
    assert out.read_bytes().startswith(b"\x1b@")
    assert b"\x1dv0" in out.read_bytes()  # Polish letters are not in CP858: drawn as pictures
    assert main(["--config", str(config), "printer", "reprint"]) == 1  # a test page is not a slip
    (tmp_path / "data" / "printing").mkdir(parents=True)
    assert main(["--config", str(config), "printer", "reprint"]) == 1


def test_printer_url_on_the_command_line_keeps_the_configured_printer(tmp_path: Path) -> None:
    """``--printer URL`` with no ``printer.url`` configured (issue 14, point 11): the configured
    profile, paper width and code pages still describe the printer (a 58 mm POS-5890 got 48
    columns and code pages its profile lacks)."""
    config = tmp_path / "terminal.toml"
    config.write_text(
        '[printer]\nprofile = "POS-5890"\npaper_width_mm = 58\ncode_pages = ["cp852"]\n', encoding="utf-8"
    )
    out = tmp_path / "page.bin"
    assert main(["--config", str(config), "printer", "test", "--printer", f"file://{out}"]) == 0
    data = out.read_bytes()
    assert b"POS-5890" in data and b"32 columns" in data
    assert set(re.findall(rb"\x1bt(.)", data)) == {b"\x12"}  # ESC t 18: CP852 only, as configured
