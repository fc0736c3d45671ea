"""Where printing's settings come from: the terminal configuration, mapped once.

Design: the CLI and the app ask here for the printer settings, the slip header/footer and the
directory of the last slip, so ``drivers.printers`` and the slip builders never read the
configuration (``pos_client.config``) themselves.
"""

from __future__ import annotations

from pathlib import Path

from drivers.printers.printer import PrinterSettings
from pos_client.config import Config
from pos_client.domain import Terminal
from pos_client.receipts.settings import SlipSettings


def printer_settings(config: Config, url: str | None = None) -> PrinterSettings | None:
    """The ``[printer]`` section as :class:`PrinterSettings`; None when no printer URL is set.

    Args:
        url: a printer named for this one run (``--printer URL``) instead of ``printer.url``: the
            configured profile, paper width and code pages still describe the printer (a 58 mm
            printer stays 58 mm when ``printer.url`` was never set).
    """
    printer = config.printer
    url = url or printer.url
    if not url:
        return None
    return PrinterSettings(
        url=url,
        profile=printer.profile,
        paper_width_mm=printer.paper_width_mm,
        code_pages=tuple(page.upper() for page in printer.code_pages),
    )


def slip_settings(config: Config, terminal: Terminal | None = None) -> SlipSettings:
    """``[store]``, ``[printer]`` header/footer and ``[terminal]`` locale as :class:`SlipSettings`.

    Args:
        terminal: what the server says about this terminal; supplies the store name and address
            when the configuration leaves them empty, and the store / POS numbers.
    """
    store_name = config.store.name or (terminal.store_name if terminal else "")
    address = config.store.address
    if not address and terminal and terminal.store_address:
        address = tuple(part.strip() for part in terminal.store_address.split(",") if part.strip())
    label = f"Store {terminal.store} / POS {terminal.pos}" if terminal else ""
    return SlipSettings(
        store_name=store_name,
        address=address,
        header=config.printer.header,
        footer=config.printer.footer,
        terminal=label,
        locale=config.terminal.locale,
        isolate_personal_data=config.ui.isolate_personal_data,
    )


def last_slip_dir(config: Config) -> Path:
    """The directory of the last-slip store, in the terminal's data directory."""
    return config.data_path / "printing"
