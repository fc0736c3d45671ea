"""Writing a file so that a reader, or a crash, sees the old content or the new, never half of it."""

from __future__ import annotations

import os
from pathlib import Path


def write_atomic(path: Path, data: str | bytes, *, mode: int | None = None, durable: bool = False) -> None:
    """Write ``data`` (text as UTF-8) to a temporary file beside ``path``, then rename it over ``path``.

    Args:
        path: the file; its folder is created when missing.
        data: the whole new content.
        mode: exact permissions of the new file (e.g. ``0o600`` for a secret: never readable by
            others, not even for a moment); default: as any new file (the umask applies).
        durable: fsync the content before the rename (survives a power cut).

    Raises:
        OSError: the file cannot be written (the old one, if any, is left as it was).
    """
    raw = data.encode("utf-8") if isinstance(data, str) else data
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o666 if mode is None else mode)
    with os.fdopen(fd, "wb") as handle:
        if mode is not None:
            os.fchmod(handle.fileno(), mode)  # os.open's mode is filtered by the umask; this is not
        handle.write(raw)
        if durable:
            handle.flush()
            os.fsync(handle.fileno())
    os.replace(tmp, path)
