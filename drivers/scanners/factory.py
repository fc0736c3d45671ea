"""One entry point from a configured device URL to a running scanner, and port discovery."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass

from serial.tools import list_ports

from drivers.scanners.events import DiscardCallback, ScanCallback, Scanner, StatusCallback
from drivers.scanners.hid_pos import HidApi, HidPosScanner
from drivers.scanners.serial_scanner import SerialScanner
from drivers.scanners.settings import DeviceKind, ScannerSettings, ScannerUrlError, parse_device_url


def scanner_from_url(
    url: str,
    settings: ScannerSettings | None = None,
    *,
    on_scan: ScanCallback,
    on_status: StatusCallback | None = None,
    on_discard: DiscardCallback | None = None,
    overrides: Mapping[str, str] | None = None,
    hidapi: HidApi | None = None,
) -> Scanner:
    """Build (not start) the scanner a device URL names.

    Args:
        url: ``serial:///dev/ttyUSB0?baudrate=9600``, a device path, ``loop://``, ``socket://HOST:PORT``
            or ``hid://VID:PID``; query options override ``settings``.
        settings: the configured defaults.
        on_scan: called from the scanner's thread with each scan.
        on_status: called from the scanner's thread on every state change.
        on_discard: called from the scanner's thread with input that did not become a scan.
        overrides: options that win over both ``settings`` and the URL (command-line flags), as
            strings in the URL-option syntax (``{"terminator": "CRLF"}``).
        hidapi: a ``hid`` module to use instead of the installed one (tests).

    Raises:
        ScannerUrlError: the URL is not usable, or it is ``wedge`` (read by the app's keyboard filter).
    """
    device = parse_device_url(url, settings)
    if overrides:
        device = dataclasses.replace(device, settings=device.settings.with_options(overrides))
    if device.kind is DeviceKind.WEDGE:
        raise ScannerUrlError(
            "a keyboard-wedge scanner types into the app; it is read by the app's keyboard filter, "
            "not opened as a device (to check one: loyalty-pos scanner listen --device wedge, on the till)"
        )
    if device.kind is DeviceKind.HID:
        return HidPosScanner(device, on_scan, on_status, on_discard, hidapi=hidapi)
    return SerialScanner(device, on_scan, on_status, on_discard, source=url)


@dataclass(frozen=True, slots=True)
class SerialPortInfo:
    """A serial port the system knows about.

    Attributes:
        device: the path to use (``/dev/ttyACM0``, ``COM3``).
        description: what the driver says it is (often the scanner's product name).
        hwid: hardware id: USB VID:PID, serial number, location.
        vendor_id: USB vendor id, for USB ports.
        product_id: USB product id, for USB ports.
    """

    device: str
    description: str
    hwid: str
    vendor_id: int | None
    product_id: int | None

    @property
    def url(self) -> str:
        """The scanner URL for this port."""
        return f"serial://{self.device}" if self.device.startswith("/") else self.device


def list_serial_ports() -> list[SerialPortInfo]:
    """Serial ports found by pyserial, sorted by device.

    Pseudo-terminals and network ports never appear here (pyserial scans real devices only).
    """
    ports = [
        SerialPortInfo(
            device=port.device,
            description=port.description if port.description != "n/a" else "",
            hwid=port.hwid if port.hwid != "n/a" else "",
            vendor_id=port.vid,
            product_id=port.pid,
        )
        for port in list_ports.comports()
    ]
    return sorted(ports, key=lambda port: port.device)
