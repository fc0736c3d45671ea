"""USB HID POS scanners (HID usage page 0x8C, "Bar Code Scanner") read through hidapi.

In HID POS mode a scanner does not type: it sends *scanned-data reports*, so nothing can land in the
wrong field and keyboard layouts do not matter. The report layout used by Honeywell and Zebra scanners
(USB HID POS / "HID COM"), one 64-byte input report per up to 56 characters:

====== ==========================================================================================
byte   meaning
====== ==========================================================================================
0      report id, 0x02 for scanned data
1      number of data bytes in this report
2..4   symbology identifier: an AIM identifier (``]E0``) or vendor codes; zeros when absent
5..    the data, then padding
last   bit 0 set: more reports of the same scan follow (long codes such as QR codes)
====== ==========================================================================================

hidapi is an optional extra (``pip install loyalty-pos[hid]``); this module imports it only when a
``hid://`` scanner is opened, and tests hand it a fake ``hid`` module whose reports are parsed for real.
"""

from __future__ import annotations

import importlib
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from drivers.scanners.device import DeviceLostError, DeviceScanner
from drivers.scanners.events import (
    DiscardCallback,
    DiscardEvent,
    DiscardReason,
    ScanCallback,
    ScanEvent,
    StatusCallback,
)
from drivers.scanners.settings import DeviceKind, DeviceUrl

SCANNED_DATA_REPORT_ID = 0x02
REPORT_SIZE = 64
_HEADER = 5  # report id, length, three symbology bytes
_READ_TIMEOUT_MS = 50


@dataclass(frozen=True, slots=True)
class ScannedDataReport:
    """One parsed scanned-data report.

    Attributes:
        data: the data bytes this report carries.
        symbology: the AIM identifier without ``]`` when the symbology bytes hold one.
        more: further reports of the same scan follow.
    """

    data: bytes
    symbology: str | None
    more: bool


def parse_report(report: Sequence[int] | bytes) -> ScannedDataReport | None:
    """Parse an input report; ``None`` for other reports (status, settings) or malformed ones."""
    raw = bytes(report)
    if len(raw) < _HEADER or raw[0] != SCANNED_DATA_REPORT_ID:
        return None
    length = min(raw[1], len(raw) - _HEADER)
    symbology_bytes = raw[2:5]
    symbology: str | None = None
    if symbology_bytes[0] == ord("]") and all(0x21 <= byte < 0x7F for byte in symbology_bytes[1:]):
        symbology = symbology_bytes[1:].decode("ascii")
    # The continuation flag lives after the data; a report filled to its last byte has none.
    more = len(raw) > _HEADER + length and bool(raw[-1] & 0x01)
    return ScannedDataReport(data=raw[_HEADER : _HEADER + length], symbology=symbology, more=more)


class HidDevice(Protocol):
    """The part of ``hid.device`` (cython-hidapi) used here."""

    def open(self, vendor_id: int = 0, product_id: int = 0, serial_number: Any = None) -> None: ...
    def read(self, max_length: int, timeout_ms: int = 0) -> list[int]: ...
    def close(self) -> None: ...


class HidApi(Protocol):
    """The part of the ``hid`` module (cython-hidapi) used here."""

    def device(self) -> HidDevice: ...
    def enumerate(self, vendor_id: int = 0, product_id: int = 0) -> list[dict[str, Any]]: ...


def load_hidapi() -> HidApi:
    """The installed ``hid`` module.

    Raises:
        DeviceLostError: hidapi is not installed (it is the optional extra ``hid``).
    """
    try:
        module: HidApi = importlib.import_module("hid")
    except ImportError as exc:
        raise DeviceLostError(
            "USB HID POS scanners need hidapi: install the optional extra, pip install 'loyalty-pos[hid]'"
        ) from exc
    return module


