"""Diagnostics a technician hands to support: masked log text, a recent-log buffer, the bundle.

Qt-free: the one implementation behind the app's technician screen (``ui.screens.technician_log``)
and ``loyalty-pos diagnostics export FILE``; both write the same zip.

- :func:`mask_text` hides what must never leave the till in a log line: card numbers (all but the
  last 4 characters, as :func:`pos_client.masking.mask_number` does everywhere else), bearer tokens,
  ``token=…``/``pin=…``/``password=…`` values and credentials inside URLs. Operation ids (UUIDs) stay
  readable: support needs them to follow an operation through the queue and the server.
- :class:`RecentLog` is a ``logging.Handler`` keeping the last lines in memory, masked as they
  arrive, so the log view never holds a whole card number even for a moment.
- :func:`collect_bundle` reads what a bundle holds from the terminal (configuration, log lines,
  queue status and open rows); :func:`write_bundle` writes the diagnostics zip: configuration
  (secrets masked), versions, recent log (masked), queue status and open queue rows, and whatever the
  caller adds (terminal identity, the last connection test).
"""

from __future__ import annotations

import collections
import dataclasses
import datetime as dt
import importlib.metadata
import json
import logging
import os
import platform
import re
import sys
import threading
import zipfile
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from offline_queue import State
from pos_client.config import Config, ConfigError, as_dict, load
from pos_client.masking import MASKED_SECRET, MaskingFormatter, mask_text, mask_url
from pos_client.queue_view import queue_row

if TYPE_CHECKING:
    from pos_client.offline import QueuedGateway

# The app's log file, in the data directory (``ui.launch`` logs there).
APP_LOG = Path("logs") / "app.log"
# Queue rows still to deliver or to look at: what support needs to see.
OPEN_STATES = (State.PENDING, State.SENDING, State.REFUSED, State.PARKED)

# -- masking --------------------------------------------------------------------------------------

_SECRET_KEYS = re.compile(r"(?i)token|password|secret|pin|key")


def masked_config(config: Config) -> dict[str, Any]:
    """The configuration as plain data (``config show``) with anything secret-looking masked.

    The POS token is never in the configuration (``pos_client.secrets``); this also covers a URL
    with credentials in it and any option whose name says it is a secret.
    """
    data = as_dict(config)
    for section in data.values():
        if not isinstance(section, dict):
            continue
        for key, value in section.items():
            if isinstance(value, str) and "://" in value:
                section[key] = mask_url(value)
            if _SECRET_KEYS.search(key) and value:
                section[key] = MASKED_SECRET
    return data


# -- the recent log -------------------------------------------------------------------------------

LOG_FORMAT = "%(asctime)s %(levelname)-7s %(name)s: %(message)s"


class RecentLog(logging.Handler):
    """The last ``capacity`` log lines, masked as they arrive (thread-safe).

    Attach it to the root logger once (the app's composition root does); the log view and the
    diagnostics bundle read :meth:`lines`.

    Args:
        capacity: how many lines to keep.
        level: the lowest level kept.
    """

    def __init__(self, capacity: int = 2000, level: int = logging.INFO) -> None:
        super().__init__(level)
        self.setFormatter(MaskingFormatter(LOG_FORMAT))
        self._lines: collections.deque[str] = collections.deque(maxlen=capacity)
        self._guard = threading.Lock()
        self._listeners: list[Callable[[str], None]] = []

    def emit(self, record: logging.LogRecord) -> None:
        try:
            line = self.format(record)  # masked by the formatter (and again if one was set in its place)
            if not isinstance(self.formatter, MaskingFormatter):
                line = mask_text(line)
        except Exception:  # noqa: BLE001 - logging must never raise into the caller
            self.handleError(record)
            return
        with self._guard:
            self._lines.append(line)
            listeners = list(self._listeners)
        for listener in listeners:
            try:
                listener(line)
            except Exception:  # noqa: BLE001 - a broken log view must not break the code that logs
                self.handleError(record)

    def lines(self) -> list[str]:
        """The kept lines, oldest first (already masked)."""
        with self._guard:
            return list(self._lines)

    def add_listener(self, listener: Callable[[str], None]) -> None:
        """Call ``listener(line)`` with every new line, on the logging thread."""
        with self._guard:
            self._listeners.append(listener)

    def remove_listener(self, listener: Callable[[str], None]) -> None:
        """Stop calling ``listener``."""
        with self._guard:
            if listener in self._listeners:
                self._listeners.remove(listener)


