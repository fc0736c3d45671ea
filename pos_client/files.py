"""The terminal's files: written atomically, and readable by their owner only.

Everything the terminal keeps holds something private (the outbox: customers' details and card
numbers; the audit log; the operators' PIN hashes; the configuration; the last slip; logs), so every
file is created ``0600`` and every folder ``0700`` (docs/ARCHITECTURE.md#security), and
:func:`protect_data_dir` fixes the modes of what an older version (or a copy) left readable to others, at
every start.
"""

from __future__ import annotations

import logging
import os
import stat
import tempfile
from pathlib import Path

log = logging.getLogger(__name__)

PRIVATE_FILE = 0o600
PRIVATE_DIR = 0o700
PRIVATE_UMASK = 0o077  # for a whole process of the terminal (the CLI's command, the app)


def private_dir(path: Path) -> Path:
    """Create ``path`` (and missing parents) as ``0700``; an existing folder is made ``0700`` too
    when it is ours. Returns ``path``."""
    path.mkdir(mode=PRIVATE_DIR, parents=True, exist_ok=True)
    _restrict(path, PRIVATE_DIR)
    return path


def private_file(path: Path) -> Path:
    """Make sure ``path`` exists and is ``0600`` (created empty when missing, its folder ``0700``).

    For SQLite files: opened after this, SQLite creates its ``-wal``/``-shm``/``-journal`` files
    with the mode of the database file, so they are private too. Returns ``path``.
    """
    if not path.parent.exists():
        private_dir(path.parent)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE)
    except FileExistsError:
        _restrict(path, PRIVATE_FILE)
        return path
    try:
        os.fchmod(fd, PRIVATE_FILE)  # the mode of os.open is filtered by the umask; this is not
    finally:
        os.close(fd)
    return path


def _restrict(path: Path, mode: int) -> bool:
    """chmod ``path`` to ``mode`` when it is ours and allows more; True when it was changed."""
    try:
        info = path.lstat()
    except FileNotFoundError:
        return False
    if stat.S_ISLNK(info.st_mode) or stat.S_IMODE(info.st_mode) & ~mode == 0:
        return False
    if hasattr(os, "geteuid") and info.st_uid != os.geteuid():
        log.warning("%s is readable by others and not ours to change (mode %o)", path, info.st_mode & 0o777)
        return False
    os.chmod(path, stat.S_IMODE(info.st_mode) & mode)
    return True


def protect_data_dir(path: Path, *, also: tuple[Path, ...] = ()) -> int:
    """At start: the data folder ``0700``, every folder in it ``0700`` and every file ``0600``.

    Args:
        path: the data directory (created ``0700`` when missing).
        also: other files of the terminal kept elsewhere (the configuration file, an outbox
            configured outside the data folder, with its ``-wal``/``-shm``); missing ones are skipped.

    Returns:
        How many files and folders had their mode narrowed.

    A home directory or a filesystem root given as the data folder is left as it is (a configuration
    mistake, not the terminal's own folder); ``also`` is still looked after.
    """
    changed = 0
    resolved = path.expanduser().resolve()
    if resolved == Path.home().resolve() or resolved.parent == resolved:
        log.warning("the data directory %s is a home or root folder: its modes are left as they are", path)
    else:
        path.mkdir(mode=PRIVATE_DIR, parents=True, exist_ok=True)
        changed += _restrict(path, PRIVATE_DIR)
        for folder, dirs, files in os.walk(path):
            here = Path(folder)
            for name in dirs:
                changed += _restrict(here / name, PRIVATE_DIR)
            for name in files:
                changed += _restrict(here / name, PRIVATE_FILE)
    for extra in also:
        for file in (extra, *(extra.with_name(extra.name + s) for s in ("-wal", "-shm", "-journal"))):
            changed += _restrict(file, PRIVATE_FILE)
    if changed:
        log.info("made %d file(s) or folder(s) of the terminal readable by their owner only", changed)
    return changed


def write_atomic(path: Path, data: str | bytes, *, mode: int = PRIVATE_FILE, durable: bool = False) -> None:
    """Write ``data`` (text as UTF-8) to a temporary file beside ``path``, then rename it over ``path``.

    Args:
        path: the file; its folder is created (``0700``) when missing.
        data: the whole new content.
        mode: exact permissions of the new file; default ``0600`` (the terminal's files are private,
            never readable by others, not even for a moment).
        durable: fsync the content before the rename (survives a power cut).

    Raises:
        OSError: the file cannot be written (the old one, if any, is left as it was).
    """
    raw = data.encode("utf-8") if isinstance(data, str) else data
    path.parent.mkdir(mode=PRIVATE_DIR, parents=True, exist_ok=True)
    # A temporary file of its own (0600 from the start): two writers of one file at once (the idle
    # probe and a request both saving the offline limits at a first start) shared one ".tmp" name,
    # and the second rename found it gone (ENOENT). Now the last rename wins, whole.
    fd, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    tmp = Path(name)
    try:
        with os.fdopen(fd, "wb") as handle:
            os.fchmod(handle.fileno(), mode)  # exactly ``mode``, whatever the umask
            handle.write(raw)
            if durable:
                handle.flush()
                os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
