"""Scanner and printer set-up without Qt: forms ↔ configuration, live scan rows, status, test page.

The technician screens hold a :class:`ScannerForm` / :class:`PrinterForm` (what the fields say),
turn it into the drivers' settings here, and save it to the terminal configuration with
:func:`save_options` (``pos_client.config``'s own parsing and validation, the same as ``config set``).
Printing goes through :class:`drivers.printers.printer.ReceiptPrinter` exactly as ``loyalty-pos printer
status|test`` does; scans are shown masked unless the technician asks for whole numbers, as ``loyalty-pos
scanner listen --raw`` does.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

from drivers.printers.emulator import EmulatorPrinter
from drivers.printers.printer import PrinterSettings, ReceiptPrinter
from drivers.printers.profile import DOT_WIDTH_BY_PAPER_MM, profile_names
from drivers.printers.status import PrinterStatus
from drivers.printers.test_page import test_page
from drivers.scanners import (
    DiscardEvent,
    ScanEvent,
    Scanner,
    ScannerSettings,
    StatusEvent,
    Terminator,
    scanner_from_url,
)
from pos_client.config import Config, coerce, read_raw, resolve_path, write_raw

PAPER_WIDTHS = tuple(sorted(DOT_WIDTH_BY_PAPER_MM))
# The configuration keeps the terminator as the character(s) sent; the scanner driver names them.
_TERMINATOR_TEXT = {
    Terminator.AUTO: "auto",
    Terminator.CR: "\r",
    Terminator.LF: "\n",
    Terminator.CRLF: "\r\n",
    Terminator.TAB: "\t",
    Terminator.NONE: "",
}
TERMINATORS = tuple(_TERMINATOR_TEXT)


def terminator_from_text(text: str) -> Terminator:
    """The :class:`Terminator` of the configuration's ``scanner.terminator`` characters (CR if odd)."""
    for terminator, chars in _TERMINATOR_TEXT.items():
        if chars == text:
            return terminator
    return Terminator.CR


# -- configuration --------------------------------------------------------------------------------


def save_options(path: Path | None, options: Mapping[str, str]) -> Config:
    """Write several ``section.option`` values into the configuration file at once.

    Each value is parsed and validated as ``loyalty-pos config set`` does; nothing is written unless
    all of them (and the resulting file) are valid.

    Raises:
        ConfigError: an unknown key or a value that does not fit (the message names it).
    """
    target = resolve_path(path)
    raw = read_raw(target)
    for key, text in options.items():
        section, option, value = coerce(key, text)
        table = raw if section is None else raw.setdefault(section, {})
        table[option] = value
    return write_raw(target, raw)


# -- the printer ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class PrinterForm:
    """What the printer set-up fields say."""

    url: str
    profile: str = "default"
    paper_width_mm: int = 80

    @classmethod
    def from_config(cls, config: Config) -> PrinterForm:
        printer = config.printer
        return cls(printer.url, printer.profile, printer.paper_width_mm)

    def settings(self, config: Config | None = None) -> PrinterSettings:
        """Driver settings for this form (code pages from the configuration)."""
        pages = tuple(p.upper() for p in config.printer.code_pages) if config else ()
        return PrinterSettings(
            url=self.url.strip(),
            profile=self.profile,
            paper_width_mm=self.paper_width_mm,
            code_pages=pages,
        )

    def config_options(self) -> dict[str, str]:
        return {
            "printer.url": self.url.strip(),
            "printer.profile": self.profile,
            "printer.paper_width_mm": str(self.paper_width_mm),
        }


def printer_profiles() -> list[str]:
    """The printer profiles a technician may choose (python-escpos's database)."""
    return profile_names()


def _printer(settings: PrinterSettings, emulator: EmulatorPrinter | None) -> ReceiptPrinter:
    return ReceiptPrinter(settings, emulator if settings.url.strip() in ("emulator", "emulator://") else None)


def printer_status(settings: PrinterSettings, emulator: EmulatorPrinter | None = None) -> PrinterStatus:
    """Ask the printer for its status (``DLE EOT``); see ``ReceiptPrinter.status``.

    Args:
        emulator: the app's on-screen printer, used when the URL is ``emulator``.

    Raises:
        PrinterError: bad settings (``PrinterConfigError``) or the printer cannot be reached.
    """
    return _printer(settings, emulator).status()


def print_test_page(
    settings: PrinterSettings,
    emulator: EmulatorPrinter | None = None,
    *,
    preview: EmulatorPrinter | None = None,
    now: dt.datetime | None = None,
) -> PrinterStatus:
    """Print the test page (code pages, styles, barcodes, QR code, cut); returns the status seen.

    Args:
        emulator: the on-screen printer, used when the URL is ``emulator``.
        preview: an emulator that also gets exactly the bytes sent, once they were sent (so a
            technician sees what a real printer received).

    Raises:
        PrinterError: nothing was printed (offline, paper out, cover open, bad settings).
    """
    printer = _printer(settings, emulator)
    data = printer.render(test_page(printer.profile, str(printer.url), now))
    status = printer.send(data)
    if preview is not None and preview is not printer.emulator:
        preview.write(data)
        preview.flush()
    return status


# -- the scanner ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class ScannerForm:
    """What the scanner set-up fields say."""

    url: str
    terminator: Terminator = Terminator.AUTO
    prefix: str = ""
    suffix: str = ""

    @classmethod
    def from_config(cls, config: Config) -> ScannerForm:
        scanner = config.scanner
        return cls(scanner.url, terminator_from_text(scanner.terminator), scanner.prefix, scanner.suffix)

    def settings(self) -> ScannerSettings:
        return ScannerSettings(terminator=self.terminator, prefix=self.prefix, suffix=self.suffix)

    def config_options(self) -> dict[str, str]:
        return {
            "scanner.url": self.url.strip(),
            "scanner.terminator": _TERMINATOR_TEXT[self.terminator],
            "scanner.prefix": self.prefix,
            "scanner.suffix": self.suffix,
        }


def open_scanner(
    form: ScannerForm,
    on_scan: Callable[[ScanEvent], None],
    on_status: Callable[[StatusEvent], None],
    on_discard: Callable[[DiscardEvent], None],
) -> Scanner:
    """Build (not start) a scanner for the form's URL, as ``scanner listen --device URL`` does.

    Raises:
        ScannerUrlError: the URL is not usable (including ``wedge``: the app's keyboard filter reads it).
    """
    return scanner_from_url(
        form.url.strip(), form.settings(), on_scan=on_scan, on_status=on_status, on_discard=on_discard
    )
