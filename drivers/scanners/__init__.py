"""Barcode scanners: serial / USB-CDC, USB HID POS and keyboard wedge (Qt-free).

Every scanner turns device input into :class:`ScanEvent` (normalised text, raw bytes, symbology,
time, source) and reports device changes as :class:`StatusEvent`. Device scanners own one reader
thread each and call their callbacks from it; the app marshals them to the GUI thread
(``ui.scanner_bridge``), the CLI prints them. The keyboard-wedge :class:`WedgeDetector` is fed by the
app's key-event filter (``ui.scanner_filter``). Build a device scanner with :func:`scanner_from_url`.
"""

from drivers.scanners.events import (
    DiscardEvent,
    DiscardReason,
    ScanEvent,
    Scanner,
    ScannerState,
    StatusEvent,
)
from drivers.scanners.factory import SerialPortInfo, list_serial_ports, scanner_from_url
from drivers.scanners.framing import FramingSettings, ScanAssembler, Terminator
from drivers.scanners.normalise import NormalisedScan, Normaliser, normalise
from drivers.scanners.settings import ScannerSettings, ScannerUrlError, parse_device_url
from drivers.scanners.wedge import WedgeDecision, WedgeDetector, WedgeSettings

__all__ = [
    "DiscardEvent",
    "DiscardReason",
    "FramingSettings",
    "NormalisedScan",
    "Normaliser",
    "ScanAssembler",
    "ScanEvent",
    "Scanner",
    "ScannerSettings",
    "ScannerState",
    "ScannerUrlError",
    "SerialPortInfo",
    "StatusEvent",
    "Terminator",
    "WedgeDecision",
    "WedgeDetector",
    "WedgeSettings",
    "list_serial_ports",
    "normalise",
    "parse_device_url",
    "scanner_from_url",
]
