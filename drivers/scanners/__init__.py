"""Barcode scanners: serial / USB-CDC, USB HID POS and keyboard wedge (Qt-free).

Every scanner turns device input into :class:`ScanEvent` (normalised text, raw bytes, symbology,
time, source) and reports device changes as :class:`StatusEvent`. Device scanners own one reader
thread each and call their callbacks from it; the app marshals them to the GUI thread
(``ui.scanner_bridge``), the CLI prints them. The keyboard-wedge :class:`WedgeDetector` is fed by the
app's key-event filter (``ui.scanner_filter``). Build a device scanner with :func:`scanner_from_url`.

The names below are loaded on first use (PEP 562): ``pos_client.config`` checks a wedge layout name
through :mod:`drivers.scanners.wedge_layouts` before the sign-on form is shown, and importing that one
small module must not pull in pyserial and every driver (~19 ms of the app's start-up, measured with
``python -X importtime``).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
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

_HOMES = {
    "events": ("DiscardEvent", "DiscardReason", "ScanEvent", "Scanner", "ScannerState", "StatusEvent"),
    "factory": ("SerialPortInfo", "list_serial_ports", "scanner_from_url"),
    "framing": ("FramingSettings", "ScanAssembler", "Terminator"),
    "normalise": ("NormalisedScan", "Normaliser", "normalise"),
    "settings": ("ScannerSettings", "ScannerUrlError", "parse_device_url"),
    "wedge": ("WedgeDecision", "WedgeDetector", "WedgeSettings"),
}
_HOME_OF = {name: module for module, names in _HOMES.items() for name in names}


def __getattr__(name: str) -> Any:
    module = _HOME_OF.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    globals()[name] = value  # once: later look-ups do not come back here
    return value


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