def log_file(logger: logging.Logger | None = None) -> Path | None:
    """The file the app logs to: the first file handler on ``logger`` (default: the root logger)."""
    for handler in (logger or logging.getLogger()).handlers:
        if isinstance(handler, logging.FileHandler) and handler.baseFilename != os.devnull:
            return Path(handler.baseFilename)
    return None


def read_log_tail(path: Path, max_bytes: int = 256_000) -> list[str]:
    """The last lines of a log file, masked (an unreadable or missing file gives no lines)."""
    try:
        with path.open("rb") as handle:
            handle.seek(0, 2)
            size = handle.tell()
            handle.seek(max(0, size - max_bytes))
            data = handle.read()
    except OSError:
        return []
    lines = data.decode("utf-8", errors="replace").splitlines()
    if size > max_bytes and lines:
        lines = lines[1:]  # the first line was cut in the middle
    return [mask_text(line) for line in lines]


# -- the bundle -----------------------------------------------------------------------------------

_DISTRIBUTIONS = (
    "loyalty-pos",
    "PySide6-Essentials",
    "httpx",
    "pyserial",
    "python-escpos",
    "pillow",
    "platformdirs",
    "keyring",
)


def versions(extra: Mapping[str, str] | None = None) -> dict[str, str]:
    """Python, the operating system and the installed versions of what the terminal runs on."""
    found: dict[str, str] = {
        "python": sys.version.split()[0],
        "platform": platform.platform(),
    }
    for name in _DISTRIBUTIONS:
        try:
            found[name] = importlib.metadata.version(name)
        except importlib.metadata.PackageNotFoundError:
            found[name] = "not installed"
    found.update(extra or {})
    return found


def _jsonable(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {k: _jsonable(v) for k, v in dataclasses.asdict(value).items()}
    if isinstance(value, Mapping):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    if isinstance(value, bool | int | float | str) or value is None:
        return value
    return str(value)  # Decimal, datetime, Path, enums: their text form


@dataclasses.dataclass(frozen=True)
class BundleContents:
    """What goes into a diagnostics bundle (every field optional but the time).

    Attributes:
        created: when the bundle was made (UTC).
        config: the terminal configuration (masked on writing).
        config_error: why the configuration could not be read, when it could not.
        log_lines: recent log lines (masked again on writing: a line may come from a file).
        queue_status: the offline queue's ``to_json()``.
        queue_rows: the open queue rows as plain data (instrument numbers already masked).
        extra: more named sections (e.g. ``terminal`` identity, ``connection`` test), as plain data.
    """

    created: dt.datetime
    config: Config | None = None
    config_error: str | None = None
    log_lines: Sequence[str] = ()
    queue_status: Mapping[str, Any] | None = None
    queue_rows: Sequence[Mapping[str, Any]] = ()
    extra: Mapping[str, Any] = dataclasses.field(default_factory=dict)


def bundle_name(created: dt.datetime) -> str:
    """The suggested file name, e.g. ``loyalty-pos-diagnostics-20261130T074100Z.zip``."""
    return f"loyalty-pos-diagnostics-{created.astimezone(dt.UTC):%Y%m%dT%H%M%SZ}.zip"


def _json(data: Any) -> str:
    # Masked after rendering as well: a card number may hide in any free-text field.
    return mask_text(json.dumps(_jsonable(data), indent=2, ensure_ascii=False, sort_keys=True)) + "\n"


def write_bundle(path: Path, contents: BundleContents) -> list[str]:
    """Write the diagnostics zip to ``path`` (replaced if it exists); returns the member names.

    Members: ``README.txt``, ``versions.json``, ``config.json``, ``log.txt``, ``queue.json`` and one
    ``<name>.json`` per ``extra`` section. Everything is masked before it is written.
    """
    members: dict[str, str] = {
        "README.txt": (
            "Loyalty POS terminal diagnostics\n"
            f"created: {contents.created.astimezone(dt.UTC).isoformat(timespec='seconds')}\n"
            "Card numbers, tokens, PINs and URL credentials are masked in every file.\n"
        ),
        "versions.json": _json(versions()),
        "config.json": _json(
            masked_config(contents.config)
            if contents.config is not None
            else {"error": contents.config_error or "no configuration"}
        ),
        "log.txt": "".join(mask_text(line) + "\n" for line in contents.log_lines),
        "queue.json": _json({"status": contents.queue_status, "operations": list(contents.queue_rows)}),
    }
    for name, data in contents.extra.items():
        safe = re.sub(r"[^a-z0-9_-]+", "_", name.lower()) or "extra"
        members[f"{safe}.json"] = _json(data)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".part")
    with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED) as bundle:
        for name, text in members.items():
            bundle.writestr(name, text)
    tmp.replace(path)
    return list(members)


