"""The outbox file: its schema and migrations, the durability settings, and the write transaction.

- Opened with an integrity check (``PRAGMA quick_check``), write-ahead logging and
  ``synchronous=FULL``: a committed transaction survives a power cut.
- The schema version lives in ``PRAGMA user_version``; :data:`MIGRATIONS` are applied in order at
  open, each step once. A file from a newer program is refused rather than misread.
- :class:`Database` owns the one connection of a store object and its lock; every write goes through
  :meth:`Database._write` (``BEGIN IMMEDIATE`` … ``COMMIT``), which makes this process the single
  writer while it runs; other processes wait on SQLite's write lock (busy timeout). The one exception
  is the enqueue: a single INSERT, which autocommit makes a transaction of its own.
"""

from __future__ import annotations

import os
import sqlite3
import stat
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Self

from offline_queue.model import OutboxCorruptError, OutboxError

Clock = Callable[[], float]

SCHEMA_VERSION = 5
PAGE_SIZE = 1024  # bytes, for new outbox files

# Each entry migrates from version ``index`` to ``index + 1``; never edit a released entry, append.
MIGRATIONS: tuple[str, ...] = (
    """
    CREATE TABLE outbox (
        seq              INTEGER PRIMARY KEY AUTOINCREMENT,
        operation_id     TEXT    NOT NULL UNIQUE,
        instrument_key   TEXT    NOT NULL DEFAULT '',
        payload          TEXT    NOT NULL,
        amount           TEXT,
        state            TEXT    NOT NULL DEFAULT 'pending'
                         CHECK (state IN ('pending', 'sending', 'done', 'refused', 'parked', 'not_sent')),
        reported         TEXT,
        attention        INTEGER NOT NULL DEFAULT 0,
        attempts         INTEGER NOT NULL DEFAULT 0,
        created_at       REAL    NOT NULL,
        next_attempt_at  REAL    NOT NULL,
        not_before       REAL    NOT NULL DEFAULT 0,
        last_attempt_at  REAL,
        last_error       TEXT,
        response         TEXT,
        finished_at      REAL,
        owner_pid        INTEGER,
        note             TEXT,
        previous_keys    TEXT    NOT NULL DEFAULT ''
    );
    CREATE INDEX outbox_state_due ON outbox (state, next_attempt_at);
    CREATE INDEX outbox_chain ON outbox (instrument_key, state, seq);
    """,
    # 2: no AUTOINCREMENT. Its sqlite_sequence row is one more page written by every enqueue (about a
    # tenth of the enqueue rate); sequence numbers stay increasing because retention never deletes
    # the newest row (OutboxTransitions.prune_done).
    """
    CREATE TABLE outbox_v2 (
        seq              INTEGER PRIMARY KEY,
        operation_id     TEXT    NOT NULL UNIQUE,
        instrument_key   TEXT    NOT NULL DEFAULT '',
        payload          TEXT    NOT NULL,
        amount           TEXT,
        state            TEXT    NOT NULL DEFAULT 'pending'
                         CHECK (state IN ('pending', 'sending', 'done', 'refused', 'parked', 'not_sent')),
        reported         TEXT,
        attention        INTEGER NOT NULL DEFAULT 0,
        attempts         INTEGER NOT NULL DEFAULT 0,
        created_at       REAL    NOT NULL,
        next_attempt_at  REAL    NOT NULL,
        not_before       REAL    NOT NULL DEFAULT 0,
        last_attempt_at  REAL,
        last_error       TEXT,
        response         TEXT,
        finished_at      REAL,
        owner_pid        INTEGER,
        note             TEXT,
        previous_keys    TEXT    NOT NULL DEFAULT ''
    );
    INSERT INTO outbox_v2 SELECT * FROM outbox;
    DROP TABLE outbox;
    ALTER TABLE outbox_v2 RENAME TO outbox;
    CREATE INDEX outbox_state_due ON outbox (state, next_attempt_at);
    CREATE INDEX outbox_chain ON outbox (instrument_key, state, seq);
    """,
    # 3: no (state, next_attempt_at) index. Every enqueue wrote one more b-tree page for it (measured:
    # 72 → 56 µs per enqueue on tmpfs, more on a real disk); the due query walks the table in
    # sequence order and stops at its LIMIT, and retention keeps the table small.
    """
    DROP INDEX IF EXISTS outbox_state_due;
    """,
    # 4: the state CHECK as a chain of comparisons. SQLite evaluates ``state IN (six values)`` by
    # building a temporary b-tree at every INSERT and UPDATE (measured: ~10 µs of a ~65 µs enqueue on
    # tmpfs); the comparisons cost nothing. Same columns, same rows, same index.
    """
    CREATE TABLE outbox_v4 (
        seq              INTEGER PRIMARY KEY,
        operation_id     TEXT    NOT NULL UNIQUE,
        instrument_key   TEXT    NOT NULL DEFAULT '',
        payload          TEXT    NOT NULL,
        amount           TEXT,
        state            TEXT    NOT NULL DEFAULT 'pending'
                         CHECK (state = 'pending' OR state = 'sending' OR state = 'done'
                                OR state = 'refused' OR state = 'parked' OR state = 'not_sent'),
        reported         TEXT,
        attention        INTEGER NOT NULL DEFAULT 0,
        attempts         INTEGER NOT NULL DEFAULT 0,
        created_at       REAL    NOT NULL,
        next_attempt_at  REAL    NOT NULL,
        not_before       REAL    NOT NULL DEFAULT 0,
        last_attempt_at  REAL,
        last_error       TEXT,
        response         TEXT,
        finished_at      REAL,
        owner_pid        INTEGER,
        note             TEXT,
        previous_keys    TEXT    NOT NULL DEFAULT ''
    );
    INSERT INTO outbox_v4 SELECT * FROM outbox;
    DROP TABLE outbox;
    ALTER TABLE outbox_v4 RENAME TO outbox;
    CREATE INDEX outbox_chain ON outbox (instrument_key, state, seq);
    """,
    # 5: the terminal identity an operation was made under (``terminal``: a fingerprint of server,
    # loyalty group and token; never delivered under another) and whether its stored operation had
    # its personal data removed (``redacted``: it can no longer be sent). Both have defaults, so the
    # enqueue stays one INSERT; rows of older files get '' (taken as the terminal that opens them).
    """
    ALTER TABLE outbox ADD COLUMN terminal TEXT NOT NULL DEFAULT '';
    ALTER TABLE outbox ADD COLUMN redacted INTEGER NOT NULL DEFAULT 0;
    """,
)


