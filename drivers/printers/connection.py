"""Printer connections chosen by URL (docs/ARCHITECTURE.md#cli), over python-escpos's connection classes.

Design: a :class:`Connection` is the one I/O seam of printing: ``open``, ``write(bytes)``,
``read_status_byte``, ``close``. The URL picks the class: ``tcp://HOST:9100`` (escpos ``Network``),
``serial:///dev/ttyS0?baudrate=19200`` (escpos ``Serial``), ``usb://VID:PID`` (escpos ``Usb``, pyusb),
``file:///path/out.bin`` (escpos ``File``: each job replaces the file) and ``emulator`` (an
in-process :class:`~drivers.printers.emulator.EmulatorPrinter`). We use only the escpos classes'
``open``/``_raw``/``close`` — never their printing methods, which write to stdout
(docs/ARCHITECTURE.md#pitfalls) — and turn their exceptions into our typed
:class:`~drivers.printers.status.PrinterError` family.
"""

from __future__ import annotations

import contextlib
import socket
from dataclasses import dataclass
from typing import Any, Protocol
from urllib.parse import parse_qs, urlsplit

from drivers.printers.emulator import EmulatorPrinter
from drivers.printers.status import PrinterConfigError, PrinterOffline


class Connection(Protocol):
    """A byte pipe to one printer."""

    supports_status: bool

    def open(self) -> None:
        """Connect; raises :class:`PrinterOffline` when the printer cannot be reached."""

    def write(self, data: bytes) -> None:
        """Send bytes; raises :class:`PrinterOffline` when the link breaks."""

    def read_status_byte(self, timeout: float) -> int | None:
        """One answer byte, or None when nothing arrives within ``timeout`` seconds."""

    def close(self) -> None:
        """Disconnect (idempotent)."""


@dataclass(frozen=True)
class PrinterUrl:
    """A parsed printer URL."""

    scheme: str  # tcp | serial | usb | file | emulator
    host: str = ""
    port: int = 9100
    path: str = ""
    baudrate: int = 19200
    vendor_id: int = 0
    product_id: int = 0

    def __str__(self) -> str:
        if self.scheme == "tcp":
            return f"tcp://{self.host}:{self.port}"
        if self.scheme == "serial":
            return f"serial://{self.path}?baudrate={self.baudrate}"
        if self.scheme == "usb":
            return f"usb://{self.vendor_id:04x}:{self.product_id:04x}"
        if self.scheme == "file":
            return f"file://{self.path}"
        return "emulator"


def parse_url(url: str) -> PrinterUrl:
    """Parse a printer URL.

    Raises:
        PrinterConfigError: an unknown scheme or a malformed URL.
    """
    text = url.strip()
    if text in ("emulator", "emulator://"):
        return PrinterUrl("emulator")
    parts = urlsplit(text)
    try:
        if parts.scheme == "tcp" and parts.hostname:
            return PrinterUrl("tcp", host=parts.hostname, port=parts.port or 9100)
        if parts.scheme == "serial" and parts.path:
            query = parse_qs(parts.query)
            baud = int(query.get("baudrate", ["19200"])[0])
            return PrinterUrl("serial", path=parts.path, baudrate=baud)
        if parts.scheme == "usb" and parts.netloc:
            vid, pid = parts.netloc.split(":")
            return PrinterUrl("usb", vendor_id=int(vid, 16), product_id=int(pid, 16))
        if parts.scheme == "file" and parts.path:
            return PrinterUrl("file", path=parts.path)
    except ValueError as exc:
        raise PrinterConfigError(f"bad printer URL {url!r}: {exc}") from exc
    raise PrinterConfigError(
        f"bad printer URL {url!r}: use usb://VID:PID, serial:///dev/ttyS0?baudrate=19200, "
        "tcp://HOST:9100, file:///path/out.bin or emulator"
    )


class EscposConnection:
    """A connection over one python-escpos printer class (Network, Serial, Usb, File)."""

    def __init__(self, device: Any, label: str, supports_status: bool) -> None:
        self._device = device
        self._label = label
        self.supports_status = supports_status
        self._open = False

    def open(self) -> None:
        from escpos.exceptions import DeviceNotFoundError

        try:
            self._device.open(raise_not_found=True)
        except (DeviceNotFoundError, OSError) as exc:
            cause = exc.__context__ or exc  # escpos wraps the OSError; its own text adds noise
            raise PrinterOffline(
                f"The printer {self._label} cannot be reached: {_first_line(cause)}"
            ) from exc
        self._open = True

    def write(self, data: bytes) -> None:
        try:
            self._device._raw(data)
        except (OSError, AssertionError) as exc:
            raise PrinterOffline(f"The printer {self._label} stopped answering: {_first_line(exc)}") from exc
        except Exception as exc:  # pyusb/pyserial raise their own types; all mean "offline"
            raise PrinterOffline(f"The printer {self._label} failed: {_first_line(exc)}") from exc

    def read_status_byte(self, timeout: float) -> int | None:
        raw = self._device.device
        try:
            if isinstance(raw, socket.socket):
                raw.settimeout(timeout)
                data = raw.recv(1)
            elif hasattr(raw, "read") and hasattr(raw, "timeout"):  # pyserial
                raw.timeout = timeout
                data = raw.read(1)
            else:  # pyusb: read(endpoint, size, timeout in ms)
                data = bytes(raw.read(self._device.in_ep, 1, int(timeout * 1000)))
        except (TimeoutError, OSError):
            return None
        except Exception:  # noqa: BLE001 - pyusb's USBTimeoutError and friends: treat as no answer
            return None
        return data[0] if data else None

    def close(self) -> None:
        if self._open:
            self._open = False
            with contextlib.suppress(OSError):  # closing a dead link: nothing left to release
                self._device.close()


class EmulatorConnection:
    """A connection to an in-process :class:`EmulatorPrinter`."""

    supports_status = True

    def __init__(self, emulator: EmulatorPrinter) -> None:
        self._emulator = emulator
        self._answers = bytearray()

    def open(self) -> None:
        self._answers.clear()

    def write(self, data: bytes) -> None:
        self._answers += self._emulator.write(data)

    def read_status_byte(self, timeout: float) -> int | None:
        if not self._answers:
            return None
        return self._answers.pop(0)

    def close(self) -> None:
        self._emulator.flush()


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return text[-1] if text else type(exc).__name__


def connect(url: PrinterUrl, emulator: EmulatorPrinter | None = None, timeout: float = 5.0) -> Connection:
    """A (not yet opened) connection for ``url``; ``emulator`` serves the ``emulator`` URL.

    Raises:
        PrinterConfigError: ``emulator`` URL without an emulator, or a missing driver library.
    """
    if url.scheme == "emulator":
        if emulator is None:
            raise PrinterConfigError("the emulator printer is only available inside the app or tests")
        return EmulatorConnection(emulator)
    if url.scheme == "tcp":
        from escpos.printer import Network

        return EscposConnection(Network(url.host, url.port, timeout=timeout), str(url), True)
    if url.scheme == "serial":
        from escpos.printer import Serial

        device = Serial(url.path, baudrate=url.baudrate, timeout=timeout)
        return EscposConnection(device, str(url), True)
    if url.scheme == "usb":
        from escpos.printer import Usb

        if not Usb.is_usable():
            raise PrinterConfigError("USB printers need pyusb and libusb installed")
        device = Usb(url.vendor_id, url.product_id, timeout=int(timeout * 1000))
        return EscposConnection(device, str(url), True)
    from escpos.printer import File

    return EscposConnection(File(url.path), str(url), False)
