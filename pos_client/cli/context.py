"""What command handlers share: output, configuration path, and lazily built core objects.

The terminal-core work fills in ``config()`` and ``service()``; keep construction lazy so that
commands that need neither (``server``, ``--help``, ``printer emulate``) stay fast.
"""

from __future__ import annotations

import datetime as dt
import tempfile
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from pos_client.cli.output import ExitCode, Output


class CliError(Exception):
    """An expected failure with a message for the user and an exit code (never a traceback).

    Args:
        message: plain words for the person at the terminal.
        exit_code: one of :class:`ExitCode`.
        data: with ``--json``, the object to print on stdout (e.g. ``{"state": "refused", ...}``).
    """

    def __init__(
        self, message: str, exit_code: ExitCode = ExitCode.USAGE, data: Mapping[str, Any] | None = None
    ) -> None:
        super().__init__(message)
        self.message = message
        self.exit_code = exit_code
        self.data = data


class CliContext:
    """Shared state of one CLI invocation."""

    def __init__(self, config_path: Path | None, out: Output) -> None:
        self.config_path = config_path
        self.out = out
        self._closers: list[Callable[[], None]] = []

    def on_close(self, closer: Callable[[], None]) -> None:
        """Register something to release when the command ends (clients, databases, devices)."""
        self._closers.append(closer)

    def close(self) -> None:
        """Release everything registered with :meth:`on_close`, newest first."""
        while self._closers:
            self._closers.pop()()

    def save_crash_report(self, text: str) -> Path:
        """Write a traceback where support can find it; returns the file's path."""
        stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%S")
        path = Path(tempfile.gettempdir()) / f"loyalty-pos-crash-{stamp}.txt"
        path.write_text(text, encoding="utf-8")
        return path
