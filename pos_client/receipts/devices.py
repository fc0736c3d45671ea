"""Finding receipt printers on this machine: USB printers (pyusb, when installed) and serial ports.

Design: plain functions returning small records for ``loyalty-pos printer list``; a missing pyusb or
libusb is a note in the answer, not an error, because most shops print over the network or serial.
"""

from __future__ import annotations

from dataclasses import dataclass

USB_PRINTER_CLASS = 7
# Receipt-printer makers whose devices do not always declare the USB printer class.
KNOWN_VENDORS = {
    0x04B8: "Epson",
    0x0519: "Star Micronics",
    0x1504: "Bixolon",
    0x1D90: "Citizen",
    0x2730: "Citizen",
    0x154F: "SNBC",
    0x0DD4: "Custom",
    0x0FE6: "ICS Advent (generic POS)",
    0x0416: "Winbond (generic POS)",
}


@dataclass(frozen=True)
class FoundPrinter:
    """A device that may be a receipt printer, with the URL to use for it."""

    url: str
    description: str
    connection: str  # usb | serial


def usb_printers() -> tuple[list[FoundPrinter], str | None]:
    """USB printers found, and a note when USB cannot be searched (no pyusb / libusb)."""
    try:
        import usb.core
    except ImportError:
        return [], "USB not searched: pyusb is not installed (pip install pyusb; needs libusb)"
    try:
        devices = list(usb.core.find(find_all=True))
    except Exception as exc:  # noqa: BLE001 - pyusb's NoBackendError and friends: report, do not crash
        return [], f"USB not searched: {exc}"
    found: list[FoundPrinter] = []
    for dev in devices:
        vendor, product = int(dev.idVendor), int(dev.idProduct)
        is_printer = vendor in KNOWN_VENDORS or any(
            intf.bInterfaceClass == USB_PRINTER_CLASS for cfg in dev for intf in cfg
        )
        if is_printer:
            maker = KNOWN_VENDORS.get(vendor, "USB printer")
            found.append(FoundPrinter(f"usb://{vendor:04x}:{product:04x}", maker, "usb"))
    return found, None


def serial_ports() -> list[FoundPrinter]:
    """Serial ports (a serial printer cannot be told apart from other serial devices)."""
    from serial.tools import list_ports

    return [
        FoundPrinter(f"serial://{port.device}?baudrate=19200", port.description or "serial port", "serial")
        for port in sorted(list_ports.comports(), key=lambda p: p.device)
    ]