def read_config(path: Path | None) -> tuple[Config | None, str | None]:
    """The configuration at ``path`` (or the usual place), or why it cannot be read."""
    try:
        return load(path, must_exist=False), None
    except ConfigError as exc:
        return None, str(exc)


def app_log_lines(config: Config | None) -> list[str]:
    """The tail of the app's log file in the terminal's data directory (masked; none when absent)."""
    if config is None:
        return []
    return read_log_tail(config.data_path / APP_LOG)


def queue_rows(gateway: QueuedGateway, limit: int = 500) -> list[dict[str, Any]]:
    """The open queue rows as plain data (instrument numbers masked by :func:`queue_row`)."""
    rows: list[dict[str, Any]] = []
    for entry in gateway.outbox.entries(OPEN_STATES, limit=limit):
        row = queue_row(entry)
        rows.append(
            {
                "operationId": row.operation_id,
                "state": row.state.value,
                "needsAttention": row.needs_attention,
                "type": row.type,
                "instrument": row.instrument,
                "amount": str(row.amount) if row.amount is not None else None,
                "points": row.points,
                "attempts": row.attempts,
                "created": row.created.isoformat(timespec="seconds"),
                "reason": row.reason,
                "note": row.note,
            }
        )
    return rows


def collect_bundle(
    *,
    config_path: Path | None,
    log_lines: Sequence[str] | None = None,
    gateway: QueuedGateway | None,
    extra: Mapping[str, Any] | None = None,
    now: dt.datetime | None = None,
) -> BundleContents:
    """Read what goes into a diagnostics bundle: the configuration (or why it cannot be read), the
    log lines (default: the tail of the app's log file), the queue's status and open rows.

    Args:
        config_path: the terminal configuration (None: the usual place).
        log_lines: the recent log; None reads the app's log file.
        gateway: the queued gateway (None: no queue section).
        extra: more named sections (terminal identity, the last connection test).
        now: the bundle's time (default: now, UTC).
    """
    config, error = read_config(config_path)
    status: dict[str, Any] | None = None
    rows: list[dict[str, Any]] = []
    if gateway is not None:
        status = gateway.status().to_json()
        rows = queue_rows(gateway)
    return BundleContents(
        created=now or dt.datetime.now(dt.UTC),
        config=config,
        config_error=error,
        log_lines=tuple(app_log_lines(config) if log_lines is None else log_lines),
        queue_status=status,
        queue_rows=rows,
        extra=dict(extra or {}),
    )
