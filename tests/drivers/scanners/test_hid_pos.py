"""USB HID POS scanners: real report parsing, a fake hidapi device at the third-party edge."""

from __future__ import annotations

import queue
import threading
from typing import Any

import pytest

from drivers.scanners import ScannerState, parse_device_url, scanner_from_url
from drivers.scanners.device import DeviceLostError
from drivers.scanners.events import DiscardReason
from drivers.scanners.hid_pos import HidPosScanner, list_hid_scanners, parse_report
from tests.drivers.scanners.helpers import Recorder


def report(data: bytes, aim: bytes = b"]E0", more: bool = False, report_id: int = 0x02) -> list[int]:
    """A 64-byte scanned-data report as a Honeywell scanner in HID POS mode sends it."""
    body = bytes([report_id, len(data)]) + aim.ljust(3, b"\0") + data
    return list(body.ljust(61, b"\0") + b"?\0" + bytes([1 if more else 0]))


def test_parse_report_reads_length_symbology_and_continuation() -> None:
    parsed = parse_report(report(b"5901234123457"))
    assert parsed is not None
    assert (parsed.data, parsed.symbology, parsed.more) == (b"5901234123457", "E0", False)
    continued = parse_report(report(b"A" * 56, aim=b"]Q1", more=True))
    assert continued is not None and continued.more and len(continued.data) == 56


def test_parse_report_ignores_other_reports_and_survives_garbage() -> None:
    assert parse_report(report(b"123", report_id=0x04)) is None
    assert parse_report([2, 1]) is None
    lying = parse_report([2, 200, 0, 0, 0, 0x31, 0x32])  # a length longer than the report
    assert lying is not None and lying.data == b"12" and lying.symbology is None


class FakeHidDevice:
    """Stands in for ``hid.device``: reports come from a queue; ``unplug()`` makes reads fail."""

    def __init__(self, api: FakeHidApi) -> None:
        self.api = api
        self.opened: tuple[int, int] | None = None

    def open(self, vendor_id: int = 0, product_id: int = 0, serial_number: Any = None) -> None:
        if not self.api.plugged.is_set():
            raise OSError("open failed")
        self.opened = (vendor_id, product_id)

    def read(self, max_length: int, timeout_ms: int = 0) -> list[int]:
        assert max_length == 64
        if not self.api.plugged.is_set():
            raise OSError("read error")
        try:
            return self.api.reports.get(timeout=timeout_ms / 1000)
        except queue.Empty:
            return []

    def close(self) -> None:
        self.opened = None


class FakeHidApi:
    """Stands in for the ``hid`` module."""

    def __init__(self) -> None:
        self.reports: queue.Queue[list[int]] = queue.Queue()
        self.plugged = threading.Event()
        self.plugged.set()
        self.devices: list[FakeHidDevice] = []

    def device(self) -> FakeHidDevice:
        handle = FakeHidDevice(self)
        self.devices.append(handle)
        return handle

    def enumerate(self, vendor_id: int = 0, product_id: int = 0) -> list[dict[str, Any]]:
        return [
            {
                "vendor_id": 0x0C2E,
                "product_id": 0x0B61,
                "usage_page": 0x8C,
                "manufacturer_string": "Honeywell",
                "product_string": "Voyager 1450g",
            },
            {"vendor_id": 0x046D, "product_id": 0xC31C, "usage_page": 0x01, "product_string": "Keyboard"},
        ]


@pytest.fixture
def hidapi() -> FakeHidApi:
    return FakeHidApi()


@pytest.fixture
def recorder() -> Recorder:
    return Recorder()


@pytest.fixture
def scanner(hidapi: FakeHidApi, recorder: Recorder) -> Any:
    device = scanner_from_url(
        "hid://0c2e:0b61?prefix=PX&partial_timeout=0.2&reconnect_interval=0.02",
        on_scan=recorder.on_scan,
        on_status=recorder.on_status,
        on_discard=recorder.on_discard,
        hidapi=hidapi,
    )
    assert isinstance(device, HidPosScanner)
    device.start()
    recorder.wait_state(ScannerState.CONNECTED)
    yield device
    device.stop()


def test_a_scan_in_one_report(hidapi: FakeHidApi, recorder: Recorder, scanner: HidPosScanner) -> None:
    hidapi.reports.put(report(b"PX5901234123457\r"))
    scan = recorder.scan()
    assert (scan.text, scan.symbology, scan.source) == ("5901234123457", "E0", "hid://0c2e:0b61")
    assert hidapi.devices[0].opened == (0x0C2E, 0x0B61)


def test_a_long_scan_across_reports(hidapi: FakeHidApi, recorder: Recorder, scanner: HidPosScanner) -> None:
    hidapi.reports.put(report(b"A" * 56, aim=b"]Q1", more=True))
    hidapi.reports.put([0x04, 0, 0])  # a status report in between is ignored
    hidapi.reports.put(report(b"B" * 10, aim=b"]Q1"))
    scan = recorder.scan()
    assert (scan.text, scan.symbology) == ("A" * 56 + "B" * 10, "Q1")


def test_a_scan_whose_continuation_never_comes_is_discarded(
    hidapi: FakeHidApi, recorder: Recorder, scanner: HidPosScanner
) -> None:
    hidapi.reports.put(report(b"123", more=True))
    discarded = recorder.discard()
    hidapi.reports.put(report(b"456"))
    assert (discarded.reason, discarded.raw) == (DiscardReason.PARTIAL, b"123")
    assert recorder.scan().text == "456"


def test_unplug_and_replug(hidapi: FakeHidApi, recorder: Recorder, scanner: HidPosScanner) -> None:
    hidapi.plugged.clear()
    recorder.wait_state(ScannerState.DISCONNECTED)
    recorder.wait_state(ScannerState.RECONNECTING)
    hidapi.plugged.set()
    recorder.wait_state(ScannerState.CONNECTED)
    hidapi.reports.put(report(b"777777"))
    assert recorder.scan().text == "777777"


def test_list_hid_scanners_shows_only_pos_scanners(hidapi: FakeHidApi) -> None:
    assert list_hid_scanners(hidapi) == [
        {
            "url": "hid://0c2e:0b61",
            "description": "Honeywell Voyager 1450g",
            "vendorId": 0x0C2E,
            "productId": 0x0B61,
        }
    ]


def test_the_real_hidapi_is_loaded_when_none_is_given() -> None:
    pytest.importorskip("hid")
    scanner = HidPosScanner(parse_device_url("hid://ffff:fffe"), on_scan=print)
    with pytest.raises(DeviceLostError, match="no HID scanner"):
        scanner._open()  # no such device on any test machine