class HidPosScanner(DeviceScanner[HidDevice]):
    """A USB HID POS scanner, read by its own thread; reconnects when it is plugged back in.

    Args:
        device: the parsed ``hid://VID:PID`` URL.
        on_scan: called from the reader thread with each scan.
        on_status: called from the reader thread on every state change.
        on_discard: called from the reader thread with input that did not become a scan.
        hidapi: the ``hid`` module (tests pass a fake); loaded on first use by default.
        clock: monotonic clock.
    """

    def __init__(
        self,
        device: DeviceUrl,
        on_scan: ScanCallback,
        on_status: StatusCallback | None = None,
        on_discard: DiscardCallback | None = None,
        *,
        hidapi: HidApi | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        if device.kind is not DeviceKind.HID:
            raise ValueError(f"not a HID device: {device.kind}")
        super().__init__(
            f"hid://{device.target}",
            on_scan,
            on_status,
            on_discard,
            reconnect_interval=device.settings.reconnect_interval,
            clock=clock,
        )
        self._device = device
        self._hidapi = hidapi
        self._normaliser = device.settings.normaliser()
        self._partial_timeout = device.settings.partial_timeout
        self._pending = bytearray()
        self._pending_symbology: str | None = None
        self._last_report_at = 0.0

    def _open(self) -> HidDevice:
        if self._hidapi is None:
            self._hidapi = load_hidapi()
        handle = self._hidapi.device()
        try:
            handle.open(self._device.vendor_id, self._device.product_id)
        except (OSError, ValueError) as exc:
            raise DeviceLostError(f"no HID scanner {self._device.target} ({exc})") from exc
        return handle

    def _close(self, handle: HidDevice) -> None:
        handle.close()

    def _pump(self, handle: HidDevice) -> Iterable[ScanEvent | DiscardEvent]:
        try:
            report = handle.read(REPORT_SIZE, _READ_TIMEOUT_MS)
        except (OSError, ValueError) as exc:
            # hidapi raises OSError ("read error") once the device is unplugged.
            raise DeviceLostError(str(exc)) from exc
        now = self._clock()
        out: list[ScanEvent | DiscardEvent] = []
        if self._pending and now - self._last_report_at > self._partial_timeout:
            out.append(self._discard(DiscardReason.PARTIAL, now))
        parsed = parse_report(report) if report else None
        if parsed is None:
            return out
        if not self._pending:
            self._pending_symbology = parsed.symbology
        self._pending.extend(parsed.data)
        self._last_report_at = now
        if not parsed.more:
            out.append(self._complete(now))
        return out

    def _lost(self) -> Iterable[ScanEvent | DiscardEvent]:
        if not self._pending:
            return []
        return [self._discard(DiscardReason.DISCONNECTED, self._clock())]

    def _complete(self, now: float) -> ScanEvent | DiscardEvent:
        raw = bytes(self._pending)
        self._pending.clear()
        result = self._normaliser.normalise_bytes(raw)
        if not result.text:
            return DiscardEvent(reason=DiscardReason.INVALID, raw=raw, source=self.source, timestamp=now)
        return ScanEvent(
            text=result.text,
            raw=raw,
            symbology=self._pending_symbology or result.symbology,
            invalid=result.invalid,
            timestamp=now,
            source=self.source,
        )

    def _discard(self, reason: DiscardReason, now: float) -> DiscardEvent:
        raw = bytes(self._pending)
        self._pending.clear()
        return DiscardEvent(reason=reason, raw=raw, source=self.source, timestamp=now)


def list_hid_scanners(hidapi: HidApi | None = None) -> list[dict[str, Any]]:
    """HID POS scanners plugged in (usage page 0x8C), for ``scanner list``; empty without hidapi."""
    try:
        api = hidapi or load_hidapi()
    except DeviceLostError:
        return []
    found = []
    for info in api.enumerate():
        if info.get("usage_page") != 0x8C:
            continue
        vendor_id, product_id = int(info.get("vendor_id", 0)), int(info.get("product_id", 0))
        found.append(
            {
                "url": f"hid://{vendor_id:04x}:{product_id:04x}",
                "description": " ".join(
                    part for part in (info.get("manufacturer_string"), info.get("product_string")) if part
                ),
                "vendorId": vendor_id,
                "productId": product_id,
            }
        )
    return found
