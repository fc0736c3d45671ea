"""Device URLs and their options."""

from __future__ import annotations

import pytest

from drivers.scanners import ScannerSettings, ScannerUrlError, Terminator, parse_device_url, scanner_from_url
from drivers.scanners.settings import DeviceKind


def test_serial_url_with_options() -> None:
    device = parse_device_url(
        "serial:///dev/ttyUSB0?baudrate=115200&terminator=crlf&prefix=AB&suffix=%21&parity=e&stopbits=2"
    )
    assert (device.kind, device.target) == (DeviceKind.SERIAL, "/dev/ttyUSB0")
    settings = device.settings
    assert (settings.baudrate, settings.terminator, settings.prefix, settings.suffix) == (
        115200,
        Terminator.CRLF,
        "AB",
        "!",
    )
    assert (settings.parity, settings.stopbits) == ("E", 2)


def test_plain_paths_and_defaults() -> None:
    defaults = ScannerSettings(terminator=Terminator.TAB, baudrate=19200)
    device = parse_device_url("/dev/pts/5", defaults)
    assert (device.kind, device.target, device.settings) == (DeviceKind.SERIAL, "/dev/pts/5", defaults)
    assert parse_device_url("COM3").target == "COM3"


def test_pyserial_urls_keep_their_own_options_and_lose_ours() -> None:
    device = parse_device_url("socket://127.0.0.1:7000?terminator=LF&logging=debug")
    assert (device.kind, device.target) == (DeviceKind.PYSERIAL_URL, "socket://127.0.0.1:7000?logging=debug")
    assert device.settings.terminator is Terminator.LF
    assert parse_device_url("loop://").target == "loop://"


def test_hid_and_wedge() -> None:
    device = parse_device_url("hid://0C2E:0b61?terminator=none")
    assert (device.kind, device.vendor_id, device.product_id, device.target) == (
        DeviceKind.HID,
        0x0C2E,
        0x0B61,
        "0c2e:0b61",
    )
    assert parse_device_url("wedge").kind is DeviceKind.WEDGE


@pytest.mark.parametrize(
    ("url", "words"),
    [
        ("", "no scanner"),
        ("serial:///dev/ttyUSB0?baud=9600", "unknown scanner option"),
        ("serial:///dev/ttyUSB0?terminator=ETX", "CR, LF, CRLF, TAB, NONE"),
        ("serial:///dev/ttyUSB0?baudrate=fast", "baudrate"),
        ("serial:///dev/ttyUSB0?partial_timeout=0", "positive"),
        ("serial://", "names no device"),
        ("hid://0c2e", "hid://VID:PID"),
        ("hid://12345:1", "four hexadecimal"),
        ("usb://0c2e:0b61", "not a scanner URL"),
    ],
)
def test_bad_urls_say_what_is_wrong(url: str, words: str) -> None:
    with pytest.raises(ScannerUrlError, match=words):
        parse_device_url(url)


def test_a_wedge_is_not_opened_as_a_device() -> None:
    with pytest.raises(ScannerUrlError, match="keyboard filter"):
        scanner_from_url("wedge", on_scan=print)
