"""One place that writes to the terminal: JSON (one object on stdout) or human text, and exit codes."""

from __future__ import annotations

import enum
import json
import sys
from collections.abc import Mapping
from decimal import Decimal
from typing import Any, TextIO


class ExitCode(enum.IntEnum):
    """Exit codes of DESIGN.md §9."""

    OK = 0  # applied, or safely queued
    REFUSED = 1  # a business reason; message on stderr
    USAGE = 2  # usage or configuration error
    UNAVAILABLE = 3  # offline and not allowed offline


def _default(value: object) -> object:
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, bytes):
        return value.hex()
    if hasattr(value, "isoformat"):
        return value.isoformat()
    raise TypeError(f"not JSON serialisable: {type(value).__name__}")


class Output:
    """Writes results either as one JSON object per call (``--json``) or as human text."""

    def __init__(self, as_json: bool, stdout: TextIO | None = None, stderr: TextIO | None = None) -> None:
        self.as_json = as_json
        self._stdout = stdout or sys.stdout
        self._stderr = stderr or sys.stderr

    def result(self, data: Mapping[str, Any], human: str) -> None:
        """Print a result: ``data`` as JSON with ``--json``, else ``human``."""
        if self.as_json:
            self._stdout.write(json.dumps(dict(data), default=_default, ensure_ascii=False) + "\n")
        else:
            self._stdout.write(human.rstrip("\n") + "\n")
        self._stdout.flush()

    def line(self, data: Mapping[str, Any], human: str) -> None:
        """Print one line of a stream (``scanner listen``): JSON lines or text."""
        self.result(data, human)

    def error(self, message: str) -> None:
        """A message for the person at the terminal, on stderr (never a traceback)."""
        self._stderr.write(f"loyalty-pos: {message}\n")
        self._stderr.flush()