def private_file(path: Path) -> None:
    """Make sure ``path`` exists readable by its owner only (``0600``, a new folder ``0700``).

    The outbox holds customers' details and card numbers. A file of ours that others may read (an
    older version's, a copy) is narrowed; one that is not ours is left to the terminal's start-up
    check (``pos_client.files.protect_data_dir``), which says so. The queue sits below the core, so
    this is its own few lines rather than the core's helper.
    """
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        info = path.stat()
        mine = not hasattr(os, "geteuid") or info.st_uid == os.geteuid()
        if mine and stat.S_IMODE(info.st_mode) & 0o077:
            os.chmod(path, stat.S_IMODE(info.st_mode) & 0o600)
        return
    try:
        os.fchmod(fd, 0o600)  # the mode of os.open is filtered by the umask; this is not
    finally:
        os.close(fd)


class Database:
    """One outbox file: the connection, its lock, the write transaction.

    Args:
        path: the database file (created ``0600``, with its folder ``0700``, when missing).
        clock: wall-clock seconds (persisted times must survive restarts); injectable for tests.

    Raises:
        OutboxCorruptError: the file fails ``PRAGMA quick_check`` or is not a database.
        OutboxError: the file was written by a newer schema version.
    """

    def __init__(self, path: Path | str, *, clock: Clock = time.time) -> None:
        self.path = Path(path)
        self._clock = clock
        self._lock = threading.RLock()
        # Private from its first byte: customers' details and card numbers wait here (SQLite gives
        # its -wal and -shm files the mode of the database file).
        private_file(self.path)
        self._db = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False, timeout=30.0)
        try:
            self._open()
        except sqlite3.DatabaseError as exc:
            self._db.close()
            raise OutboxCorruptError(
                f"the offline outbox {self.path} is damaged ({exc}); keep the file for support and "
                "do not delete it: it may hold operations not yet delivered"
            ) from exc
        except BaseException:
            self._db.close()
            raise

    def _open(self) -> None:
        db = self._db
        db.execute("PRAGMA busy_timeout = 30000")
        if db.execute("PRAGMA page_count").fetchone()[0] == 0:
            # A new file: small pages. A durable enqueue writes at least one page per b-tree it
            # touches (the row, the operation-id index, the per-card chain index; ~5 pages a commit
            # with their parents, measured); 1 KiB pages fsync a quarter of the bytes of the default
            # 4 KiB, for rows of a few hundred bytes.
            db.execute(f"PRAGMA page_size = {PAGE_SIZE}")
        check = [str(r[0]) for r in db.execute("PRAGMA quick_check").fetchall()]
        if check != ["ok"]:
            raise sqlite3.DatabaseError("integrity check failed: " + "; ".join(check[:5]))
        mode = db.execute("PRAGMA journal_mode = WAL").fetchone()
        if mode is None or str(mode[0]).lower() != "wal":
            raise OutboxError(f"the outbox {self.path} cannot use write-ahead logging (got {mode})")
        db.execute("PRAGMA synchronous = FULL")
        db.execute("PRAGMA foreign_keys = ON")
        self._migrate()

    def _migrate(self) -> None:
        with self._write() as db:
            version = int(db.execute("PRAGMA user_version").fetchone()[0])
            if version > SCHEMA_VERSION:
                raise OutboxError(
                    f"the outbox {self.path} was written by a newer version (schema {version}); "
                    "update this program"
                )
            for step in range(version, SCHEMA_VERSION):
                for statement in MIGRATIONS[step].split(";"):
                    if statement.strip():
                        db.execute(statement)
            if version != SCHEMA_VERSION:
                db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")

    @contextmanager
    def _write(self, *, durable: bool = True) -> Iterator[sqlite3.Connection]:
        """One write transaction: ``BEGIN IMMEDIATE`` … ``COMMIT`` (rolled back on error).

        Args:
            durable: fsync the commit (``synchronous=FULL``). Only delivery bookkeeping passes False
                (``synchronous=NORMAL``: the commit survives a crash of this process, not a power
                cut): losing it only causes a re-send under the same key, which the server answers
                from its idempotency store. The next durable commit fsyncs it along.
        """
        with self._lock:
            if not durable:
                self._db.execute("PRAGMA synchronous = NORMAL")
            try:
                self._db.execute("BEGIN IMMEDIATE")
                try:
                    yield self._db
                except BaseException:
                    self._db.execute("ROLLBACK")
                    raise
                self._db.execute("COMMIT")
            finally:
                if not durable:
                    self._db.execute("PRAGMA synchronous = FULL")

    def close(self) -> None:
        """Close the connection (idempotent)."""
        with self._lock:
            self._db.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
