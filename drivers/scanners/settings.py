"""Scanner settings and device URLs (docs/ARCHITECTURE.md#cli).

A technician configures a scanner with one URL; options in its query override the configured
defaults, so ``serial:///dev/ttyUSB0?baudrate=9600&terminator=CRLF&prefix=AB`` says everything.
Accepted forms:

* ``serial:///dev/ttyUSB0?baudrate=9600`` — a serial or USB-CDC scanner;
* ``/dev/ttyACM0`` or ``COM3`` — the same, written as a plain device path;
* ``loop://`` and ``socket://HOST:PORT`` — pyserial's loop-back and network ports (tests, serial servers);
* ``hid://VID:PID`` (hexadecimal ids) — a USB HID POS scanner through hidapi;
* ``wedge`` — a scanner that types like a keyboard; read by the app's keyboard filter, not here.
"""

from __future__ import annotations

import dataclasses
import enum
import urllib.parse
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from drivers.scanners.framing import FramingSettings, Terminator
from drivers.scanners.normalise import Normaliser


class ScannerUrlError(ValueError):
    """A device URL or one of its options cannot be used; the message says why in plain words."""


@dataclass(frozen=True, slots=True)
class ScannerSettings:
    """How a scanner is read; every field can also be given in the device URL's query.

    Attributes:
        terminator: what ends a scan: AUTO (default: CR, LF, CRLF, TAB or another control character,
            whichever the scanner sends), or exactly CR, LF, CRLF, TAB or NONE.
        prefix: configured prefix the scanner sends before each code (removed).
        suffix: configured suffix sent after each code, before the terminator (removed).
        partial_timeout: seconds of silence after which an unfinished scan is thrown away.
        inter_char_timeout: with no terminator, seconds of silence that end a scan.
        baudrate: serial speed; must match the scanner's setting (USB-CDC scanners ignore it).
        bytesize: data bits (7 or 8).
        parity: N, E, O, M or S.
        stopbits: 1, 1.5 or 2.
        reconnect_interval: first wait before reopening a device that went away (doubles up to 2 s).
    """

    terminator: Terminator = Terminator.AUTO
    prefix: str = ""
    suffix: str = ""
    partial_timeout: float = 0.5
    inter_char_timeout: float = 0.1
    baudrate: int = 9600
    bytesize: int = 8
    parity: str = "N"
    stopbits: float = 1
    reconnect_interval: float = 0.25

    def framing(self) -> FramingSettings:
        """The framing part of these settings."""
        return FramingSettings(
            terminator=self.terminator,
            partial_timeout=self.partial_timeout,
            inter_char_timeout=self.inter_char_timeout,
        )

    def normaliser(self) -> Normaliser:
        """A normaliser for this scanner's prefix and suffix."""
        return Normaliser(prefix=self.prefix, suffix=self.suffix)

    def with_options(self, options: Mapping[str, str]) -> ScannerSettings:
        """These settings with ``options`` (strings, as in a URL query) applied.

        Raises:
            ScannerUrlError: an unknown option or a value that does not fit.
        """
        changes: dict[str, Any] = {}
        for key, value in options.items():
            name = key.strip().lower()
            try:
                changes[name] = _parse_option(name, value)
            except ValueError as exc:
                raise ScannerUrlError(f"scanner option {key}={value!r}: {exc}") from None
        return dataclasses.replace(self, **changes)


def _positive_float(value: str) -> float:
    number = float(value)
    if not number > 0:
        raise ValueError("must be a positive number of seconds")
    return number


def _choice(allowed: tuple[str, ...]) -> Any:
    def parse(value: str) -> str:
        upper = value.strip().upper()
        if upper not in allowed:
            raise ValueError(f"use one of {', '.join(allowed)}")
        return upper

    return parse


def _stopbits(value: str) -> float:
    number = float(value)
    if number not in (1, 1.5, 2):
        raise ValueError("use 1, 1.5 or 2")
    return number


def _bytesize(value: str) -> int:
    number = int(value)
    if number not in (5, 6, 7, 8):
        raise ValueError("use 7 or 8 (5 and 6 exist but no scanner uses them)")
    return number


def _baudrate(value: str) -> int:
    number = int(value)
    if number <= 0:
        raise ValueError("must be a positive number such as 9600 or 115200")
    return number


_OPTION_PARSERS: dict[str, Any] = {
    "terminator": Terminator.parse,
    "prefix": str,
    "suffix": str,
    "partial_timeout": _positive_float,
    "inter_char_timeout": _positive_float,
    "baudrate": _baudrate,
    "bytesize": _bytesize,
    "parity": _choice(("N", "E", "O", "M", "S")),
    "stopbits": _stopbits,
    "reconnect_interval": _positive_float,
}
SCANNER_OPTIONS = frozenset(_OPTION_PARSERS)


