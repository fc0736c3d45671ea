"""The last known state of each instrument the terminal has seen, for offline decisions.

Design: one small SQLite table (its own file beside the outbox), one row per instrument number,
overwritten whenever the server shows us the instrument (a balance lookup or an operation's result).
Offline, the policy compares a spend with this balance minus what is already queued on the card.
It is a cache: losing it only makes the offline policy less informed, so it is written with
``synchronous=NORMAL`` and never blocks an operation on failure.
"""

from __future__ import annotations

import logging
import sqlite3
import threading
import time
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

from pos_client.domain import Instrument
from pos_client.offline_policy import KnownInstrument

log = logging.getLogger(__name__)

_SCHEMA = """
CREATE TABLE IF NOT EXISTS instrument (
    number     TEXT PRIMARY KEY,
    kind       TEXT NOT NULL,
    status     TEXT NOT NULL,
    available  TEXT,
    points     INTEGER,
    currency   TEXT,
    seen_at    REAL NOT NULL
)
"""

INSERT_INSTRUMENT = (
    "INSERT OR REPLACE INTO instrument (number, kind, status, available, points, currency, seen_at) "
    "VALUES (?, ?, ?, ?, ?, ?, ?)"
)


class InstrumentCache:
    """Last seen instrument states. Thread-safe (one connection under a lock)."""

    def __init__(self, path: Path | str, *, clock: Callable[[], float] = time.time) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._clock = clock
        self._lock = threading.Lock()
        self._db = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False, timeout=10.0)
        self._db.execute("PRAGMA journal_mode = WAL")
        self._db.execute("PRAGMA synchronous = NORMAL")
        self._db.execute(_SCHEMA)

    def remember(self, instrument: Instrument) -> None:
        """Store what the server just showed (errors are logged, never raised: it is only a cache)."""
        try:
            with self._lock:
                self._db.execute(INSERT_INSTRUMENT, self._row(instrument))
        except sqlite3.Error:
            log.warning("could not cache the state of an instrument", exc_info=True)

    def _row(self, instrument: Instrument) -> tuple[object, ...]:
        """The ``instrument`` table's row for ``instrument`` (:data:`INSERT_INSTRUMENT`), seen now."""
        available = instrument.account.available if instrument.account is not None else None
        points = instrument.points.balance if instrument.points is not None else None
        return (
            instrument.number,
            instrument.kind.value,
            instrument.status.value,
            str(available) if available is not None else None,
            points,
            instrument.currency,
            self._clock(),
        )

    def known(self, number: str) -> KnownInstrument | None:
        """The last state seen of ``number``, or None."""
        with self._lock:
            row = self._db.execute(
                "SELECT status, available, points FROM instrument WHERE number = ?", (number,)
            ).fetchone()
        if row is None:
            return None
        status, available, points = row
        return KnownInstrument(
            status=str(status),
            available=Decimal(str(available)) if available is not None else None,
            points=int(points) if points is not None else None,
        )

    def close(self) -> None:
        with self._lock:
            self._db.close()