def _parse_option(name: str, value: str) -> Any:
    parser = _OPTION_PARSERS.get(name)
    if parser is None:
        raise ValueError(f"unknown option; known options: {', '.join(sorted(_OPTION_PARSERS))}")
    return parser(value)


class DeviceKind(enum.StrEnum):
    """Which driver reads a device URL."""

    SERIAL = "serial"  # a device path, opened with pyserial
    PYSERIAL_URL = "pyserial-url"  # loop://, socket://… handed to pyserial as they are
    HID = "hid"  # a USB HID POS scanner
    WEDGE = "wedge"  # a keyboard-wedge scanner, read by the app's keyboard filter


@dataclass(frozen=True, slots=True)
class DeviceUrl:
    """A parsed scanner URL.

    Attributes:
        kind: which driver reads it.
        target: the device path (serial), the pyserial URL without our options, or ``"VID:PID"``.
        settings: the defaults with the URL's options applied.
        vendor_id: for HID.
        product_id: for HID.
    """

    kind: DeviceKind
    target: str
    settings: ScannerSettings
    vendor_id: int = 0
    product_id: int = 0


_PYSERIAL_SCHEMES = ("loop", "socket", "rfc2217", "spy", "alt", "hwgrep", "cp2110")


def parse_device_url(url: str, defaults: ScannerSettings | None = None) -> DeviceUrl:
    """Parse a scanner URL (see the module docstring for the forms).

    Raises:
        ScannerUrlError: the URL is not one of the accepted forms, or an option does not fit.
    """
    settings = defaults or ScannerSettings()
    text = url.strip()
    if not text:
        raise ScannerUrlError("no scanner device given")
    if text.lower() == "wedge":
        return DeviceUrl(kind=DeviceKind.WEDGE, target="wedge", settings=settings)
    if "://" not in text:
        # A plain device path: /dev/ttyUSB0, /dev/pts/5, COM3.
        return DeviceUrl(kind=DeviceKind.SERIAL, target=text, settings=settings)
    parts = urllib.parse.urlsplit(text)
    scheme = parts.scheme.lower()
    query = urllib.parse.parse_qsl(parts.query, keep_blank_values=True)
    ours = {key: value for key, value in query if key.lower() in SCANNER_OPTIONS}
    theirs = [(key, value) for key, value in query if key.lower() not in SCANNER_OPTIONS]
    if scheme == "serial":
        if theirs:
            unknown = ", ".join(key for key, _ in theirs)
            raise ScannerUrlError(
                f"unknown scanner option(s) {unknown}; known options: {', '.join(sorted(SCANNER_OPTIONS))}"
            )
        path = urllib.parse.unquote(parts.netloc + parts.path)
        if not path:
            raise ScannerUrlError(f"{url!r} names no device; write it as serial:///dev/ttyUSB0")
        return DeviceUrl(kind=DeviceKind.SERIAL, target=path, settings=settings.with_options(ours))
    if scheme == "hid":
        vendor_id, product_id = _parse_vid_pid(parts.netloc, url)
        return DeviceUrl(
            kind=DeviceKind.HID,
            target=f"{vendor_id:04x}:{product_id:04x}",
            settings=settings.with_options(ours),
            vendor_id=vendor_id,
            product_id=product_id,
        )
    if scheme in _PYSERIAL_SCHEMES:
        # pyserial rejects options it does not know, so hand it only its own.
        # (Not urlunsplit: it drops the "//" of "loop://", which pyserial then rejects.)
        rest = f"{parts.scheme}://{parts.netloc}{parts.path}"
        if theirs:
            rest += "?" + urllib.parse.urlencode(theirs)
        return DeviceUrl(kind=DeviceKind.PYSERIAL_URL, target=rest, settings=settings.with_options(ours))
    raise ScannerUrlError(
        f"{url!r} is not a scanner URL; use serial:///dev/…, a device path, loop://, socket://HOST:PORT,"
        " hid://VID:PID or wedge"
    )


def _parse_vid_pid(netloc: str, url: str) -> tuple[int, int]:
    vendor, sep, product = netloc.partition(":")
    try:
        if not sep:
            raise ValueError(netloc)
        vendor_id, product_id = int(vendor, 16), int(product, 16)
    except ValueError:
        raise ScannerUrlError(
            f"{url!r}: write a HID scanner as hid://VID:PID with hexadecimal ids, e.g. hid://0c2e:0b61"
        ) from None
    if not (0 <= vendor_id <= 0xFFFF and 0 <= product_id <= 0xFFFF):
        raise ScannerUrlError(f"{url!r}: USB vendor and product ids are four hexadecimal digits")
    return vendor_id, product_id
